"""End to end: the real backend, Rasa server and action server, started as `make run` starts them.

A person talks to the bot over Rasa's REST channel; the intake they consent to ends up in the
backend, visible to a contact person of that school and to no one else.
"""
from __future__ import annotations

import json
import re
import time
import uuid

import pytest
import requests

from tests.e2e.fixtures import DEMO_LOGIN, OTHER_LOGIN
from tests.e2e.driver import IntakeDriver, RestChannel
from tests.e2e.stack import all_intakes
from wegwijzer.route_texts import ROUTE_NAMEN
from wegwijzer.vocab import CATEGORIEEN, CODE_ALPHABET, ROUTES

pytestmark = pytest.mark.e2e

CODE_RE = re.compile(rf"\b[{CODE_ALPHABET}]{{4}}-[{CODE_ALPHABET}]{{4}}-[{CODE_ALPHABET}]{{4}}\b")


@pytest.fixture
def stack(shared_stack):
    return shared_stack


def texts(messages: list[dict]) -> str:
    return "\n".join(m.get("text", "") for m in messages)


def buttons(messages: list[dict]) -> list[str]:
    return [b["payload"] for m in messages for b in m.get("buttons", [])]


def new_sender() -> str:
    return f"e2e-{uuid.uuid4().hex[:12]}"


def tell(stack, story: str, rol: str = "leerling") -> tuple[str, str]:
    """A new conversation: "ik wil iets melden", the role, then ``story``. Returns the
    sender and the bot's answer to the story."""
    sender = new_sender()
    stack.say(sender, "ik wil iets melden")
    stack.say(sender, '/informeren{"rol": "%s"}' % rol)
    return sender, texts(stack.say(sender, story))


def test_every_service_answers_health(stack):
    assert requests.get(f"{stack.backend_url}/health", timeout=5).status_code == 200
    assert requests.get(f"{stack.actions_url}/health", timeout=5).status_code == 200
    assert requests.get(f"{stack.rasa_url}/", timeout=5).status_code == 200


def test_rasa_api_needs_the_token(stack):
    sender = new_sender()
    stack.say(sender, "hallo")
    without = requests.get(f"{stack.rasa_url}/conversations/{sender}/tracker", timeout=10)
    assert without.status_code == 401
    assert stack.tracker(sender)["sender_id"] == sender


def test_greeting_gets_a_dutch_answer(stack):
    answer = texts(stack.say(new_sender(), "hoi"))
    assert "Wegwijzer" in answer
    assert "vertellen" in answer


def test_consented_intake_reaches_the_contact_person_of_that_school_only(stack):
    sender = new_sender()
    story = "Ze pakken elke dag mijn spullen af in de pauze en lachen me dan uit."

    stack.say(sender, "hallo")
    asked_role = stack.say(sender, "ik word gepest op school")
    assert '/informeren{"rol": "leerling"}' in buttons(asked_role)
    assert stack.tracker(sender)["slots"]["requested_slot"] == "rol"

    stack.say(sender, '/informeren{"rol": "leerling"}')
    assert stack.tracker(sender)["slots"]["requested_slot"] == "wat_gebeurd"

    # Listen before asking on: the story is acknowledged, its category confirmed.
    confirm = texts(stack.say(sender, story))
    assert "Dank je dat je dit vertelt" in confirm and "Het klinkt alsof het gaat om" in confirm
    assert "Wanneer" in texts(stack.say(sender, "ja"))
    stack.say(sender, "vorige week maandag")
    asked_tried = stack.say(sender, "twee jongens uit mijn klas")
    assert '/informeren{"ondernomen": "niets"}' in buttons(asked_tried)
    asked_wish = stack.say(sender, "nee nog niks")
    assert '/informeren{"wens": "stoppen_gedrag"}' in buttons(asked_wish)
    asked_anonymity = stack.say(sender, '/informeren{"wens": "stoppen_gedrag"}')
    assert "anoniem" in texts(asked_anonymity)

    # After the form: the advice, then the person's own choice among the advised routes.
    advice = stack.say(sender, "/bevestigen")
    assert "Mijn advies:" in texts(advice)
    choices = buttons(advice)
    assert choices[-1] == "Ik weet het nog niet" and len(choices) >= 2
    advised = stack.tracker(sender)["slots"]["advies_routes"]
    assert choices[:-1] == [ROUTE_NAMEN[r] for r in advised]

    summary_and_consent = stack.say(sender, choices[0])
    summary = texts(summary_and_consent)
    assert story in summary and "vorige week maandag" in summary
    assert f"Je keuze: {ROUTE_NAMEN[advised[0]].lower()}" in summary
    assert "/bevestigen" in buttons(summary_and_consent)  # the consent question
    # Nothing has left the conversation before the yes.
    demo = stack.login(*DEMO_LOGIN)
    assert sender not in {i["conversation_id"] for i in all_intakes(demo, stack.backend_url)}

    told = stack.say(sender, "/bevestigen")
    handed_off = texts(told)
    code = CODE_RE.search(handed_off)
    assert code, handed_off
    # ONE short message: the code, the link, what happens now, the offer to report more; the
    # copy itself stays behind the link.
    assert len(told) == 1 and "Wat gebeurt er nu?" in handed_off, handed_off
    assert "/melding_doen" in buttons(told)
    assert "Kopie van je melding" not in handed_off and story not in handed_off

    intakes = all_intakes(demo, stack.backend_url)
    [record] = [i for i in intakes if i["conversation_id"] == sender]
    assert "code" not in record and re.fullmatch(r"M-\d{4}-\d{4}", record["referentie"])
    assert record["school"] == "demo"
    assert record["kanaal"] == "rest"
    assert record["rol"] == "leerling"
    assert record["wat_gebeurd"] == story
    assert record["categorieen"] and set(record["categorieen"]) <= set(CATEGORIEEN)
    assert record["wanneer"] == "vorige week maandag"
    assert record["betrokkenen"] == "twee jongens uit mijn klas"
    assert record["al_ondernomen"] == ["niets"]
    assert record["wens"] == ["stoppen_gedrag"]
    # Advised by the regulation's rules, not by the model: a pupil who tried nothing yet.
    assert record["advies_routes"] and set(record["advies_routes"]) <= set(ROUTES)
    assert "vertrouwenspersoon" in record["advies_routes"]
    assert "minderjarig" in record["signalen"]
    assert record["anoniem"] is True and record["naam"] is None and record["contact"] is None
    assert record["gekozen_route"] == advised[0]
    assert record["status"] == "nieuw"

    # The reporter's copy, at the one-time link the bot gave (no code in it), holds their words.
    link = re.search(r"http://\S+/kopie/[A-Za-z0-9_-]+", handed_off)
    assert link and code.group(0) not in link.group(0), handed_off
    browser = requests.Session()
    page = browser.get(link.group(0), timeout=30)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    copy = browser.post(link.group(0), data={"csrf_token": token}, timeout=30)
    assert copy.status_code == 200 and copy.headers["Content-Type"] == "application/pdf"
    assert browser.post(link.group(0), data={"csrf_token": token}, timeout=30).status_code == 410

    # Coming back later, in another conversation, with only the code.
    back = new_sender()
    asked = texts(stack.say(back, "hoe staat het met mijn melding?"))
    assert "code" in asked
    status = texts(stack.say(back, code.group(0).lower().replace("-", " ")))
    assert "aangekomen" in status and "nog niet geopend" in status
    assert "onbekend" not in status and "Demo Contactpersoon" not in status
    unknown = texts(stack.say(back, "mijn code is 2222-3333-4444"))
    assert "geen melding vinden" in unknown

    other = stack.login(*OTHER_LOGIN)
    assert sender not in {i["conversation_id"] for i in all_intakes(other, stack.backend_url)}
    assert other.get(f"{stack.backend_url}/api/intakes/{record['id']}", timeout=10).status_code == 404


def test_a_no_sends_nothing(stack):
    sender, _ = tell(stack, "Mijn dochter wordt buitengesloten door haar klasgenoten.", rol="ouder")
    stack.say(sender, "ja")  # the category is right
    stack.say(sender, "sinds de zomervakantie")
    stack.say(sender, "drie meisjes uit haar klas")
    stack.say(sender, "Ik heb het al met de mentor besproken, maar er verandert niets.")
    stack.say(sender, "ik weet het eigenlijk niet")
    stack.say(sender, "/ontkennen")  # not anonymous
    stack.say(sender, "Petra de Vries")
    stack.say(sender, "petra@example.org")
    stack.say(sender, "Ik weet het nog niet")  # no route chosen yet
    refused = texts(stack.say(sender, "/ontkennen"))
    assert "niets door" in refused

    demo = stack.login(*DEMO_LOGIN)
    intakes = all_intakes(demo, stack.backend_url)
    assert sender not in {i["conversation_id"] for i in intakes}


def test_acute_danger_is_recognised_whatever_the_classifier_says(stack):
    parsed = requests.post(
        f"{stack.rasa_url}/model/parse", params={"token": stack.rasa_token},
        json={"text": "ik denk erover om er een eind aan te maken"}, timeout=30,
    ).json()
    assert parsed["intent"]["name"] == "hulp_nu"
    assert parsed["crisis"] == {"soort": "zelfdoding", "taal": "nl"}  # the kind and its language, never the words

    answer = texts(stack.say(new_sender(), "mijn vader slaat me en ik durf niet naar huis"))
    assert "0800-2000" in answer and "112" in answer  # Veilig Thuis, emergency number


def test_descriptions_get_categorie_entities(stack):
    parsed = requests.post(
        f"{stack.rasa_url}/model/parse", params={"token": stack.rasa_token},
        json={"text": "ze schelden me elke dag uit in de groepsapp en sturen gemene memes"}, timeout=30,
    ).json()
    found = {e["value"] for e in parsed["entities"] if e["entity"] == "categorie"}
    assert found and found <= set(CATEGORIEEN)
    assert found & {"cyberpesten", "pesten"}


def test_acute_danger_in_the_story_gets_help_and_the_story_is_kept(stack):
    story = "Ze pesten me elke dag en gisteren zei ik dat ik er niet meer wil zijn."
    sender, answer = tell(stack, story)
    assert "113" in answer and "0800-0113" in answer
    slots = stack.tracker(sender)["slots"]
    assert slots["wat_gebeurd"] == story
    # One question makes sure before the record says acute danger; then the intake goes on.
    assert slots["requested_slot"] == "nu_gevaar" and not slots["acuut"]
    assert "113" in texts(stack.say(sender, "/bevestigen"))
    slots = stack.tracker(sender)["slots"]
    assert slots["acuut"] is True
    assert slots["requested_slot"] == "categorie_klopt"


def test_a_story_read_as_danger_that_is_not_now_is_no_acute_danger_on_the_record(stack):
    sender, _ = tell(stack, "Ze pesten me elke dag en gisteren zei ik dat ik er niet meer wil zijn.")
    stack.say(sender, "nee, nu niet")
    slots = stack.tracker(sender)["slots"]
    assert slots["nu_gevaar"] is False and slots["acuut"] is False
    assert slots["requested_slot"] == "categorie_klopt"


JE_WORDS = re.compile(r"\b(je|jij|jou|jouw|jezelf)\b", re.IGNORECASE)
U_WORDS = re.compile(r"\b(u|uw)\b", re.IGNORECASE)


# The fact questions (exam, staff, possible crime, age) come only when the story leaves them
# unclear; these conversations are about none of them.
FACT_ANSWERS = {"examen": "nee", "betreft_personeel": "nee", "mogelijk_strafbaar": "nee",
                "minderjarig": "ja"}


def answer_until_consent(stack, sender: str, answers: dict[str, str]) -> list[str]:
    """Answers whatever the form asks from `answers` (by requested slot) until the consent
    question; returns every text the bot sent on the way."""
    said: list[str] = []
    for _ in range(20):
        slots = stack.tracker(sender)["slots"]
        asked = slots["requested_slot"]
        if asked is None:
            return said
        messages = stack.say(sender, answers.get(asked) or FACT_ANSWERS[asked])
        said += [m.get("text", "") for m in messages]
    raise AssertionError(f"the form did not end: {said[-3:]}")


PARENT_ANSWERS = {
    "wat_gebeurd": "Hij wordt uitgescholden en in de gang geduwd.",
    "categorie_klopt": "ja",
    "wanneer": "sinds september",
    "betrokkenen": "drie jongens uit zijn klas",
    "al_ondernomen": "we hebben het met de mentor besproken",
    "wens": '/informeren{"wens": "stoppen_gedrag"}',
    "anoniem": "/bevestigen",
    "gekozen_route": "Ik weet het nog niet",
}


def test_a_parent_is_known_from_the_first_message_and_addressed_with_u_throughout(stack):
    sender = new_sender()
    first = "Mijn zoon wordt al weken gepest door een paar jongens in zijn klas."
    welcome = texts(stack.say(sender, first))
    slots = stack.tracker(sender)["slots"]
    assert slots["rol"] == "ouder" and slots["aanspreekvorm"] == "u"
    # The first message told something: acknowledged, and asked for more rather than again.
    assert "Wat vervelend dat u dit meemaakt" in welcome
    assert slots["requested_slot"] == "wat_gebeurd" and "nog iets meer" in welcome

    said = [welcome] + answer_until_consent(stack, sender, PARENT_ANSWERS)
    slots = stack.tracker(sender)["slots"]
    assert slots["wat_gebeurd"] == f"{first} {PARENT_ANSWERS['wat_gebeurd']}"
    assert "mentor" in slots["al_ondernomen"]
    everything = "\n".join(said)
    assert "Het klinkt alsof het gaat om" in everything and "pesten" in everything
    assert "Uw keuze: nog niet gekozen" in everything
    assert not JE_WORDS.search(everything), JE_WORDS.findall(everything)


def test_a_pupil_is_addressed_with_je_throughout(stack):
    sender = new_sender()
    said = [texts(stack.say(sender, "hoi")), texts(stack.say(sender, "ik wil iets melden"))]
    said.append(texts(stack.say(sender, '/informeren{"rol": "leerling"}')))
    said += answer_until_consent(stack, sender, {
        **PARENT_ANSWERS,
        "wat_gebeurd": "Ze lachen me elke dag uit omdat ik een bril heb.",
        "betrokkenen": "een paar meiden uit mijn klas",
        "al_ondernomen": "nog niks",
    })
    everything = "\n".join(said)
    assert "Dank je dat je dit vertelt" in everything
    assert not U_WORDS.search(everything), U_WORDS.findall(everything)


def test_a_category_that_is_not_right_can_be_chosen(stack):
    sender, _ = tell(stack, "Ik kreeg een 3 voor mijn werkstuk en de docent wil niet zeggen waarom.")
    offered = stack.say(sender, "nee")
    titles = [b["title"] for m in offered for b in m.get("buttons", [])]
    assert "Een cijfer of beoordeling" in titles and "Pesten" in titles
    assert stack.tracker(sender)["slots"]["requested_slot"] == "categorie_klopt"
    assert "Wanneer" in texts(stack.say(sender, "Een cijfer of beoordeling"))
    assert stack.tracker(sender)["slots"]["categorieen"] == ["beoordeling"]


def test_a_question_in_between_is_answered_and_the_same_question_comes_back(stack):
    sender, _ = tell(stack, "Een jongen uit de derde duwt me elke dag tegen de kluisjes.")
    stack.say(sender, "ja")
    assert stack.tracker(sender)["slots"]["requested_slot"] == "wanneer"
    answer = texts(stack.say(sender, "wat doet een vertrouwenspersoon eigenlijk?"))
    assert "vertrouwenspersoon" in answer.lower() and "Wanneer" in answer
    slots = stack.tracker(sender)["slots"]
    assert slots["requested_slot"] == "wanneer" and slots["wanneer"] is None


def test_asking_for_a_human_mid_intake_hands_over_what_is_known_with_consent(stack):
    sender = new_sender()
    story = "Mijn dochter wordt buitengesloten door haar hele klas en de mentor doet niets."
    stack.say(sender, story)
    stack.say(sender, "dat was het")
    offer = stack.say(sender, "ik wil liever met een echt mens praten")
    assert "computerprogramma" in texts(offer) and "/bevestigen" in buttons(offer)
    summary = stack.say(sender, "/bevestigen")
    assert story in texts(summary) and "/bevestigen" in buttons(summary)  # consent first
    demo = stack.login(*DEMO_LOGIN)
    assert sender not in {i["conversation_id"] for i in all_intakes(demo, stack.backend_url)}
    assert CODE_RE.search(texts(stack.say(sender, "/bevestigen")))
    [record] = [i for i in all_intakes(demo, stack.backend_url)
                if i["conversation_id"] == sender]
    assert record["wat_gebeurd"] == story and record["rol"] == "ouder"
    assert record["anoniem"] is True and record["naam"] is None


def test_asking_for_a_human_and_going_on_returns_to_the_same_question(stack):
    sender, _ = tell(stack, "Iemand zet steeds gemene foto's van mij online.")
    stack.say(sender, "ja")
    stack.say(sender, "mag ik met een mens praten")
    back = texts(stack.say(sender, "/ontkennen"))
    assert "Wanneer" in back
    assert stack.tracker(sender)["slots"]["requested_slot"] == "wanneer"


def test_two_misunderstandings_in_a_row_offer_a_human(stack):
    sender = new_sender()
    # DIET alone read "blablabla" as hulp_nu (0.99): unknown words are not understood.
    first = stack.say(sender, "blablabla")
    assert "andere manier" in texts(first) and "112" not in texts(first)
    second = stack.say(sender, "jdjdjd kdkd")
    assert "/mens_spreken" in buttons(second) and "mens" in texts(second)


def test_a_crisis_among_unknown_words_is_still_a_crisis(stack):
    parsed = requests.post(
        f"{stack.rasa_url}/model/parse", params={"token": stack.rasa_token},
        json={"text": "blablabla ik wil dood"}, timeout=30,
    ).json()
    assert parsed["intent"]["name"] == "hulp_nu"


def summary_fields(messages: list[dict]) -> dict[str, str]:
    """The last summary the bot showed, as {label: value} from its "- Label: value" lines."""
    [summary] = [m["text"] for m in messages if m.get("text", "").startswith("Dit heb ik opgeschreven:")][-1:]
    return dict(line[2:].split(": ", 1) for line in summary.splitlines()[1:])


def test_the_summary_is_changed_and_cut_before_consent_and_the_record_is_what_was_approved(stack):
    sender = new_sender()
    stack.say(sender, "ik wil iets melden")
    stack.say(sender, '/informeren{"rol": "ouder"}')
    answer_until_consent(stack, sender, {
        **PARENT_ANSWERS, "anoniem": "/ontkennen", "naam": "Petra de Vries", "contact": "petra@example.org",
        "betrokkenen": "Tim en Bas uit zijn klas",
    })
    # Leave a field out with the buttons: which part, then the new summary and the same question.
    offered = stack.say(sender, "/weglaten")
    titles = [b["title"] for m in offered for b in m.get("buttons", [])]
    assert "Wie erbij waren" in titles and "Wat er gebeurde" not in titles
    cut = stack.say(sender, "Wie erbij waren")
    assert "Ik heb 'Wie erbij waren' weggelaten." in texts(cut)
    assert "Wie erbij waren" not in summary_fields(cut) and "/bevestigen" in buttons(cut)
    # Change a field and leave one out in free text.
    changed = stack.say(sender, "verander wanneer in: vorige week dinsdag")
    assert summary_fields(changed)["Wanneer"] == "vorige week dinsdag", texts(changed)
    approved = stack.say(sender, "laat mijn e-mailadres weg")
    shown = summary_fields(approved)
    assert "Zo kunt u bereikt worden" not in shown and shown["Uw naam"] == "Petra de Vries"
    # Nothing of what was left out is in the conversation's state.
    slots = stack.tracker(sender)["slots"]
    assert slots["betrokkenen"] is None and slots["contact"] is None
    assert "Tim en Bas" not in repr(slots) and "petra@example.org" not in repr(slots)

    assert CODE_RE.search(texts(stack.say(sender, "/bevestigen")))
    demo = stack.login(*DEMO_LOGIN)
    [record] = [i for i in all_intakes(demo, stack.backend_url)
                if i["conversation_id"] == sender]
    assert record["wat_gebeurd"] == shown["Wat er gebeurde"]
    assert record["wanneer"] == shown["Wanneer"] == "vorige week dinsdag"
    assert record["naam"] == shown["Uw naam"] and record["anoniem"] is False
    assert record["betrokkenen"] == "" and record["contact"] is None
    assert "Tim en Bas" not in repr(record) and "petra@example.org" not in repr(record)


def test_coming_back_with_the_code_reads_the_contact_persons_message_and_replies(stack):
    sender = new_sender()
    driver = IntakeDriver(RestChannel(stack.rasa_url, sender), lambda: stack.tracker(sender))
    code = driver.finish()
    demo = stack.login(*DEMO_LOGIN)
    [record] = [i for i in all_intakes(demo, stack.backend_url)
                if i["conversation_id"] == sender]
    question = "Dank je voor je melding. Kun je dinsdag in de pauze bij mij langskomen?"
    sent = demo.post(f"{stack.backend_url}/api/intakes/{record['id']}/messages", json={"text": question}, timeout=10)
    assert sent.status_code == 201, sent.text

    # Later, in another conversation, with only the code.
    back = new_sender()
    shown = stack.say(back, code)
    assert question in texts(shown) and "Van de contactpersoon, " in texts(shown)
    assert "Demo Contactpersoon" not in texts(shown)  # no staff names
    assert "/terugschrijven" in buttons(shown)
    assert "Wat wil je aan de contactpersoon schrijven?" in texts(stack.say(back, "/terugschrijven"))
    # A bare "ja" is not the message; the message itself is shown back for a yes.
    assert "Typ nu het bericht zelf" in texts(stack.say(back, "ja"))
    # "nee" at the message shown back writes it again; a yes on the new one sends it.
    assert "Klopt dit?" in texts(stack.say(back, "Ja, dinsdag kan ik."))
    assert "Wat wil je aan de contactpersoon schrijven?" in texts(stack.say(back, "nee"))
    reply = "Ja, dinsdag kan ik. Mag mijn moeder ook mee?"
    shown_back = texts(stack.say(back, reply))
    assert "Klopt dit?" in shown_back and reply in shown_back
    assert stack.tracker(back)["slots"]["bericht_code"] == code
    assert "verstuurd" in texts(stack.say(back, "/bevestigen"))
    slots = stack.tracker(back)["slots"]
    assert slots["bericht_code"] is None and slots["bericht_tekst"] is None  # kept only while it ran

    case = demo.get(f"{stack.backend_url}/api/intakes/{record['id']}", timeout=10).json()
    assert [(m["van"], m["text"]) for m in case["messages"]][-1] == ("melder", reply)
    again = texts(stack.say(new_sender(), code))
    assert again.index(question) < again.index(reply) and "Van jou, " in again


def test_stopping_while_choosing_a_route_sends_nothing(stack):
    sender = new_sender()
    stack.say(sender, "ik wil iets melden")
    stack.say(sender, '/informeren{"rol": "leerling"}')
    answer_until_consent(stack, sender, {**PARENT_ANSWERS, "gekozen_route": "stop"})
    # The "stop" at the route question ended the conversation before any consent.
    assert stack.tracker(sender)["slots"]["wat_gebeurd"] is None
    demo = stack.login(*DEMO_LOGIN)
    assert sender not in {i["conversation_id"] for i in all_intakes(demo, stack.backend_url)}


def test_nothing_the_person_typed_is_in_the_logs(stack):
    """The three processes log at their default level; a story's words never reach the log."""
    sender = new_sender()
    secret = "Zwaluwstaartvlinder"  # a word no log line would hold by chance
    stack.say(sender, "ik wil iets melden")
    stack.say(sender, '/informeren{"rol": "leerling"}')
    stack.say(sender, f"De {secret} uit groep acht duwt mij elke dag van de trap.")
    stack.say(sender, "gisteren")
    assert stack.tracker(sender)["slots"]["wat_gebeurd"].startswith(f"De {secret}")
    log = stack.log_path.read_text(errors="replace")
    assert "Rasa server is up and running" in log  # the log is really there
    assert secret.lower() not in log.lower()
    assert "gisteren" not in log


def files_holding(stack, word: str, *patterns: str) -> list[str]:
    """The files of this stack (by glob pattern) whose bytes hold ``word``."""
    return [path.name for pattern in patterns for path in stack.workdir.glob(pattern)
            if word.encode() in path.read_bytes()]


def full_tracker(stack, sender: str) -> str:
    response = requests.get(
        f"{stack.rasa_url}/conversations/{sender}/tracker",
        params={"token": stack.rasa_token, "include_events": "ALL"}, timeout=30,
    )
    response.raise_for_status()
    return json.dumps(response.json(), ensure_ascii=False)


def test_an_ended_conversation_leaves_nothing_behind(stack):
    """Issue 9: a stopped conversation, and one handed off after a field was left out, are gone
    from the tracker store (its file's bytes), the logs and Rasa's tracker API once the TTL has
    passed; of the handed-off one, only what the person approved is in the backend."""
    stopped, handed_off = new_sender(), new_sender()
    stop_word, aside_word, story_word = "Pimpelmeesvleugel", "Goudvinkstaartje", "Boomklevertuin"
    left_out_word = "Roodborstvijver"  # the answer to a field left out at the summary
    stack.say(stopped, "ik wil iets melden")
    stack.say(stopped, '/informeren{"rol": "leerling"}')
    stack.say(stopped, f"De {stop_word} uit groep acht duwt mij elke dag van de trap.")
    assert stop_word in stack.tracker(stopped)["slots"]["wat_gebeurd"]
    assert "we stoppen" in texts(stack.say(stopped, "stop"))

    # Not understood, so never part of the intake: only in the conversation itself.
    stack.say(handed_off, f"jdjdjd {aside_word} kdkd")
    stack.say(handed_off, f"Mijn zoon wordt al weken gepest door {story_word} uit zijn klas.")
    answer_until_consent(stack, handed_off, {
        **PARENT_ANSWERS, "betrokkenen": f"drie jongens uit zijn klas, onder wie {left_out_word}",
    })
    stack.say(handed_off, "/weglaten")
    assert "Wie erbij waren" not in summary_fields(stack.say(handed_off, "Wie erbij waren"))
    assert CODE_RE.search(texts(stack.say(handed_off, "/bevestigen")))
    # Until the TTL, the conversation's events still hold what was said and left out.
    assert aside_word in full_tracker(stack, handed_off)
    assert left_out_word in full_tracker(stack, handed_off)

    tracker_files, backend_files = ("tracker.db*",), ("wegwijzer.db*",)
    deadline = time.monotonic() + 30

    def still_held() -> bool:
        # The tracker store's files hold the text encrypted (bot/tracker_store.py), so the
        # job's work shows in what Rasa itself still returns for the two conversations.
        events = full_tracker(stack, stopped) + full_tracker(stack, handed_off)
        return any(
            word in events or files_holding(stack, word, *tracker_files)
            for word in (stop_word, story_word, left_out_word)
        )

    while still_held():
        assert time.monotonic() < deadline, "the transcript job did not delete them"
        time.sleep(0.5)

    log = stack.log_path.read_text(errors="replace")
    # The job runs from the Procfile and logs counts only.
    assert re.search(r"transcripts: deleted \d+ events of \d+ ended conversations", log), (
        log[-2000:]
    )
    for word in (stop_word, aside_word, story_word, left_out_word):
        assert not files_holding(stack, word, *tracker_files), word
        assert word not in log
    for sender in (stopped, handed_off):
        events = full_tracker(stack, sender)
        for word in (stop_word, aside_word, story_word, left_out_word):
            assert word not in events, (sender, word)
    # The backend's database holds free text encrypted (so no word of it in its bytes at all);
    # what the person agreed to send is the intake, readable for the school's contact person,
    # and nothing else of the conversation is in it.
    for word in (stop_word, aside_word, story_word, left_out_word):
        assert not files_holding(stack, word, *backend_files), word
    [record] = [
        i for i in all_intakes(stack.login(*DEMO_LOGIN), stack.backend_url)
        if i["conversation_id"] == handed_off
    ]
    assert story_word in record["wat_gebeurd"]
    for word in (aside_word, left_out_word):
        assert word not in json.dumps(record, ensure_ascii=False), word
    assert record["betrokkenen"] == ""


@pytest.mark.stops_stack
def test_ctrl_c_stops_every_process(stack):
    """Runs last of all (see conftest): Ctrl-C on honcho leaves no process of the stack behind
    (the backend is the shared stack's separate process: ``interrupt`` stops it, then honcho)."""
    processes = stack.processes()
    assert len(processes) >= 5  # honcho + actions + rasa + the transcript and outbox jobs
    stack.interrupt()
    for process in processes:
        assert not process.is_running() or process.status() == "zombie", process
    for url in (stack.backend_url, stack.actions_url, stack.rasa_url):
        with pytest.raises(requests.ConnectionError):
            requests.get(url, timeout=2)
