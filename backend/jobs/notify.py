"""Notifications: contact persons hear of a new intake, and of an overdue next step, on
Telegram and (when they want it) by e-mail.

The outbox (``models.Notification``) is filled in the same transaction that stores the intake
(``store.intakes.create_intake``); reminders are put in it once per step and day
(``store.notifications.enqueue_reminders``). :func:`run_once` sends what is due: each notice is
taken with a lease, sent, and marked sent, or tried again later with a growing pause when
Telegram or the mail server does not answer. A failing channel loses nothing and stops nothing else. The
backend runs :func:`run_once` every ``WEGWIJZER_NOTIFY_INTERVAL`` seconds (:class:`NotifyJob`,
a ``shared.jobs.Job`` started by ``create_app``), and at once when an intake arrives;
``wegwijzer notify run-once`` does one pass from the command line (cron).

A notice holds no personal details: only the school's name and a link to the dashboard, where
the contact person logs in. Nothing about the intake or the recipient is logged, only ids and
the kind of an error.
"""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from typing import AsyncIterator, Dict, List, Optional

import aiosmtplib
from aiohttp import web
from sqlalchemy.orm import sessionmaker
from telegram import Bot
from telegram.error import BadRequest, Forbidden, TelegramError

from backend import keys, store
from backend.config import NotifySettings, SmtpSettings
from backend.rules import casework
from backend.models import (
    CHANNEL_EMAIL, CHANNEL_TELEGRAM, NOTICE_NEW_INTAKE, Notification, User, utcnow,
)
from shared import jobs

log = logging.getLogger(__name__)

# How long a sender may take over one notice before another may try it (a crash mid-send).
LEASE = timedelta(minutes=5)
# The pause before the n-th retry: 30 s, 1, 2, 4 … minutes, at most an hour; never given up
# for a channel that is down (a permanent refusal, such as a blocked bot, is given up).
FIRST_RETRY = timedelta(seconds=30)
MAX_RETRY = timedelta(hours=1)
BATCH = 100

NEW_INTAKE_TEXT = "Er is een nieuwe melding voor {school}. Bekijk de melding in Wegwijzer: {link}"
REMINDER_TEXT = (
    "Een vervolgstap is over tijd, bij een melding voor {school}. "
    "Bekijk de melding in Wegwijzer: {link}"
)
SUBJECTS = {NOTICE_NEW_INTAKE: "Nieuwe melding in Wegwijzer"}
REMINDER_SUBJECT = "Vervolgstap over tijd in Wegwijzer"
MAIL_FOOTER = (
    "Je krijgt dit bericht omdat je e-mailberichten hebt aangezet in Wegwijzer. "
    "Uitzetten kan op de pagina ‘Je account’."
)

# Why a notice was given up without trying (``Notification.last_error``).
NOT_LINKED = "niet_meer_gekoppeld"
OPTED_OUT = "email_uitgezet"
INACTIVE = "account_gedeactiveerd"


class SendFailed(Exception):
    """Sending did not work. ``kind`` is what is stored and logged (never the error's text,
    which may hold an address); ``permanent`` when trying again cannot help."""

    def __init__(self, kind: str, permanent: bool = False) -> None:
        super().__init__(kind)
        self.kind = kind
        self.permanent = permanent


def retry_delay(attempts: int) -> timedelta:
    """The pause after the ``attempts``-th failed try."""
    return min(FIRST_RETRY * (2 ** max(attempts - 1, 0)), MAX_RETRY)


def dashboard_link(settings: NotifySettings, notification: Notification) -> str:
    link = f"{settings.public_url}/dashboard/meldingen/{notification.intake_id}"
    return link if notification.kind == NOTICE_NEW_INTAKE else f"{link}#vervolgstappen"


def notice_text(settings: NotifySettings, notification: Notification) -> str:
    """What the notice says: the school and a link, nothing about the intake itself."""
    template = NEW_INTAKE_TEXT if notification.kind == NOTICE_NEW_INTAKE else REMINDER_TEXT
    return template.format(
        school=notification.intake.school.name, link=dashboard_link(settings, notification)
    )


class TelegramSender:
    """Sends to linked chats through the deployment's bot (the Rasa channel's bot), made on
    first use in a pass. When Telegram cannot be reached, the rest of the pass fails at once
    with the same kind instead of waiting on every notice."""

    def __init__(self, settings: NotifySettings) -> None:
        self._settings = settings
        self._bot: Optional[Bot] = None
        self._broken: Optional[SendFailed] = None

    async def send(self, user: User, text: str) -> None:
        if user.telegram_chat_id is None:
            raise SendFailed(NOT_LINKED, permanent=True)
        if self._broken is not None:
            raise self._broken
        try:
            bot = await self._ready_bot()
            await bot.send_message(user.telegram_chat_id, text)
        except (Forbidden, BadRequest) as error:  # blocked the bot, chat gone: this chat only
            raise SendFailed(type(error).__name__, permanent=True) from None
        except TelegramError as error:  # unreachable, a server error: try again later
            raise SendFailed(type(error).__name__) from None

    async def _ready_bot(self) -> Bot:
        """The initialised bot; when that fails (Telegram unreachable, a bad token), every
        notice of this pass fails with the same kind, at once."""
        if self._bot is not None:
            return self._bot
        base = self._settings.telegram_api_base_url
        bot = Bot(self._settings.telegram_token, **({"base_url": base} if base else {}))
        try:
            await bot.initialize()  # getMe: checks the token
        except TelegramError as error:
            # Not the error's text: InvalidToken's holds the token.
            self._broken = SendFailed(type(error).__name__)
            await bot.shutdown()
            raise self._broken from None
        self._bot = bot
        return bot

    async def close(self) -> None:
        if self._bot is not None:
            bot, self._bot = self._bot, None
            try:
                await bot.shutdown()
            except TelegramError:
                pass


class EmailSender:
    """Sends over SMTP (aiosmtplib), one connection per message."""

    def __init__(self, smtp: SmtpSettings) -> None:
        self._smtp = smtp
        self._broken: Optional[SendFailed] = None

    def message(self, user: User, subject: str, text: str) -> EmailMessage:
        message = EmailMessage()
        message["From"] = self._smtp.sender
        message["To"] = user.email
        message["Subject"] = subject
        message.set_content(f"Hallo,\n\n{text}\n\n{MAIL_FOOTER}\n")
        return message

    async def send(self, user: User, subject: str, text: str) -> None:
        if not user.notify_email:
            raise SendFailed(OPTED_OUT, permanent=True)
        if self._broken is not None:
            raise self._broken
        smtp = self._smtp
        try:
            await aiosmtplib.send(
                self.message(user, subject, text),
                hostname=smtp.host,
                port=smtp.port,
                username=smtp.username,
                password=smtp.password,
                use_tls=smtp.security == "tls",
                start_tls=True if smtp.security == "starttls" else False,
                timeout=smtp.timeout_seconds,
            )
        except (aiosmtplib.SMTPRecipientsRefused, aiosmtplib.SMTPRecipientRefused) as error:
            # This address only; it can be fixed in the account, then the next notice arrives.
            raise SendFailed(type(error).__name__, permanent=True) from None
        except (aiosmtplib.SMTPException, OSError, asyncio.TimeoutError) as error:
            # The server, its login or the network: the same for every notice, for now.
            self._broken = SendFailed(type(error).__name__)
            raise self._broken from None


@dataclass
class Outcome(jobs.Outcome):
    """What one pass did."""

    reminders: int = 0
    sent: int = 0
    failed: int = 0  # to be tried again
    given_up: int = 0
    pending: int = 0  # after the pass: not sent yet, also those waiting for a retry


async def run_once(
    db: sessionmaker, settings: NotifySettings, now: Optional[datetime] = None
) -> Outcome:
    """One pass: put today's reminders in the outbox, then send every notice that is due."""
    now = now or utcnow()
    outcome = Outcome()
    channels = settings.channels
    if not channels:
        return outcome
    today = now.astimezone(casework.LOCAL_TZ).date()
    outcome.reminders = await store.notifications.enqueue_reminders(db, today, channels, now)
    telegram = TelegramSender(settings) if settings.telegram_token else None
    email = EmailSender(settings.smtp) if settings.smtp is not None else None
    try:
        for notification in await store.notifications.due_notifications(db, channels, now, BATCH):
            if not await store.notifications.claim_notification(
                db, notification.id, now, now + LEASE
            ):
                continue  # another sender has it
            attempts = notification.attempts + 1
            try:
                await _send(notification, settings, telegram, email)
            except SendFailed as failure:
                retry_at = None if failure.permanent else now + retry_delay(attempts)
                await store.notifications.finish_notification(
                    db, notification.id, utcnow(), error=failure.kind, retry_at=retry_at
                )
                if failure.permanent:
                    outcome.given_up += 1
                else:
                    outcome.failed += 1
                log.warning(
                    "notification %s (%s) not sent: %s (attempt %d, %s)", notification.id,
                    notification.channel, failure.kind, attempts,
                    "given up" if failure.permanent else "will retry",
                )
            else:
                await store.notifications.finish_notification(db, notification.id, utcnow())
                outcome.sent += 1
    finally:
        if telegram is not None:
            await telegram.close()
    outcome.pending = await store.notifications.count_pending_notifications(db, channels)
    return outcome


async def _send(
    notification: Notification,
    settings: NotifySettings,
    telegram: Optional[TelegramSender],
    email: Optional[EmailSender],
) -> None:
    user = notification.user
    if not user.active:
        raise SendFailed(INACTIVE, permanent=True)
    text = notice_text(settings, notification)
    if notification.channel == CHANNEL_TELEGRAM and telegram is not None:
        await telegram.send(user, text)
    elif notification.channel == CHANNEL_EMAIL and email is not None:
        subject = SUBJECTS.get(notification.kind, REMINDER_SUBJECT)
        await email.send(user, subject, text)
    else:  # due_notifications only returns the channels this deployment has
        raise SendFailed("kanaal_uit")


# --- the sender loop in the backend process --------------------------------------------------

WAKE = web.AppKey("notify_wake", asyncio.Event)


def wake(app: web.Application) -> None:
    """Let the loop send now (a new intake), instead of at the end of its pause."""
    event = app.get(WAKE)
    if event is not None:
        event.set()


class NotifyJob(jobs.Job):
    """:func:`run_once` every ``interval_seconds``, or sooner when woken (a new intake); a
    failing pass is logged and the loop goes on (it must never take the backend down)."""

    name = "notifications"

    def __init__(self, db: sessionmaker, settings: NotifySettings) -> None:
        super().__init__(settings.interval_seconds)
        self.db, self.settings = db, settings

    def started(self) -> str:
        return f"sending on {', '.join(self.settings.channels)}"

    async def run_once(self) -> Outcome:
        return await run_once(self.db, self.settings)


# How long the backend waits, when it stops, for a pass to finish (one that hangs on a dead
# server is cancelled then; a notice it had taken is tried again after its lease).
STOP_GRACE_SECONDS = 10


async def notifications_ctx(app: web.Application) -> AsyncIterator[None]:
    """``cleanup_ctx`` of the app: the sender loop, when a channel is on and the interval is
    not 0. When the app stops, the pass under way may finish (a pass cancelled halfway would
    leave database connections behind), up to :data:`STOP_GRACE_SECONDS`."""
    settings = app[keys.CONFIG].notify
    if not settings.channels or settings.interval_seconds <= 0:
        yield
        return
    woken, stopping = asyncio.Event(), asyncio.Event()
    app[WAKE] = woken
    task = asyncio.create_task(
        NotifyJob(app[keys.DB], settings).run_forever(stopping, woken), name="notifications"
    )
    yield
    stopping.set()
    woken.set()
    try:
        await asyncio.wait_for(asyncio.shield(task), timeout=STOP_GRACE_SECONDS)
    except asyncio.TimeoutError:
        task.cancel()
        try:
            await task
        except asyncio.CancelledError:
            pass


def describe(outcome: Outcome) -> List[str]:
    """The outcome in Dutch, for the command line."""
    lines: List[str] = []
    if outcome.reminders:
        lines.append(f"{outcome.reminders} herinnering(en) klaargezet.")
    counts: Dict[str, int] = {
        "verstuurd": outcome.sent, "mislukt (later opnieuw)": outcome.failed,
        "opgegeven": outcome.given_up,
    }
    done = [f"{n} {what}" for what, n in counts.items() if n]
    lines.append(("Berichten: " + ", ".join(done) + ".") if done else "Niets te versturen.")
    if outcome.pending:
        lines.append(f"{outcome.pending} bericht(en) wachten nog.")
    return lines
