"""Rate limits of the public endpoints that had none (``backend.auth.throttle``): failed logins per
IP address across accounts, reporters' copies per requester, copy checks at ``/verificatie``
per address. Each refusal is a 429 with a Dutch message and Retry-After, and the window
passing lets the requester in again."""
from __future__ import annotations

import dataclasses
from datetime import timedelta

from backend import keys
from backend.auth import throttle
from backend.models import utcnow
from tests.backend.helpers import get_copy, get_status, add_user, api_login, csrf_token_from, form_login
from tests.backend.test_reporter_copy import school, store  # noqa: F401 (school: the fixture)


async def test_wrong_passwords_on_many_accounts_from_one_address_are_stopped(
    client, db, school, monkeypatch  # noqa: F811
):
    await add_user(db, "echt@noord.nl", "noord")
    # A smaller count than the real one (each wrong password costs an Argon2 hash); the rest of
    # the limit is the real one.
    limit = dataclasses.replace(throttle.LOGIN_IP, max_attempts=9)
    monkeypatch.setattr(throttle, "LOGIN_IP", limit)
    # Fewer than 5 per account, so the per-account lock never applies: only the new limit can.
    for attempt in range(limit.max_attempts):
        response = await api_login(client, f"gok{attempt // 4}@noord.nl", "raden")
        assert response.status == 401, attempt
    refused = await api_login(client, "echt@noord.nl")  # the right password, an untouched account
    assert refused.status == 429
    assert (await refused.json())["error"] == limit.message
    assert refused.headers["Retry-After"] == str(limit.retry_after_seconds)
    form = await form_login(client, "echt@noord.nl")
    assert form.status == 429 and limit.message in await form.text()
    assert form.headers["Retry-After"] == str(limit.retry_after_seconds)


async def test_the_address_limit_lets_in_again_after_its_window(db, school):  # noqa: F811
    user = await add_user(db, "echt@noord.nl", "noord")
    earlier = utcnow() - throttle.LOGIN_IP.window - timedelta(seconds=1)
    for _ in range(throttle.LOGIN_IP.max_attempts):
        await throttle.record(db, throttle.LOGIN_IP, "10.0.0.1", now=earlier)
    assert (await throttle.login(db, user.email, "een-goed-wachtwoord", "10.0.0.1")).id == user.id


async def test_a_requester_makes_at_most_so_many_copies_an_hour(client, school):  # noqa: F811
    record = await store(client)
    other = await store(client)
    limit = throttle.COPIES
    for attempt in range(limit.max_attempts):
        response = await get_copy(client, record['code'], text=True)
        assert response.status == 200, attempt
    for code, as_text in ((record['code'], True), (other['code'], False), (other['code'], True),
                          ("ONBEKEND", False)):
        refused = await get_copy(client, code, text=as_text)
        assert refused.status == 429, code  # the same for a known and an unknown code
        assert (await refused.json())["error"] == limit.message
        assert refused.headers["Retry-After"] == str(limit.retry_after_seconds)
    # The status (cheap, what the chat polls) is not part of this limit.
    assert (await get_status(client, record['code'])).status == 200


async def test_the_action_server_counts_copies_per_conversation(client, school):  # noqa: F811
    record = await store(client)
    db = client.app[keys.DB]
    for _ in range(throttle.COPIES.max_attempts):
        await throttle.record(db, throttle.COPIES, "ip\n127.0.0.1")
    assert (await get_copy(client, record['code'], text=True)).status == 429
    service = {
        "Authorization": "Bearer test-service-token", "X-Wegwijzer-Gesprek": "gesprek-1",
    }
    response = await get_copy(client, record['code'], text=True, headers=service)
    assert response.status == 200


async def test_copy_checks_at_verificatie_are_limited_per_address(client, school):  # noqa: F811
    limit = throttle.VERIFICATIONS
    token = await csrf_token_from(client, "/verificatie")
    for attempt in range(limit.max_attempts):
        response = await client.post(
            "/verificatie", data={"csrf_token": token, "tekst": "Mijn verhaal, zonder code."}
        )
        assert response.status == 400, attempt
    refused = await client.post("/verificatie", data={"csrf_token": token, "tekst": "nog een"})
    assert refused.status == 429
    assert refused.headers["Retry-After"] == str(limit.retry_after_seconds)
    page = await refused.text()
    assert "veel kopieën gecontroleerd" in page and 'role="alert"' in page
    # Looking a code up by its link has its own limit (unknown codes), not this one.
    assert (await client.get("/verificatie/ABCDE-FGHJK")).status == 404
