"""The session's real processes, shared by every test module that needs them (a pytest plugin,
registered in tests/conftest.py): one dev stack and one production profile.

The dev stack: one stack of the three real processes for the whole end-to-end session.

Starting a stack (Rasa loads its model) costs about a minute on these machines, so every e2e
module shares this one: the REST channel, the web widget's socket.io channel and the Telegram
channel (pointed at ``FakeTelegram``, a fake Bot API server on loopback) all run on it. That
the Telegram channel stays out of the way without a token is tested at the channel level
(``tests/channels/test_telegram_channel.py``).

The backend is a process of its own (``separate_backend``), not one of honcho's: the outbox
test stops and starts it (honcho would stop every process when one ends), which costs seconds
rather than a second stack. It keeps its port, database and keys, so no other test notices.

Tests that stop the stack (or its backend) are marked ``stops_stack`` and run at the very end of
the session, in file order (the outbox's backend stop, a restart, then Ctrl-C), whatever order
the files were collected in.
"""
from __future__ import annotations

import secrets

import pytest

from tests.channels.fake_telegram import FakeTelegram
from tests.e2e.production import REDIS_DB, Profile, missing
from tests.e2e.stack import Stack, ensure_trained_model

TELEGRAM_TOKEN = f"{secrets.randbelow(10**9)}:{secrets.token_urlsafe(24)}"
TELEGRAM_SECRET = secrets.token_urlsafe(24)
TELEGRAM_PUBLIC_WEBHOOK = "https://wegwijzer.example/webhooks/telegram/webhook"
DEMO_LOGIN = ("demo@wegwijzer.local", "demo-wachtwoord")
# A second school with its own contact person, who must never see the demo school's intakes.
OTHER_LOGIN = ("contact@andere.school", "een-ander-wachtwoord")


@pytest.fixture(scope="session")
def telegram_fake():
    with FakeTelegram(TELEGRAM_TOKEN) as fake:
        yield fake


# The production profile, launched while the dev stack's tests run (see shared_stack).
_early_profile: dict = {}


def _session_uses_the_profile(session: pytest.Session) -> bool:
    return any("production_profile" in getattr(item, "fixturenames", ()) for item in session.items)


def _new_profile(tmp_path_factory) -> Profile:
    import redis

    redis.Redis(db=REDIS_DB).flushdb()
    return Profile(tmp_path_factory.mktemp("prod"))


@pytest.fixture(scope="session")
def shared_stack(tmp_path_factory, telegram_fake, request):
    ensure_trained_model()
    stack = Stack(
        workdir=tmp_path_factory.mktemp("stack"),
        separate_backend=True,
        extra_env={
            "TELEGRAM_BOT_TOKEN": TELEGRAM_TOKEN,
            "TELEGRAM_WEBHOOK_SECRET": TELEGRAM_SECRET,
            "TELEGRAM_WEBHOOK_URL": TELEGRAM_PUBLIC_WEBHOOK,
            "TELEGRAM_API_BASE_URL": telegram_fake.base_url,
            # Ended conversations go from the tracker store two seconds after their end (the
            # transcript job of the Procfile): no test reads a conversation again after its end.
            "WEGWIJZER_TRANSCRIPT_TTL": "2",
            "WEGWIJZER_TRANSCRIPT_SWEEP_INTERVAL": "1",
            # The outbox looks every half second and waits at most two while the backend is away.
            "WEGWIJZER_OUTBOX_INTERVAL": "0.5",
            "WEGWIJZER_OUTBOX_MAX_BACKOFF": "2",
        },
    )
    # The demo page points the widget at this stack's Rasa (not at a developer's setting).
    stack.extra_env["WEGWIJZER_RASA_PUBLIC_URL"] = stack.rasa_url
    try:
        stack.start()
        stack.start_backend()
        stack.cli("schools", "add", "--slug", "andere", "--name", "Andere School")
        stack.cli(
            "users", "add", "--school", "andere", "--email", OTHER_LOGIN[0],
            "--name", "Contact Andere", "--password-stdin", stdin=OTHER_LOGIN[1] + "\n",
        )
        # The production profile's four servers load their models while the dev stack's tests
        # run (all e2e tests are on this worker), not after them: about four minutes off the
        # suite's longest path (6 December 2026).
        if _session_uses_the_profile(request.session) and not missing():
            _early_profile["profile"] = _new_profile(tmp_path_factory)
            _early_profile["profile"].launch()
        yield stack
    finally:
        stack.interrupt()
        if "profile" in _early_profile:
            _early_profile.pop("profile").stop()  # never taken by a test


@pytest.fixture(scope="session")
def production_profile(tmp_path_factory):
    """The production profile (tests/e2e/production.py), started once for the session."""
    reason = missing()
    if reason:
        pytest.skip(reason)
    ensure_trained_model()
    profile = _early_profile.pop("profile", None) or _new_profile(tmp_path_factory)
    try:
        profile.start()  # waits for one launched early
        yield profile
    finally:
        profile.stop()
