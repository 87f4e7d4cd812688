"""The ``wegwijzer`` privacy commands: ``retention purge``, ``privacy export|delete --code``,
``users export`` and ``users handover``, against a real database, and Rasa's copy of the
conversation in a tracker store with Rasa's ``events`` table."""
from __future__ import annotations

import asyncio
import json
import sqlite3
from datetime import date, datetime, timedelta, timezone

import pytest

from backend import store
from cli import main as cli
from backend.rules.schemas import parse_intake
from tests.backend.helpers import add_user, intake_body
from tests.backend.test_cli import cli_db, migrated_db, run_queries, stdin  # noqa: F401
from tests.backend.test_migrations import _run

LONG_AGO = datetime.now(timezone.utc) - timedelta(days=400)


def sql(url, *statements, **params):
    return asyncio.run(_run(url, *statements, params=params))


def seed(url, *cases):
    """Contact person jet@school.nl (school noord) and one intake per case, which is a list of
    (status, reason) changes jet makes; returns jet and the intakes."""

    async def work(db):
        jet = await add_user(db, "jet@school.nl", "noord")
        intakes = []
        for changes in cases:
            intake, _ = await store.intakes.create_intake(db, parse_intake(intake_body()))
            for status, reason in changes:
                await store.casework.change_status(db, jet, intake.id, status, reason)
            intakes.append(intake)
        return jet, intakes

    return run_queries(url, work)


@pytest.fixture
def tracker_store(tmp_path, monkeypatch):
    """A tracker store as Rasa's SQLTrackerStore makes it; ``add(sender, text)`` stores a user
    message, ``senders()`` lists whose conversations are in it."""
    path = tmp_path / "tracker.db"
    with sqlite3.connect(path) as connection:
        connection.execute(
            "CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255) NOT NULL, "
            "type_name VARCHAR(255) NOT NULL, timestamp FLOAT, intent_name VARCHAR(255), "
            "action_name VARCHAR(255), data TEXT)"
        )
    monkeypatch.setenv("TRACKER_STORE_URL", f"sqlite:///{path}")

    class Store:
        @staticmethod
        def add(sender, text):
            with sqlite3.connect(path) as connection:
                connection.execute(
                    "INSERT INTO events (sender_id, type_name, timestamp, data) "
                    "VALUES (?, 'user', 1733000000.5, ?)",
                    (sender, json.dumps({"event": "user", "text": text})),
                )

        @staticmethod
        def senders():
            with sqlite3.connect(path) as connection:
                return {row[0] for row in connection.execute("SELECT sender_id FROM events")}

    return Store


def actions(url, intake_id):
    rows = sql(url, "SELECT action FROM audit_log WHERE intake_id = :id ORDER BY id", id=intake_id)
    return [action for (action,) in rows]


def count(url, table, intake_id):
    return sql(url, f"SELECT count(*) FROM {table} WHERE intake_id = :id", id=intake_id)[0][0]


def test_retention_purges_long_closed_intakes_only(
    migrated_db, tracker_store, monkeypatch, capsys
):
    url = migrated_db
    closed = [("afgesloten", "Opgelost")]
    _jet, (old, reopened, recent, open_) = seed(
        url, closed, closed + [("in_behandeling", "Toch niet klaar")], closed, []
    )
    tracker_store.add(old.conversation_id, "Mijn oude verhaal")
    tracker_store.add(recent.conversation_id, "Mijn nieuwe verhaal")
    run_queries(url, lambda db: store.casework.add_note(db, _jet, old.id, "Een notitie"))
    for intake in (old, reopened, open_):  # closed (or arrived) 400 days ago
        sql(url, "UPDATE intake_status_changes SET created_at = :t WHERE intake_id = :id "
            "AND to_status = 'afgesloten'", t=LONG_AGO, id=intake.id)
        sql(url, "UPDATE intakes SET created_at = :t WHERE id = :id", t=LONG_AGO, id=intake.id)
    sql(url, "UPDATE intake_status_changes SET created_at = :t WHERE intake_id = :id",
        t=datetime.now(timezone.utc) - timedelta(days=10), id=recent.id)

    assert cli.main(["retention", "purge", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Proefdraai: 1 afgesloten melding langer dan 365 dagen dicht" in out
    assert old.receipt_code not in out and "Opgelost" not in out
    assert sql(url, "SELECT count(*) FROM intakes")[0][0] == 4

    assert cli.main(["retention", "purge"]) == 0
    assert "1 afgesloten melding langer dan 365 dagen dicht: verwijderd" in capsys.readouterr().out
    remaining = {row[0] for row in sql(url, "SELECT id FROM intakes")}
    assert remaining == {reopened.id, recent.id, open_.id}
    for table in ("intake_notes", "intake_status_changes", "intake_steps"):
        assert count(url, table, old.id) == 0
    assert tracker_store.senders() == {recent.conversation_id}  # Rasa's copy went too
    assert actions(url, old.id) == ["ontvangen", "status_gewijzigd", "notitie_toegevoegd",
                                    "verwijderd_na_bewaartermijn"]

    monkeypatch.setenv("WEGWIJZER_RETENTION_DAYS", "5")
    assert cli.main(["retention", "purge", "--dry-run"]) == 0
    assert "1 afgesloten melding langer dan 5 dagen" in capsys.readouterr().out  # recent
    monkeypatch.setenv("WEGWIJZER_RETENTION_DAYS", "een jaar")
    assert cli.main(["retention", "purge"]) == 2
    assert "WEGWIJZER_RETENTION_DAYS" in capsys.readouterr().err


def test_a_reporter_s_data_is_exported_and_deleted_by_receipt_code(
    migrated_db, tracker_store, monkeypatch, capsys
):
    url = migrated_db
    jet, (first, second) = seed(url, [("in_behandeling", "Ik bel de ouders")], [])
    tracker_store.add(first.conversation_id, "Hoi, ik word gepest")
    tracker_store.add("iemand-anders", "Een ander gesprek")
    run_queries(url, lambda db: store.casework.add_note(db, jet, first.id, "Vader gesproken"))

    assert cli.main(["privacy", "export", "--code", first.receipt_code.lower().replace("-", " ")]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["referentie"] == first.referentie and "code" not in data and data["wat_gebeurd"] == intake_body()["wat_gebeurd"]
    assert data["naam"] == "Sam" and data["contact"] == "sam@example.org"
    assert [note["tekst"] for note in data["notities"]] == ["Vader gesproken"]
    assert [change["reden"] for change in data["statusgeschiedenis"]] == ["Ik bel de ouders"]
    assert [entry["actie"] for entry in data["logboek"]][-1] == "gegevens_geexporteerd"
    assert actions(url, first.id)[-1] == "gegevens_geexporteerd"
    assert data["gesprek"] == [{"soort": "user", "op": "2024-11-30T20:53:20.500000+00:00",
                                "gegevens": {"event": "user", "text": "Hoi, ik word gepest"}}]

    assert cli.main(["privacy", "export", "--code", "geen-code"]) == 2
    assert "geen ontvangstcode" in capsys.readouterr().err

    stdin(monkeypatch, "nee\n")
    assert cli.main(["privacy", "delete", "--code", first.receipt_code]) == 1
    out = capsys.readouterr().out
    assert "school noord" in out and "Niets verwijderd" in out and "Vader" not in out
    stdin(monkeypatch, "ja\n")
    assert cli.main(["privacy", "delete", "--code", first.receipt_code]) == 0
    assert "is verwijderd" in capsys.readouterr().out
    assert tracker_store.senders() == {"iemand-anders"}
    # Rasa's store out of reach: the intake still goes, the command says what it could not do.
    monkeypatch.setenv("TRACKER_STORE_URL", "mysql://rasa@nergens/rasa")
    assert cli.main(["privacy", "delete", "--code", second.receipt_code, "--yes"]) == 1
    assert "TRACKER_STORE_URL" in capsys.readouterr().err
    assert sql(url, "SELECT count(*) FROM intakes")[0][0] == 0
    assert count(url, "intake_notes", first.id) == count(url, "intake_status_changes", first.id) == 0
    assert actions(url, first.id)[-1] == "verwijderd_op_verzoek"  # the log stays, without content

    assert cli.main(["privacy", "export", "--code", first.receipt_code]) == 2
    assert "geen melding met deze ontvangstcode" in capsys.readouterr().err


def test_handover_moves_cases_steps_and_schools_and_users_export(migrated_db, capsys):
    url = migrated_db
    jet, (handled, other) = seed(url, [("in_behandeling", "Opgepakt door Jet")], [])

    async def casework(db):
        piet = await add_user(db, "piet@school.nl", "zuid")
        open_step = await store.casework.add_step(db, jet, other.id, "Terugbellen", date.today())
        done_step = await store.casework.add_step(db, jet, handled.id, "Mailen", date.today())
        await store.casework.complete_step(db, jet, handled.id, done_step.id)
        await store.casework.add_note(db, jet, handled.id, "Notitie van Jet")
        return piet, open_step, done_step

    piet, open_step, done_step = run_queries(url, casework)

    assert cli.main(["users", "export", "JET@school.nl"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["account"]["email"] == "jet@school.nl" and data["account"]["scholen"] == ["noord"]
    assert [note["tekst"] for note in data["notities"]] == ["Notitie van Jet"]
    assert [step["omschrijving"] for step in data["vervolgstappen"]] == ["Terugbellen", "Mailen"]
    assert data["statuswijzigingen"][0]["reden"] == "Opgepakt door Jet"
    assert data["behandelt"] == [handled.id]
    dumped = json.dumps(data)
    assert "argon2$" not in dumped and handled.receipt_code not in dumped and other.receipt_code not in dumped
    assert actions(url, handled.id)[-1] == "gegevens_geexporteerd"

    assert cli.main(["users", "handover", "jet@school.nl", "niemand@school.nl"]) == 2
    assert "niemand@school.nl" in capsys.readouterr().err
    assert cli.main(["users", "handover", "jet@school.nl", "jet@school.nl"]) == 2
    capsys.readouterr()

    assert cli.main(["users", "handover", "jet@school.nl", "piet@school.nl"]) == 0
    out = capsys.readouterr().out
    assert "1 zaak, 1 open vervolgstap" in out and "noord" in out and "gedeactiveerd" in out
    rows = sql(url, "SELECT id, handler_id FROM intakes ORDER BY id")
    assert dict(rows) == {handled.id: piet.id, other.id: None}
    steps = dict(sql(url, "SELECT id, user_id FROM intake_steps"))
    assert steps == {open_step.id: piet.id, done_step.id: jet.id}
    assert actions(url, handled.id)[-1] == actions(url, other.id)[-1] == "overgedragen"
    assert run_queries(url, lambda db: store.intakes.get_intake_for_user(db, piet, handled.id)).id

    users = {user.email: user for user in run_queries(url, store.accounts.list_users)}
    assert [school.slug for school in users["piet@school.nl"].schools] == ["noord", "zuid"]
    assert users["jet@school.nl"].schools == [] and not users["jet@school.nl"].active
    # A deactivated contact person cannot take cases over.
    assert cli.main(["users", "handover", "piet@school.nl", "jet@school.nl"]) == 2
    assert "geen actieve contactpersoon" in capsys.readouterr().err
