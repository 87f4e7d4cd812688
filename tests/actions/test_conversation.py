"""The conversation actions: listening first, the category and route questions, two-stage
fallback, a human on request, and FAQ answers with the school's own people (real backend)."""
from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.faq import ActionFaq
from actions.conversation import ActionMeldingWelkom, ActionMensSpreken, ActionNietBegrepen
from actions.intake_form import ActionAskCategorieKlopt, ValidateIntakeForm, ValidateKeuzeForm
from tests.actions.conftest import tracker


def said(text: str, intent: str, confidence: float = 0.95, entities=None, slots=None,
         events=None, selector=None) -> Tracker:
    """A tracker whose latest message is `text`, parsed as `intent`."""
    t = tracker(slots or {})
    t.latest_message = {"text": text, "intent": {"name": intent, "confidence": confidence},
                        "entities": entities or [], "metadata": {"school": "demo"}}
    if selector:
        t.latest_message["response_selector"] = selector
    if events is not None:
        t.events = events
    return t


def slot_events(events) -> dict:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


async def test_a_first_message_that_tells_something_is_kept_and_sets_the_tone():
    story = "Mijn dochter wordt al weken buitengesloten door haar klasgenoten op school."
    events = await ActionMeldingWelkom().run(CollectingDispatcher(), said(story, "melding_doen"), {})
    slots = slot_events(events)
    assert slots["rol"] == "ouder" and slots["aanspreekvorm"] == "u"
    assert slots["eerste_bericht"] == story and slots["melding_start"] == "verhaal"


async def test_a_former_pupil_who_said_so_in_a_question_before_the_story_is_one():
    """blind1: "heeft het nog zin om iets te melden als je al van school af bent?" (answered by
    the FAQ), then "… zei mijn docent wiskunde …": the pupil's "mijn docent" set leerling."""
    question = {"event": "user", "text": "heeft het nog zin om iets te melden als je al van school af bent?",
                "parse_data": {"intent": {"name": "faq"}}}
    story = "in oktober vorig jaar zei mijn docent wiskunde voor de hele klas iets over mijn adhd"
    latest = {"event": "user", "text": story, "parse_data": {"intent": {"name": "melding_doen"}}}
    events = await ActionMeldingWelkom().run(CollectingDispatcher(), said(story, "melding_doen",
                                                                          events=[question, latest]), {})
    slots = slot_events(events)
    assert slots["rol"] == "oud_leerling" and slots["aanspreekvorm"] == "u"
    # Without it, "mijn docent" is a pupil's.
    events = await ActionMeldingWelkom().run(CollectingDispatcher(), said(story, "melding_doen", events=[latest]), {})
    assert slot_events(events)["rol"] == "leerling"


async def test_a_short_first_message_is_only_a_start():
    events = await ActionMeldingWelkom().run(CollectingDispatcher(), said("ik wil iets melden", "melding_doen"), {})
    slots = slot_events(events)
    assert len(slots.pop("intake_id")) == 32  # each intake its own id (issue 15)
    assert slots == {"aanspreekvorm": "je", "melding_start": "kort"}


async def test_the_story_adds_to_the_first_message_or_keeps_it_when_that_was_all():
    form = ValidateIntakeForm()
    first = "Mijn zoon wordt gepest door drie jongens uit zijn klas sinds de zomer"
    more = said("ze duwen hem in de gang", "melding_doen", slots={"eerste_bericht": first})
    result = form.validate_wat_gebeurd("ze duwen hem in de gang", CollectingDispatcher(), more, {})
    assert result["wat_gebeurd"] == f"{first}. ze duwen hem in de gang"
    done = said("dat was het", "ontkennen", slots={"eerste_bericht": first})
    assert form.validate_wat_gebeurd("dat was het", CollectingDispatcher(), done, {})["wat_gebeurd"] == first


async def test_a_question_is_not_taken_as_the_answer_but_a_name_that_looks_like_one_is():
    form = ValidateIntakeForm()
    question = said("wat doet een vertrouwenspersoon?", "faq", slots={"requested_slot": "wanneer"})
    assert await form.extract_wanneer(CollectingDispatcher(), question, {}) == {}
    human = said("ik wil een mens spreken", "mens_spreken", 1.0, slots={"requested_slot": "betrokkenen"})
    assert await form.extract_betrokkenen(CollectingDispatcher(), human, {}) == {}
    name = said("Els", "faq", 0.9, slots={"requested_slot": "naam"})
    assert await form.extract_naam(CollectingDispatcher(), name, {}) == {"naam": "Els"}
    long_story = ("Hij scheldt me uit en pakt mijn spullen af en ik weet niet meer wat ik moet "
                  "doen, kan iemand me helpen?")
    story = said(long_story, "faq", slots={"requested_slot": "wat_gebeurd"})
    assert await form.extract_wat_gebeurd(CollectingDispatcher(), story, {}) == {"wat_gebeurd": long_story}


async def test_a_question_about_giving_the_name_is_answered_and_anonymous_is_possible_there():
    """blind3: "moet ik mijn naam echt geven? ik schaam me een beetje", read by the model as a
    report, became the name; now it gets the answer on anonymity and the question comes again."""
    form = ValidateIntakeForm()
    question = said("moet ik mijn naam echt geven? ik schaam me een beetje", "melding_doen",
                    slots={"requested_slot": "naam", "aanspreekvorm": "u"})
    dispatcher = CollectingDispatcher()
    assert await form.extract_naam(dispatcher, question, {}) == {}
    assert [m["response"] for m in dispatcher.messages] == ["utter_faq/anoniem"]
    anonymous = said("toch anoniem", "informeren", slots={"requested_slot": "naam"})
    assert await form.extract_naam(CollectingDispatcher(), anonymous, {}) == {
        "anoniem": True, "naam": None, "contact": None}


async def test_the_role_is_read_from_words_and_after_two_misses_is_anders():
    form = ValidateIntakeForm()
    words = said("ik ben zijn moeder", "informeren", slots={"requested_slot": "rol"})
    assert await form.extract_rol(CollectingDispatcher(), words, {}) == {"rol": "ouder"}
    unclear = said("tja", "informeren", slots={"requested_slot": "rol"}, events=[])
    assert await form.extract_rol(CollectingDispatcher(), unclear, {}) == {"rol": "?"}
    asked_twice = [{"event": "slot", "name": "requested_slot", "value": "rol"}, {"event": "user", "text": "tja"},
                   {"event": "bot", "metadata": {"utter_action": "utter_rol_onbekend"}}, {"event": "user", "text": "tja"}]
    again = said("tja", "informeren", slots={"requested_slot": "rol"}, events=asked_twice)
    assert await form.extract_rol(CollectingDispatcher(), again, {}) == {"rol": "anders"}


async def test_no_to_the_category_offers_the_categories_as_buttons():
    form = ValidateIntakeForm()
    slots = {"requested_slot": "categorie_klopt", "categorieen": ["cyberpesten"]}
    no = said("nee", "ontkennen", slots=slots)
    assert await form.extract_categorie_klopt(CollectingDispatcher(), no, {}) == {"categorie_klopt": False}
    assert form.validate_categorie_klopt(False, CollectingDispatcher(), no, {}) == {
        "categorie_klopt": None, "categorieen": []}
    dispatcher = CollectingDispatcher()
    await ActionAskCategorieKlopt().run(dispatcher, tracker({"categorieen": []}), {})
    [message] = dispatcher.messages
    assert message["response"] == "utter_categorie_kiezen" and len(message["buttons"]) == 12
    pick = said("Een cijfer of beoordeling", "faq", slots={**slots, "categorieen": []})
    assert await form.extract_categorie_klopt(CollectingDispatcher(), pick, {}) == {"categorie_klopt": True}
    assert form.validate_categorie_klopt(True, CollectingDispatcher(), pick, {}) == {
        "categorie_klopt": True, "categorieen": ["beoordeling"]}


async def test_the_route_choice_reads_buttons_and_words_and_asks_again_when_unclear():
    form = ValidateKeuzeForm()
    slots = {"requested_slot": "gekozen_route", "advies_routes": ["vertrouwenspersoon", "klachtencommissie"]}
    # A button whose title the model reads as a question is still a choice.
    button = said("De klachtencommissie", "faq", slots=slots)
    assert await form.extract_gekozen_route(CollectingDispatcher(), button, {}) == {"gekozen_route": "klachtencommissie"}
    question = said("wat doet de klachtencommissie?", "faq", slots=slots)
    assert await form.extract_gekozen_route(CollectingDispatcher(), question, {}) == {}
    dispatcher = CollectingDispatcher()
    unclear = said("hmm lastig", "informeren", slots=slots)
    assert await form.extract_gekozen_route(dispatcher, unclear, {}) == {"gekozen_route": None}
    assert [m["response"] for m in dispatcher.messages] == ["utter_keuze_onbekend"]


def fallback_events(n: int) -> list[dict]:
    user = {"event": "user", "parse_data": {"intent": {"name": "nlu_fallback"}}}
    return [{"event": "user", "parse_data": {"intent": {"name": "begroeting"}}}] + [user] * n


async def test_the_second_miss_in_a_row_offers_a_human():
    for misses, response in ((1, "utter_default"), (2, "utter_niet_begrepen_mens")):
        dispatcher = CollectingDispatcher()
        await ActionNietBegrepen().run(dispatcher, said("blrp", "nlu_fallback", events=fallback_events(misses)), {})
        assert [m["response"] for m in dispatcher.messages] == [response]


async def test_a_human_is_offered_the_handover_only_when_something_was_told():
    dispatcher = CollectingDispatcher()
    events = await ActionMensSpreken().run(dispatcher, tracker({}), {})
    assert slot_events(events) == {"mens_aanbod": "starten"}
    events = await ActionMensSpreken().run(CollectingDispatcher(), tracker({"eerste_bericht": "Ze pesten me al weken"}), {})
    assert slot_events(events) == {"mens_aanbod": "overdragen", "wat_gebeurd": "Ze pesten me al weken"}


def faq_selector(key: str) -> dict:
    return {"faq": {"response": {"intent_response_key": key}}}


async def test_faq_answer_names_the_schools_own_contact_person(backend):
    dispatcher = CollectingDispatcher()
    question = said("wie is de contactpersoon?", "faq", selector=faq_selector("faq/contactpersoon"))
    await ActionFaq().run(dispatcher, question, {})
    generic, own = dispatcher.messages
    assert generic["response"] == "utter_faq/contactpersoon"
    # config/scol.yml gives the demo school its (fictional) contact person.
    assert own["response"] == "utter_faq_bij_school" and "Demo Contactpersoon" in own["tekst"]


async def test_faq_answer_without_a_school_or_extra_is_only_the_generic_answer(backend):
    dispatcher = CollectingDispatcher()
    question = said("is het geheim?", "faq", selector=faq_selector("faq/geheimhouding"))
    await ActionFaq().run(dispatcher, question, {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_faq/geheimhouding"]


async def test_the_privacy_answer_says_how_long_this_deployment_keeps_a_conversation(
    backend, monkeypatch
):
    monkeypatch.setenv("WEGWIJZER_TRANSCRIPT_TTL", "7200")
    dispatcher = CollectingDispatcher()
    question = said("wat bewaren jullie van mij?", "faq", selector=faq_selector("faq/privacy"))
    await ActionFaq().run(dispatcher, question, {})
    answer = dispatcher.messages[0]
    assert answer["response"] == "utter_faq/privacy"
    # The TTL of shared.transcripts and the session expiration of bot/domain, in plain words.
    assert answer["bewaartermijn"] == "twee uur" and answer["sessieduur"] == "een uur"


async def test_status_by_code_tells_how_the_report_is_doing(backend):
    from actions.overdracht import ActionOverdracht
    from actions.status import ActionStatus

    dispatcher = CollectingDispatcher()
    await ActionOverdracht().run(dispatcher, tracker({"school": "demo", "rol": "leerling",
                                                      "wat_gebeurd": "Ze lachen me uit.", "anoniem": True}), {})
    code = dispatcher.messages[0]["code"]
    dispatcher = CollectingDispatcher()
    events = await ActionStatus().run(dispatcher, said(f"mijn code is {code.lower()}", "status_opvragen"), {})
    message, messages, link, offer = dispatcher.messages
    assert message["response"] == "utter_status"
    # A fresh one-time link to the copy, without the code in it.
    assert link["response"] == "utter_kopie_link" and "/kopie/" in link["kopie_url"]
    assert code not in link["kopie_url"]
    assert "aangekomen" in message["status"] and "nog niet geopend" in message["status"]
    assert messages["berichten"] == "Er zijn nog geen berichten van de contactpersoon."
    assert offer["response"] == "utter_terugschrijven_aanbod"
    # The code is kept while the offer to write back runs.
    assert slot_events(events) == {"bericht_code": code, "bericht_status": "aangeboden"}


async def test_status_without_a_code_asks_for_it_and_an_unknown_code_says_so(backend):
    from actions.status import ActionStatus

    for text, response in (("hoe staat het met mijn melding", "utter_status_vraag_code"),
                           ("2222-3333-4444", "utter_status_onbekend")):
        dispatcher = CollectingDispatcher()
        events = await ActionStatus().run(dispatcher, said(text, "status_opvragen"), {})
        assert [m["response"] for m in dispatcher.messages] == [response]
        assert slot_events(events) == {"bericht_code": None, "bericht_status": None}


async def test_status_when_the_backend_is_away_is_honest(monkeypatch):
    from actions.status import ActionStatus
    from tests.conftest import free_port

    monkeypatch.setenv("BACKEND_URL", f"http://127.0.0.1:{free_port()}")
    dispatcher = CollectingDispatcher()
    await ActionStatus().run(dispatcher, said("K7QM-3XDA-9TPW", "status_opvragen"), {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_status_niet_bereikbaar"]


async def test_a_guess_of_two_categories_offers_each_alone():
    """A half-right guess is put right with one press ("Alleen: Pesten"), not "nee" and the list."""
    dispatcher = CollectingDispatcher()
    await ActionAskCategorieKlopt().run(dispatcher, tracker({"categorieen": ["pesten", "strafmaatregel"]}), {})
    [message] = dispatcher.messages
    assert message["response"] == "utter_categorie_klopt"
    assert [(b["title"], b["payload"]) for b in message["buttons"]] == [
        ("Alleen: Pesten", "Pesten"), ("Alleen: Een straf of schorsing", "Een straf of schorsing")]
    form = ValidateIntakeForm()
    slots = {"requested_slot": "categorie_klopt", "categorieen": ["pesten", "strafmaatregel"]}
    only = said("Pesten", "faq", slots=slots)
    assert await form.extract_categorie_klopt(CollectingDispatcher(), only, {}) == {"categorie_klopt": True}
    assert form.validate_categorie_klopt(True, CollectingDispatcher(), only, {}) == {
        "categorie_klopt": True, "categorieen": ["pesten"]}
    one = CollectingDispatcher()
    await ActionAskCategorieKlopt().run(one, tracker({"categorieen": ["pesten"]}), {})
    assert not one.messages[0]["buttons"]  # one category: only the response's own Ja / Nee


def _user(text: str, intent: str) -> dict:
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}}


async def test_a_first_message_answered_with_the_help_lines_stays_part_of_the_story():
    """The opening read as acute danger gets the help lines, not the intake; the story the
    person tells next starts it. The opening is on the record too (blind1 scenario: a teacher
    threatened by a father lost 'hij dreigt mij iets aan te doen')."""
    opening = "Ik ben leerkracht en een vader heeft mij een spraakbericht gestuurd waarin hij dreigt mij iets aan te doen."
    story = "Hij was het niet eens met het advies voor zijn zoon en staat nu elke dag bij het hek."
    events = [
        {"event": "session_started"},
        _user(opening, "hulp_nu"),
        {"event": "bot", "text": "Wat je vertelt is ernstig."},
        _user(story, "melding_doen"),
    ]
    slots = slot_events(await ActionMeldingWelkom().run(
        CollectingDispatcher(), said(story, "melding_doen", events=events), {}))
    assert slots["eerste_bericht"] == f"{opening} {story}"
    assert slots["melding_start"] == "verhaal"

    # "ik wil iets melden" after an opening the bot did not understand: the opening is the story.
    unclear = "Mijn zoon kreeg in de klas een envelop met een herinnering voor de ouderbijdrage"
    events = [_user(unclear, "nlu_fallback"), {"event": "bot", "text": "Sorry"}, _user("ik wil iets melden", "melding_doen")]
    slots = slot_events(await ActionMeldingWelkom().run(
        CollectingDispatcher(), said("ik wil iets melden", "melding_doen", events=events), {}))
    assert slots["eerste_bericht"] == unclear and slots["melding_start"] == "verhaal"


async def test_what_was_told_before_an_earlier_intake_ended_is_not_carried_over():
    old = "Mijn zoon kreeg in de klas een envelop met een herinnering voor de ouderbijdrage"
    for boundary in ({"event": "restart"}, {"event": "slot", "name": "intake_id", "value": None}):
        events = [_user(old, "nlu_fallback"), boundary, _user("ik wil iets melden", "melding_doen")]
        slots = slot_events(await ActionMeldingWelkom().run(
            CollectingDispatcher(), said("ik wil iets melden", "melding_doen", events=events), {}))
        assert "eerste_bericht" not in slots and slots["melding_start"] == "kort"
    # A short "help" is no story.
    events = [_user("help", "hulp_nu"), _user("ik wil iets melden", "melding_doen")]
    slots = slot_events(await ActionMeldingWelkom().run(
        CollectingDispatcher(), said("ik wil iets melden", "melding_doen", events=events), {}))
    assert "eerste_bericht" not in slots


async def test_a_question_with_its_reason_after_it_is_still_a_question():
    form = ValidateIntakeForm()
    question = said("als ik dit meld krijgen ze dan straf? want dan weten ze weer dat ik het was", "faq",
                    slots={"requested_slot": "betrokkenen"})
    assert await form.extract_betrokkenen(CollectingDispatcher(), question, {}) == {}
    answer = said("de jongens uit 2c", "faq", slots={"requested_slot": "betrokkenen"})
    assert (await form.extract_betrokkenen(CollectingDispatcher(), answer, {}))["betrokkenen"] == "de jongens uit 2c"


async def test_an_answer_that_starts_with_the_questions_own_word_is_an_answer():
    """"wie het YouTube-kanaal beheert, geen idee wie dat is" at "Wie waren erbij betrokken?" was
    read as a question about the procedure, twice, and the question came a third time (blind2)."""
    form = ValidateIntakeForm()
    text = "wie het YouTube-kanaal beheert, geen idee wie dat is"
    answer = said(text, "faq", slots={"requested_slot": "betrokkenen"})
    assert (await form.extract_betrokkenen(CollectingDispatcher(), answer, {}))["betrokkenen"] == text
    # A question that starts with "wie" is still a question there (the scenario gesprek-wie-leest-dit).
    question = said("wie leest dit allemaal eigenlijk", "faq", slots={"requested_slot": "betrokkenen"})
    assert await form.extract_betrokkenen(CollectingDispatcher(), question, {}) == {}
    question = said("wie leest dit allemaal", "faq", slots={"requested_slot": "wanneer"})
    assert await form.extract_wanneer(CollectingDispatcher(), question, {}) == {}


async def test_what_is_said_again_at_a_question_that_came_back_is_its_answer():
    text = "hoe het precies zat weet ik niet meer"
    events = [{"event": "slot", "name": "requested_slot", "value": "wanneer"},
              {"event": "user", "text": text}, {"event": "user", "text": text}]
    again = said(text, "faq", slots={"requested_slot": "wanneer"}, events=events)
    assert (await ValidateIntakeForm().extract_wanneer(CollectingDispatcher(), again, {}))["wanneer"] == text


async def test_an_answer_the_model_reads_as_stop_is_an_answer_unless_it_says_stop():
    """"Ik ben moeder" at "Wie ben jij?" was read as stoppen (0.36) and the whole conversation
    ended (blind scenario batch 1, after a retrain): only words of stopping end it."""
    form = ValidateIntakeForm()
    answer = said("Ik ben moeder", "stoppen", 0.36, slots={"requested_slot": "rol"})
    assert (await form.extract_rol(CollectingDispatcher(), answer, {}))["rol"] == "ouder"
    stop = said("stop, ik wil niet meer", "stoppen", 0.9, slots={"requested_slot": "rol"})
    assert await form.extract_rol(CollectingDispatcher(), stop, {}) == {}


async def test_a_refusal_at_the_consent_question_that_was_not_understood_is_still_a_refusal():
    """"Nee, toch maar niet" read as nlu_fallback after a retrain: the consent question came back
    again and again. It sends nothing and starts afresh."""
    consent = {"event": "bot", "text": "Mag ik dit doorsturen?", "metadata": {"utter_action": "utter_vraag_toestemming"}}
    events = [consent, {"event": "user", "text": "Nee, toch maar niet", "parse_data": {"intent": {"name": "nlu_fallback"}}}]
    dispatcher = CollectingDispatcher()
    result = await ActionNietBegrepen().run(dispatcher, said("Nee, toch maar niet", "nlu_fallback", events=events), {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_niets_verstuurd"]
    assert result[0]["name"] == "action_restart"
