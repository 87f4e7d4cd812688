"""Backend settings, read once from the environment into a frozen :class:`Config`.

| variable | default |
|---|---|
| ``DATABASE_URL`` | ``sqlite:///<repo>/var/wegwijzer.db`` |
| ``WEGWIJZER_SERVICE_TOKEN`` | ``dev-service-token`` (bearer token of the action server) |
| ``WEGWIJZER_SECRET_KEY`` | a Fernet key kept in ``<repo>/var/secret_key`` (created on first use) |
| ``BACKEND_HOST`` / ``BACKEND_PORT`` | ``127.0.0.1`` / ``8000`` |
| ``WEGWIJZER_COOKIE_SECURE`` | off (``1``/``true`` in production behind HTTPS) |
| ``WEGWIJZER_RASA_PUBLIC_URL`` | ``http://127.0.0.1:$RASA_PORT`` (Rasa as browsers reach it: the widget) |

Notifications (:class:`NotifySettings`, ``backend.notify``): ``WEGWIJZER_PUBLIC_URL`` (the
links in them), ``TELEGRAM_BOT_TOKEN``, ``TELEGRAM_API_BASE_URL``,
``WEGWIJZER_TELEGRAM_BOT_USERNAME``, ``WEGWIJZER_SMTP_*`` and ``WEGWIJZER_NOTIFY_INTERVAL``.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Optional, Tuple

from cryptography.fernet import Fernet

from backend.db import async_database_url

REPO_ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = REPO_ROOT / "var"
DEFAULT_SERVICE_TOKEN = "dev-service-token"

SMTP_SECURITY = ("starttls", "tls", "none")


@dataclass(frozen=True)
class SmtpSettings:
    """The mail server for e-mail notices. ``security``: ``starttls`` (upgrade the connection,
    usually port 587), ``tls`` (TLS from the start, usually port 465) or ``none`` (only for a
    relay on the same machine)."""

    host: str
    port: int = 587
    username: Optional[str] = None
    password: Optional[str] = field(default=None, repr=False)
    sender: str = "Wegwijzer <wegwijzer@localhost>"
    security: str = "starttls"
    timeout_seconds: float = 20.0


@dataclass(frozen=True)
class NotifySettings:
    """What the notifications need: where the dashboard is, and which channels are on.

    Telegram is on with a bot token (the same bot as the Rasa channel); e-mail with an SMTP
    host. ``interval_seconds`` is the pause of the sender loop in the backend process; 0 turns
    the loop off (then ``wegwijzer notify run-once`` from cron sends them).
    """

    public_url: str = "http://127.0.0.1:8000"
    telegram_token: Optional[str] = field(default=None, repr=False)
    telegram_api_base_url: Optional[str] = None
    telegram_bot_username: Optional[str] = None
    smtp: Optional[SmtpSettings] = None
    interval_seconds: float = 30.0

    @property
    def channels(self) -> Tuple[str, ...]:
        """The channels this deployment can send on (``models.CHANNEL_*``)."""
        return tuple(
            name for name, on in (("telegram", self.telegram_token), ("email", self.smtp)) if on
        )

    @property
    def telegram_linkable(self) -> bool:
        """Whether a user can link Telegram: a bot, and its name for the deep link."""
        return bool(self.telegram_token and self.telegram_bot_username)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> "NotifySettings":
        def value(name: str) -> Optional[str]:
            return (environ.get(name) or "").strip() or None

        backend_url = value("BACKEND_URL") or f"http://127.0.0.1:{value('BACKEND_PORT') or 8000}"
        smtp = None
        if value("WEGWIJZER_SMTP_HOST"):
            security = (value("WEGWIJZER_SMTP_SECURITY") or "starttls").lower()
            if security not in SMTP_SECURITY:
                raise ValueError(
                    f"WEGWIJZER_SMTP_SECURITY must be one of {', '.join(SMTP_SECURITY)}, "
                    f"not {security!r}"
                )
            default_port = 465 if security == "tls" else 587
            smtp = SmtpSettings(
                host=value("WEGWIJZER_SMTP_HOST"),
                port=_number(environ, "WEGWIJZER_SMTP_PORT", default_port, int),
                username=value("WEGWIJZER_SMTP_USER"),
                password=value("WEGWIJZER_SMTP_PASSWORD"),
                sender=value("WEGWIJZER_SMTP_FROM") or SmtpSettings.sender,
                security=security,
            )
        return cls(
            public_url=(value("WEGWIJZER_PUBLIC_URL") or backend_url).rstrip("/"),
            telegram_token=value("TELEGRAM_BOT_TOKEN"),
            telegram_api_base_url=value("TELEGRAM_API_BASE_URL"),
            telegram_bot_username=(value("WEGWIJZER_TELEGRAM_BOT_USERNAME") or "").lstrip("@")
            or None,
            smtp=smtp,
            interval_seconds=_number(environ, "WEGWIJZER_NOTIFY_INTERVAL", 30.0, float),
        )


def _number(environ: Mapping[str, str], name: str, default, kind):
    text = (environ.get(name) or "").strip()
    if not text:
        return default
    try:
        number = kind(text)
    except ValueError:
        raise ValueError(f"{name} must be a number, not {text!r}") from None
    if number < 0:
        raise ValueError(f"{name} must not be negative")
    return number


@dataclass(frozen=True)
class Config:
    database_url: str
    service_token: str = DEFAULT_SERVICE_TOKEN
    secret_key: str = ""
    host: str = "127.0.0.1"
    port: int = 8000
    cookie_secure: bool = False
    rasa_public_url: str = "http://127.0.0.1:5005"
    notify: NotifySettings = field(default_factory=NotifySettings)

    def __post_init__(self) -> None:
        # Normalise here too, so a Config built by hand (tests) behaves like one from the env.
        # Built by hand without a secret key, it gets a random one (sessions end with the process).
        object.__setattr__(self, "database_url", async_database_url(self.database_url))
        if not self.secret_key:
            object.__setattr__(self, "secret_key", Fernet.generate_key().decode("ascii"))
        _check_fernet_key(self.secret_key)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> "Config":
        port = _number(environ, "BACKEND_PORT", 8000, int)
        notify = NotifySettings.from_env(environ)  # checked before a dev key is written
        return cls(
            database_url=database_url_from_env(environ),
            service_token=environ.get("WEGWIJZER_SERVICE_TOKEN") or DEFAULT_SERVICE_TOKEN,
            secret_key=environ.get("WEGWIJZER_SECRET_KEY") or _dev_secret_key(),
            host=environ.get("BACKEND_HOST") or "127.0.0.1",
            port=port,
            cookie_secure=_truthy(environ.get("WEGWIJZER_COOKIE_SECURE", "")),
            rasa_public_url=environ.get("WEGWIJZER_RASA_PUBLIC_URL")
            or f"http://127.0.0.1:{environ.get('RASA_PORT') or 5005}",
            notify=notify,
        )


def database_url_from_env(environ: Mapping[str, str] = os.environ) -> str:
    """``DATABASE_URL`` normalised to its async driver, or the embedded SQLite file."""
    url = environ.get("DATABASE_URL")
    if not url:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{VAR_DIR / 'wegwijzer.db'}"
    return async_database_url(url)


def _truthy(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _check_fernet_key(key: str) -> None:
    try:
        Fernet(key)
    except (ValueError, TypeError):
        raise ValueError(
            "WEGWIJZER_SECRET_KEY is not a Fernet key (urlsafe base64 of 32 bytes). Make one with: "
            "python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'"
        ) from None


def _dev_secret_key() -> str:
    """Read ``var/secret_key``, creating it (mode 0600) so dev sessions survive a restart."""
    path = VAR_DIR / "secret_key"
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        key = Fernet.generate_key().decode("ascii")
        handle.write(key + "\n")
    return key
