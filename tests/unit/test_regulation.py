"""The regulation profile: the seed regulation's data and the validation of a board's dict.

"art." = the seed regulation, shared/seeds/scol-klachtenregeling.md.
"""
from __future__ import annotations

import copy
import dataclasses
from typing import Any, Callable

import pytest

from wegwijzer.regulation import (
    LANDELIJKE_KLACHTENCOMMISSIE,
    SEED_PROFILE_DICT,
    Persoon,
    RegulationProfile,
    Termijnen,
    seed_profile,
)
from wegwijzer.vocab import ROUTES


@pytest.mark.parametrize(
    "bron, get, expected",
    [
        pytest.param("art. 7 lid 8", lambda p: p.termijnen.ontvangst_werkdagen, 5, id="ontvangst-5-werkdagen"),
        pytest.param("art. 11 lid 1", lambda p: p.termijnen.hoorzitting_weken, 4, id="hoorzitting-4-weken"),
        pytest.param("art. 12 lid 2", lambda p: p.termijnen.advies_weken, 4, id="advies-4-weken"),
        pytest.param("art. 12 lid 2", lambda p: p.termijnen.advies_verlenging_weken, 4, id="advies-verlenging-4-weken"),
        pytest.param("art. 15 lid 1", lambda p: p.termijnen.besluit_weken, 4, id="besluit-4-weken"),
        pytest.param("art. 15 lid 2", lambda p: p.termijnen.besluit_verlenging_weken, 4, id="besluit-verlenging-4-weken"),
        pytest.param("art. 9 lid 4", lambda p: p.termijnen.herstel_weken, 2, id="herstel-2-weken"),
        pytest.param("art. 7 lid 2", lambda p: p.termijnen.klachttermijn_maanden, 12, id="klachttermijn-1-jaar"),
        pytest.param("art. 11-15 (no extensions)", lambda p: p.termijnen.doorlooptijd_weken, 12, id="doorlooptijd"),
        pytest.param("art. 12 lid 2, 15 lid 2", lambda p: p.termijnen.doorlooptijd_max_weken, 20, id="doorlooptijd-max"),
        pytest.param("art. 4 lid 1", lambda p: p.heeft("klachtencommissie"), True, id="eigen-klachtencommissie"),
        pytest.param("art. 4 lid 2", lambda p: p.heeft("landelijke_klachtencommissie"), True, id="aangesloten-landelijk"),
        pytest.param("Adressen", lambda p: p.klachtencommissie.telefoon, "071-5175551", id="commissie-telefoon"),
        pytest.param("Adressen", lambda p: p.landelijke_klachtencommissie.adres,
                     "Onderwijsgeschillen, Postbus 85191, 3508 AD Utrecht", id="landelijk-adres"),
        pytest.param("brief", lambda p: p.landelijke_klachtencommissie.telefoon, "030-280 95 90", id="landelijk-telefoon"),
        pytest.param("brief", lambda p: p.landelijke_klachtencommissie.email, "info@onderwijsgeschillen.nl", id="landelijk-email"),
        pytest.param("brief", lambda p: p.vertrouwensinspecteur.telefoon, "0900-111 3 111", id="vertrouwensinspecteur"),
        # Art. 3 lid 1: at least one vertrouwenspersoon; the seed names no one (do not invent people).
        pytest.param("art. 3 lid 1; Adressen", lambda p: [v.naam for v in p.vertrouwenspersonen], [None], id="vp-geen-naam"),
        pytest.param("Adressen", lambda p: p.vertrouwenspersonen[0].bereikbaar_via.telefoon, "071-5175551", id="vp-via-bestuursbureau"),
        pytest.param("art. 2 (per school; the seed names none)", lambda p: p.contactpersonen, (), id="geen-contactpersonen"),
        pytest.param("toelichting art. 9 lid 4", lambda p: p.anonieme_klachten_behandeld, False, id="anoniem-niet-behandeld"),
        pytest.param("art. 19 lid 3", lambda p: p.regeling_naam, "Klachtenregeling Stichting Confessioneel Onderwijs Leiden", id="naam"),
    ],
)
def test_seed_profile(bron: str, get: Callable[[RegulationProfile], Any], expected: Any) -> None:
    assert get(seed_profile()) == expected


def test_default_terms_are_the_seed_terms() -> None:
    assert Termijnen() == seed_profile().termijnen


def test_profile_is_frozen() -> None:
    p = seed_profile()
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.routes = frozenset()  # type: ignore[misc]


def test_round_trip_through_a_plain_dict() -> None:
    p = seed_profile().voor_school("De Regenboog", [Persoon(naam="Juf Sanne", telefoon="071-1234567")])
    again = RegulationProfile.from_dict(p.to_dict())
    assert again == p
    assert again.school_naam == "De Regenboog" and again.contactpersonen[0].naam == "Juf Sanne"


def test_national_committee_address_is_filled_in_when_only_the_route_is_given() -> None:
    d = copy.deepcopy(SEED_PROFILE_DICT)
    del d["landelijke_klachtencommissie"]
    assert RegulationProfile.from_dict(d).landelijke_klachtencommissie == LANDELIJKE_KLACHTENCOMMISSIE


def _set(path: str, value: Any) -> Callable[[dict], None]:
    def change(d: dict) -> None:
        *parents, last = path.split(".")
        target = d
        for key in parents:
            target = target[int(key)] if isinstance(target, list) else target[key]
        if value is _DELETE:
            del target[last]
        else:
            target[last] = value

    return change


_DELETE = object()


@pytest.mark.parametrize(
    "change, message",
    [
        pytest.param(_set("bestuur", _DELETE), r"^bestuur: missing", id="geen-bestuur"),
        pytest.param(_set("bestuur.naam", ""), r"^bestuur\.naam: must not be empty", id="bestuur-naam-leeg"),
        pytest.param(_set("regeling_naam", 5), r"^regeling_naam: must be text", id="regeling-naam-geen-tekst"),
        pytest.param(_set("routes", _DELETE), r"^routes: missing", id="geen-routes"),
        pytest.param(_set("routes", "klachtencommissie"), r"^routes: must be a list", id="routes-geen-lijst"),
        pytest.param(_set("routes", ["bevoegd_gezag", "klachtencommissie", "rechter"]), r"^routes: unknown route 'rechter'", id="onbekende-route"),
        pytest.param(_set("routes", ["bevoegd_gezag", "klachtencommissie", "klachtencommissie"]), r"^routes: 'klachtencommissie' listed twice", id="dubbele-route"),
        pytest.param(_set("routes", ["klachtencommissie"]), r"^routes: 'bevoegd_gezag' is required", id="geen-bevoegd-gezag"),
        pytest.param(_set("routes", ["bevoegd_gezag", "vertrouwenspersoon"]), r"^routes: a board must have its own complaints committee", id="geen-enkele-commissie"),
        pytest.param(_set("klachtencommissie", None), r"^klachtencommissie: missing, but 'klachtencommissie' is in routes", id="commissie-zonder-gegevens"),
        pytest.param(lambda d: d.update(routes=[r for r in ROUTES if r != "landelijke_klachtencommissie"]),
                     r"^landelijke_klachtencommissie: given, but 'landelijke_klachtencommissie' is not in routes", id="landelijk-gegeven-niet-in-routes"),
        pytest.param(_set("vertrouwenspersonen", []), r"^vertrouwenspersonen: empty, but 'vertrouwenspersoon' is in routes", id="geen-vertrouwenspersoon"),
        pytest.param(_set("vertrouwenspersonen", [{"naam": "X"}]), r"^vertrouwenspersonen\[0\]: a person must be reachable", id="vp-onbereikbaar"),
        pytest.param(_set("vertrouwenspersonen", [{"naam": "X", "telefoon": 715175551}]), r"^vertrouwenspersonen\[0\]\.telefoon: write the phone number as text", id="telefoon-als-getal"),
        pytest.param(_set("vertrouwenspersonen", [{"telefoon": "bel maar"}]), r"^vertrouwenspersonen\[0\]\.telefoon: not a phone number", id="telefoon-onzin"),
        pytest.param(_set("vertrouwenspersonen", [{"email": "vp-at-example.nl"}]), r"^vertrouwenspersonen\[0\]\.email: not an e-mail address", id="email-onzin"),
        pytest.param(_set("vertrouwenspersonen", [{"email": "vp@example.nl", "functie": "x"}]), r"^vertrouwenspersonen\[0\]: unknown field\(s\) 'functie'", id="persoon-onbekend-veld"),
        pytest.param(_set("landelijke_klachtencommissie.website", "onderwijsgeschillen.nl"), r"^landelijke_klachtencommissie\.website: not an http", id="website-zonder-http"),
        pytest.param(_set("termijnen.hoorzitting_weken", 0), r"^termijnen\.hoorzitting_weken: must be a positive whole number", id="termijn-nul"),
        pytest.param(_set("termijnen.advies_weken", "vier"), r"^termijnen\.advies_weken: must be a positive whole number", id="termijn-tekst"),
        pytest.param(_set("termijnen.klachttermijn_maanden", True), r"^termijnen\.klachttermijn_maanden: must be a positive", id="termijn-bool"),
        pytest.param(_set("termijnen.klachttermijn_jaren", 1), r"^termijnen: unknown field\(s\) 'klachttermijn_jaren'", id="termijn-onbekend"),
        pytest.param(_set("anonieme_klachten_behandeld", "nee"), r"^anonieme_klachten_behandeld: must be true or false", id="anoniem-geen-bool"),
        pytest.param(_set("klachtencomissie", {"naam": "x"}), r"^profile: unknown field\(s\) 'klachtencomissie'", id="typfout-veld"),
        pytest.param(_set("school", {"naam": "X", "contactpersoon": []}), r"^school: unknown field\(s\) 'contactpersoon'", id="school-onbekend-veld"),
        pytest.param(_set("school", {"contactpersonen": [{"naam": "Y"}]}), r"^school\.contactpersonen\[0\]: a person must be reachable", id="contactpersoon-onbereikbaar"),
    ],
)
def test_from_dict_rejects_bad_input(change: Callable[[dict], None], message: str) -> None:
    d = copy.deepcopy(SEED_PROFILE_DICT)
    change(d)
    with pytest.raises(ValueError, match=message):
        RegulationProfile.from_dict(d)


def test_from_dict_rejects_a_non_mapping() -> None:
    with pytest.raises(ValueError, match=r"^profile: must be a mapping"):
        RegulationProfile.from_dict(["routes"])


def test_a_minimal_board_loads() -> None:
    """Only the national committee, no own people yet: valid, and the gaps stay empty."""
    p = RegulationProfile.from_dict({
        "bestuur": {"naam": "Stichting Voorbeeld"},
        "regeling_naam": "Klachtenregeling Stichting Voorbeeld",
        "routes": ["onderling_overleg", "mentor", "directeur", "bevoegd_gezag", "landelijke_klachtencommissie"],
    })
    assert not p.heeft("klachtencommissie") and not p.heeft("vertrouwenspersoon")
    assert p.landelijke_klachtencommissie == LANDELIJKE_KLACHTENCOMMISSIE
    assert p.vertrouwenspersonen == () and p.klachtencommissie is None
