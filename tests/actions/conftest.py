"""Shared by the action tests: a real backend app on a loopback port with a migrated SQLite
database (the demo school set up), an outbox of each test's own, and trackers built as Rasa
would send them."""
from __future__ import annotations

import pytest
from rasa_sdk import Tracker
from sqlalchemy import create_engine, select

from backend import migrate
from backend.auth import codes
from cli import main as cli
from backend.app import create_app
from backend.config import Config
from backend.models import Intake

SERVICE_TOKEN = "test-service-token"


@pytest.fixture(autouse=True)
def outbox_url(tmp_path, monkeypatch) -> str:
    """Each test's own outbox (actions.outbox), never the repository's ``var/outbox.db``."""
    url = f"sqlite:///{tmp_path / 'outbox.db'}"
    monkeypatch.setenv("WEGWIJZER_OUTBOX_URL", url)
    return url


@pytest.fixture(autouse=True)
def no_remembered_schools():
    """Each test starts with no school answer remembered (shared.backend_client's cache)."""
    from shared import backend_client

    backend_client._school_cache.clear()
    yield
    backend_client._school_cache.clear()


@pytest.fixture
def database(tmp_path, monkeypatch):
    path = tmp_path / "wegwijzer.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    migrate.upgrade(f"sqlite:///{path}")
    assert cli.main(["setup", "--demo"]) == 0
    return path


@pytest.fixture
async def backend(database, aiohttp_server, monkeypatch):
    config = Config(database_url=f"sqlite:///{database}", service_token=SERVICE_TOKEN)
    server = await aiohttp_server(create_app(config))
    monkeypatch.setenv("BACKEND_URL", str(server.make_url("")).rstrip("/"))
    monkeypatch.setenv("WEGWIJZER_SERVICE_TOKEN", SERVICE_TOKEN)
    return server


def stored_intakes(database) -> list[dict]:
    engine = create_engine(f"sqlite:///{database}")
    with engine.connect() as connection:
        # Through the model's column types: free text is encrypted at rest (shared.crypto).
        rows = connection.execute(
            select(Intake.conversation_id, Intake.code_hash, Intake.intake_key,
                   Intake.wat_gebeurd, Intake.kanaal)
        )
        return [dict(row._mapping) for row in rows]


def hashed(code: str) -> str:
    """The stored form of a receipt code (the backend keeps only its keyed hash)."""
    return codes.code_hash(code)


def tracker(slots: dict, sender: str = "conv-1", channel: str = "rest", metadata=None,
            text: str = "/bevestigen", intent: dict = None, asked: str = None) -> Tracker:
    """The tracker Rasa sends with the person's latest message ``text`` (the yes button unless
    told), read as ``intent``; ``asked``: the response the bot asked it with."""
    latest = {"text": text, "intent": intent or {"name": "bevestigen"}, "entities": [],
              "metadata": metadata or {}}
    before = [{"event": "bot", "text": "…", "metadata": {"utter_action": asked}}] if asked else []
    return Tracker.from_dict({
        "sender_id": sender,
        "slots": slots,
        "latest_message": latest,
        "events": before + [{"event": "user", "text": text, "input_channel": channel,
                             "parse_data": latest, "metadata": metadata or {}}],
        "paused": False,
        "followup_action": None,
        "active_loop": {},
        "latest_action_name": "action_listen",
    })
