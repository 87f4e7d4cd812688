"""Logging in and out (one session per login, ``backend.auth.sessions``) and the sentence that says
what the transfer of a leaving contact person's cases moved: the same for the JSON API and the pages.
"""
from __future__ import annotations

from aiohttp import web
from aiohttp_session import get_session, new_session

from backend import keys, store
from backend.auth import security, sessions
from backend.models import User

WRONG_CREDENTIALS = "Dit e-mailadres en wachtwoord horen niet bij elkaar. Probeer het opnieuw."


async def start_session(request: web.Request, user: User) -> None:
    """A brand-new session for ``user`` (never reuse a pre-login session: fixation)."""
    token = await sessions.begin(request.app[keys.DB], user)
    session = await new_session(request)
    session["user_id"] = user.id
    session[sessions.TOKEN_KEY] = token  # the server's side: ended by logout (auth.sessions)
    session[sessions.PASSWORD_KEY] = sessions.password_fingerprint(user)
    session[security.CSRF_SESSION_KEY] = security.new_csrf_token()


async def end_session(request: web.Request) -> None:
    """Logout: the server forgets the session, so a copy of the cookie is dead too."""
    session = await get_session(request)
    await sessions.end(request.app[keys.DB], session.get(sessions.TOKEN_KEY))
    session.invalidate()


def transfer_message(outcome: store.transfers.CasesTransferred) -> str:
    """What moved, in a sentence (the page and the API say the same)."""
    cases = len(outcome.cases)
    text = (
        f"{cases} {'zaak' if cases == 1 else 'zaken'} en {outcome.steps} open "
        f"{'vervolgstap' if outcome.steps == 1 else 'vervolgstappen'} overgedragen."
    )
    if outcome.deactivated:
        text += " De vertrekker kan niet meer inloggen."
    return text
