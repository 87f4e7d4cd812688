"""Middlewares (client address, errors, CSRF, authentication) and the helpers views use to ask
for a user.

The order in which ``create_app`` installs them is explained there. In short: errors outermost
so every failure becomes a Dutch page or JSON body; then the session, which everything after it
reads; then CSRF, before any handler acts on a form; then auth, which loads the logged-in user.
"""
from __future__ import annotations

import ipaddress
import json
import logging
from typing import Any, Awaitable, Callable, Dict, Optional, Tuple, Type

import aiohttp_jinja2
from aiohttp import web
from aiohttp_session import get_session

from backend import keys, store
from backend.auth import security, sessions
from backend.models import User

log = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


# --- the real client address -----------------------------------------------------------------

def _address(text: str) -> Optional[ipaddress._BaseAddress]:
    try:
        return ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None


def client_address(remote: Optional[str], forwarded_for: Optional[str], real_ip: Optional[str],
                   trusted: Tuple[Any, ...]) -> Optional[str]:
    """Who sent the request. A peer that is not a trusted proxy is the client, whatever its
    headers say (anyone can write them). Behind trusted proxies, ``X-Forwarded-For`` is read
    from the right (each proxy appends the address it saw) and the first address that is not a
    trusted proxy is the client; without that header, ``X-Real-IP``."""

    def is_trusted(address: Optional[ipaddress._BaseAddress]) -> bool:
        return address is not None and any(address in network for network in trusted)

    if not trusted or not is_trusted(_address(remote or "")):
        return remote
    hops = [hop for hop in (forwarded_for or "").split(",") if hop.strip()]
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            return remote  # a garbled chain: believe none of it
        if not is_trusted(address):
            return str(address)
    address = _address(real_ip or "") if not hops else None
    return str(address) if address is not None else remote


@web.middleware
async def client_address_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """``request.remote`` is the real client from here on: every throttle keys on it. Only the
    proxies of ``WEGWIJZER_TRUSTED_PROXIES`` (nginx) are believed."""
    remote = client_address(
        request.remote, request.headers.get("X-Forwarded-For"), request.headers.get("X-Real-IP"),
        request.app[keys.CONFIG].trusted_proxies,
    )
    if remote != request.remote:
        request = request.clone(remote=remote)
    return await handler(request)

# status → (page title, message): used for HTML pages and, the message alone, for JSON.
ERRORS: Dict[int, Tuple[str, str]] = {
    400: ("Dat lukte niet", "Dit verzoek konden we niet verwerken. Kijk of alles goed is ingevuld."),
    401: ("Niet ingelogd", "Je bent niet (meer) ingelogd. Log eerst in."),
    403: (
        "Geen toegang",
        "Dit mag helaas niet. Was het formulier al even open? Laad de pagina opnieuw en "
        "probeer het nog eens.",
    ),
    404: ("Niet gevonden", "Wat je zoekt, kunnen we niet vinden."),
    409: ("Gaat niet", "Dit kan nu niet meer. Laad de pagina opnieuw om te zien hoe het nu staat."),
    405: ("Niet toegestaan", "Deze actie kan op deze plek niet."),
    413: ("Te groot", "Wat je stuurde is te groot."),
    415: ("Verkeerd formaat", "Stuur de gegevens als JSON (Content-Type: application/json)."),
    422: ("Niet te verwerken", "Deze gegevens konden we niet verwerken."),
    429: ("Even wachten", "Je hebt het te vaak geprobeerd. Wacht een kwartier en probeer het dan opnieuw."),
    500: (
        "Er ging iets mis",
        "Er ging iets mis aan onze kant. Probeer het later nog eens.",
    ),
    503: ("Even niet bereikbaar", "Wegwijzer is even niet bereikbaar. Probeer het zo nog eens."),
}
_KEPT_HEADERS = ("Allow", "WWW-Authenticate", "Retry-After")


def is_api_request(request: web.Request) -> bool:
    """JSON clients: the API and the health check. Everything else gets HTML pages."""
    return request.path.startswith("/api/") or request.path == "/health"


def json_error(
    exc_class: Type[web.HTTPException], message: str, **extra: Any
) -> web.HTTPException:
    """An HTTP exception with a JSON body ``{"error": message, **extra}``; raise it."""
    body = json.dumps({"error": message, **extra}, ensure_ascii=False)
    return exc_class(text=body, content_type="application/json")


def _error_title_message(status: int) -> Tuple[str, str]:
    if status in ERRORS:
        return ERRORS[status]
    return ERRORS[500] if status >= 500 else ERRORS[400]


def _error_response(
    request: web.Request, status: int, headers: Optional[Dict[str, str]] = None
) -> web.StreamResponse:
    title, message = _error_title_message(status)
    if is_api_request(request):
        response: web.StreamResponse = web.json_response(
            {"error": message}, status=status, dumps=lambda o: json.dumps(o, ensure_ascii=False)
        )
    else:
        response = aiohttp_jinja2.render_template(
            "error.html", request, {"title": title, "message": message}, status=status
        )
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


@web.middleware
async def error_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except web.HTTPException as exc:
        if exc.status < 400 or exc.content_type == "application/json":
            raise  # redirects, and errors that already carry their JSON body
        kept = {name: exc.headers[name] for name in _KEPT_HEADERS if name in exc.headers}
        return _error_response(request, exc.status, kept)
    except Exception:
        # A real bug: keep the traceback in the log, show the person a calm page.
        log.exception("unhandled error in %s %s", request.method, request.path)
        return _error_response(request, 500)


# PostgreSQL's text cannot hold NUL: a NUL in a path, query or body would reach a query and
# fail there (500). Nothing we accept needs one, so it is refused up front, in Dutch.
NUL_REFUSED = "Er staat een teken in dat we niet kunnen verwerken (NUL). Haal het weg en probeer het opnieuw."


def has_nul(value: Any) -> bool:
    """Whether a NUL hides anywhere in ``value`` (strings, lists, dict keys and values)."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(has_nul(key) or has_nul(item) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return any(has_nul(item) for item in value)
    return False


def _refuse_nul(request: web.Request) -> web.HTTPException:
    if is_api_request(request):
        return json_error(web.HTTPBadRequest, NUL_REFUSED)
    return web.HTTPBadRequest()


@web.middleware
async def nul_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """A NUL in the path: nothing has that name (404). In the query: 400. ``read_json`` and the
    CSRF middleware refuse one in a body."""
    if has_nul(request.path):
        raise web.HTTPNotFound()
    if has_nul(list(request.query.items())):
        raise _refuse_nul(request)
    return await handler(request)


# Integer columns are 32-bit in PostgreSQL: a larger id in a path cannot exist.
MAX_ID = 2**31 - 1


def path_id(request: web.Request, name: str) -> int:
    """The integer path parameter ``name`` (routes match it with ``\\d+``), or 404 when no row
    can have it."""
    try:
        value = int(request.match_info[name])
    except ValueError:
        raise web.HTTPNotFound() from None
    if not 0 < value <= MAX_ID:
        raise web.HTTPNotFound()
    return value


_UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@web.middleware
async def csrf_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """HTML forms must send back the token kept in their session.

    The JSON API is exempt: its cookie-authenticated calls only accept ``application/json``
    bodies (a cross-site HTML form cannot send those without a CORS preflight, which we never
    allow), the session cookie is ``SameSite=Lax``, and ``POST /api/intakes`` uses a bearer
    token, not the cookie.
    """
    if request.method in _UNSAFE_METHODS and not is_api_request(request):
        form = await request.post()  # cached: the handler can read it again
        if has_nul([value for value in form.values() if isinstance(value, str)]):
            raise _refuse_nul(request)
        session = await get_session(request)
        submitted = form.get(security.CSRF_FIELD)
        if not security.csrf_tokens_match(
            session.get(security.CSRF_SESSION_KEY),
            submitted if isinstance(submitted, str) else None,
        ):
            log.info("CSRF token missing or wrong on %s", request.path)
            raise web.HTTPForbidden()
    return await handler(request)


_NO_USER_PATHS = ("/static/", "/health")


@web.middleware
async def auth_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Load the logged-in user (if any) into ``request[keys.REQUEST_USER]``.

    It does not refuse anything itself: views say what they need with :func:`api_user` or
    :func:`page_user`, so public routes stay public without a list to maintain here.
    """
    request[keys.REQUEST_USER] = None
    if not request.path.startswith(_NO_USER_PATHS):
        session = await get_session(request)
        user_id = session.get("user_id")
        if isinstance(user_id, int):
            db = request.app[keys.DB]
            user = await store.accounts.get_user(db, user_id)
            if user is None or not user.active or not await sessions.is_open(
                db, user, session.get(sessions.TOKEN_KEY), session.get(sessions.PASSWORD_KEY)
            ):  # removed, deactivated, logged out or another password since the login
                session.invalidate()
                user = None
            request[keys.REQUEST_USER] = user
    return await handler(request)


def current_user(request: web.Request) -> Optional[User]:
    return request.get(keys.REQUEST_USER)


def api_user(request: web.Request) -> User:
    """The logged-in user, or a 401 JSON error."""
    user = current_user(request)
    if user is None:
        raise json_error(web.HTTPUnauthorized, "Je bent niet ingelogd. Log eerst in.")
    return user


def page_user(request: web.Request) -> User:
    """The logged-in user, or a redirect to the login page."""
    user = current_user(request)
    if user is None:
        raise web.HTTPFound(request.app.router["login"].url_for())
    return user


async def read_json(request: web.Request, refuse_nul: bool = True) -> Any:
    """The JSON body, or a 415/400 JSON error. A NUL anywhere in it is a 400 too, unless the
    caller checks for one itself (``refuse_nul=False``: the intake, which names the field)."""
    if request.content_type != "application/json":
        raise json_error(
            web.HTTPUnsupportedMediaType,
            "Stuur de gegevens als JSON (Content-Type: application/json).",
        )
    try:
        data = await request.json()
    except (ValueError, UnicodeDecodeError):
        raise json_error(web.HTTPBadRequest, "Dit is geen geldige JSON.") from None
    if refuse_nul and has_nul(data):
        raise json_error(web.HTTPBadRequest, NUL_REFUSED)
    return data


# The pages a school may show on its own website, in a frame: the public route page and the
# demo page (the widget itself is a script on the school's page, not a frame).
EMBEDDABLE_ROUTES = frozenset({"demo", "school_page"})
# Browser features no page of ours uses: a framing school site cannot lend them to us either.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
# Two years; no includeSubDomains: the backend cannot speak for the rest of the domain.
HSTS = "max-age=63072000"


def frame_ancestors(request: web.Request) -> str:
    """Who may frame this page: the schools' sites (``WEGWIJZER_WIDGET_ORIGINS``) for an
    embeddable page, else nobody."""
    origins = request.app[keys.CONFIG].widget_origins
    route = request.match_info.route
    if origins and getattr(route, "name", None) in EMBEDDABLE_ROUTES:
        return " ".join(origins)
    return "'none'"


def content_security_policy(request: web.Request) -> str:
    """The app's policy for this request; a view may add to it (the demo page adds Rasa)."""
    return (
        f"default-src 'self'; frame-ancestors {frame_ancestors(request)}; form-action 'self'; "
        "base-uri 'none'"
    )


async def security_headers(request: web.Request, response: web.StreamResponse) -> None:
    """``on_response_prepare`` signal: conservative headers on every response."""
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
    if request.app[keys.CONFIG].public_url.startswith("https://"):
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    if not request.path.startswith("/static/"):
        # Pages and API answers may hold personal data: keep them out of caches.
        response.headers.setdefault("Cache-Control", "no-store")
        response.headers.setdefault("Content-Security-Policy", content_security_policy(request))
    # X-Frame-Options (for browsers without CSP 3) knows no list of origins: DENY unless the
    # policy above lets the schools' sites frame this page.
    if frame_ancestors(request) == "'none'":
        response.headers.setdefault("X-Frame-Options", "DENY")
