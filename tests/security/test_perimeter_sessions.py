"""An attacker holding a copy of a contact person's session cookie keeps using it after the
password was changed: the session ends on the server with the password (logout through nginx is
in ``test_perimeter_production.py``). Against the real app and database, over HTTP."""
from __future__ import annotations

import aiohttp
from sqlalchemy import update

from backend.auth import security
from backend.models import User
from tests.backend.conftest import (  # noqa: F401 (the fixtures: a migrated database, the app)
    client, config, database_kind, database_url, db, migrated_databases,
)
from tests.backend.helpers import add_school, add_user, api_login


async def _me(cookies: dict, client) -> int:  # noqa: F811
    """``/api/auth/me`` from another browser holding ``cookies``."""
    async with aiohttp.ClientSession(cookies=cookies) as other:
        async with other.get(client.make_url("/api/auth/me")) as response:
            return response.status


async def test_a_copied_cookie_stops_working_when_the_password_changes(client, db):  # noqa: F811
    await add_school(db, "demo")
    user = await add_user(db, "cp@demo.nl", "demo")
    assert (await api_login(client, "cp@demo.nl")).status == 200
    stolen = {cookie.key: cookie.value for cookie in client.session.cookie_jar}
    assert await _me(stolen, client) == 200

    async with db() as session:
        async with session.begin():
            await session.execute(update(User).where(User.id == user.id).values(
                password_hash=security.hash_password("een-nieuw-wachtwoord")))
    assert await _me(stolen, client) == 401
    assert (await client.get("/api/auth/me")).status == 401  # the owner logs in again
