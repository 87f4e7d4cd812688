"""Free text encrypted at rest: the raw database (SQL without the ORM) holds no plaintext, the
app reads it back (also in the dashboard's export of an intake), ``wegwijzer keys rotate``
moves everything to a new key so the old one can go, and migration 0004 encrypts existing rows
(its downgrade decrypts them)."""
from __future__ import annotations

import asyncio
import os
import stat
from datetime import date, timedelta

import pytest
from cryptography.fernet import Fernet, InvalidToken

from backend import migrate, store
from backend.models import metadata
from cli import main as cli
from shared import crypto
from shared import settings as shared_settings
from shared.settings import data_keys_from_env
from tests.backend.helpers import add_school, add_user, api_login, post_intake
from tests.backend.test_migrations import _run, _seed_0001

TYPED = {
    "wat_gebeurd": "Mijn fiets werd kapotgemaakt door Kees",
    "wanneer": "vorige dinsdag na gym",
    "betrokkenen": "Kees uit 2B",
    "naam": "Sam de Melder",
    "contact": "sam@example.org",
}
NOTE, STEP, REASON = "Moeder gebeld, erg overstuur", "Gesprek met Kees plannen", "Alles besproken"
MESSAGE = "Kun je vertellen wat Kees precies zei?"

# Every encrypted column, read raw: those migration 0004 found, then the later ones.
RAW_0004 = (
    "SELECT wat_gebeurd, wanneer, betrokkenen, naam, contact FROM intakes",
    "SELECT text FROM intake_notes",
    "SELECT description FROM intake_steps",
    "SELECT reason FROM intake_status_changes",
)
RAW = RAW_0004 + ("SELECT text FROM intake_messages",)


@pytest.fixture
def data_keys():
    """Two fresh keys, made the process's keys one after another; the default back after."""
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    crypto.use_keys([old])
    yield old, new
    crypto.use_keys(None)


async def _raw_values(url, statements=RAW):
    values = []
    for statement in statements:
        values += [value for row in await _run(url, statement) for value in row]
    return values


def _opens_with(key, values):
    fernet = Fernet(key)
    try:
        return [fernet.decrypt(value.encode()).decode() for value in values]
    except InvalidToken:
        return None


async def test_the_database_holds_no_plaintext_and_keys_rotate(
    client, db, database_url, data_keys, monkeypatch, capsys
):
    old, new = data_keys
    assert {column for columns in crypto.encrypted_columns(metadata).values()
            for column in columns} >= {*TYPED, "text", "description", "reason"}
    await add_school(db, "noord")
    jet = await add_user(db, "jet@school.nl", "noord")
    intake = await (await post_intake(client, **TYPED)).json()
    await store.casework.claim_intake(db, jet, intake["id"])
    await store.casework.add_note(db, jet, intake["id"], NOTE)
    await store.casework.add_step(db, jet, intake["id"], STEP, date.today() + timedelta(days=3))
    await store.messages.add_message(db, jet, intake["id"], MESSAGE)
    await store.casework.change_status(db, jet, intake["id"], "afgesloten", REASON)

    raw = await _raw_values(database_url)
    assert len(raw) == 5 + 1 + 1 + 2 + 1  # two status changes: claimed, closed
    written = [*TYPED.values(), NOTE, STEP, REASON, MESSAGE, "Opgepakt", "Kees", "Sam", "fiets"]
    for value in raw:
        assert value.startswith("gAAAAA")  # a Fernet token
        assert not any(text in value for text in written)
    assert _opens_with(old, raw) is not None

    await api_login(client, "jet@school.nl")

    async def shown():
        data = await (await client.get(f"/api/intakes/{intake['id']}")).json()
        return (
            {name: data[name] for name in TYPED},
            [note["tekst"] for note in data["notities"]],
            [step["omschrijving"] for step in data["vervolgstappen"]],
            [change["reden"] for change in data["statusgeschiedenis"]],
            [message["text"] for message in data["messages"]],
        )

    expected = (TYPED, [NOTE], [STEP], ["Opgepakt", REASON], [MESSAGE])
    assert await shown() == expected

    # The contact person can download the same export the CLI prints, from the intake's page.
    page = f"/dashboard/meldingen/{intake['id']}"
    assert f'href="{page}/gegevens.json"' in await (await client.get(page)).text()
    response = await client.get(f"{page}/gegevens.json")
    assert response.status == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    export = await response.json()
    assert {name: export[name] for name in TYPED} == TYPED
    assert export["logboek"][-1]["actie"] == "gegevens_geexporteerd"
    assert export["logboek"][-1]["door"] == jet.name

    # Rotation: the operator puts a new key first, rotates, then drops the old one.
    monkeypatch.setenv("DATABASE_URL", database_url)
    crypto.use_keys([new, old])
    assert await asyncio.to_thread(cli.main, ["keys", "rotate"]) == 0
    assert "10 waarden opnieuw versleuteld" in capsys.readouterr().out
    rotated = await _raw_values(database_url)
    assert _opens_with(new, rotated) == _opens_with(old, raw)
    assert _opens_with(old, rotated) is None
    crypto.use_keys([new])
    assert await shown() == expected

    # Dropping the key before rotating: the command says what is wrong and changes nothing.
    crypto.use_keys([Fernet.generate_key().decode()])
    assert await asyncio.to_thread(cli.main, ["keys", "rotate"]) == 1
    assert "WEGWIJZER_DATA_KEYS" in capsys.readouterr().err
    assert await _raw_values(database_url) == rotated


def test_data_keys_come_from_the_environment_or_a_dev_file(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(shared_settings, "VAR_DIR", tmp_path / "var")
    first = data_keys_from_env({})
    assert len(first) == 1 and data_keys_from_env({}) == first  # survives a restart
    assert stat.S_IMODE(os.stat(tmp_path / "var" / "data_keys").st_mode) == 0o600
    one, two = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    assert data_keys_from_env({"WEGWIJZER_DATA_KEYS": f" {one} ,{two}, "}) == [one, two]

    crypto.use_keys(None)
    monkeypatch.setenv("WEGWIJZER_DATA_KEYS", "geen-sleutel")
    monkeypatch.setenv("DATABASE_URL", "sqlite:///nergens.db")
    assert cli.main(["users", "list"]) == 2
    assert "WEGWIJZER_DATA_KEYS (key 1) is not a Fernet key" in capsys.readouterr().err
    crypto.use_keys(None)


async def test_0004_encrypts_existing_free_text_and_the_downgrade_decrypts(
    fresh_database, data_keys
):
    url = fresh_database
    await asyncio.to_thread(migrate.upgrade, url, "0001")
    await _seed_0001(url)
    await asyncio.to_thread(migrate.upgrade, url, "0003")
    await _run(
        url,
        "UPDATE intakes SET wanneer = 'gisteren', naam = 'Sam', contact = NULL",
        "INSERT INTO intake_notes (intake_id, user_id, text, created_at) "
        "VALUES ('i-1', 1, 'Een notitie', '2024-11-03')",
        "INSERT INTO intake_steps (intake_id, user_id, description, due_date, created_at) "
        "VALUES ('i-1', 1, 'Bellen', '2024-11-10', '2024-11-03')",
        "INSERT INTO intake_status_changes (intake_id, user_id, from_status, to_status, reason, "
        "created_at) VALUES ('i-1', 1, 'nieuw', 'afgesloten', 'Klaar', '2024-11-03')",
    )
    plain = await _raw_values(url, RAW_0004)
    assert plain == ["Gepest", "gisteren", "", "Sam", None, "Een notitie", "Bellen", "Klaar"]

    await asyncio.to_thread(migrate.upgrade, url, "0004")
    encrypted = await _raw_values(url, RAW_0004)
    assert encrypted[4] is None  # NULL stays NULL
    assert _opens_with(data_keys[0], encrypted[:4] + encrypted[5:]) == plain[:4] + plain[5:]

    await asyncio.to_thread(migrate.downgrade, url, "0003")
    assert await _raw_values(url, RAW_0004) == plain
