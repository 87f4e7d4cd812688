"""The web widget: ``GET /widget.js`` for schools' websites, and the demo page ``GET /``.

A school puts one tag on its site::

    <script src="https://<backend>/widget.js" data-school="<slug>"
            data-rasa-url="https://<rasa>" defer></script>

``widget.js`` (``static/widget.js``) loads its styles (``static/widget.css``) and the vendored
socket.io client (``static/vendor/``) from the same backend and talks to Rasa's socket.io
channel directly; the backend only serves files here. The demo page shows the widget on a
made-up school website (``?school=<slug>``, default the demo school ``demo``), with Rasa's public
address from ``WEGWIJZER_RASA_PUBLIC_URL``. Its Content-Security-Policy is the app's (which lets ``WEGWIJZER_WIDGET_ORIGINS`` frame it), plus
``connect-src`` for Rasa (http and ws) and a per-request nonce for the page's own ``<style>``.
"""
from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any, Dict, Tuple

import aiohttp_jinja2
from aiohttp import web
from yarl import URL

from backend import keys, store
from backend.middlewares import content_security_policy

routes = web.RouteTableDef()

STATIC_DIR = Path(__file__).resolve().parents[2] / "static"  # backend/static
WIDGET_FILE = STATIC_DIR / "widget.js"
DEMO_SCHOOL = "demo"  # the demo school of config/scol.yml
# Schools' sites fetch the widget on every page view: cache it briefly, so a fix still spreads fast.
WIDGET_CACHE = "public, max-age=300"


def rasa_origins(rasa_url: str) -> Tuple[str, str]:
    """Rasa's public URL → its origin for fetch/XHR and for WebSockets (http→ws, https→wss)."""
    url = URL(rasa_url)
    if url.scheme not in ("http", "https") or not url.host:
        raise ValueError(f"WEGWIJZER_RASA_PUBLIC_URL must be an http(s) URL, not {rasa_url!r}")
    origin = str(url.origin())
    socket_scheme = "wss" if url.scheme == "https" else "ws"
    return origin, socket_scheme + origin[len(url.scheme):]


@routes.get("/widget.js", name="widget_js")
async def widget_js(request: web.Request) -> web.FileResponse:
    return web.FileResponse(
        WIDGET_FILE,
        headers={
            "Content-Type": "text/javascript; charset=utf-8",
            "Cache-Control": WIDGET_CACHE,
        },
    )


@routes.get("/", name="demo")
async def demo_page(request: web.Request) -> web.Response:
    slug = request.query.get("school", DEMO_SCHOOL).strip().lower()
    try:
        school = await store.schools.get_school(request.app[keys.DB], slug)
    except store.errors.NotFound:
        raise web.HTTPNotFound() from None
    rasa_url = request.app[keys.CONFIG].rasa_public_url.rstrip("/")
    http_origin, socket_origin = rasa_origins(rasa_url)
    nonce = secrets.token_urlsafe(16)
    # For the snippet shown to webmasters. (Not request.url: aiohttp 3.9 with a newer yarl
    # fails to build it when the Host header carries a port.)
    widget_url = f"{request.scheme}://{request.host}{request.app.router['widget_js'].url_for()}"
    context: Dict[str, Any] = {
        "school": school,
        "rasa_url": rasa_url,
        "widget_url": str(widget_url),
        "school_page_url": str(request.app.router["school_page"].url_for(slug=school.slug)),
        "nonce": nonce,
    }
    response = aiohttp_jinja2.render_template("demo.html", request, context)
    response.headers["Content-Security-Policy"] = (
        f"{content_security_policy(request)}; connect-src 'self' {http_origin} {socket_origin}; "
        f"style-src 'self' 'nonce-{nonce}'"
    )
    return response
