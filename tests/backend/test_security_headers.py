"""Security headers on the real app: who may frame which page (``WEGWIJZER_WIDGET_ORIGINS``),
HSTS when the public URL is https, Permissions-Policy, and the start-up check of the origins."""
from __future__ import annotations

import dataclasses

import pytest

from backend import store
from backend.app import create_app
from cli.setup import DEMO_BOARD_FILE
from backend.config import Config, parse_origins
from backend.schoolconfig import load_board_file

SCHOOLS = ("https://www.demoschool.nl", "https://*.scholengroep.nl")


@pytest.fixture
async def demo_school(db):
    await store.schools.import_board(db, load_board_file(DEMO_BOARD_FILE))


@pytest.fixture
async def client_for(aiohttp_client, config, demo_school):
    """A client of the app with other settings, on the same (seeded) database."""

    async def make(**changes):
        return await aiohttp_client(create_app(dataclasses.replace(config, **changes)))

    return make


def frame_ancestors(response) -> str:
    directives = dict(
        part.strip().split(" ", 1) for part in response.headers["Content-Security-Policy"].split(";")
    )
    return directives["frame-ancestors"]


async def test_without_origins_no_page_may_be_framed(client, demo_school):
    for path in ("/", "/scholen/demo", "/login", "/api/openapi.json", "/verificatie"):
        response = await client.get(path)
        assert frame_ancestors(response) == "'none'", path
        assert response.headers["X-Frame-Options"] == "DENY", path


async def test_the_schools_sites_may_frame_the_route_page_and_the_demo_page_only(client_for):
    client = await client_for(widget_origins=SCHOOLS)
    for path in ("/", "/?school=demo", "/scholen/demo"):
        response = await client.get(path)
        assert response.status == 200
        assert frame_ancestors(response) == " ".join(SCHOOLS), path
        # DENY would forbid what the policy allows (XFO has no list of origins).
        assert "X-Frame-Options" not in response.headers, path
    # The demo page keeps what it adds to the policy.
    assert "connect-src 'self' http://127.0.0.1:5005" in (await client.get("/")).headers[
        "Content-Security-Policy"
    ]
    for path in ("/login", "/dashboard", "/verificatie", "/api/openapi.json", "/api/auth/me",
                 "/widget.js"):
        response = await client.get(path, allow_redirects=False)
        assert frame_ancestors(response) == "'none'", path
        assert response.headers["X-Frame-Options"] == "DENY", path


async def test_hsts_only_when_the_public_url_is_https(client, client_for):
    assert "Strict-Transport-Security" not in (await client.get("/login")).headers
    secure = await client_for(public_url="https://wegwijzer.scol.nl")
    for path in ("/login", "/api/openapi.json", "/static/style.css"):
        hsts = (await secure.get(path)).headers["Strict-Transport-Security"]
        assert hsts.startswith("max-age=") and int(hsts.split("=")[1]) >= 31536000


async def test_permissions_policy_turns_off_what_no_page_uses(client, demo_school):
    for path in ("/", "/login", "/api/openapi.json", "/static/style.css"):
        policy = (await client.get(path)).headers["Permissions-Policy"]
        for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
            assert feature in policy, path


def test_widget_origins_are_read_and_normalised_from_the_environment():
    config = Config.from_env({
        "DATABASE_URL": "sqlite:///x.db", "WEGWIJZER_SECRET_KEY": Config("sqlite:///x").secret_key,
        "WEGWIJZER_SIGNING_KEY": Config("sqlite:///x").signing_key,
        "WEGWIJZER_WIDGET_ORIGINS": " https://WWW.Demoschool.nl/  http://localhost:8080 "
                                    "https://www.demoschool.nl https://*.scholengroep.nl",
    })
    assert config.widget_origins == (
        "https://www.demoschool.nl", "http://localhost:8080", "https://*.scholengroep.nl"
    )
    assert Config.from_env({
        "DATABASE_URL": "sqlite:///x.db", "WEGWIJZER_SECRET_KEY": config.secret_key,
        "WEGWIJZER_SIGNING_KEY": config.signing_key,
    }).widget_origins == ()


@pytest.mark.parametrize("bad", [
    "*", "'self'", "https://www.school.nl/pagina", "www.school.nl", "ftp://school.nl",
    "https://school.nl?x=1", "https://school.nl;", "https://", "https://school.nl:99999",
    "https://school.nl'", "https://*",
])
def test_a_bad_origin_stops_the_start_with_a_clear_error(bad):
    with pytest.raises(ValueError) as error:
        parse_origins(f"https://ok.nl {bad}")
    assert "WEGWIJZER_WIDGET_ORIGINS" in str(error.value) and repr(bad) in str(error.value)


def test_a_bad_origin_stops_the_backend_process(tmp_path):
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "backend"], capture_output=True, text=True, timeout=60,
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}",
             "WEGWIJZER_WIDGET_ORIGINS": "https://www.school.nl/contact",
             "WEGWIJZER_SECRET_KEY": Config("sqlite:///x").secret_key,
             "WEGWIJZER_SIGNING_KEY": Config("sqlite:///x").signing_key,
             "WEGWIJZER_DATA_KEYS": Config("sqlite:///x").secret_key},
    )
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "WEGWIJZER_WIDGET_ORIGINS: 'https://www.school.nl/contact' is not an origin" in result.stderr
