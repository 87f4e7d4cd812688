"""Writing back to the contact person (actions/berichten.py): the reply form's reading of what
the person types, and the reply posted to a real backend over real HTTP."""
from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.berichten import ActionBerichtVersturen, ValidateBerichtForm
from tests.actions.test_conversation import said, slot_events
from tests.conftest import free_port

BERICHT_SLOTS = ("bericht_code", "bericht_tekst", "bericht_klopt", "bericht_status")


def asking(slot: str, text: str, intent: str, **slots) -> Tracker:
    return said(text, intent, slots={"requested_slot": slot, **slots})


async def _tekst(text: str, intent: str):
    """What the form makes of `text` typed at "Wat wil je schrijven?": slots and responses."""
    form, dispatcher = ValidateBerichtForm(), CollectingDispatcher()
    t = asking("bericht_tekst", text, intent)
    extracted = await form.extract_bericht_tekst(dispatcher, t, {})
    if "bericht_tekst" in extracted:
        extracted.update(form.validate_bericht_tekst(extracted["bericht_tekst"], dispatcher, t, {}))
    return extracted, [m["response"] for m in dispatcher.messages]


async def test_the_reply_is_the_persons_own_words_and_a_bare_yes_or_no_is_not():
    # A question is a fine message to a contact person: it is taken as the text, shown back later.
    assert await _tekst("Wanneer kan ik bij u langskomen?", "faq") == (
        {"bericht_tekst": "Wanneer kan ik bij u langskomen?"}, [])
    assert await _tekst("ik wil u graag spreken", "mens_spreken") == (
        {"bericht_tekst": "ik wil u graag spreken"}, [])
    # "ja" after "what do you want to write?" means "yes, I want to": asked for the text itself.
    assert await _tekst("ja", "bevestigen") == ({"bericht_tekst": None}, ["utter_bericht_typ"])
    # "nee" (typed, or the "Toch niet" button) calls it off: the form ends, nothing is sent.
    assert await _tekst("nee toch niet", "ontkennen") == ({"bericht_tekst": None, "bericht_klopt": False}, [])
    assert (await _tekst("/ontkennen", "ontkennen"))[0]["bericht_klopt"] is False
    assert await _tekst("x" * 5001, "informeren") == ({"bericht_tekst": None}, ["utter_bericht_te_lang"])
    # Acute danger: the help first, and the message is kept for the contact person.
    assert await _tekst("ik wil er niet meer zijn", "hulp_nu") == (
        {"bericht_tekst": "ik wil er niet meer zijn"}, ["utter_hulp_nu"])
    # A stop, or the backend's push arriving, is never the message.
    assert await _tekst("stop", "stoppen") == ({}, [])
    assert await _tekst("EXTERNAL: EXTERNAL_nieuw_bericht", "EXTERNAL_nieuw_bericht") == ({}, [])


async def test_the_message_shown_back_needs_a_yes_a_no_writes_it_again():
    form = ValidateBerichtForm()
    extract = form.extract_bericht_klopt
    slots = {"bericht_tekst": "Dinsdag kan ik."}
    assert await extract(CollectingDispatcher(), asking("bericht_klopt", "/bevestigen", "bevestigen", **slots), {}) == {
        "bericht_klopt": True}
    no = asking("bericht_klopt", "nee", "ontkennen", **slots)
    assert await extract(CollectingDispatcher(), no, {}) == {"bericht_klopt": None, "bericht_tekst": None}
    # The emptied text is validated too: that "nee" writes it again, it does not call it off.
    assert form.validate_bericht_tekst(None, CollectingDispatcher(), no, {}) == {"bericht_tekst": None}
    # Typing something else here is the new message (shown back again).
    new = "Dinsdag kan ik niet, woensdag wel, na het zevende uur."
    assert await extract(CollectingDispatcher(), asking("bericht_klopt", new, "informeren", **slots), {}) == {
        "bericht_tekst": new}
    called_off = said("nee", "ontkennen", slots={"bericht_klopt": False})
    assert await form.required_slots(["bericht_code", "bericht_tekst", "bericht_klopt"],
                                     CollectingDispatcher(), called_off, {}) == []


async def test_a_reply_that_cannot_be_sent_is_kept_and_said_honestly(monkeypatch):
    monkeypatch.setenv("BACKEND_URL", f"http://127.0.0.1:{free_port()}")
    slots = {"bericht_code": "K7QM-3XDA-9TPW", "bericht_tekst": "Dinsdag kan ik.", "bericht_klopt": True}
    dispatcher = CollectingDispatcher()
    events = await ActionBerichtVersturen().run(dispatcher, said("/bevestigen", "bevestigen", slots=slots), {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_bericht_mislukt"]
    assert slot_events(events) == {"bericht_status": "mislukt"}  # code and text kept to try again
    # Called off: nothing is posted, and the code and the text are forgotten.
    dispatcher = CollectingDispatcher()
    events = await ActionBerichtVersturen().run(
        dispatcher, said("nee", "ontkennen", slots={**slots, "bericht_klopt": False}), {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_bericht_niet_verstuurd"]
    assert slot_events(events) == dict.fromkeys(BERICHT_SLOTS)


async def _handed_off_with_a_message(backend, text: str) -> str:
    """An intake handed off by the bot, and a message of the demo contact person on it."""
    import aiohttp

    from actions.overdracht import ActionOverdracht
    from tests.actions.conftest import tracker

    dispatcher = CollectingDispatcher()
    await ActionOverdracht().run(dispatcher, tracker({"school": "demo", "rol": "leerling",
                                                      "wat_gebeurd": "Ze lachen me uit.", "anoniem": True}), {})
    code = dispatcher.messages[0]["code"]
    base = str(backend.make_url("")).rstrip("/")
    # unsafe=True: keep the session cookie of a server on an IP address (127.0.0.1).
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
        login = {"email": "demo@wegwijzer.local", "password": "demo-wachtwoord"}
        assert (await session.post(f"{base}/api/auth/login", json=login)).status == 200
        [intake] = await (await session.get(f"{base}/api/intakes")).json()
        sent = await session.post(f"{base}/api/intakes/{intake['id']}/messages", json={"text": text})
        assert sent.status == 201
    return code


async def test_the_messages_are_read_with_the_code_and_the_reply_reaches_the_case(backend):
    from actions.status import ActionStatus

    question = "Wil je dinsdag in de pauze langskomen?"
    code = await _handed_off_with_a_message(backend, question)

    dispatcher = CollectingDispatcher()
    await ActionStatus().run(dispatcher, said(code, "status_opvragen"), {})
    berichten = dispatcher.messages[1]["berichten"]
    assert berichten.startswith("Berichten:\n\nVan de contactpersoon, ") and berichten.endswith(f":\n{question}")
    assert "Demo Contactpersoon" not in berichten  # no staff names

    reply = "Ja, dat kan. Mag mijn moeder mee?"
    slots = {"bericht_code": code, "bericht_tekst": reply, "bericht_klopt": True, "bericht_status": "aangeboden"}
    dispatcher = CollectingDispatcher()
    events = await ActionBerichtVersturen().run(dispatcher, said("/bevestigen", "bevestigen", slots=slots), {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_bericht_verstuurd"]
    assert slot_events(events) == dict.fromkeys(BERICHT_SLOTS)  # the code is forgotten

    dispatcher = CollectingDispatcher()
    await ActionStatus().run(dispatcher, said(code, "status_opvragen", slots={"aanspreekvorm": "u"}), {})
    berichten = dispatcher.messages[1]["berichten"]
    assert berichten.index(question) < berichten.index(f":\n{reply}") and "\n\nVan u, " in berichten

    # Refused by the backend (here: longer than it takes): its Dutch reason, kept to try again.
    dispatcher = CollectingDispatcher()
    events = await ActionBerichtVersturen().run(
        dispatcher, said("/bevestigen", "bevestigen", slots={**slots, "bericht_tekst": "x" * 5001}), {})
    [refused] = dispatcher.messages
    assert refused["response"] == "utter_bericht_geweigerd" and refused["reden"]
    assert slot_events(events) == {"bericht_status": "mislukt"}
    # An unknown code: said so, nothing kept.
    dispatcher = CollectingDispatcher()
    events = await ActionBerichtVersturen().run(
        dispatcher, said("/bevestigen", "bevestigen", slots={**slots, "bericht_code": "2222-3333-4444"}), {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_bericht_code_onbekend"]
    assert slot_events(events) == dict.fromkeys(BERICHT_SLOTS)


async def test_a_code_typed_in_the_reply_form_shows_the_messages_first(backend):
    code = await _handed_off_with_a_message(backend, "Hoe gaat het nu?")
    form, dispatcher = ValidateBerichtForm(), CollectingDispatcher()
    t = asking("bericht_code", f"mijn code is {code.lower()}", "status_opvragen")
    extracted = await form.extract_bericht_code(dispatcher, t, {})
    assert extracted == {"bericht_code": code}
    assert await form.validate_bericht_code(code, dispatcher, t, {}) == {"bericht_code": code}
    assert [m["response"] for m in dispatcher.messages] == ["utter_status", "utter_status_berichten"]
    # Not a code: said so, asked again; an unknown code ends the form with nothing sent.
    dispatcher = CollectingDispatcher()
    assert await form.validate_bericht_code("?", dispatcher, t, {}) == {"bericht_code": None}
    assert [m["response"] for m in dispatcher.messages] == ["utter_bericht_geen_code"]
    dispatcher = CollectingDispatcher()
    assert await form.validate_bericht_code("2222-3333-4444", dispatcher, t, {}) == {
        "bericht_code": None, "bericht_klopt": False}
    assert [m["response"] for m in dispatcher.messages] == ["utter_status_onbekend"]
