"""The intake record the bot builds from its slots (contract §4)."""
from __future__ import annotations

import pytest

from wegwijzer.intake import build_intake_record, found_categories, kanaal_for_channel, school_slug

SLOTS = {
    "school": "demo",
    "rol": "ouder",
    "wat_gebeurd": "  Mijn zoon is drie dagen geschorst zonder gesprek.  ",
    "anoniem": False,
    "naam": "Petra",
    "contact": "petra@example.org",
    "requested_slot": None,
}


def test_record_has_the_contract_fields_and_the_persons_own_words():
    record = build_intake_record(SLOTS, conversation_id="abc", kanaal="web")
    assert record["school"] == "demo"
    assert record["conversation_id"] == "abc"
    assert record["kanaal"] == "web"
    assert record["rol"] == "ouder"
    assert record["wat_gebeurd"] == "Mijn zoon is drie dagen geschorst zonder gesprek."
    assert record["naam"] == "Petra" and record["contact"] == "petra@example.org"
    assert record["anoniem"] is False
    for list_field in ("categorieen", "al_ondernomen", "wens", "advies_routes", "signalen"):
        assert record[list_field] == []
    assert "requested_slot" not in record


def test_anonymous_record_never_carries_name_or_contact():
    record = build_intake_record({**SLOTS, "anoniem": True}, conversation_id="abc", kanaal="rest")
    assert record["anoniem"] is True
    assert record["naam"] is None and record["contact"] is None


def test_unknown_role_becomes_anders():
    assert build_intake_record({**SLOTS, "rol": "directeur"}, "abc", "rest")["rol"] == "anders"


@pytest.mark.parametrize(
    "channel, kanaal",
    [("rest", "rest"), ("socketio", "web"), ("telegram", "telegram"), (None, "rest"), ("cmdline", "rest")],
)
def test_channel_names_map_to_the_contract(channel, kanaal):
    assert kanaal_for_channel(channel) == kanaal


@pytest.mark.parametrize(
    "typed, slug",
    [("demo", "demo"), (" Demo ", "demo"), ("De Wegwijzer", "de-wegwijzer"), ("!!", None), ("", None), (None, None)],
)
def test_school_slug(typed, slug):
    assert school_slug(typed) == slug


def test_categories_come_from_categorie_entities_only_known_values_once():
    parse = {"entities": [
        {"entity": "categorie", "value": "cyberpesten"},
        {"entity": "rol", "value": "leerling"},
        {"entity": "categorie", "value": "pesten"},
        {"entity": "categorie", "value": "cyberpesten"},
        {"entity": "categorie", "value": "ruzie"},
    ]}
    assert found_categories(parse) == ["cyberpesten", "pesten"]
    assert found_categories({}) == []
