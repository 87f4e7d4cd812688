"""End to end through the web widget: a person on the demo school's site, in headless Chromium.

The real backend, Rasa server and action server run as `make run` runs them (tests/e2e/stack.py);
the page is the backend's demo page, the widget talks to Rasa's socket.io channel. The dialogue
itself changes often, so the full intake does not follow a script: after each bot turn it reads
the tracker's `requested_slot` and answers from ANSWERS, clicking a button when one fits.

Needs Debian's Chromium at /usr/bin/chromium (`make test` installs it) and Playwright for
Python (dev extra); without either the tests are skipped, with the reason.
"""
from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import pytest
import requests

from tests.conftest import REPO_ROOT
from tests.e2e.stack import Stack, all_intakes, opens
from wegwijzer.vocab import CODE_ALPHABET

CHROMIUM = Path("/usr/bin/chromium")
# Screenshots to look at (as tests/backend/test_school_page.py keeps its own).
ARTEFACTS = Path(os.environ.get("WEGWIJZER_TEST_ARTEFACTS", REPO_ROOT / "var" / "test-artefacts"))
pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM}"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")

CODE_RE = re.compile(rf"\b[{CODE_ALPHABET}]{{4}}-[{CODE_ALPHABET}]{{4}}-[{CODE_ALPHABET}]{{4}}\b")
DEMO_LOGIN = ("demo@wegwijzer.local", "demo-wachtwoord")
SESSION_KEY = "wegwijzer:demo:session"
TRANSCRIPT_KEY = "wegwijzer:demo:transcript"
STORY = "Twee jongens uit mijn klas pakken elke dag mijn spullen af en lachen me dan uit."
MAX_TURNS = 30


@dataclass(frozen=True)
class Answer:
    text: str                     # typed when no button fits
    button: Optional[str] = None  # a part of the payload of the button to click, when offered


# The person's answers, one per slot the intake form may ask (`requested_slot`), in one place.
# None: no slot asked (the greeting, the advice, the route choice, the summary and consent):
# click "yes" when offered, else the first button (the recommended route comes first).
ANSWERS: dict[Optional[str], Answer] = {
    "rol": Answer("Ik ben leerling.", button='"leerling"'),
    "wat_gebeurd": Answer(STORY),
    "wanneer": Answer("vorige week maandag"),
    "betrokkenen": Answer("twee jongens uit mijn klas"),
    "al_ondernomen": Answer("nee, nog niks", button='"niets"'),
    "wens": Answer("ik wil dat het stopt", button='"stoppen_gedrag"'),
    "anoniem": Answer("ja, ik wil anoniem blijven", button="/bevestigen"),
    "naam": Answer("Sam"),
    "contact": Answer("sam@example.org"),
    "school": Answer("demo"),
    # Leaving a part of the summary out before the yes (the test clicks "Laat iets weg" once).
    "wijzig_veld": Answer("Wie erbij waren", button="Wie erbij waren"),
    None: Answer("ja", button="/bevestigen"),
}
UNKNOWN_SLOT = Answer("weet ik niet")  # a slot added since: first button, else this


@pytest.fixture
def stack(shared_stack):
    return shared_stack


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser, stack):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on(  # a refused Content-Security-Policy, for one (failed loads: see below)
        "console",
        lambda msg: errors.append(msg.text)
        if msg.type == "error" and not msg.text.startswith("Failed to load resource") else None,
    )
    page.on(  # the browser asks for /favicon.ico by itself; nothing else may fail
        "response",
        lambda response: errors.append(f"{response.status} {response.url}")
        if response.status >= 400 and not response.url.endswith("/favicon.ico") else None,
    )
    page.goto(f"{stack.backend_url}/")
    yield page
    context.close()
    assert not errors, errors  # no script error, no CSP refusal


# --- helpers ----------------------------------------------------------------------------------

def launcher(page):
    return page.get_by_role("button", name="Chat met Wegwijzer")


def chat_input(page):
    return page.get_by_label("Jouw bericht")


def session_id(page) -> Optional[str]:
    """The conversation (Rasa's sender id) of the widget's session: the server signs the id it
    gives the widget, the conversation is the id without its signature
    (bot.socketio_channel.conversation_of)."""
    value = page.evaluate(f"sessionStorage.getItem('{SESSION_KEY}')")
    return value[:32] if value else None


def wait_for_session(page) -> str:
    page.wait_for_function(f"() => sessionStorage.getItem('{SESSION_KEY}')")
    return session_id(page)


def bot_texts(page) -> list[str]:
    return page.locator(".ww-msg-bot").all_inner_texts()


def all_events(stack: Stack, sender: str) -> list[dict]:
    """Every event of the conversation, also those before a restart (the tracker's default hides them)."""
    response = requests.get(
        f"{stack.rasa_url}/conversations/{sender}/tracker",
        params={"token": stack.rasa_token, "include_events": "ALL"}, timeout=30,
    )
    response.raise_for_status()
    return response.json()["events"]


def user_count(stack: Stack, sender: str) -> int:
    return sum(1 for event in all_events(stack, sender) if event["event"] == "user")


def wait_for_turn(stack: Stack, page, sender: str, users_before: int, timeout: float = 90) -> None:
    """Until Rasa has handled one more message and listens again, and the page shows it all."""
    deadline = time.monotonic() + timeout
    while True:
        events = all_events(stack, sender)
        users = sum(1 for event in events if event["event"] == "user")
        last = events[-1] if events else {}
        if users > users_before and last.get("event") == "action" and last.get("name") == "action_listen":
            break
        assert time.monotonic() < deadline, f"the bot did not answer:\n{stack.log_tail()}"
        time.sleep(0.3)
    # Rasa emitted every message before it stored the tracker: wait until the page shows them.
    seen, stable = -1, 0
    while stable < 3:
        count = page.locator(".ww-msg-bot, .ww-choice").count()
        stable = stable + 1 if count == seen else 0
        seen = count
        time.sleep(0.2)


def answer_turn(page, slot: Optional[str], answer: Optional[Answer] = None) -> None:
    """Answer what the bot asks: a fitting button when there is one, else type and press Enter."""
    answer = answer or ANSWERS.get(slot, UNKNOWN_SLOT)
    buttons = page.locator(".ww-choices .ww-choice")
    payloads = [buttons.nth(i).get_attribute("data-payload") or "" for i in range(buttons.count())]
    if answer.button:
        for index, payload in enumerate(payloads):
            if answer.button in payload:
                buttons.nth(index).click()
                return
    if payloads and (slot is None or slot not in ANSWERS):
        buttons.first.click()
        return
    chat_input(page).fill(answer.text)
    chat_input(page).press("Enter")


# --- tests ------------------------------------------------------------------------------------

def test_a_full_intake_through_the_widget_reaches_the_backend_as_web(stack, page):
    launcher(page).click()
    sender = wait_for_session(page)
    wait_for_turn(stack, page, sender, users_before=0)  # the greeting
    assert bot_texts(page), "no greeting"

    code = None
    clicked_titles = []
    left_out: list[str] = []
    for _ in range(MAX_TURNS):
        found = CODE_RE.search("\n".join(bot_texts(page)))
        if found:
            code = found.group(0)
            break
        slots = stack.tracker(sender)["slots"]
        before = user_count(stack, sender)
        titles = page.locator(".ww-choices .ww-choice").all_inner_texts()
        if "Laat iets weg" in titles and not slots.get("wijzig_veld") and "betrokkenen" not in left_out:
            left_out.append("betrokkenen")  # at the consent question, once
            answer_turn(page, None, Answer("laat iets weg", button="/weglaten"))
        else:
            answer_turn(page, slots.get("requested_slot"))
        mine = page.locator(".ww-msg-user").last.inner_text()
        if any(title in mine for title in titles):
            clicked_titles.append(mine)
        wait_for_turn(stack, page, sender, before)
    assert code, f"no receipt code after {MAX_TURNS} turns:\n" + "\n".join(bot_texts(page))
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / "widget-intake-code.png"))
    assert clicked_titles, "no button was clicked (or its title was not shown as my message)"

    # After the handoff the chat forgets the report (issue 15): the record holds it.
    slots = stack.tracker(sender)["slots"]
    assert slots["wat_gebeurd"] is None
    demo = stack.login(*DEMO_LOGIN)
    intakes = all_intakes(demo, stack.backend_url)
    [record] = [i for i in intakes if i["conversation_id"] == sender]
    assert record["kanaal"] == "web"
    assert record["school"] == "demo"  # from the widget's metadata, never asked
    assert opens(stack.backend_url, code, record)
    assert record["wat_gebeurd"] == STORY
    # "Laat iets weg" → "Wie erbij waren": the record holds the approved summary, no names.
    assert left_out and record["betrokkenen"] == "" and slots["betrokkenen"] is None


def test_the_widget_works_with_the_keyboard(stack, page):
    # Tab from the top of the page reaches the launcher (it comes after the page's own links).
    for _ in range(25):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('ww-launcher')"):
            break
    else:
        pytest.fail("Tab never reached the chat's launcher")
    focused = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert focused != "none"  # the focus is visible
    assert launcher(page).get_attribute("aria-expanded") == "false"

    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Wegwijzer")
    assert dialog.is_visible()
    assert page.evaluate("document.activeElement.tagName") == "TEXTAREA"  # focus in the input
    sender = wait_for_session(page)
    wait_for_turn(stack, page, sender, users_before=0)
    log = page.get_by_role("log")
    assert log.get_attribute("aria-live") == "polite"

    before = user_count(stack, sender)
    page.keyboard.type("hallo, ik wil iets vertellen")
    page.keyboard.press("Enter")
    assert page.locator(".ww-msg-user").last.inner_text().endswith("hallo, ik wil iets vertellen")
    assert chat_input(page).input_value() == ""
    wait_for_turn(stack, page, sender, before)
    assert len(bot_texts(page)) >= 2
    assert stack.tracker(sender)["latest_message"]["metadata"] == {"school": "demo"}

    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('ww-launcher')")


def test_a_reload_continues_and_sluit_en_wis_empties_the_chat(stack, page):
    launcher(page).click()
    sender = wait_for_session(page)
    wait_for_turn(stack, page, sender, users_before=0)
    words = "Mijn geheime zin over de gymles"
    before = user_count(stack, sender)
    chat_input(page).fill(words)
    chat_input(page).press("Enter")
    wait_for_turn(stack, page, sender, before)

    # A reload in the same tab: the same conversation, still on screen.
    page.reload()
    assert session_id(page) == sender
    assert page.get_by_role("dialog", name="Wegwijzer").is_visible()
    assert words in page.get_by_role("log").inner_text()

    page.get_by_role("button", name="Sluit en wis").click()
    assert page.locator(".ww-msg").count() == 0
    assert page.locator(".ww-choices").count() == 0
    assert session_id(page) is None
    assert page.evaluate(f"sessionStorage.getItem('{TRANSCRIPT_KEY}')") is None
    assert not page.get_by_role("dialog", name="Wegwijzer").is_visible()
    assert page.evaluate("document.activeElement.classList.contains('ww-launcher')")
    # The bot was told to stop (nothing is sent to the school). It restarts the conversation
    # then: look at all events, not only those after the restart.
    deadline = time.monotonic() + 30
    while not any(
        e["event"] == "user" and e.get("text") == "/stoppen" for e in all_events(stack, sender)
    ):
        assert time.monotonic() < deadline, "the widget did not send /stoppen"
        time.sleep(0.3)

    # Opening again starts a new conversation; nothing of the old one comes back.
    launcher(page).click()
    new_sender = wait_for_session(page)
    assert new_sender != sender
    wait_for_turn(stack, page, new_sender, users_before=0)
    assert words not in page.get_by_role("log").inner_text()
    page.reload()
    assert words not in page.content()


def test_a_lost_connection_is_told_and_the_conversation_goes_on(stack, page):
    routes = []  # the widget's WebSockets, passed through to Rasa, so that the test can cut one

    def through(route) -> None:
        route.connect_to_server()
        routes.append(route)

    page.route_web_socket(re.compile(r"/socket\.io/"), through)
    launcher(page).click()
    sender = wait_for_session(page)
    wait_for_turn(stack, page, sender, users_before=0)
    deadline = time.monotonic() + 20
    while not routes:  # socket.io starts with long-polling, then moves to a WebSocket
        assert time.monotonic() < deadline, "the widget never opened a WebSocket"
        page.wait_for_timeout(200)

    routes[-1].close()  # the connection drops, as on a train going into a tunnel
    status = page.locator(".ww-status")
    sync_api.expect(status).to_have_text(re.compile("Geen verbinding"))
    sync_api.expect(status).to_have_text("Weer verbonden.", timeout=30_000)

    # The same conversation goes on, and the bot's answers reach the screen again.
    assert session_id(page) == sender
    shown = page.locator(".ww-msg-bot").count()
    before = user_count(stack, sender)
    chat_input(page).fill("ik wil iets melden")
    chat_input(page).press("Enter")
    wait_for_turn(stack, page, sender, before)
    assert page.locator(".ww-msg-bot").count() > shown


def test_on_a_phone_the_chat_fills_the_screen_and_respects_reduced_motion(stack, browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
        reduced_motion="reduce",
    )
    try:
        page = context.new_page()
        page.goto(f"{stack.backend_url}/")
        launcher(page).click()
        sender = wait_for_session(page)
        wait_for_turn(stack, page, sender, users_before=0)
        box = page.get_by_role("dialog", name="Wegwijzer").bounding_box()
        assert box["x"] == 0 and box["y"] == 0
        assert box["width"] == 390 and box["height"] == 844
        animation = page.evaluate(
            "getComputedStyle(document.querySelector('.ww-dots span')).animationName"
        )
        assert animation == "none"
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTEFACTS / "widget-phone.png"))
    finally:
        context.close()
