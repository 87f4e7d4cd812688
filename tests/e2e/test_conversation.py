"""End to end: the real backend, Rasa server and action server, started as `make run` starts them.

A person talks to the bot over Rasa's REST channel; the intake they consent to ends up in the
backend, visible to a contact person of that school and to no one else.
"""
from __future__ import annotations

import re
import uuid

import pytest
import requests

from tests.e2e.stack import Stack, ensure_trained_model
from wegwijzer.vocab import CATEGORIEEN, CODE_ALPHABET, ROUTES

pytestmark = pytest.mark.e2e

CODE_RE = re.compile(rf"\b[{CODE_ALPHABET}]{{4}}-[{CODE_ALPHABET}]{{4}}-[{CODE_ALPHABET}]{{4}}\b")
DEMO_LOGIN = ("demo@wegwijzer.local", "demo-wachtwoord")
OTHER_LOGIN = ("contact@andere.school", "een-ander-wachtwoord")


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    ensure_trained_model()
    stack = Stack(workdir=tmp_path_factory.mktemp("stack"))
    try:
        stack.start()
        stack.cli("schools", "add", "--slug", "andere", "--name", "Andere School")
        stack.cli(
            "users", "add", "--school", "andere", "--email", OTHER_LOGIN[0],
            "--name", "Contact Andere", "--password-stdin", stdin=OTHER_LOGIN[1] + "\n",
        )
        yield stack
    finally:
        stack.interrupt()


def texts(messages: list[dict]) -> str:
    return "\n".join(m.get("text", "") for m in messages)


def buttons(messages: list[dict]) -> list[str]:
    return [b["payload"] for m in messages for b in m.get("buttons", [])]


def new_sender() -> str:
    return f"e2e-{uuid.uuid4().hex[:12]}"


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

    assert "Wanneer" in texts(stack.say(sender, story))
    stack.say(sender, "vorige week maandag")
    asked_tried = stack.say(sender, "twee jongens uit mijn klas")
    assert '/informeren{"ondernomen": "niets"}' in buttons(asked_tried)
    asked_wish = stack.say(sender, "nee nog niks")
    assert '/informeren{"wens": "stoppen_gedrag"}' in buttons(asked_wish)
    asked_anonymity = stack.say(sender, '/informeren{"wens": "stoppen_gedrag"}')
    assert "anoniem" in texts(asked_anonymity)

    advice_and_summary = stack.say(sender, "/bevestigen")
    summary = texts(advice_and_summary)
    assert story in summary and "vorige week maandag" in summary
    assert "wegen" in summary  # the advice comes before the summary
    assert "/bevestigen" in buttons(advice_and_summary)  # the consent question
    # Nothing has left the conversation before the yes.
    demo = stack.login(*DEMO_LOGIN)
    assert sender not in {i["conversation_id"] for i in demo.get(f"{stack.backend_url}/api/intakes").json()}

    handed_off = texts(stack.say(sender, "/bevestigen"))
    code = CODE_RE.search(handed_off)
    assert code, handed_off

    intakes = demo.get(f"{stack.backend_url}/api/intakes", timeout=10).json()
    [record] = [i for i in intakes if i["conversation_id"] == sender]
    assert record["code"] == code.group(0)
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
    assert record["status"] == "nieuw"

    # The reporter's copy, at the link the bot gave, holds their own words.
    link = re.search(r"http://\S+/api/public/kopie/\S+", handed_off)
    assert link, handed_off
    copy = requests.get(link.group(0).rstrip("."), params={"formaat": "tekst"}, timeout=30)
    assert copy.status_code == 200 and story in copy.text

    other = stack.login(*OTHER_LOGIN)
    assert sender not in {i["conversation_id"] for i in other.get(f"{stack.backend_url}/api/intakes").json()}
    assert other.get(f"{stack.backend_url}/api/intakes/{record['id']}", timeout=10).status_code == 404


def test_a_no_sends_nothing(stack):
    sender = new_sender()
    stack.say(sender, "ik wil iets melden")
    stack.say(sender, '/informeren{"rol": "ouder"}')
    stack.say(sender, "Mijn dochter wordt buitengesloten door haar klasgenoten.")
    stack.say(sender, "sinds de zomervakantie")
    stack.say(sender, "drie meisjes uit haar klas")
    stack.say(sender, "Ik heb het al met de mentor besproken, maar er verandert niets.")
    stack.say(sender, "ik weet het eigenlijk niet")
    stack.say(sender, "/ontkennen")  # not anonymous
    stack.say(sender, "Petra de Vries")
    stack.say(sender, "petra@example.org")
    refused = texts(stack.say(sender, "/ontkennen"))
    assert "niets door" in refused

    demo = stack.login(*DEMO_LOGIN)
    intakes = demo.get(f"{stack.backend_url}/api/intakes", timeout=10).json()
    assert sender not in {i["conversation_id"] for i in intakes}


def test_acute_danger_is_recognised_whatever_the_classifier_says(stack):
    parsed = requests.post(
        f"{stack.rasa_url}/model/parse", params={"token": stack.rasa_token},
        json={"text": "ik denk erover om er een eind aan te maken"}, timeout=30,
    ).json()
    assert parsed["intent"]["name"] == "hulp_nu"
    assert parsed["crisis"] == {"soort": "zelfdoding"}

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
    sender = new_sender()
    story = "Ze pesten me elke dag en gisteren zei ik dat ik er niet meer wil zijn."
    stack.say(sender, "ik wil iets melden")
    stack.say(sender, '/informeren{"rol": "leerling"}')
    answer = texts(stack.say(sender, story))
    assert "113" in answer and "0800-0113" in answer
    slots = stack.tracker(sender)["slots"]
    assert slots["wat_gebeurd"] == story
    assert slots["acuut"] is True
    assert slots["requested_slot"] == "wanneer"


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


def test_ctrl_c_stops_every_process(stack):
    """Runs last in this module: Ctrl-C on honcho leaves no process of the stack behind."""
    processes = stack.processes()
    assert len(processes) >= 4  # honcho + backend + actions + rasa
    stack.interrupt()
    for process in processes:
        assert not process.is_running() or process.status() == "zombie", process
    for url in (stack.backend_url, stack.actions_url, stack.rasa_url):
        with pytest.raises(requests.ConnectionError):
            requests.get(url, timeout=2)
