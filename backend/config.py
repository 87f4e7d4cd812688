"""Backend settings, read once from the environment into a frozen :class:`Config`.

| variable | default |
|---|---|
| ``DATABASE_URL`` | ``sqlite:///<repo>/var/wegwijzer.db`` |
| ``WEGWIJZER_SERVICE_TOKEN`` | ``dev-service-token`` (bearer token of the action server) |
| ``WEGWIJZER_SECRET_KEY`` | a Fernet key kept in ``<repo>/var/secret_key`` (created on first use) |
| ``WEGWIJZER_DATA_KEYS`` | Fernet keys, comma-separated, kept in ``<repo>/var/data_keys`` (see ``shared.crypto``) |
| ``WEGWIJZER_RETENTION_DAYS`` | ``365``: closed intakes older than this are purged (``wegwijzer retention purge``) |
| ``BACKEND_HOST`` / ``BACKEND_PORT`` | ``127.0.0.1`` / ``8000`` |
| ``WEGWIJZER_COOKIE_SECURE`` | off (``1``/``true`` in production behind HTTPS) |
| ``WEGWIJZER_RASA_PUBLIC_URL`` | ``http://127.0.0.1:$RASA_PORT`` (Rasa as browsers reach it: the widget) |
| ``WEGWIJZER_RASA_URL`` | ``http://127.0.0.1:$RASA_PORT`` (Rasa as the backend reaches it: "new message" pushes) |
| ``RASA_AUTH_TOKEN`` | ``dev-rasa-token`` (token of Rasa's HTTP API) |
| ``WEGWIJZER_SIGNING_KEY`` | an Ed25519 key kept in ``<repo>/var/signing_key`` (signs reporters' copies) |
| ``WEGWIJZER_PUBLIC_URL`` | the address of the request (the backend as browsers reach it: links on a copy) |
| ``WEGWIJZER_REPORT_MIN_COUNT`` | ``5``: in the yearly report, smaller counts show as ``< 5`` (at least 3) |
| ``WEGWIJZER_WIDGET_ORIGINS`` | none: origins (``https://www.school.nl``, space-separated) that may frame the route pages and the demo page |
| ``WEGWIJZER_TRUSTED_PROXIES`` | none: proxy addresses or networks (``127.0.0.1 ::1``, ``10.0.0.0/8``) whose ``X-Forwarded-For`` / ``X-Real-IP`` name the client (the production profile: loopback, where nginx is) |

Notifications (:class:`NotifySettings`, ``backend.jobs.notify``): ``WEGWIJZER_PUBLIC_URL`` (the
links in them), ``TELEGRAM_BOT_TOKEN``, ``TELEGRAM_API_BASE_URL``,
``WEGWIJZER_TELEGRAM_BOT_USERNAME``, ``WEGWIJZER_SMTP_*`` and ``WEGWIJZER_NOTIFY_INTERVAL``.

A ``Config`` built by hand has no ``rasa_url``: no pushes (the tests set one when they want them).
"""
from __future__ import annotations

import ipaddress
import os
import re
from dataclasses import dataclass, field
from typing import List, Mapping, Optional, Tuple, Union

from cryptography.fernet import Fernet

from backend.db import async_database_url
from backend.documents import verification
from shared import settings as shared_settings

DEFAULT_SERVICE_TOKEN = "dev-service-token"
DEFAULT_RETENTION_DAYS = 365
DEFAULT_RASA_TOKEN = "dev-rasa-token"
# The yearly report shows smaller counts as "< 5" (see ``backend.rules.reports``).
DEFAULT_REPORT_MIN_COUNT = 5
MIN_REPORT_MIN_COUNT = 3

SMTP_SECURITY = ("starttls", "tls", "none")
Network = Union[ipaddress.IPv4Network, ipaddress.IPv6Network]


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
                port=shared_settings.number_from_env(environ, "WEGWIJZER_SMTP_PORT", default_port),
                username=value("WEGWIJZER_SMTP_USER"),
                password=value("WEGWIJZER_SMTP_PASSWORD"),
                sender=value("WEGWIJZER_SMTP_FROM") or SmtpSettings.sender,
                security=security,
            )
        return cls(
            public_url=shared_settings.public_url_from_env(environ),
            telegram_token=value("TELEGRAM_BOT_TOKEN"),
            telegram_api_base_url=value("TELEGRAM_API_BASE_URL"),
            telegram_bot_username=(value("WEGWIJZER_TELEGRAM_BOT_USERNAME") or "").lstrip("@")
            or None,
            smtp=smtp,
            interval_seconds=shared_settings.number_from_env(environ, "WEGWIJZER_NOTIFY_INTERVAL", 30.0, kind=float),
        )


@dataclass(frozen=True)
class Config:
    database_url: str
    service_token: str = DEFAULT_SERVICE_TOKEN
    secret_key: str = ""
    host: str = "127.0.0.1"
    port: int = 8000
    cookie_secure: bool = False
    rasa_public_url: str = "http://127.0.0.1:5005"
    # Where the backend asks Rasa to tell a reporter about a new message; None: never.
    rasa_url: Optional[str] = None
    rasa_token: str = DEFAULT_RASA_TOKEN
    # Ed25519 private key (base64 of 32 bytes) that signs the reporters' copies.
    signing_key: str = ""
    # The backend as browsers reach it; empty: the address each request came in on.
    public_url: str = ""
    report_min_count: int = DEFAULT_REPORT_MIN_COUNT
    notify: NotifySettings = field(default_factory=NotifySettings)
    # The schools' websites that may embed the embeddable pages (CSP frame-ancestors).
    widget_origins: Tuple[str, ...] = ()
    # Proxies whose forwarding headers are believed (``backend.middlewares.client_address``).
    trusted_proxies: Tuple[Network, ...] = ()

    def __post_init__(self) -> None:
        # Normalise here too, so a Config built by hand (tests) behaves like one from the env.
        # Built by hand without keys, it gets random ones (sessions and copies end with the
        # process).
        object.__setattr__(self, "database_url", async_database_url(self.database_url))
        if self.report_min_count < MIN_REPORT_MIN_COUNT:
            raise ValueError(
                f"WEGWIJZER_REPORT_MIN_COUNT must be at least {MIN_REPORT_MIN_COUNT}, "
                f"not {self.report_min_count}"
            )
        if not self.secret_key:
            object.__setattr__(self, "secret_key", Fernet.generate_key().decode("ascii"))
        shared_settings.check_fernet_key(self.secret_key)
        if not self.signing_key:
            object.__setattr__(self, "signing_key", verification.generate_private_key())
        verification.load_private_key(self.signing_key)  # ValueError with a hint when wrong
        object.__setattr__(self, "public_url", self.public_url.rstrip("/"))
        object.__setattr__(self, "widget_origins", parse_origins(" ".join(self.widget_origins)))
        object.__setattr__(self, "trusted_proxies", tuple(
            ipaddress.ip_network(proxy, strict=False) if isinstance(proxy, str) else proxy
            for proxy in self.trusted_proxies
        ))

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> "Config":
        port = shared_settings.number_from_env(environ, "BACKEND_PORT", 8000)
        notify = NotifySettings.from_env(environ)  # checked before a dev key is written
        rasa_port = environ.get("RASA_PORT") or 5005
        return cls(
            database_url=database_url_from_env(environ),
            service_token=environ.get("WEGWIJZER_SERVICE_TOKEN") or DEFAULT_SERVICE_TOKEN,
            secret_key=environ.get("WEGWIJZER_SECRET_KEY") or _dev_secret_key(),
            host=environ.get("BACKEND_HOST") or "127.0.0.1",
            port=port,
            cookie_secure=_truthy(environ.get("WEGWIJZER_COOKIE_SECURE", "")),
            rasa_public_url=environ.get("WEGWIJZER_RASA_PUBLIC_URL")
            or f"http://127.0.0.1:{rasa_port}",
            rasa_url=environ.get("WEGWIJZER_RASA_URL") or f"http://127.0.0.1:{rasa_port}",
            rasa_token=environ.get("RASA_AUTH_TOKEN") or DEFAULT_RASA_TOKEN,
            signing_key=environ.get("WEGWIJZER_SIGNING_KEY") or _dev_signing_key(),
            public_url=shared_settings.public_url_from_env(environ, fallback=""),
            report_min_count=shared_settings.number_from_env(
                environ, "WEGWIJZER_REPORT_MIN_COUNT", DEFAULT_REPORT_MIN_COUNT
            ),
            notify=notify,
            widget_origins=parse_origins(environ.get("WEGWIJZER_WIDGET_ORIGINS") or ""),
            trusted_proxies=parse_proxies(environ.get("WEGWIJZER_TRUSTED_PROXIES") or ""),
        )


def parse_proxies(text: str) -> Tuple[Network, ...]:
    """``WEGWIJZER_TRUSTED_PROXIES``: addresses or networks, separated by spaces or commas.
    ``ValueError`` naming the first one that is neither."""
    networks = []
    for item in text.replace(",", " ").split():
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ValueError(
                f"WEGWIJZER_TRUSTED_PROXIES: {item!r} is not an IP address or network "
                "(e.g. '127.0.0.1 ::1' or '10.0.0.0/8')"
            ) from None
    return tuple(networks)


_ORIGIN = re.compile(
    r"^(https?)://(\*\.)?([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*)"
    r"(:[0-9]{1,5})?/?$"
)


def parse_origins(text: str, variable: str = "WEGWIJZER_WIDGET_ORIGINS") -> Tuple[str, ...]:
    """Space-separated origins (``https://www.school.nl``, ``http://localhost:8080``, also
    ``https://*.school.nl`` for every subdomain) → a tuple without duplicates, in lower case and
    without a trailing slash. ``ValueError`` naming the first one that is not an origin: a
    path, a query, a quote or a keyword such as ``*`` would widen or break the policy."""
    origins: List[str] = []
    for item in text.split():
        origin = item.lower()
        match = _ORIGIN.match(origin)
        if match is None or (match.group(4) and int(match.group(4)[1:]) > 65535):
            raise ValueError(
                f"{variable}: {item!r} is not an origin. Give scheme and host (and a port when "
                "needed), nothing else, separated by spaces, e.g. "
                "'https://www.school.nl https://*.scholengroep.nl'"
            )
        origin = origin.rstrip("/")
        if origin not in origins:
            origins.append(origin)
    return tuple(origins)


def database_url_from_env(environ: Mapping[str, str] = os.environ) -> str:
    """``DATABASE_URL`` normalised to its async driver, or the embedded SQLite file."""
    url = environ.get("DATABASE_URL")
    if not url:
        shared_settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{shared_settings.VAR_DIR / 'wegwijzer.db'}"
    return async_database_url(url)


def _truthy(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


def retention_days_from_env(environ: Mapping[str, str] = os.environ) -> int:
    """``WEGWIJZER_RETENTION_DAYS``: days a closed intake is kept (a whole number, at least 1)."""
    text = (environ.get("WEGWIJZER_RETENTION_DAYS") or "").strip()
    if not text:
        return DEFAULT_RETENTION_DAYS
    try:
        days = int(text)
    except ValueError:
        days = 0
    if days < 1:
        raise ValueError(
            f"WEGWIJZER_RETENTION_DAYS must be a whole number of days, at least 1, not {text!r}"
        )
    return days


def _dev_secret_key() -> str:
    """Read ``var/secret_key``, creating it (mode 0600) so dev sessions survive a restart."""
    return shared_settings.dev_key_file("secret_key")


def _dev_signing_key() -> str:
    """``var/signing_key``, so copies made in development stay verifiable across restarts."""
    return shared_settings.dev_key_file("signing_key", verification.generate_private_key)
