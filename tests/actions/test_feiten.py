"""The fact questions in the intake form (actions/feiten.py) and the advice that uses them
(action_advies, seed regulation: no backend needed for the advice itself)."""
from __future__ import annotations

from rasa_sdk.executor import CollectingDispatcher

from actions.advice import ActionAdvies
from actions.intake_form import ValidateIntakeForm
from tests.actions.conftest import tracker

FORM = ["school", "rol", "wat_gebeurd", "categorie_klopt", "wanneer", "betrokkenen", "al_ondernomen",
        "wens", "anoniem", "naam", "contact"]


def said(text: str, intent: str, slots: dict):
    t = tracker(slots)
    t.latest_message = {"text": text, "intent": {"name": intent, "confidence": 0.95}, "entities": []}
    t.events = [{"event": "user", "text": text, "parse_data": t.latest_message}]
    return t


def slot_events(events) -> dict:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


async def required(slots: dict) -> list[str]:
    return await ValidateIntakeForm().required_slots(list(FORM), CollectingDispatcher(), said("x", "informeren", slots), {})


async def test_an_uncertain_fact_is_asked_after_who_was_involved_and_a_clear_one_is_not():
    base = {"rol": "leerling", "categorieen": ["beoordeling"], "wanneer": "gisteren", "betrokkenen": "de docent"}
    slots = await required({**base, "wat_gebeurd": "de docent is oneerlijk bij het nakijken van mijn werk"})
    assert slots[slots.index("betrokkenen") + 1] == "examen"
    assert "examen" not in await required({**base, "wat_gebeurd": "mijn proefwerk is fout nagekeken"})
    # Nothing is asked before the story and who was involved are known.
    assert "examen" not in await required({"rol": "leerling", "categorieen": ["beoordeling"]})


async def test_the_answer_is_kept_and_weet_niet_is_an_answer_too():
    form = ValidateIntakeForm()
    slots = {"requested_slot": "mogelijk_strafbaar"}
    assert await form.extract_mogelijk_strafbaar(CollectingDispatcher(), said("/bevestigen", "bevestigen", slots), {}) \
        == {"mogelijk_strafbaar": True}
    assert await form.extract_mogelijk_strafbaar(CollectingDispatcher(), said("nee hoor", "ontkennen", slots), {}) \
        == {"mogelijk_strafbaar": False}
    assert await form.extract_mogelijk_strafbaar(CollectingDispatcher(), said("geen idee", "weet_niet", slots), {}) \
        == {"mogelijk_strafbaar": "weet_niet"}
    # Another question's answer is not this one's.
    assert await form.extract_examen(CollectingDispatcher(), said("ja", "bevestigen", slots), {}) == {}
    # Answered (also with "weet ik niet"): kept in the list, never asked again.
    base = {"rol": "leerling", "categorieen": ["pesten"], "wat_gebeurd": "ze schoppen me", "betrokkenen": "Tim"}
    assert "mogelijk_strafbaar" in await required(base)
    assert "mogelijk_strafbaar" in await required({**base, "mogelijk_strafbaar": "weet_niet"})


async def test_the_advice_uses_the_facts_from_the_words():
    slots = {"rol": "ouder", "categorieen": ["beoordeling"], "wanneer": "maandag",
             "wat_gebeurd": "Het schoolexamen van mijn dochter is verkeerd nagekeken", "betrokkenen": "De docent",
             "al_ondernomen": ["onderling_overleg"], "wens": ["anders"]}
    dispatcher = CollectingDispatcher()
    events = slot_events(await ActionAdvies().run(dispatcher, said("nee", "ontkennen", slots), {}))
    assert events["advies_routes"][0] == "commissie_van_beroep_examens"
    assert "examen" in events["signalen"]
    assert len(events["datum_gebeurtenis"]) == 10  # ISO, from "maandag", for the record


async def test_a_former_pupil_and_a_teacher_who_shouts():
    slots = {"rol": "oud_leerling", "categorieen": ["grensoverschrijdend_gedrag"], "wanneer": "in 2024",
             "wat_gebeurd": "De leraar schreeuwde elke les tegen mij en noemde me dom", "betrokkenen": "meneer K, mijn docent",
             "al_ondernomen": ["niets"], "wens": ["gehoord_worden"]}
    dispatcher = CollectingDispatcher()
    events = slot_events(await ActionAdvies().run(dispatcher, said("nee", "ontkennen", slots), {}))
    assert "zedenzaak_personeel" not in events["signalen"] and "minderjarig" not in events["signalen"]
    assert "buiten_termijn" in events["signalen"]
    assert "vertrouwensinspecteur" not in events["advies_routes"]


async def test_a_pupil_who_says_they_are_a_former_pupil_is_addressed_as_an_adult_from_the_advice_on():
    slots = {"rol": "leerling", "categorieen": ["pesten"], "wanneer": "van 2014 tot 2017",
             "wat_gebeurd": "Ik ben oud-leerling. Ik ben jaren gepest en de school deed niets", "betrokkenen": "klasgenoten",
             "al_ondernomen": ["mentor"], "wens": ["gehoord_worden"]}
    dispatcher = CollectingDispatcher()
    events = slot_events(await ActionAdvies().run(dispatcher, said("nee", "ontkennen", slots), {}))
    assert events["aanspreekvorm"] == "u"
    assert events["rol"] == "oud_leerling"  # and so on the record (blind1: the record said leerling)
    assert "minderjarig" not in events["signalen"] and "buiten_termijn" in events["signalen"]
    assert "mentor" not in events["advies_routes"]
