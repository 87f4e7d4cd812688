"""The admin's page: the transfer of a leaving contact person's cases, open next steps and
schools to a successor (``store.transfers.transfer_cases``, as ``wegwijzer users handover``;
the URL, route and template keep the contract's word). The admin sees names and e-mail
addresses, never an intake; other roles get 403. A required checkbox confirms the transfer;
after it the page says how many cases and steps moved.
"""
from __future__ import annotations

from typing import Any, Dict, Mapping, Optional

from aiohttp import web

from backend import keys, store
from backend.auth import access
from backend.middlewares import page_user
from backend.models import ROLE_CONTACTPERSOON, User
from backend.services.accounts import transfer_message
from backend.web.pages import redirect_with_flash, render_form_page

routes = web.RouteTableDef()

CONFIRMED = "ja"


def _admin(request: web.Request) -> User:
    user = page_user(request)
    if not access.can_transfer_cases(user):
        raise web.HTTPForbidden()
    return user


async def _render(
    request: web.Request, user: User, *, errors: Optional[Mapping[str, str]] = None,
    values: Optional[Mapping[str, str]] = None, status: int = 200,
) -> web.Response:
    people = [
        person for person in await store.accounts.list_users(request.app[keys.DB])
        if person.role == ROLE_CONTACTPERSOON
    ]
    return await render_form_page(
        request, "handover.html", user, errors, values, status,
        leavers=people,
        successors=[person for person in people if person.active],
    )


@routes.get("/dashboard/beheer/overdracht", name="handover_page")
async def transfer_page(request: web.Request) -> web.StreamResponse:
    return await _render(request, _admin(request))


@routes.post("/dashboard/beheer/overdracht", name="handover_submit")
async def transfer_submit(request: web.Request) -> web.StreamResponse:
    user = _admin(request)
    form = await request.post()
    values: Dict[str, Any] = {
        name: str(form.get(name, "")).strip() for name in ("van", "naar", "actief", "bevestig")
    }
    errors: Dict[str, str] = {}
    if not values["van"]:
        errors["van"] = "Kies de contactpersoon die vertrekt."
    if not values["naar"]:
        errors["naar"] = "Kies de opvolger."
    if values["bevestig"] != CONFIRMED:
        errors["bevestig"] = "Zet een vinkje om te bevestigen dat je de zaken wilt overdragen."
    if errors:
        return await _render(request, user, errors=errors, values=values, status=400)
    try:
        outcome = await store.transfers.transfer_cases(
            request.app[keys.DB], values["van"], values["naar"],
            deactivate=values["actief"] != CONFIRMED, by=user,
        )
    except store.errors.UnknownUser:
        return await _render(
            request, user, errors={"van": "Dit account bestaat niet (meer)."}, values=values,
            status=404,
        )
    except store.errors.NoSuccessor as exc:
        return await _render(
            request, user, errors={"naar": exc.message}, values=values, status=409
        )
    await redirect_with_flash(
        request, request.app.router["handover_page"].url_for(), transfer_message(outcome)
    )
