"""A verifiable reporter's copy (issue 9): every copy carries its making time and a verification
code; the backend keeps, per code, the school, the time, a SHA-256 of the copy's text and an
Ed25519 signature over those (``cryptography``), so that a committee or board can check that a
copy is genuine and unchanged without seeing anything of its content.

Pure functions (no database, no web): codes, the canonical form of a copy and its digest, the
signed message, signing and checking, and reading the text back out of an uploaded PDF or text.

The canonical form is what a copy *says*, robust to how it travelled: the PDF wraps lines and
splits long words, a PDF viewer's copy-paste adds or drops spaces, the text copy has underlines
the PDF does not. So it is the text's printable characters without any whitespace, without the
underline and divider lines and without the PDF's page footers; characters the PDF's font
cannot show (emoji, for one) count as absent on both sides. Changing, adding or removing a word
changes it.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import io
import re
import secrets
import unicodedata
from datetime import datetime, timezone
from typing import Optional

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from wegwijzer.vocab import CODE_ALPHABET

# Two groups of five (not the receipt code's three of four, so the two are never confused):
# about 49 random bits, short enough to type from paper.
CODE_GROUP_LENGTH = 5
CODE_GROUPS = 2
CODE_LENGTH = CODE_GROUP_LENGTH * CODE_GROUPS
_CODE_CHARS = frozenset(CODE_ALPHABET)
# The code as it is printed on a copy ("· verificatiecode K7QM3-XDA9T", in English
# "· verification code K7QM3-XDA9T"), found in any case and
# with the dash or spaces a PDF viewer's copy-paste may add.
CODE_ON_COPY = re.compile(
    r"(?:verificatiecode|verification\s+code)\s*([0-9A-Za-z]{5})\s*-?\s*([0-9A-Za-z]{5})"
    r"(?![0-9A-Za-z])", re.IGNORECASE
)
SIGNED_VERSION = "wegwijzer-kopie-v1"
# The PDF's page footer, wherever a copy-paste put it.
# (Dutch, or English for a conversation held in English: backend.documents.reporter_texts.)
PDF_FOOTER = re.compile(
    r"Wegwijzer\s*·\s*(?:Kopie\s+van\s+de\s+melding|Copy\s+of\s+the\s+report)"
    r"(?:\s*·\s*(?:verificatiecode|verification\s+code)\s*[0-9A-Za-z-]+)?"
    r"\s*·\s*(?:pagina|page)\s*\d+"
)
_DECORATION = re.compile(r"^[\s=\-*]*$")  # underlines, the letter's divider, empty lines


def generate_code() -> str:
    """A fresh verification code such as ``K7QM3-XDA9T`` (cryptographically random)."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return _grouped(raw)


def normalise_code(text: str) -> Optional[str]:
    """The canonical form of a typed code (any case, dash or spaces optional), or ``None``."""
    raw = re.sub(r"[\s\-]", "", text or "").upper()
    if len(raw) != CODE_LENGTH or not set(raw) <= _CODE_CHARS:
        return None
    return _grouped(raw)


def _grouped(raw: str) -> str:
    return "-".join(raw[i:i + CODE_GROUP_LENGTH] for i in range(0, len(raw), CODE_GROUP_LENGTH))


def code_in_copy(text: str) -> Optional[str]:
    """The verification code printed on a copy (the first one), canonical; ``None`` if absent."""
    for match in CODE_ON_COPY.finditer(text or ""):
        code = normalise_code(match.group(1) + match.group(2))
        if code is not None:
            return code
    return None


# --- the canonical text and its digest ---------------------------------------------------------

def _kept(char: str) -> bool:
    if char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn"):
        return False
    try:
        char.encode("cp1252")  # what the PDF's built-in font can show
    except UnicodeEncodeError:
        return False
    return True


def canonical_text(text: str) -> str:
    text = PDF_FOOTER.sub(" ", unicodedata.normalize("NFC", text or ""))
    lines = [line for line in text.splitlines() if not _DECORATION.match(line)]
    return "".join(char for line in lines for char in line if _kept(char))


def digest(text: str) -> str:
    """SHA-256 (hex) of the copy's canonical text."""
    return hashlib.sha256(canonical_text(text).encode("utf-8")).hexdigest()


# --- signing -----------------------------------------------------------------------------------

def signed_message(code: str, school_slug: str, created_at: datetime, text_sha256: str) -> bytes:
    """What the signature covers: the code, the school, the making time and the text's digest."""
    moment = created_at.astimezone(timezone.utc).replace(microsecond=0).isoformat()
    return "\n".join((SIGNED_VERSION, code, school_slug, moment, text_sha256)).encode("utf-8")


def generate_private_key() -> str:
    """A new Ed25519 private key as base64 of its 32 raw bytes (for WEGWIJZER_SIGNING_KEY)."""
    raw = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    return base64.b64encode(raw).decode("ascii")


def load_private_key(text: str) -> Ed25519PrivateKey:
    """The key from its base64 form; ``ValueError`` saying how to make one when it is not."""
    try:
        raw = base64.b64decode((text or "").strip(), validate=True)
        return Ed25519PrivateKey.from_private_bytes(raw)
    except (binascii.Error, ValueError):
        raise ValueError(
            "WEGWIJZER_SIGNING_KEY is not an Ed25519 key (base64 of 32 bytes). Make one with: "
            "python -c 'from backend.documents.verification import generate_private_key; "
            "print(generate_private_key())'"
        ) from None


def sign(key: Ed25519PrivateKey, message: bytes) -> str:
    return base64.b64encode(key.sign(message)).decode("ascii")


def signature_valid(public_key: Ed25519PublicKey, signature: str, message: bytes) -> bool:
    try:
        public_key.verify(base64.b64decode(signature, validate=True), message)
    except (InvalidSignature, binascii.Error, ValueError):
        return False
    return True


# --- what was uploaded -------------------------------------------------------------------------

class UnreadableCopy(ValueError):
    """Neither a PDF we can read nor UTF-8 text, or more than a copy can be."""


# A reporter's copy is a few pages of text: anything much larger is not one, and is not read.
MAX_UPLOAD_BYTES = 512 * 1024
MAX_PAGES = 30
MAX_TEXT_CHARS = 200_000


def text_of_upload(body: bytes) -> str:
    """The text of an uploaded copy: a PDF's text (pypdf), or the bytes as UTF-8 text.
    Refuses (:class:`UnreadableCopy`) a body over :data:`MAX_UPLOAD_BYTES`, a PDF over
    :data:`MAX_PAGES` pages and text over :data:`MAX_TEXT_CHARS`. CPU-bound: call it through
    :func:`read_upload`, off the event loop."""
    if len(body) > MAX_UPLOAD_BYTES:
        raise UnreadableCopy("too large")
    if body.lstrip()[:5] == b"%PDF-":
        import pypdf  # only here: reading PDFs is rare next to making them
        from pypdf.errors import PyPdfError

        try:
            reader = pypdf.PdfReader(io.BytesIO(body))
            if len(reader.pages) > MAX_PAGES:
                raise UnreadableCopy("too many pages")
            parts, size = [], 0
            for page in reader.pages:
                parts.append(page.extract_text() or "")
                size += len(parts[-1])
                if size > MAX_TEXT_CHARS:
                    raise UnreadableCopy("too much text")
            return "\n".join(parts)
        except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
            if isinstance(exc, UnreadableCopy):
                raise
            raise UnreadableCopy(type(exc).__name__) from None
    if len(body) > MAX_TEXT_CHARS * 4:
        raise UnreadableCopy("too much text")
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableCopy("not utf-8") from None


async def read_upload(body: bytes) -> str:
    """:func:`text_of_upload` in a worker thread: parsing a PDF never stalls other requests."""
    import asyncio

    return await asyncio.to_thread(text_of_upload, body)
