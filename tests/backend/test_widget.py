"""The web widget's files and its demo page: ``GET /widget.js``, its static files and ``GET /``."""
from __future__ import annotations

import re

import pytest
from cryptography.fernet import Fernet

from backend import store
from cli.setup import DEMO_BOARD_FILE
from backend.config import Config
from backend.schoolconfig import load_board_file
from backend.web.public.widget import rasa_origins
from tests.backend.helpers import add_school

VENDOR_FILE = "/static/vendor/socket.io-4.8.4.min.js"


@pytest.fixture
async def demo_school(db):
    await store.schools.import_board(db, load_board_file(DEMO_BOARD_FILE))


async def test_widget_js_is_served_as_javascript(client):
    response = await client.get("/widget.js")
    assert response.status == 200
    assert response.content_type == "text/javascript"
    assert response.charset == "utf-8"
    assert "max-age" in response.headers["Cache-Control"]  # not no-store: every page loads it
    body = await response.text()
    assert "user_uttered" in body and "session_request" in body
    assert "innerHTML" not in body  # bot text is shown as text, never parsed as HTML
    # The files it loads are served next to it.
    assert VENDOR_FILE.lstrip("/").split("/", 1)[1] in body
    assert "static/widget.css" in body


async def test_the_widgets_static_files_are_served(client):
    css = await client.get("/static/widget.css")
    assert css.status == 200 and css.content_type == "text/css"
    assert "prefers-reduced-motion" in await css.text()

    vendor = await client.get(VENDOR_FILE)
    assert vendor.status == 200
    assert vendor.content_type in {"application/javascript", "text/javascript"}
    head = (await vendor.text())[:200]
    assert "Socket.IO v4.8.4" in head and "MIT License" in head  # the licence header is kept
    licence = await client.get("/static/vendor/socket.io-LICENSE.txt")
    assert licence.status == 200


async def test_the_demo_page_shows_the_widget_for_the_demo_school(client, demo_school):
    response = await client.get("/")
    assert response.status == 200
    assert response.content_type == "text/html"
    html = await response.text()
    assert '<html lang="nl">' in html
    assert "Demoschool De Wegwijzer" in html
    assert re.search(
        r'<script src="/widget.js" data-school="demo" '
        r'data-rasa-url="http://127.0.0.1:5005" defer></script>', html
    )
    assert 'href="/scholen/demo"' in html


async def test_the_demo_pages_policy_allows_rasa_and_its_own_style_only(client, demo_school):
    response = await client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "connect-src 'self' http://127.0.0.1:5005 ws://127.0.0.1:5005" in csp
    nonce = re.search(r"'nonce-([^']+)'", csp).group(1)
    assert f'<style nonce="{nonce}">' in await response.text()
    assert "unsafe-inline" not in csp
    # Other pages keep the app's policy, without Rasa.
    other = await client.get("/login")
    assert "connect-src" not in other.headers["Content-Security-Policy"]


async def test_the_demo_page_for_another_school_and_an_unknown_one(client, demo_school, db):
    await add_school(db, "noord", "Noorderlicht College")
    html = await (await client.get("/?school=noord")).text()
    assert 'data-school="noord"' in html and "Noorderlicht College" in html
    assert (await client.get("/?school=nergens")).status == 404


async def test_the_dashboard_stays_at_its_own_path(client):
    response = await client.get("/dashboard", allow_redirects=False)
    assert response.status in (200, 302)  # a login redirect when nobody is logged in
    if response.status == 302:
        assert response.headers["Location"].startswith("/login")


async def test_the_rasa_url_comes_from_the_environment():
    key = Fernet.generate_key().decode("ascii")
    env = {"DATABASE_URL": "sqlite:///x.db", "WEGWIJZER_SECRET_KEY": key}
    assert Config.from_env(env).rasa_public_url == "http://127.0.0.1:5005"
    assert Config.from_env({**env, "RASA_PORT": "6006"}).rasa_public_url == "http://127.0.0.1:6006"
    assert (
        Config.from_env({**env, "WEGWIJZER_RASA_PUBLIC_URL": "https://bot.school.nl"}).rasa_public_url
        == "https://bot.school.nl"
    )
    assert rasa_origins("https://bot.school.nl/") == ("https://bot.school.nl", "wss://bot.school.nl")
    assert rasa_origins("http://127.0.0.1:5005") == ("http://127.0.0.1:5005", "ws://127.0.0.1:5005")
    with pytest.raises(ValueError):
        rasa_origins("javascript:alert(1)")
