"""The scenario suite itself, without the bot: every data file follows the format, the facts
give the expectations the README promises, the simulated user gives up where it must, and the
judge fails what it must fail (and not the person's own words quoted back)."""
from __future__ import annotations

from datetime import date

import pytest

from tests.scenarios.judge import judge
from tests.scenarios.model import (
    ScenarioError, load_all, load_claims, load_scenario, select, term_expectation,
)
from tests.scenarios.simulator import BotState, Conversation, Simulator, Turn

TODAY = date(2026, 12, 4)
CLAIMS = load_claims()

MINIMAL = {
    "id": "x-minimaal",
    "titel": "t",
    "wie": "w",
    "opening": "ik word gepest door een jongen uit mijn klas",
    "antwoorden": {"rol": ["ik ben leerling"], "wat_gebeurd": ["hij pakt mijn spullen af"]},
    "feiten": {"examen": False, "betreft_personeel": False, "minderjarig": True, "anoniem": True},
    "verwacht": {
        "rol": "leerling",
        "categorieen": {"moet": ["pesten"]},
        "advies": {"eerste": ["mentor"], "niet": ["onderling_overleg"]},
    },
}


def scenario(**changes):
    raw = {**MINIMAL, **changes}
    return load_scenario(raw, "test.yml", TODAY)


# --- the data ---------------------------------------------------------------------------------


def test_every_data_file_loads_and_ids_are_unique():
    scenarios = load_all(today=TODAY)
    assert len(scenarios) >= 130
    assert len({s.id for s in scenarios}) == len(scenarios)


def test_the_fast_subset_is_small_and_covers_the_themes():
    fast = select(load_all(today=TODAY), tags=["snel"])
    assert 10 <= len(fast) <= 20
    assert len({s.file for s in fast}) >= 8


def test_unknown_values_and_keys_are_refused():
    with pytest.raises(ScenarioError, match="unknown value 'pesterij'"):
        scenario(verwacht={**MINIMAL["verwacht"], "categorieen": {"moet": ["pesterij"]}})
    with pytest.raises(ScenarioError, match="unknown keys"):
        scenario(verwacht={**MINIMAL["verwacht"], "advise": {}})
    with pytest.raises(ScenarioError, match="feiten must state"):
        scenario(feiten={"examen": False})
    with pytest.raises(ScenarioError, match="antwoorden.naam"):
        scenario(feiten={**MINIMAL["feiten"], "anoniem": False})


# --- derived expectations ---------------------------------------------------------------------


@pytest.mark.parametrize("spec, expected", [
    ("2024", True), ("2024-05", True), ("-2j", True), ("-14m", True),
    ("-1w", False), ("-10m", False), ("2026-11", False),
    ("-12m", None), ("2025-12", None),
])
def test_the_one_year_term_with_a_margin(spec, expected):
    assert term_expectation(spec, TODAY) is expected


def test_facts_add_signals_routes_and_claims():
    exam = scenario(feiten={**MINIMAL["feiten"], "examen": True, "datum_gebeurtenis": "2024"})
    exp = exam.expected
    assert {"examen", "buiten_termijn", "minderjarig"} <= exp.sig_must
    assert "commissie_van_beroep_examens" in exp.routes_must
    assert {"examen_termijn", "termijn_jaar"} <= set(exp.claims_must)
    assert "zedenzaak_personeel" in exp.sig_not and "plicht_vertrouwensinspecteur" in exp.claims_not
    assert "praat_eerst_zelf" in exp.claims_not  # onderling_overleg is a forbidden route

    adult = scenario(feiten={**MINIMAL["feiten"], "minderjarig": False},
                     verwacht={**MINIMAL["verwacht"], "rol": "oud_leerling"})
    assert "minderjarig" in adult.expected.sig_not
    assert {"ouders_ingelicht", "je_vorm"} <= set(adult.expected.claims_not)

    zeden = scenario(verwacht={**MINIMAL["verwacht"], "signalen": {"moet": ["zedenzaak_personeel"]}})
    assert "vertrouwensinspecteur" in zeden.expected.routes_must
    assert "plicht_vertrouwensinspecteur" not in zeden.expected.claims_not


# --- the simulated user -----------------------------------------------------------------------


class FakeClient:
    """A bot that asks ``slot`` for ever (or the consent question), with a category guess."""

    def __init__(self, slot, utters=("utter_ask",), guess=(), extra_buttons=()):
        self.slot, self.utters, self.guess, self.sent = slot, list(utters), list(guess), []
        self.extra_buttons = list(extra_buttons)

    def send(self, sender, text):
        self.sent.append(text)
        return [{"text": f"vraag {len(self.sent)}", "buttons": [
            {"title": "Ja, dat klopt", "payload": "/bevestigen"},
            {"title": "Nee, het gaat om iets anders", "payload": "/ontkennen"}, *self.extra_buttons]}]

    def state(self, sender):
        return BotState(self.slot, "intake_form", {"categorieen": self.guess, "rol": "leerling"}, self.utters)


def test_the_simulated_user_gives_up_at_the_third_ask():
    client = FakeClient("wanneer")
    conv = Simulator(client, scenario(antwoorden={**MINIMAL["antwoorden"], "wanneer": ["gisteren", "vorige week"]})).run()
    assert conv.end == "vastgelopen" and "derde keer" in conv.stuck
    assert client.sent == [MINIMAL["opening"], "gisteren", "vorige week"]


def test_an_unknown_question_gets_dont_know_and_is_noted():
    client = FakeClient("lievelingsvak")
    conv = Simulator(client, scenario()).run()
    assert client.sent[1] == "weet ik niet" and conv.unexpected[0] == "lievelingsvak"


def test_a_wrong_category_guess_gets_no_and_a_right_one_yes():
    wrong = FakeClient("categorie_klopt", guess=["strafmaatregel"])
    conv = Simulator(wrong, scenario()).run()
    assert wrong.sent[1] == "/ontkennen" and conv.corrections[0] == "strafmaatregel"
    right = FakeClient("categorie_klopt", guess=["pesten"])
    Simulator(right, scenario()).run()
    assert right.sent[1] == "/bevestigen"


def test_a_half_right_guess_of_two_gets_the_right_one_alone_and_is_no_correction():
    only = [{"title": "Alleen: Pesten", "payload": "Pesten"},
            {"title": "Alleen: Een straf of schorsing", "payload": "Een straf of schorsing"}]
    half = FakeClient("categorie_klopt", guess=["pesten", "strafmaatregel"], extra_buttons=only)
    conv = Simulator(half, scenario()).run()
    assert half.sent[1] == "Pesten" and not conv.corrections  # the button's payload
    # Without such buttons the same guess is a correction, as before.
    plain = FakeClient("categorie_klopt", guess=["pesten", "strafmaatregel"])
    conv = Simulator(plain, scenario()).run()
    assert plain.sent[1] == "/ontkennen" and conv.corrections[0] == "pesten+strafmaatregel"


def test_an_interjection_is_said_first_and_is_no_repeat():
    client = FakeClient("wanneer")
    s = scenario(antwoorden={**MINIMAL["antwoorden"], "wanneer": ["gisteren"]},
                 tussendoor=[{"bij": "wanneer", "zeg": "blijft dit anoniem?", "verwacht": "anoniem"}])
    conv = Simulator(client, s).run()
    assert client.sent[:3] == [MINIMAL["opening"], "blijft dit anoniem?", "gisteren"]
    assert conv.interjections_unanswered == ["wanneer: 'blijft dit anoniem?'"]


# --- the judge --------------------------------------------------------------------------------


def conversation(bot_text, said="ik word gepest door een jongen uit mijn klas", end="overdracht"):
    conv = Conversation("x", "sender", end=end)
    conv.turns.append(Turn(said=said, payload=None, at=None, kind="opening",
                           messages=[{"text": bot_text}], rol="leerling"))
    return conv


RECORD = {"rol": "leerling", "categorieen": ["pesten"], "signalen": ["minderjarig"],
          "advies_routes": ["mentor", "vertrouwenspersoon"], "al_ondernomen": ["niets"],
          "wens": ["stoppen_gedrag"], "anoniem": True}


def test_a_right_record_is_fully_right():
    verdict = judge(scenario(), conversation("Mijn advies: begin bij de mentor."), dict(RECORD), CLAIMS, TODAY)
    assert verdict.fully_right, verdict.summary()


def test_the_judge_names_what_differs():
    record = {**RECORD, "rol": "ouder", "categorieen": ["pesten", "strafmaatregel"],
              "signalen": ["zedenzaak_personeel"], "advies_routes": ["onderling_overleg", "mentor"]}
    text = "Mijn advies: praat eerst zelf met de ander. Het schoolbestuur moet dit bespreken met de vertrouwensinspecteur. Dat staat in de wet."
    verdict = judge(scenario(), conversation(text), record, CLAIMS, TODAY)
    assert set(verdict.kinds()) == {"rol", "categorie", "signaal", "eerste_route", "route_verboden", "claim_verboden"}
    claims = " ".join(f.detail for f in verdict.failures if f.kind == "claim_verboden")
    assert "praat_eerst_zelf" in claims and "plicht_vertrouwensinspecteur" in claims


def test_the_persons_own_words_quoted_back_are_no_claim():
    said = "hij zei praat eerst zelf met je moeder, sukkel"
    verdict = judge(scenario(), conversation(f"Dit heb ik opgeschreven: {said}", said=said), dict(RECORD), CLAIMS, TODAY)
    assert verdict.fully_right, verdict.summary()


def test_no_record_without_consent_and_none_expected():
    s = scenario(verwacht={**MINIMAL["verwacht"], "overdracht": False})
    assert judge(s, conversation("Ik heb niets doorgestuurd.", end="geweigerd"), None, CLAIMS, TODAY).fully_right
    assert judge(s, conversation("…", end="geweigerd"), dict(RECORD), CLAIMS, TODAY).kinds() == ["ongewenste_overdracht"]
    assert "geen_overdracht" in judge(scenario(), conversation("…", end="gestopt"), None, CLAIMS, TODAY).kinds()


def test_a_serious_category_that_may_be_recorded_allows_the_vertrouwenspersoon_first():
    """Contract §5: a serious matter goes to the vertrouwenspersoon at once. A scenario that
    accepts a serious category in the record must accept the advice that follows from it."""
    from tests.scenarios.model import SERIOUS

    wrong = [s.id for s in load_all(today=TODAY) if s.expected.handoff
             and s.expected.cat_allowed & SERIOUS and "vertrouwenspersoon" not in s.expected.first_route]
    assert not wrong


def test_the_whole_story_is_told_to_a_bot_that_kept_none_of_it():
    client = FakeClient("wat_gebeurd")
    Simulator(client, scenario()).run()
    assert client.sent[1] == f"{MINIMAL['opening']} hij pakt mijn spullen af"


def test_helplines_at_once_means_in_the_first_answer():
    s = scenario(verwacht={**MINIMAL["verwacht"], "signalen": {"mag": ["acuut_gevaar"]},
                           "gezegd": {"moet": ["hulplijnen_meteen"]}})
    late = conversation("Wie ben jij?")
    late.turns.append(Turn(said="leerling", payload=None, at="rol", kind="antwoord",
                           messages=[{"text": "Bel 112 of 0800-0113."}], rol="leerling"))
    assert judge(s, late, dict(RECORD), CLAIMS, TODAY).kinds() == ["uitleg_ontbreekt"]
    assert judge(s, conversation("Bel meteen 112."), dict(RECORD), CLAIMS, TODAY).fully_right
