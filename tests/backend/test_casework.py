"""The dashboard's casework, through the real app: the inbox (signals first, badges), claiming,
the status workflow with reasons, notes, next steps with due dates, sharing, CSRF on every
form, hostile reporter text, and the JSON API that mirrors the actions."""
from __future__ import annotations

import html as html_lib
import re
from datetime import date, timedelta

import pytest

from backend import store
from backend.rules import casework
from cli.setup import DEMO_BOARD_FILE
from backend.schoolconfig import load_board_file
from tests.backend.helpers import add_school, add_user, form_login, form_post, post_intake


@pytest.fixture
async def people(db):
    """School ``demo`` in board ``scol``, school ``zuid`` without a board; contact persons."""
    await store.schools.import_board(db, load_board_file(DEMO_BOARD_FILE))
    await add_school(db, "zuid", "Zuiderzee Lyceum")
    return {
        "jet": await add_user(db, "jet@school.nl", "demo", "zuid"),
        "bas": await add_user(db, "bas@school.nl", "demo"),
        "vp": await add_user(db, "vp@scol.nl", role="vertrouwenspersoon", board="scol"),
    }


async def _intake(client, school="demo", **fields) -> dict:
    response = await post_intake(client, school=school, **fields)
    assert response.status == 201
    return await response.json()


def page_of(intake: dict) -> str:
    return f"/dashboard/meldingen/{intake['id']}"


def visible_text(html: str) -> str:
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", html)).split())


# --- the inbox -------------------------------------------------------------------------------

async def test_the_inbox_puts_acute_danger_then_possibly_criminal_on_top(client, db, people):
    acute = await _intake(client, signalen=["minderjarig", "acuut_gevaar"], wat_gebeurd="Acuut.")
    criminal = await _intake(client, signalen=["mogelijk_strafbaar"], wat_gebeurd="Strafbaar.")
    closed = await _intake(client, signalen=["acuut_gevaar"], wat_gebeurd="Al afgehandeld.")
    await store.casework.change_status(db, people["jet"], closed["id"], "afgesloten", "Opgelost.")
    plain = await _intake(client, signalen=[], wat_gebeurd="Gewoon, maar het nieuwst.")

    await form_login(client, "jet@school.nl")
    html = await (await client.get("/dashboard")).text()
    order = [html.index(record["id"]) for record in (acute, criminal, plain, closed)]
    assert order == sorted(order)
    assert '<span class="badge badge-urgent">Acuut gevaar</span>' in html
    assert '<span class="badge badge-urgent">Mogelijk strafbaar</span>' in html
    assert '<span class="badge">Minderjarig</span>' in html
    assert f'href="{page_of(acute)}"' in html
    assert "Afgesloten" in html


async def test_the_inbox_can_show_one_school(client, people):
    demo = await _intake(client, "demo")
    zuid = await _intake(client, "zuid")
    await form_login(client, "jet@school.nl")
    html = await (await client.get("/dashboard?school=zuid")).text()
    assert zuid["id"] in html and demo["id"] not in html
    assert '<label for="school-filter">' in html
    # A school the user does not serve is ignored, not an error.
    html = await (await client.get("/dashboard?school=elders")).text()
    assert zuid["id"] in html and demo["id"] in html


# --- claiming --------------------------------------------------------------------------------

async def test_ik_pak_dit_op_makes_you_the_handler_and_starts_the_case(client, db, people):
    intake = await _intake(client)
    await form_login(client, "jet@school.nl")
    inbox = await (await client.get("/dashboard")).text()
    assert "Ik pak dit op" in inbox

    response = await form_post(
        client, f"/dashboard/meldingen/{intake['id']}/oppakken", {"terug": "inbox"}, "/dashboard"
    )
    assert response.status == 303 and response.headers["Location"] == "/dashboard"
    inbox = await (await client.get("/dashboard")).text()
    assert "Je hebt deze melding opgepakt." in inbox
    assert "In behandeling" in inbox and "Jij behandelt dit" in inbox

    page = visible_text(await (await client.get(page_of(intake))).text())
    assert "Behandelaar: Contactpersoon jet (jij)" in page
    assert "Nieuw → In behandeling door Contactpersoon jet “Opgepakt”" in page

    # A colleague cannot take it over by claiming; the page says so.
    await client.post("/logout", data={"csrf_token": await _token(client)})
    await form_login(client, "bas@school.nl")
    refused = await form_post(client, f"/dashboard/meldingen/{intake['id']}/oppakken", {}, page_of(intake))
    assert refused.status == 409
    assert "Iemand anders heeft deze melding al opgepakt." in await refused.text()
    stored = await store.intakes.get_intake_for_user(db, people["jet"], intake["id"])
    assert stored.handler_id == people["jet"].id and len(stored.status_changes) == 1


async def _token(client, page="/dashboard") -> str:
    html = await (await client.get(page)).text()
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


# --- the status workflow ---------------------------------------------------------------------

async def test_a_status_change_needs_a_reason(client, db, people):
    intake = await _intake(client)
    await form_login(client, "jet@school.nl")
    for reason in ("", "   \n  "):
        response = await form_post(
            client, f"{page_of(intake)}/status", {"status": "doorverwezen", "reden": reason},
            page_of(intake),
        )
        assert response.status == 400
        html = await response.text()
        assert 'role="alert"' in html and "Vul een reden in." in html
        assert 'aria-invalid="true"' in html and 'id="fout-reden"' in html
        assert 'id="status-doorverwezen" name="status" value="doorverwezen" checked' in html
    stored = await store.intakes.get_intake_for_user(db, people["jet"], intake["id"])
    assert stored.status == "nieuw" and stored.status_changes == []


async def test_the_whole_workflow_keeps_its_history(client, db, people):
    intake = await _intake(client)
    await form_login(client, "jet@school.nl")
    steps = [
        ("in_behandeling", "Gesprek gepland met de leerling."),
        ("doorverwezen", "Doorverwezen naar de vertrouwenspersoon."),
        ("afgesloten", "Melder is tevreden, afgerond."),
    ]
    for status, reason in steps:
        response = await form_post(
            client, f"{page_of(intake)}/status", {"status": status, "reden": reason},
            page_of(intake),
        )
        assert response.status == 303
        assert response.headers["Location"] == f"{page_of(intake)}#status"
    page = await (await client.get(page_of(intake))).text()
    assert "De status is nu: Afgesloten." in page
    text = visible_text(page)
    for (status, reason), before in zip(steps, ["nieuw"] + [s for s, _ in steps]):
        line = f"{casework.STATUS_LABELS[before]} → {casework.STATUS_LABELS[status]} door Contactpersoon jet “{reason}”"
        assert line in text
    # Newest first on the page, oldest first in the data.
    assert text.index("Melder is tevreden") < text.index("Gesprek gepland")
    stored = await store.intakes.get_intake_for_user(db, people["jet"], intake["id"])
    assert [c.to_status for c in stored.status_changes] == ["in_behandeling", "doorverwezen", "afgesloten"]
    assert stored.status == "afgesloten" and stored.handler_id == people["jet"].id
    # A closed intake can only be reopened.
    assert 'value="in_behandeling"' in page and 'value="doorverwezen"' not in page


async def test_a_change_the_workflow_does_not_allow_is_refused(client, db, people):
    intake = await _intake(client)
    await store.casework.change_status(db, people["jet"], intake["id"], "afgesloten", "Dubbel.")
    await form_login(client, "jet@school.nl")
    response = await form_post(
        client, f"{page_of(intake)}/status", {"status": "doorverwezen", "reden": "Toch niet."},
        page_of(intake),
    )
    assert response.status == 409
    assert "kan een melding niet naar" in html_lib.unescape(await response.text())
    stored = await store.intakes.get_intake_for_user(db, people["jet"], intake["id"])
    assert stored.status == "afgesloten"


# --- notes and next steps --------------------------------------------------------------------

async def test_notes_are_kept_newest_first_and_an_empty_one_is_refused(client, people):
    intake = await _intake(client)
    await form_login(client, "jet@school.nl")
    for text in ("Eerste notitie.", "Tweede notitie,\nover twee regels."):
        response = await form_post(client, f"{page_of(intake)}/notities", {"tekst": text}, page_of(intake))
        assert response.status == 303
    page = await (await client.get(page_of(intake))).text()
    assert "Je notitie is opgeslagen." in page
    assert page.index("Tweede notitie") < page.index("Eerste notitie")
    assert "Tweede notitie,\nover twee regels." in page  # shown with its line break (pre-wrap)

    empty = await form_post(client, f"{page_of(intake)}/notities", {"tekst": " "}, page_of(intake))
    assert empty.status == 400 and "Vul een notitie in." in await empty.text()


async def test_next_steps_have_a_due_date_and_overdue_ones_are_flagged(client, db, people):
    intake = await _intake(client)
    await form_login(client, "jet@school.nl")
    tomorrow = (casework.today() + timedelta(days=1)).isoformat()
    ok = await form_post(
        client, f"{page_of(intake)}/stappen",
        {"omschrijving": "Ouders terugbellen", "deadline": tomorrow}, page_of(intake),
    )
    assert ok.status == 303
    past = await form_post(
        client, f"{page_of(intake)}/stappen",
        {"omschrijving": "Te laat ingepland", "deadline": "2020-01-01"}, page_of(intake),
    )
    assert past.status == 400
    assert "Kies vandaag of een datum in de toekomst." in await past.text()
    bad = await form_post(
        client, f"{page_of(intake)}/stappen", {"omschrijving": "Iets", "deadline": "morgen"},
        page_of(intake),
    )
    assert bad.status == 400 and "JJJJ-MM-DD" in await bad.text()

    # One that was due yesterday (planned earlier) is overdue: flagged on the page and inbox.
    late = await store.casework.add_step(
        db, people["jet"], intake["id"], "Mentor spreken", casework.today() - timedelta(days=1)
    )
    page = await (await client.get(page_of(intake))).text()
    assert "Ouders terugbellen" in page and "Mentor spreken" in page
    assert page.count('class="badge badge-overdue">Te laat') == 1
    assert 'class="deadline overdue"' in await (await client.get("/dashboard")).text()

    done = await form_post(
        client, f"{page_of(intake)}/stappen/{late.id}/klaar", {}, page_of(intake)
    )
    assert done.status == 303
    page = await (await client.get(page_of(intake))).text()
    assert "Te laat</span>" not in page and "Afgerond</span>" in page
    assert 'class="deadline overdue"' not in await (await client.get("/dashboard")).text()


# --- sharing with the board's vertrouwenspersoon ---------------------------------------------

async def test_sharing_lets_the_vertrouwenspersoon_see_it(client, db, people):
    intake = await _intake(client, "demo", wat_gebeurd="Voor de vertrouwenspersoon.")
    no_board = await _intake(client, "zuid")
    await form_login(client, "jet@school.nl")
    refused = await form_post(client, f"{page_of(no_board)}/delen", {}, page_of(no_board))
    assert refused.status == 409
    assert "geen vertrouwenspersoon" in await refused.text()

    response = await form_post(client, f"{page_of(intake)}/delen", {}, page_of(intake))
    assert response.status == 303
    page = await (await client.get(page_of(intake))).text()
    assert "De vertrouwenspersoon van het bestuur kan deze melding nu zien." in page
    assert "Gedeeld op" in page

    vp_view = await store.intakes.list_intakes_for_user(db, people["vp"])
    assert [record.id for record in vp_view] == [intake["id"]]


# --- CSRF on every form ------------------------------------------------------------------------

FORMS = [
    ("oppakken", {}),
    ("status", {"status": "afgesloten", "reden": "Klaar."}),
    ("notities", {"tekst": "Notitie."}),
    ("stappen", {"omschrijving": "Bellen", "deadline": "2099-01-01"}),
    ("stappen/{step_id}/klaar", {}),
    ("delen", {}),
]


@pytest.mark.parametrize("action,data", FORMS, ids=[action for action, _ in FORMS])
@pytest.mark.parametrize("token", [None, "vervalst"], ids=["missing", "wrong"])
async def test_every_dashboard_form_needs_the_csrf_token(client, db, people, action, data, token):
    intake = await _intake(client)
    step = await store.casework.add_step(db, people["jet"], intake["id"], "Bellen", date(2099, 1, 1))
    await form_login(client, "jet@school.nl")
    body = dict(data)
    if token is not None:
        body["csrf_token"] = token
    path = f"{page_of(intake)}/{action.format(step_id=step.id)}"
    response = await client.post(path, data=body, allow_redirects=False)
    assert response.status == 403
    stored = await store.intakes.get_intake_for_user(db, people["jet"], intake["id"])
    assert (stored.status, stored.handler_id, stored.shared_at, stored.notes) == ("nieuw", None, None, [])
    assert len(stored.steps) == 1 and stored.steps[0].done_at is None


# --- hostile reporter text ----------------------------------------------------------------------

HOSTILE = (
    "<script>alert('x')</script><img src=x onerror=alert(1)> </textarea><b>vet</b>"
    "\x07\x1b[31m\x00rood\u202e\x0b\x7f {{ 7*7 }} {% raw %}"
)


async def test_hostile_intake_text_renders_as_text(client, db, people):
    long_word = "A" * 9_000
    intake = await _intake(
        client,
        wat_gebeurd=HOSTILE.replace("\x00", "") + " " + long_word,
        betrokkenen="<iframe src=//evil>",
        naam="<b>Sam</b>",
        contact="\"><svg onload=alert(1)>",
        wanneer="\x1b[2J gisteren",
    )
    await store.casework.add_note(db, people["jet"], intake["id"], "<script>notitie()</script>")
    # Messages with the reporter: the reporter's reply (by the code) and the staff's own.
    reply = await client.post(
        "/api/public/status/berichten",
        json={"code": intake["code"],
              "tekst": HOSTILE.replace("alert('x')", "bericht()") + " " + long_word[:4_000]},
    )
    assert reply.status == 201
    await store.messages.add_message(db, people["jet"], intake["id"], "<svg onload=alert(2)>")
    await form_login(client, "jet@school.nl")

    for path in ("/dashboard", page_of(intake)):
        response = await client.get(path)
        assert response.status == 200
        html = await response.text()
        for raw in ("<script>", "<img", "<iframe", "<svg", "<b>vet</b>", "<b>Sam</b>", "</textarea><b>"):
            assert raw not in html, (path, raw)
        assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
        assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", html), path
        assert "\u202e" not in html  # no right-to-left override to disguise text
        assert "{{ 7*7 }}" in html  # data, never a template
    page = await (await client.get(page_of(intake))).text()
    assert long_word in page  # all of it, as text in a wrapping block
    assert 'class="text long"' in page
    assert "&lt;script&gt;notitie()&lt;/script&gt;" in page
    assert "&lt;script&gt;bericht()&lt;/script&gt;" in page and "&lt;svg onload=alert(2)&gt;" in page
    css = await (await client.get("/static/style.css")).text()
    assert re.search(r"\.text\s*\{[^}]*overflow-wrap:\s*anywhere", css)


# --- the page is usable: labels, language, phone ---------------------------------------------

async def test_every_field_on_the_intake_page_has_a_label(client, people):
    intake = await _intake(client)
    await form_login(client, "jet@school.nl")
    html = await (await client.get(page_of(intake))).text()
    assert '<html lang="nl">' in html and 'name="viewport"' in html
    ids = re.findall(r'<(?:input|textarea|select)\b(?![^>]*type="hidden")[^>]*\bid="([^"]+)"', html)
    assert {"reden", "tekst", "omschrijving", "deadline", "status-in_behandeling"} <= set(ids)
    for field_id in ids:
        assert f'<label for="{field_id}">' in html, field_id
    assert "<legend>Nieuwe status</legend>" in html


# --- the JSON API mirrors the dashboard actions ----------------------------------------------

async def test_the_json_api_claims_changes_status_and_adds_notes(client, people):
    from tests.backend.helpers import api_login

    intake = await _intake(client)
    await api_login(client, "jet@school.nl")
    base = f"/api/intakes/{intake['id']}"

    claimed = await client.post(f"{base}/claim", json={})
    assert claimed.status == 200
    data = await claimed.json()
    assert data["status"] == "in_behandeling" and data["behandelaar"] == "Contactpersoon jet"
    assert data["statusgeschiedenis"][0]["reden"] == "Opgepakt"

    missing_reason = await client.post(f"{base}/status", json={"status": "doorverwezen"})
    assert missing_reason.status == 400
    assert (await missing_reason.json())["fields"] == {"reden": "Vul een reden in."}
    wrong = await client.post(f"{base}/status", json={"status": "nieuw", "reden": "terug"})
    assert wrong.status == 409
    assert (await wrong.json())["toegestaan"] == ["doorverwezen", "afgesloten"]
    moved = await client.post(f"{base}/status", json={"status": "doorverwezen", "reden": "Naar GGD."})
    assert moved.status == 200
    assert [(c["van"], c["naar"], c["reden"]) for c in (await moved.json())["statusgeschiedenis"]] == [
        ("nieuw", "in_behandeling", "Opgepakt"), ("in_behandeling", "doorverwezen", "Naar GGD."),
    ]

    note = await client.post(f"{base}/notes", json={"tekst": "Gebeld met moeder."})
    assert note.status == 201
    assert [n["tekst"] for n in (await note.json())["notities"]] == ["Gebeld met moeder."]

    step = await client.post(f"{base}/steps", json={"omschrijving": "Nabellen", "deadline": "2099-05-01"})
    assert step.status == 201
    (made,) = (await step.json())["vervolgstappen"]
    assert made["deadline"] == "2099-05-01" and made["klaar"] is False and made["te_laat"] is False
    done = await client.post(f"{base}/steps/{made['id']}/done", json={})
    assert (await done.json())["vervolgstappen"][0]["klaar"] is True

    shared = await client.post(f"{base}/share", json={})
    assert (await shared.json())["gedeeld_met_vertrouwenspersoon"] is True

    closed = await client.post(f"{base}/status", json={"status": "afgesloten", "reden": "Klaar."})
    assert (await closed.json())["status"] == "afgesloten"


async def test_api_actions_take_json_only(client, people):
    from tests.backend.helpers import api_login

    intake = await _intake(client)
    await api_login(client, "jet@school.nl")
    response = await client.post(f"/api/intakes/{intake['id']}/claim", data={"x": "1"})
    assert response.status == 415
    response = await client.post(f"/api/intakes/{intake['id']}/notes", json=["geen object"])
    assert response.status == 400
    logged_out = await client.post("/api/auth/logout")
    assert logged_out.status == 200
    assert (await client.post(f"/api/intakes/{intake['id']}/claim", json={})).status == 401


async def test_of_two_people_claiming_at_once_exactly_one_wins(client, db, people):
    import asyncio

    intake = await _intake(client)
    outcomes = await asyncio.gather(
        store.casework.claim_intake(db, people["jet"], intake["id"]),
        store.casework.claim_intake(db, people["bas"], intake["id"]),
        return_exceptions=True,
    )
    assert sorted(type(outcome).__name__ for outcome in outcomes) == ["AlreadyClaimed", "NoneType"]
    stored = await store.intakes.get_intake_for_user(db, people["jet"], intake["id"])
    winner = people["jet"] if outcomes[0] is None else people["bas"]
    assert stored.handler_id == winner.id and stored.status == "in_behandeling"
    assert [(c.from_status, c.to_status, c.user_id) for c in stored.status_changes] == [
        ("nieuw", "in_behandeling", winner.id)
    ]
    await store.casework.claim_intake(db, winner, intake["id"])  # again: nothing changes
    stored = await store.intakes.get_intake_for_user(db, people["jet"], intake["id"])
    assert len(stored.status_changes) == 1


async def test_two_status_changes_at_once_do_not_interleave(client, db, people):
    import asyncio

    intake = await _intake(client)
    outcomes = await asyncio.gather(
        *(
            store.casework.change_status(db, people[who], intake["id"], "doorverwezen", f"Door {who}.")
            for who in ("jet", "bas")
        ),
        return_exceptions=True,
    )
    assert sorted(type(outcome).__name__ for outcome in outcomes) == ["InvalidTransition", "NoneType"]
    stored = await store.intakes.get_intake_for_user(db, people["jet"], intake["id"])
    assert [(c.from_status, c.to_status) for c in stored.status_changes] == [("nieuw", "doorverwezen")]
