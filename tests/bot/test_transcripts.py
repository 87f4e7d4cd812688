"""The transcript job (``shared.transcripts``, issue 9: no transcript kept) against Rasa's own SQL
tracker store: the conversations are written by ``SQLTrackerStore`` and read back by it after a
sweep, on SQLite (whose file is checked byte by byte) and on PostgreSQL when configured."""
from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from cli.main import main
from shared import transcripts
from tests.backend.conftest import database_kind, fresh_database  # noqa: F401 (the fixtures, both databases)

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

TTL = 3600
IDLE = 3600
DOMAIN = """
version: "3.1"
slots:
  wat_gebeurd: {type: text, mappings: [{type: custom}]}
  overdracht_status: {type: categorical, values: [gelukt, mislukt], mappings: [{type: custom}]}
"""


def conversation(start: float, *steps):
    """Rasa's events for one session from ``start``: ``("user", text, t)``, ``("slot", name,
    value, t)``, ``("restart", t)``, ``("bot", text, t)`` with ``t`` seconds after ``start``."""
    from rasa.shared.core.events import (
        ActionExecuted, BotUttered, Restarted, SessionStarted, SlotSet, UserUttered,
    )

    events = [
        ActionExecuted("action_session_start", timestamp=start),
        SessionStarted(timestamp=start),
        ActionExecuted("action_listen", timestamp=start),
    ]
    for kind, *rest in steps:
        at = start + rest[-1]
        if kind == "user":
            events.append(UserUttered(rest[0], {"name": "melding_doen"}, timestamp=at))
        elif kind == "bot":
            events.append(BotUttered(rest[0], timestamp=at))
        elif kind == "slot":
            events.append(SlotSet(rest[0], rest[1], timestamp=at))
        elif kind == "restart":
            events += [ActionExecuted("action_restart", timestamp=at), Restarted(timestamp=at)]
        events.append(ActionExecuted("action_listen", timestamp=at))
    return events


def rasa_store(url: str):
    """The store bot/endpoints.yml names: Rasa's SQL store with the event text encrypted."""
    from rasa.shared.core.domain import Domain

    from bot.tracker_store import EncryptedSQLTrackerStore

    return EncryptedSQLTrackerStore(
        domain=Domain.from_yaml(DOMAIN), host=transcripts.sync_url(url))


async def save(store, sender: str, events) -> None:
    from rasa.shared.core.trackers import DialogueStateTracker

    await store.save(DialogueStateTracker.from_events(sender, events, store.domain.slots))


async def user_texts(store, sender: str) -> list:
    tracker = await store.retrieve_full_tracker(sender)
    if tracker is None:
        return []
    return [e.text for e in tracker.events if e.type_name == "user"]


async def test_ended_conversations_go_after_the_ttl_and_nothing_else(
    fresh_database, monkeypatch, capsys  # noqa: F811
):
    url = transcripts.sync_url(fresh_database)
    store = rasa_store(url)
    now = time.time()
    long_ago = now - TTL - 400
    conversations = {
        # stopped more than the TTL ago: goes
        "gestopt": conversation(long_ago - 60, ("user", "De Zwaluwstaart pest mij", 0),
                                ("restart", 60)),
        # handed off more than the TTL ago: goes, with the copy the bot showed in the chat
        "overgedragen": conversation(long_ago - 60, ("user", "De Kolibrie duwt mij", 0),
                                     ("slot", "wat_gebeurd", "De Kolibrie duwt mij", 1),
                                     ("slot", "overdracht_status", "gelukt", 60),
                                     ("bot", "Kopie: De Kolibrie duwt mij", 60)),
        # nothing typed for the session expiration plus the TTL: goes
        "stil": conversation(now - IDLE - TTL - 100, ("user", "De Ijsvogel lacht", 0)),
        # stopped a moment ago: stays, until its TTL is over
        "net-gestopt": conversation(now - 120, ("user", "Een Koekoek scheldt", 0),
                                    ("restart", 60)),
        # a failed handoff is no end: stays
        "mislukt": conversation(long_ago, ("user", "Een Merel slaat", 0),
                                ("slot", "overdracht_status", "mislukt", 1)),
        # handed off, but the person talked on: ends only when idle
        "doorgepraat": conversation(long_ago - 60, ("user", "Een Spreeuw treitert", 0),
                                    ("slot", "overdracht_status", "gelukt", 30),
                                    ("user", "bedankt", 60)),
    }
    for sender, events in conversations.items():
        await save(store, sender, events)
    # Stopped long ago, then started again a minute ago: the old session goes, the new stays.
    await save(store, "opnieuw",
               conversation(long_ago - 60, ("user", "De Roodborst pest", 0), ("restart", 60))
               + conversation(now - 60, ("user", "Ik wil iets anders melden", 0)))
    gone_words = ("Zwaluwstaart", "Kolibrie", "Ijsvogel", "Roodborst")
    kept_words = ("Koekoek", "Merel", "Spreeuw", "Ik wil iets anders melden")
    settings = transcripts.Settings(url, ttl_seconds=TTL, session_expiration_seconds=IDLE)

    dry = transcripts.purge(settings, dry_run=True)
    assert (dry.conversations, dry.dry_run) == (4, True)
    assert await user_texts(store, "gestopt") == ["De Zwaluwstaart pest mij"]

    outcome = transcripts.purge(settings)
    assert (outcome.conversations, outcome.events) == (dry.conversations, dry.events)
    # The next one due: the one that talked on after its handoff, its silence plus the TTL on.
    assert outcome.next_due == pytest.approx(long_ago + IDLE + TTL)
    for sender in ("gestopt", "overgedragen", "stil"):
        assert await store.retrieve_full_tracker(sender) is None, sender
    for sender, words in (("net-gestopt", "Een Koekoek scheldt"), ("mislukt", "Een Merel slaat"),
                          ("doorgepraat", "Een Spreeuw treitert")):
        assert words in await user_texts(store, sender), sender
    # Rasa still reads the new session as before (nothing of it was touched).
    assert await user_texts(store, "opnieuw") == ["Ik wil iets anders melden"]
    current = await store.retrieve("opnieuw")
    assert [e.text for e in current.events if e.type_name == "user"] == [
        "Ik wil iets anders melden"
    ]
    assert transcripts.purge(settings).events == 0  # a second sweep finds nothing more

    sqlite_file = make_url(url).database if url.startswith("sqlite") else None
    if sqlite_file:
        raw = Path(sqlite_file).read_bytes()
        # The store encrypts the text (bot/tracker_store.py): no word, kept or gone, is in the
        # file; secure_delete still overwrites what was deleted.
        for word in gone_words + kept_words:
            assert word.encode() not in raw, word

    # The one-shot command sweeps the same store: with a TTL of a minute, the rest goes too
    # (but the new conversation of "opnieuw" runs on).
    monkeypatch.setenv("TRACKER_STORE_URL", url)
    monkeypatch.setenv("WEGWIJZER_TRANSCRIPT_TTL", "60")
    assert main(["transcripts", "purge", "--dry-run"]) == 0
    assert re.search(r"Zou verwijderen: \d+ gebeurtenissen van 3 afgelopen gesprekken",
                     capsys.readouterr().out)
    assert "Een Koekoek scheldt" in await user_texts(store, "net-gestopt")
    assert main(["transcripts", "purge"]) == 0
    assert re.search(r"Verwijderd: \d+ gebeurtenissen van 3 afgelopen gesprekken\.",
                     capsys.readouterr().out)
    for sender in ("net-gestopt", "mislukt", "doorgepraat"):
        assert await store.retrieve_full_tracker(sender) is None, sender
    assert await user_texts(store, "opnieuw") == ["Ik wil iets anders melden"]
    store.engine.dispose()


def test_the_job_leaves_a_missing_store_alone_and_refuses_bad_settings(
    tmp_path, monkeypatch, capsys
):
    missing = tmp_path / "tracker.db"
    monkeypatch.setenv("TRACKER_STORE_URL", f"sqlite:///{missing}")
    assert main(["transcripts", "purge"]) == 0
    assert "nog geen gesprekken opgeslagen" in capsys.readouterr().out
    assert not missing.exists()  # Rasa makes its store; the job never does

    monkeypatch.setenv("WEGWIJZER_TRANSCRIPT_TTL", "een uur")
    assert main(["transcripts", "purge"]) == 2
    assert "WEGWIJZER_TRANSCRIPT_TTL moet een aantal seconden zijn" in capsys.readouterr().err
    monkeypatch.setenv("WEGWIJZER_TRANSCRIPT_TTL", "60")
    monkeypatch.setenv("TRACKER_STORE_URL", "mysql://rasa@localhost/rasa")
    assert main(["transcripts", "purge"]) == 2
    assert "alleen sqlite" in capsys.readouterr().err


def test_settings_and_words():
    settings = transcripts.settings_from_env({})
    assert settings.ttl_seconds == 3600 and settings.sweep_interval_seconds == 300
    assert settings.session_expiration_seconds == 3600  # bot/domain/gesprek.yml: 60 minutes
    words = {3600: "een uur", 7200: "twee uur", 1800: "een half uur", 300: "vijf minuten",
             86400: "een dag", 90: "twee minuten", 0: "een minuut", 5400: "90 minuten"}
    assert {seconds: transcripts.duration_in_words(seconds) for seconds in words} == words
    runner = transcripts.Runner(settings)
    due_soon = transcripts.Outcome(next_due=1000.0 + 20)
    assert runner.wait_seconds(due_soon, now=1000.0) == pytest.approx(20.5)
    assert runner.wait_seconds(transcripts.Outcome(), now=1000.0) == 300
    assert runner.wait_seconds(None, now=1000.0) == 300
