"""The handoff action and the form validator against a real backend over real HTTP.

The backend is the real app from `create_app`, served on a loopback port with a migrated SQLite
database; only the tracker is built by hand, as Rasa would send it.
"""
from __future__ import annotations

import re

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import outbox
from actions.intake_form import ValidateIntakeForm
from actions.overdracht import ActionOverdracht
from tests.actions.conftest import hashed, stored_intakes, tracker
from tests.conftest import free_port
from wegwijzer.vocab import CODE_ALPHABET

CODE_RE = re.compile(rf"^[{CODE_ALPHABET}]{{4}}-[{CODE_ALPHABET}]{{4}}-[{CODE_ALPHABET}]{{4}}$")


APPROVED = {"school": "demo", "rol": "leerling", "wat_gebeurd": "Ze lachen me elke dag uit.",
            "anoniem": True, "naam": None, "contact": None, "intake_id": "0123456789abcdef" * 2}
# What stays after a handoff (wegwijzer.intake.KEPT_AFTER_HANDOFF); the rest is cleared.
KEPT = {"school", "rol"}


async def test_handoff_stores_the_intake_and_tells_the_code(backend, database):
    dispatcher = CollectingDispatcher()
    events = await ActionOverdracht().run(dispatcher, tracker(APPROVED, channel="socketio"), {})

    [record] = stored_intakes(database)
    assert record["conversation_id"] == "conv-1"
    assert record["intake_key"] == APPROVED["intake_id"]
    assert record["wat_gebeurd"] == APPROVED["wat_gebeurd"]
    assert record["kanaal"] == "web"
    # ONE message: the code, a one-time link without the code, what happens now; no copy text.
    [message] = dispatcher.messages
    assert message["response"] == "utter_overdracht_gelukt"
    code = message["code"]
    assert CODE_RE.match(code) and record["code_hash"] == hashed(code)
    assert re.search(r"/kopie/[A-Za-z0-9_-]{40,}$", message["kopie_url"])
    assert code not in message["kopie_url"] and code.replace("-", "") not in message["kopie_url"]
    # The intake is done: its slots are cleared, the code stays to read back the status.
    assert SlotSet("code", code) in events and SlotSet("overdracht_status", "gelukt") in events
    cleared = {event["name"] for event in events if event["value"] is None}
    assert cleared >= set(APPROVED) - KEPT


def at_consent(answer: str) -> Tracker:
    """The person typed ``answer`` at the consent question and the model read it as a yes."""
    return tracker(APPROVED, text=answer, intent={"name": "bevestigen", "confidence": 0.69},
                   asked="utter_vraag_toestemming")


@pytest.mark.parametrize("answer", ["hmmm", "ja maar ik wil eerst nog iets aanpassen", "wtf"])
async def test_a_typed_answer_that_is_no_clear_yes_sends_nothing_and_asks_again(backend, database, answer):
    dispatcher = CollectingDispatcher()
    events = await ActionOverdracht().run(dispatcher, at_consent(answer), {})
    assert stored_intakes(database) == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_toestemming_zeker_weten"]
    assert events == [FollowupAction("utter_vraag_toestemming")]


@pytest.mark.parametrize("answer", ["naaah", "neuh", "nee, eerst met mijn ouders praten"])
async def test_a_typed_no_read_as_yes_sends_nothing(backend, database, answer):
    dispatcher = CollectingDispatcher()
    events = await ActionOverdracht().run(dispatcher, at_consent(answer), {})
    assert stored_intakes(database) == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_niets_verstuurd"]
    assert events == [FollowupAction("action_restart")]


async def test_a_typed_no_read_as_a_wish_to_change_sends_nothing():
    """"Nee, toch maar niet" read as `aanpassen` after a retrain asked which part to change, and
    the consent question came back again and again (scenario gesprek-nee-toestemming-ouder);
    "nee, de datum klopt niet" names a part, and is a change."""
    from actions.overdracht import ActionWijzigingBegin

    def wants_change(answer: str) -> Tracker:
        return tracker(APPROVED, text=answer, intent={"name": "aanpassen", "confidence": 0.9},
                       asked="utter_vraag_toestemming")

    dispatcher = CollectingDispatcher()
    events = await ActionWijzigingBegin().run(dispatcher, wants_change("Nee, toch maar niet"), {})
    assert events == [FollowupAction("action_restart")]
    assert [m["response"] for m in dispatcher.messages] == ["utter_niets_verstuurd"]
    events = await ActionWijzigingBegin().run(CollectingDispatcher(), wants_change("nee, de datum klopt niet"), {})
    assert SlotSet("wijzig_soort", "aanpassen") in events and FollowupAction("action_restart") not in events


@pytest.mark.parametrize("answer", ["ja", "Ja graag!", "oké stuur maar door", "yes please"])
async def test_a_typed_clear_yes_sends(backend, database, answer):
    dispatcher = CollectingDispatcher()
    await ActionOverdracht().run(dispatcher, at_consent(answer), {})
    assert len(stored_intakes(database)) == 1
    assert dispatcher.messages[0]["response"] == "utter_overdracht_gelukt"


async def test_handoff_repeated_gives_one_record(backend, database):
    first = CollectingDispatcher()
    await ActionOverdracht().run(first, tracker(APPROVED), {})
    again = CollectingDispatcher()
    await ActionOverdracht().run(again, tracker({**APPROVED, "code": first.messages[0]["code"]}), {})
    assert len(stored_intakes(database)) == 1
    assert again.messages[0]["code"] == first.messages[0]["code"]


async def test_a_new_intake_id_is_a_new_record_in_the_same_chat(backend, database):
    await ActionOverdracht().run(CollectingDispatcher(), tracker(APPROVED), {})
    second = {**APPROVED, "intake_id": "f" * 32, "wat_gebeurd": "Iets anders."}
    await ActionOverdracht().run(CollectingDispatcher(), tracker(second), {})
    records = stored_intakes(database)
    assert [r["conversation_id"] for r in records] == ["conv-1", "conv-1"]
    assert len({r["code_hash"] for r in records}) == 2


async def test_refused_by_the_backend_is_told_honestly(backend, database, outbox_url, monkeypatch):
    monkeypatch.setenv("WEGWIJZER_SERVICE_TOKEN", "not-the-token")
    dispatcher = CollectingDispatcher()
    events = await ActionOverdracht().run(dispatcher, tracker(APPROVED), {})
    assert events == [SlotSet("intake_id", APPROVED["intake_id"]),
                      SlotSet("overdracht_status", "mislukt")]
    assert [m["response"] for m in dispatcher.messages] == ["utter_overdracht_mislukt"]
    assert stored_intakes(database) == []
    assert outbox.waiting(outbox_url) == 0  # a refusal is not kept to be retried


async def test_school_from_metadata_is_checked_with_the_backend(backend):
    form = ValidateIntakeForm()
    known = tracker({"school": None}, metadata={"school": "Demo"})
    assert await form.extract_school(CollectingDispatcher(), known, {}) == {"school": "demo"}

    dispatcher = CollectingDispatcher()
    assert await form.validate_school("demo", dispatcher, known, {}) == {"school": "demo"}
    assert dispatcher.messages == []

    dispatcher = CollectingDispatcher()
    assert await form.validate_school("onbekend", dispatcher, known, {}) == {"school": None}
    assert [m["response"] for m in dispatcher.messages] == ["utter_school_onbekend"]


async def test_school_is_kept_when_the_backend_is_away(monkeypatch):
    monkeypatch.setenv("BACKEND_URL", f"http://127.0.0.1:{free_port()}")
    dispatcher = CollectingDispatcher()
    result = await ValidateIntakeForm().validate_school("demo", dispatcher, tracker({}), {})
    assert result == {"school": "demo"}
    assert dispatcher.messages == []


@pytest.mark.parametrize(
    "slot, value, expected, response",
    [
        ("rol", "leerling", "leerling", None),
        ("rol", "koning", None, "utter_rol_onbekend"),

        ("wat_gebeurd", "ok", None, "utter_wat_gebeurd_te_kort"),
        ("wat_gebeurd", "x" * 5001, None, "utter_wat_gebeurd_te_lang"),
        ("naam", "Sam", "Sam", None),
        ("contact", "y" * 201, None, "utter_te_lang"),
    ],
)
def test_form_answers_are_validated(slot, value, expected, response):
    dispatcher = CollectingDispatcher()
    validate = getattr(ValidateIntakeForm(), f"validate_{slot}")
    assert validate(value, dispatcher, tracker({}), {})[slot] == expected
    assert [m["response"] for m in dispatcher.messages] == ([response] if response else [])


@pytest.mark.parametrize("rol, vorm", [("leerling", "je"), ("ouder", "u"), ("personeel", "u"), ("anders", "u")])
def test_the_role_sets_the_form_of_address(rol, vorm):
    result = ValidateIntakeForm().validate_rol(rol, CollectingDispatcher(), tracker({}), {})
    assert result == {"rol": rol, "aanspreekvorm": vorm}


async def test_anonymous_reporter_is_not_asked_for_name_or_contact():
    form = ValidateIntakeForm()
    slots = ["school", "rol", "wat_gebeurd", "anoniem", "naam", "contact"]
    anonymous = await form.required_slots(slots, CollectingDispatcher(), tracker({"anoniem": True}), {})
    named = await form.required_slots(slots, CollectingDispatcher(), tracker({"anoniem": False}), {})
    assert anonymous == ["school", "rol", "wat_gebeurd", "anoniem"]
    assert named == slots


def test_what_happened_is_kept_with_the_categories_found_in_it():
    dispatcher = CollectingDispatcher()
    latest = tracker({})
    latest.latest_message["entities"] = [
        {"entity": "categorie", "value": "agressie_geweld", "start": 0, "end": 22},
        {"entity": "categorie", "value": "pesten", "start": 0, "end": 22},
    ]
    result = ValidateIntakeForm().validate_wat_gebeurd("  Hij duwt me elke dag.  ", dispatcher, latest, {})
    assert result == {"wat_gebeurd": "Hij duwt me elke dag.", "categorieen": ["pesten", "agressie_geweld"]}
    # Listened to: the story is acknowledged before the next question.
    assert [m["response"] for m in dispatcher.messages] == ["utter_erkenning_verhaal"]


def asking(slot: str, intent: str, entities=()) -> Tracker:
    form_tracker = tracker({"requested_slot": slot})
    form_tracker.latest_message["intent"] = {"name": intent}
    form_tracker.latest_message["entities"] = list(entities)
    return form_tracker


@pytest.mark.parametrize(
    "slot, intent, entities, expected",
    [
        ("al_ondernomen", "informeren",
         [{"entity": "ondernomen", "value": "mentor"}, {"entity": "ondernomen", "value": "directeur"}],
         ["mentor", "directeur"]),
        ("al_ondernomen", "ontkennen", [], ["niets"]),
        ("al_ondernomen", "melding_doen", [], ["anders"]),  # a free answer is never lost
        ("al_ondernomen", "informeren", [{"entity": "ondernomen", "value": "ruzie"}], ["anders"]),
        ("wens", "informeren", [{"entity": "wens", "value": "excuses"}], ["excuses"]),
        ("wens", "weet_niet", [], ["advies"]),
    ],
)
async def test_what_was_tried_and_what_is_wanted_are_understood(slot, intent, entities, expected):
    extract = getattr(ValidateIntakeForm(), f"extract_{slot}")
    assert await extract(CollectingDispatcher(), asking(slot, intent, entities), {}) == {slot: expected}


async def test_list_answers_are_only_taken_when_asked_and_not_from_a_stop():
    form = ValidateIntakeForm()
    assert await form.extract_wens(CollectingDispatcher(), asking("wanneer", "informeren"), {}) == {}
    assert await form.extract_wens(CollectingDispatcher(), asking("wens", "stoppen"), {}) == {}


async def test_advice_is_computed_from_the_regulation_and_kept_for_the_handoff():
    from actions.advice import ActionAdvies

    slots = {"rol": "leerling", "categorieen": ["discriminatie"], "al_ondernomen": ["niets"],
             "wens": ["stoppen_gedrag"], "anoniem": False}
    dispatcher = CollectingDispatcher()
    events = await ActionAdvies().run(dispatcher, tracker(slots), {})
    routes = next(e["value"] for e in events if e["name"] == "advies_routes")
    signals = next(e["value"] for e in events if e["name"] == "signalen")
    assert routes[0] == "vertrouwenspersoon"  # a serious matter: never "talk it out" first
    assert "onderling_overleg" not in routes
    assert "minderjarig" in signals
    [message] = dispatcher.messages
    assert message["response"] == "utter_advies" and "ertrouwenspersoon" in message["advies"]


async def test_advice_names_the_schools_own_people_from_the_backend(backend):
    from actions.advice import ActionAdvies

    # A staff member who talked it out already: the contact person is the first step.
    slots = {"school": "demo", "rol": "personeel", "categorieen": ["pesten"],
             "al_ondernomen": ["onderling_overleg"], "wens": ["stoppen_gedrag"], "anoniem": True}
    dispatcher = CollectingDispatcher()
    await ActionAdvies().run(dispatcher, tracker(slots), {})
    # config/scol.yml gives the demo school its (fictional) contact person; staff get "u".
    advies = dispatcher.messages[0]["advies"]
    assert advies.startswith("Mijn advies: begin bij de contactpersoon")
    assert "Demo Contactpersoon" in advies and " u " in advies and " je " not in advies


async def test_advice_falls_back_to_the_seed_regulation_when_the_backend_is_away(monkeypatch):
    from actions.advice import ActionAdvies

    monkeypatch.setenv("BACKEND_URL", f"http://127.0.0.1:{free_port()}")
    slots = {"school": "demo", "rol": "leerling", "categorieen": ["pesten"],
             "al_ondernomen": ["onderling_overleg"], "wens": [], "anoniem": True}
    dispatcher = CollectingDispatcher()
    events = await ActionAdvies().run(dispatcher, tracker(slots), {})
    assert next(e["value"] for e in events if e["name"] == "advies_routes")[0] == "mentor"
    assert "Demo Contactpersoon" not in dispatcher.messages[0]["advies"]


# --- changing the summary before consent ------------------------------------------------------

NAMED = {"school": "demo", "rol": "ouder", "aanspreekvorm": "u", "wat_gebeurd": "Mijn zoon wordt geduwd.",
         "eerste_bericht": "Mijn zoon wordt geduwd.", "categorieen": ["pesten"],
         "wanneer": "sinds september", "betrokkenen": "Tim en Bas uit zijn klas",
         "al_ondernomen": ["mentor"], "wens": ["stoppen_gedrag"], "gekozen_route": "geen",
         "anoniem": False, "naam": "Els de Vries", "contact": "els@example.org"}


def _applied(slots: dict, events) -> dict:
    return {**slots, **{e["name"]: e["value"] for e in events if e.get("event") == "slot"}}


async def _change(slots: dict, text: str, intent: str) -> tuple[dict, list[str]]:
    """A change typed at the consent question, run as the rules do: begin, the form (done at
    once when the words told it all), apply. Returns the new slots and the responses."""
    from actions.overdracht import ActionWijzigingBegin, ActionWijzigingToepassen, ValidateWijzigForm
    from tests.actions.test_conversation import said

    dispatcher = CollectingDispatcher()
    slots = _applied(slots, await ActionWijzigingBegin().run(dispatcher, said(text, intent, slots=slots), {}))
    missing = [s for s in await ValidateWijzigForm().required_slots(
        ["wijzig_veld", "wijzig_waarde"], dispatcher, said(text, intent, slots=slots), {}) if not slots.get(s)]
    assert missing == [], missing
    slots = _applied(slots, await ActionWijzigingToepassen().run(dispatcher, said(text, intent, slots=slots), {}))
    assert not any(slots[s] for s in ("wijzig_soort", "wijzig_veld", "wijzig_waarde"))
    return slots, [m["response"] for m in dispatcher.messages]


def _stored(database) -> dict:
    from sqlalchemy import create_engine, select

    from backend.models import Intake

    with create_engine(f"sqlite:///{database}").connect() as connection:
        # Through the model's column types: free text is encrypted at rest (shared.crypto).
        row = connection.execute(select(
            Intake.wat_gebeurd, Intake.wanneer, Intake.betrokkenen, Intake.naam, Intake.contact,
            Intake.anoniem,
        )).one()
        return dict(row._mapping)


async def test_a_left_out_and_a_changed_field_reach_the_backend_exactly_as_approved(backend, database):
    from actions.overdracht import ActionSamenvatting
    from wegwijzer.conversation import samenvatting_regels

    slots, said_back = await _change(NAMED, "haal de namen eruit", "weglaten")
    assert said_back == ["utter_wijzig_weggelaten"] and slots["betrokkenen"] is None
    slots, said_back = await _change(slots, "verander wanneer in: vorige week dinsdag", "aanpassen")
    assert said_back == ["utter_wijzig_aangepast"] and slots["wanneer"] == "vorige week dinsdag"
    slots, _ = await _change(slots, "laat mijn e-mailadres weg", "weglaten")

    dispatcher = CollectingDispatcher()
    await ActionSamenvatting().run(dispatcher, tracker(slots), {})
    summary = dispatcher.messages[0]["samenvatting"]
    assert "Tim" not in summary and "els@example.org" not in summary and "sinds september" not in summary
    await ActionOverdracht().run(CollectingDispatcher(), tracker(slots), {})
    stored = _stored(database)
    shown = {slot: value for slot, _, value in samenvatting_regels(slots, "u")}
    assert stored == {"wat_gebeurd": shown["wat_gebeurd"], "wanneer": "vorige week dinsdag",
                      "betrokkenen": "", "naam": "Els de Vries", "contact": None, "anoniem": False}
    assert shown["naam"] == "Els de Vries" and "contact" not in shown and "betrokkenen" not in shown


async def test_the_change_form_asks_what_it_does_not_know_and_takes_no_for_an_answer():
    from actions.overdracht import ActionAskWijzigVeld, ValidateWijzigForm
    from tests.actions.test_conversation import said

    form = ValidateWijzigForm()
    slots = {**NAMED, "wijzig_soort": "weglaten", "requested_slot": "wijzig_veld"}
    dispatcher = CollectingDispatcher()
    await ActionAskWijzigVeld().run(dispatcher, said("/weglaten", "weglaten", slots=slots), {})
    [asked] = dispatcher.messages
    titles = [b["title"] for b in asked["buttons"]]
    assert asked["response"] == "utter_wijzig_welk_veld_weglaten"
    assert titles[0] == "Wanneer" and "Wat er gebeurde" not in titles and titles[-1] == "Laat maar"
    assert "Wat u al heeft gedaan" in titles  # the person's own form of address

    async def answer(text, intent="informeren"):
        d = CollectingDispatcher()
        t = said(text, intent, slots=slots)
        got = await form.extract_wijzig_veld(d, t, {})
        if got.get("wijzig_veld"):
            got.update(form.validate_wijzig_veld(got["wijzig_veld"], d, t, {}))
        return got, [m["response"] for m in d.messages]

    assert await answer("Wie erbij waren") == ({"wijzig_veld": "betrokkenen"}, [])
    assert await answer("laat maar", "stoppen") == ({"wijzig_veld": "geen"}, [])  # not a stop here
    assert await answer("wat er gebeurde") == (
        {"wijzig_veld": None, "wijzig_waarde": None}, ["utter_wijzig_niet_weglaten"])
    assert await answer("de kleur") == ({"wijzig_veld": None}, ["utter_wijzig_veld_onbekend"])
    slots.update(anoniem=True)  # an anonymous person's summary holds no name to leave out
    assert await answer("mijn naam") == (
        {"wijzig_veld": None, "wijzig_waarde": None}, ["utter_wijzig_staat_er_niet_in"])
    assert await answer("stop", "stoppen") == ({}, [])


async def test_a_change_that_changes_the_advice_gives_the_new_advice_before_consent(backend):
    """'Wanneer' changed at the summary to a date past the one-year term (blind1 scenario: a
    pupil first said "vorig jaar", then "november 2024"): the term is said and on the record."""
    from actions.advice import ActionAdvies

    slots = {**NAMED, "wanneer": "vorige maand", "anoniem": True, "naam": None, "contact": None}
    slots = _applied(slots, await ActionAdvies().run(CollectingDispatcher(), tracker(slots), {}))
    assert "buiten_termijn" not in slots["signalen"]

    slots, said_back = await _change(slots, "verander wanneer in: in 2023, in de brugklas", "aanpassen")
    assert said_back == ["utter_wijzig_aangepast", "utter_advies_gewijzigd"]
    assert "buiten_termijn" in slots["signalen"] and slots["datum_gebeurtenis"] == "2023-12-31"

    # A change that leaves the advice as it was says nothing more, and keeps the date right.
    slots, said_back = await _change(slots, "verander wanneer in: in 2022", "aanpassen")
    assert said_back == ["utter_wijzig_aangepast"] and slots["datum_gebeurtenis"] == "2022-12-31"


async def test_which_part_to_change_is_never_asked_a_third_time():
    from actions.overdracht import ValidateWijzigForm
    from tests.actions.test_conversation import said

    form = ValidateWijzigForm()
    slots = {**NAMED, "wijzig_soort": "aanpassen", "requested_slot": "wijzig_veld"}
    asked = {"event": "slot", "name": "requested_slot", "value": "wijzig_veld"}
    user = {"event": "user", "text": "weet ik niet", "parse_data": {"intent": {"name": "weet_niet"}}}
    first = said("weet ik niet", "weet_niet", slots=slots, events=[asked, user])
    dispatcher = CollectingDispatcher()
    assert form.validate_wijzig_veld("?", dispatcher, first, {}) == {"wijzig_veld": None}
    second = said("weet ik niet", "weet_niet", slots=slots, events=[asked, user, user])
    dispatcher = CollectingDispatcher()
    assert form.validate_wijzig_veld("?", dispatcher, second, {}) == {"wijzig_veld": "geen"}
    assert [m["response"] for m in dispatcher.messages] == ["utter_wijzig_niets"]
