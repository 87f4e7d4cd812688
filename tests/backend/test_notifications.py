"""Notifications: a new intake and an overdue next step reach the contact persons on Telegram
and by e-mail, with no personal details; linking Telegram with a one-time code; a channel that
is down loses nothing; ``wegwijzer notify run-once``.

The real app and databases; at the edge, the fake Bot API server on loopback
(``tests/channels/fake_telegram.py``) and an in-process ``aiosmtpd`` SMTP server.
"""
from __future__ import annotations

import asyncio
import dataclasses
import email
import email.policy
import hashlib
import inspect
import re
import threading
from datetime import datetime, timedelta, timezone

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select, update

from backend import keys, migrate, store
from backend.app import create_app
from backend.config import NotifySettings, SmtpSettings
from backend.db import create_engine, create_session_factory
from backend.jobs import notify
from backend.models import AuditEntry, Notification, TelegramLinkCode
from backend.rules import casework
from backend.rules.schemas import parse_intake
from cli import main as cli
from tests.backend.helpers import (
    AUTH, add_school, add_user, form_login, form_post, intake_body, post_intake,
)
from tests.channels.fake_telegram import FakeTelegram
from tests.conftest import free_port

PUBLIC = "https://wegwijzer.example"
SCHOOL = "Noorderlicht College"
# What the reporter told (helpers.intake_body) and a step's description: never in a notice.
PERSONAL = ("Sam", "sam@example.org", "gepest", "groepsapp", "klasgenoten", "Bel de ouders")
LINK_RE = re.compile(r"https://t\.me/wegwijzer_test_bot\?start=koppel-([A-Z0-9-]+)")


class Mailbox:
    """aiosmtpd handler: keeps every message it receives."""

    def __init__(self) -> None:
        self.messages: list = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            message = email.message_from_bytes(envelope.content, policy=email.policy.default)
            self.messages.append((envelope.rcpt_tos, message))
        return "250 OK"

    def to(self, address: str) -> list:
        with self._lock:
            return [message for rcpt, message in self.messages if address in rcpt]


@pytest.fixture(scope="module")
def telegram_server():
    with FakeTelegram(token="4242:notify-test-token") as fake:
        yield fake


@pytest.fixture
def fake(telegram_server):
    """The module's fake Bot API, answering, with nothing recorded yet: each test (and
    database) reads only its own messages."""
    telegram_server.failing = None
    telegram_server.messages.clear()
    telegram_server.calls.clear()
    return telegram_server


@pytest.fixture
def mailbox():
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield box, controller.port
    controller.stop()


@pytest.fixture
def settings(fake, mailbox):
    return NotifySettings(
        public_url=PUBLIC,
        telegram_token=fake.token,
        telegram_api_base_url=fake.base_url,
        telegram_bot_username="wegwijzer_test_bot",
        smtp=SmtpSettings(host="127.0.0.1", port=mailbox[1], security="none", timeout_seconds=5),
        interval_seconds=0,  # no loop: the tests call run_once (one test starts the loop)
    )


async def app_client(aiohttp_client, config, settings):
    return await aiohttp_client(create_app(dataclasses.replace(config, notify=settings)))


def sent_to(fake: FakeTelegram, chat_id: int) -> list[str]:
    return [m["text"] for m in fake.messages if m["chat"]["id"] == chat_id]


def assert_no_personal_details(text: str, *more: str) -> None:
    for word in PERSONAL + more:
        assert word not in text


async def link(db, user, chat_id: int) -> None:
    await store.notifications.link_telegram(db, await store.notifications.new_telegram_link_code(db, user), chat_id)


async def outbox(db) -> list[Notification]:
    async with db() as session:
        return list((await session.execute(select(Notification).order_by(Notification.id))).scalars())


async def eventually(condition, seconds: float = 10) -> None:
    """Wait for the sender loop (another task) to have done something: ``condition()`` (sync
    or async) is checked every 20 ms, no fixed sleep."""
    for _ in range(int(seconds / 0.02)):
        result = condition()
        if inspect.isawaitable(result):
            result = await result
        if result:
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the sender loop did not get there in time")


async def test_a_new_intake_reaches_the_schools_contact_persons_once_with_only_a_link(
    aiohttp_client, config, settings, fake, mailbox
):
    """Linking through the dashboard and Telegram's channel, e-mail opt-in on the account page,
    the loop in the backend woken by the intake, and no second notice for a repeated POST."""
    client = await app_client(aiohttp_client, config, dataclasses.replace(settings, interval_seconds=3600))
    db = client.app[keys.DB]
    box, _port = mailbox
    await add_school(db, "noord", SCHOOL)
    await add_school(db, "zuid")
    await add_user(db, "jet@school.nl", "noord")
    await add_user(db, "piet@school.nl", "noord")
    await link(db, await add_user(db, "zuid@school.nl", "zuid"), 333)  # another school

    # Jet links Telegram: a code on her page, which the channel hands to the backend.
    assert (await form_login(client, "jet@school.nl")).status == 302
    page = await (await client.get("/dashboard/account")).text()
    assert "Nog niet gekoppeld" in page and "Koppel Telegram" in page
    response = await form_post(client, "/dashboard/account/telegram/koppelen", {}, "/dashboard/account")
    assert response.status == 200
    code = LINK_RE.search(await response.text()).group(1)
    answer = await client.post("/api/telegram/link", json={"code": code, "chat_id": 111}, headers=AUTH)
    assert answer.status == 200 and await answer.json() == {"gekoppeld": True}
    assert "Gekoppeld." in await (await client.get("/dashboard/account")).text()

    # Piet wants e-mail.
    client.session.cookie_jar.clear()
    assert (await form_login(client, "piet@school.nl")).status == 302
    response = await form_post(client, "/dashboard/account/email", {"email": "ja"}, "/dashboard/account")
    assert response.status == 303
    assert 'name="email" value="ja" checked' in await (await client.get("/dashboard/account")).text()

    conversation = "conv-notify-once"
    first = await post_intake(client, school="noord", conversation_id=conversation)
    assert first.status == 201
    intake = await first.json()
    assert (await post_intake(client, school="noord", conversation_id=conversation)).status == 200

    await eventually(lambda: sent_to(fake, 111) and box.to("piet@school.nl"))
    link_to_intake = f"{PUBLIC}/dashboard/meldingen/{intake['id']}"
    [text] = sent_to(fake, 111)
    assert text == f"Er is een nieuwe melding voor {SCHOOL}. Bekijk de melding in Wegwijzer: {link_to_intake}"
    [mail] = box.to("piet@school.nl")
    assert mail["Subject"] == "Nieuwe melding in Wegwijzer"
    body = mail.get_content()
    assert link_to_intake in body
    assert_no_personal_details(text + body, intake["code"])
    assert sent_to(fake, 333) == [] and box.to("jet@school.nl") == [] and box.to("zuid@school.nl") == []

    # The loop marks them sent; another pass (another process, cron) sends nothing again.
    async def all_sent() -> bool:
        return all(row.sent_at is not None for row in await outbox(db))

    await eventually(all_sent)
    rows = await outbox(db)
    assert [(row.channel, row.kind, row.attempts) for row in rows] == [
        ("telegram", "nieuwe_melding", 1), ("email", "nieuwe_melding", 1)]
    outcome = await notify.run_once(db, settings)
    assert (outcome.sent, outcome.pending) == (0, 0)
    assert len(sent_to(fake, 111)) == 1 and len(box.to("piet@school.nl")) == 1


async def test_when_telegram_and_the_mail_server_are_down_nothing_is_lost(
    aiohttp_client, config, settings, fake, mailbox, caplog
):
    client = await app_client(aiohttp_client, config, settings)
    db = client.app[keys.DB]
    box, _port = mailbox
    await add_school(db, "noord", SCHOOL)
    jet = await add_user(db, "jet@school.nl", "noord")
    await link(db, jet, 211)
    await store.notifications.set_notify_email(db, jet, True)
    intake = await (await post_intake(client, school="noord")).json()

    # Nothing listens where Telegram and the mail server should be.
    down = dataclasses.replace(
        settings,
        telegram_api_base_url=f"http://127.0.0.1:{free_port()}/bot",
        smtp=dataclasses.replace(settings.smtp, port=free_port()),
    )
    now = datetime.now(timezone.utc)
    with caplog.at_level("INFO"):
        outcome = await notify.run_once(db, down, now=now)
    assert (outcome.sent, outcome.failed, outcome.pending) == (0, 2, 2)
    rows = await outbox(db)
    assert [(r.channel, r.attempts, r.last_error, r.sent_at) for r in rows] == [
        ("telegram", 1, "NetworkError", None), ("email", 1, "SMTPConnectError", None)]
    assert all(r.next_attempt_at > now for r in rows)
    # The next pass right after waits for the pause instead of hammering a dead server.
    assert (await notify.run_once(db, down, now=now)).failed == 0

    # A minute later: Telegram answers 500, the mail server is back.
    fake.failing = 500
    outcome = await notify.run_once(db, settings, now=now + timedelta(minutes=1))
    assert (outcome.sent, outcome.failed, outcome.pending) == (1, 1, 1)
    assert sent_to(fake, 211) == [] and len(box.to("jet@school.nl")) == 1

    # Telegram is back too: sent, once; the mail is not sent again.
    fake.failing = None
    outcome = await notify.run_once(db, settings, now=now + timedelta(minutes=10))
    assert (outcome.sent, outcome.failed, outcome.pending) == (1, 0, 0)
    assert len(sent_to(fake, 211)) == 1 and len(box.to("jet@school.nl")) == 1
    assert [(r.channel, r.attempts) for r in await outbox(db)] == [("telegram", 3), ("email", 2)]
    assert (await client.get("/health")).status == 200
    for secret in ("jet@school.nl", fake.token, "211", intake["code"]) + PERSONAL:
        assert secret not in caplog.text


async def test_overdue_next_steps_are_reminded_once_a_day_to_their_people(
    aiohttp_client, config, settings, fake
):
    client = await app_client(aiohttp_client, config, settings)
    db = client.app[keys.DB]
    await add_school(db, "noord", SCHOOL)
    jet, piet, kees, oud = [
        await add_user(db, f"{name}@school.nl", "noord") for name in ("jet", "piet", "kees", "oud")
    ]
    now = datetime.now(timezone.utc)
    today = now.astimezone(casework.LOCAL_TZ).date()
    yesterday, tomorrow = today - timedelta(days=1), today + timedelta(days=1)

    async def intake(handler=None):
        body = (await (await post_intake(client, school="noord")).json())
        if handler is not None:
            await store.casework.claim_intake(db, handler, body["id"])
        return body["id"]

    handled, unhandled, closed = await intake(jet), await intake(), await intake(kees)
    for user, chat in ((jet, 301), (piet, 302), (kees, 303), (oud, 304)):
        await link(db, user, chat)  # only now: no notices of the new intakes in these chats
    # Jet handles it, Piet wrote the step: both hear of it.
    overdue = await store.casework.add_step(db, piet, handled, "Bel de ouders van Sam", yesterday)
    later = await store.casework.add_step(db, piet, handled, "Bel de ouders", tomorrow)  # not due yet
    done = await store.casework.add_step(db, piet, handled, "Bel de ouders", yesterday)
    await store.casework.complete_step(db, piet, handled, done.id)
    # Its author left and nobody handles it: every contact person of the school hears of it.
    orphan = await store.casework.add_step(db, oud, unhandled, "Bel de ouders", yesterday)
    await store.accounts.set_user_active(db, "oud@school.nl", False)
    await store.casework.add_step(db, kees, closed, "Bel de ouders", yesterday)
    await store.casework.change_status(db, kees, closed, casework.AFGESLOTEN, "Opgelost.")
    before = len(fake.messages)

    outcome = await notify.run_once(db, settings, now=now)
    assert (outcome.reminders, outcome.sent) == (5, 5)
    texts = {chat: sent_to(fake, chat) for chat in (301, 302, 303, 304)}
    link_to = f"{PUBLIC}/dashboard/meldingen/{{}}#vervolgstappen"
    expected = (
        f"Een vervolgstap is over tijd, bij een melding voor {SCHOOL}. "
        "Bekijk de melding in Wegwijzer: "
    )
    assert sorted(texts[301]) == sorted(texts[302]) == sorted(
        [expected + link_to.format(handled), expected + link_to.format(unhandled)])
    assert texts[303] == [expected + link_to.format(unhandled)] and texts[304] == []
    for text in fake.messages[before:]:
        assert_no_personal_details(text["text"])

    # Once a day: the same day nothing new; the next day again, until the step is done. The day
    # after tomorrow the later step is over time too.
    assert (await notify.run_once(db, settings, now=now + timedelta(minutes=5))).reminders == 0
    assert (await notify.run_once(db, settings, now=now + timedelta(days=1))).sent == 5
    await store.casework.complete_step(db, piet, handled, overdue.id)
    assert (await notify.run_once(db, settings, now=now + timedelta(days=2))).sent == 5
    assert len(fake.messages) - before == 15
    steps = [row.step_id for row in await outbox(db)]
    assert (steps.count(overdue.id), steps.count(orphan.id), steps.count(later.id)) == (4, 9, 2)


async def test_a_link_code_works_once_for_fifteen_minutes_and_only_its_hash_is_stored(
    aiohttp_client, config, settings
):
    client = await app_client(aiohttp_client, config, settings)
    db = client.app[keys.DB]
    await add_school(db, "noord", SCHOOL)
    jet = await add_user(db, "jet@school.nl", "noord")
    await add_user(db, "bestuur@school.nl", role="bestuur")
    assert (await form_login(client, "jet@school.nl")).status == 302

    async def new_code() -> str:
        page = await form_post(client, "/dashboard/account/telegram/koppelen", {}, "/dashboard/account")
        text = await page.text()
        code = LINK_RE.search(text).group(1)
        assert f"/koppel {code}" in text and "15 minuten" in text
        return code

    async def use(code, chat_id=111, headers=AUTH):
        return await client.post("/api/telegram/link", json={"code": code, "chat_id": chat_id},
                                 headers=headers)

    replaced, code = await new_code(), await new_code()
    async with db() as session:
        [stored] = (await session.execute(select(TelegramLinkCode))).scalars()  # one per user
    assert stored.code_hash == hashlib.sha256(code.encode()).hexdigest() != code

    assert (await use(code, headers={})).status == 401
    assert (await use(code, chat_id="111")).status == 400
    for wrong in ("ABCD-EFGH-JKMN-PQRS", "kort", replaced):
        refused = await use(wrong)
        assert refused.status == 404
        assert (await refused.json())["error"].startswith("Deze koppelcode werkt niet")
    assert (await use(code.lower().replace("-", " "))).status == 200  # as typed in a chat
    assert (await use(code, chat_id=999)).status == 404  # used
    expired = await store.notifications.new_telegram_link_code(
        db, jet, now=datetime.now(timezone.utc) - timedelta(minutes=16))
    assert (await use(expired, chat_id=999)).status == 404
    assert (await store.accounts.get_user(db, jet.id)).telegram_chat_id == 111

    # Unlinking, on the account page; both changes are in the audit log.
    page = await (await client.get("/dashboard/account")).text()
    assert "Gekoppeld." in page and "Ontkoppel Telegram" in page
    response = await form_post(client, "/dashboard/account/telegram/ontkoppelen", {}, "/dashboard/account")
    assert response.status == 303
    page = await (await client.get("/dashboard/account")).text()
    assert "Telegram is ontkoppeld" in page and "Nog niet gekoppeld" in page
    assert (await store.accounts.get_user(db, jet.id)).telegram_chat_id is None
    async with db() as session:
        actions = [a.action for a in (await session.execute(
            select(AuditEntry).where(AuditEntry.user_id == jet.id))).scalars()]
    assert actions == [store.audit.TELEGRAM_LINKED, store.audit.TELEGRAM_UNLINKED]

    # A role without intakes gets no notices, so no code either.
    client.session.cookie_jar.clear()
    assert (await form_login(client, "bestuur@school.nl")).status == 302
    page = await (await client.get("/dashboard/account")).text()
    assert "Met jouw rol krijg je geen berichten" in page
    assert (await form_post(client, "/dashboard/account/telegram/koppelen", {},
                            "/dashboard/account")).status == 404


def test_notify_run_once_sends_what_is_due_from_the_command_line(
    fresh_database, monkeypatch, capsys, fake
):
    async def seed() -> None:
        engine = create_engine(fresh_database)
        db = create_session_factory(engine)
        try:
            await add_school(db, "noord", SCHOOL)
            await link(db, await add_user(db, "jet@school.nl", "noord"), 411)
            await store.intakes.create_intake(db, parse_intake(intake_body()), ("telegram",))
        finally:
            await engine.dispose()

    migrate.upgrade(fresh_database)
    asyncio.run(seed())
    monkeypatch.setenv("DATABASE_URL", fresh_database)
    for name in ("TELEGRAM_BOT_TOKEN", "WEGWIJZER_SMTP_HOST"):
        monkeypatch.delenv(name, raising=False)
    assert cli.main(["notify", "run-once"]) == 0
    assert "Geen kanaal ingesteld" in capsys.readouterr().out

    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", fake.token)
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", fake.base_url)
    monkeypatch.setenv("WEGWIJZER_PUBLIC_URL", PUBLIC + "/")
    fake.failing = 502
    assert cli.main(["notify", "run-once"]) == 1  # cron mails the operator
    assert capsys.readouterr().out.splitlines() == [
        "Berichten: 1 mislukt (later opnieuw).", "1 bericht(en) wachten nog."]
    fake.failing = None

    async def due_now() -> None:  # skip the pause before the retry
        engine = create_engine(fresh_database)
        try:
            async with create_session_factory(engine)() as session, session.begin():
                await session.execute(update(Notification).values(
                    next_attempt_at=datetime.now(timezone.utc)))
        finally:
            await engine.dispose()

    asyncio.run(due_now())
    assert cli.main(["notify", "run-once"]) == 0
    assert capsys.readouterr().out.splitlines() == ["Berichten: 1 verstuurd."]
    [text] = sent_to(fake, 411)
    assert text.startswith(f"Er is een nieuwe melding voor {SCHOOL}. ")
    assert f"{PUBLIC}/dashboard/meldingen/" in text and "//dashboard" not in text
    assert cli.main(["notify", "run-once"]) == 0
    assert capsys.readouterr().out.splitlines() == ["Niets te versturen."]
