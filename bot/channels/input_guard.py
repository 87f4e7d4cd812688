"""What every input channel checks in a person's message before Rasa reads it.

- **Too long.** Over :data:`MAX_MESSAGE_CHARS` characters the message is not read at all: the
  NLU pipeline's cost grows with the length, the whole text would be kept in the tracker and
  sent on to the action server, and the backend takes at most 10,000 characters for what
  happened (Rasa's own channel read 100,000 characters and answered "Sorry, dat begreep ik
  niet goed", the text lost without a word why). The person hears why, in Dutch, and is asked
  to send it in shorter parts: nothing is dropped silently.
- **Characters no store can keep.** Control characters (other than line breaks and tabs) and
  lone UTF-16 surrogates (JSON ``"\\ud800"``) are removed or replaced: PostgreSQL's ``text``
  refuses NUL, and a lone surrogate cannot be encoded as UTF-8 by any store or HTTP client.
- **Nothing to read.** A message that is empty once cleaned gets a short Dutch prompt instead
  of a silent turn.

Used by the REST channel (``bot.channels.rest``) and the socket.io channel of the web widget
(``bot.socketio_channel``); Telegram caps a message at 4,096 characters itself.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Optional

from rasa.core.channels.channel import UserMessage

# Generous for a story told in one go (the backend keeps up to 10,000 for "wat gebeurd",
# gathered over several messages), far below what slows the pipeline down.
MAX_MESSAGE_CHARS = 5000

# C0 and C1 control characters except tab, line feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _thousands(number: int) -> str:
    """``100000`` → ``100.000`` (Dutch digit grouping)."""
    return f"{number:,}".replace(",", ".")


def too_long_reply(length: int) -> str:
    # Neither "je" nor "u": the channel does not know how the bot addresses this person.
    return (
        f"Dit bericht is te lang voor mij: het heeft {_thousands(length)} tekens en ik kan er "
        f"{_thousands(MAX_MESSAGE_CHARS)} tegelijk lezen. Ik heb het daarom niet gelezen. "
        "Stuur het in kortere stukken, dan lees ik alles."
    )


EMPTY_REPLY = "Ik zie geen tekst in dit bericht. Typ gerust wat er aan de hand is."


def clean_text(text: str) -> str:
    """Without control characters; a lone surrogate becomes U+FFFD."""
    return _SURROGATE.sub("\ufffd", _CONTROL.sub("", text))


@dataclass(frozen=True)
class Checked:
    """The message to hand to Rasa (``text``), or the answer to give instead (``reply``)."""

    text: Optional[str] = None
    reply: Optional[str] = None


def check_message(text: str) -> Checked:
    if len(text) > MAX_MESSAGE_CHARS:
        return Checked(reply=too_long_reply(len(text)))
    cleaned = clean_text(text)
    if not cleaned.strip():
        return Checked(reply=EMPTY_REPLY)
    return Checked(text=cleaned)


def guarded(
    on_new_message: Callable[[UserMessage], Awaitable[Any]]
) -> Callable[[UserMessage], Awaitable[Any]]:
    """``on_new_message`` behind :func:`check_message`: for a channel that builds the
    ``UserMessage`` itself (socket.io). A message that is not read gets its Dutch reply on the
    message's own output channel."""

    async def handle(message: UserMessage) -> Any:
        checked = check_message(message.text if isinstance(message.text, str) else "")
        if checked.reply is not None:
            if message.output_channel is not None:
                await message.output_channel.send_text_message(message.sender_id, checked.reply)
            return None
        message.text = checked.text
        return await on_new_message(message)

    return handle
