"""The public route page of a school: ``GET /scholen/{slug}``.

Shows the complaint routes of the school's board as a ladder (only the steps the board's
regulation has), who to contact at each step, the vertrouwenspersoon beside it, the terms and
a link to start a conversation. Public: no login, no intakes, nothing that is not published
anyway. All Dutch text is in ``templates/school.html``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, FrozenSet, List, Optional, Tuple

import aiohttp_jinja2
from aiohttp import web

from backend import keys, schoolconfig, store
from wegwijzer.regulation import RegulationProfile

routes = web.RouteTableDef()

# The ladder of the regulation (contract §5): a step shows when the profile has one of its routes.
LADDER: Tuple[Tuple[str, Tuple[str, ...]], ...] = (
    ("onderling_overleg", ("onderling_overleg",)),
    ("mentor_contactpersoon", ("mentor", "contactpersoon")),
    ("directeur", ("directeur",)),
    ("bevoegd_gezag", ("bevoegd_gezag",)),
    ("klachtencommissie", ("klachtencommissie",)),
    ("landelijke_klachtencommissie", ("landelijke_klachtencommissie",)),
)


@dataclass(frozen=True)
class Step:
    key: str
    routes: FrozenSet[str]  # the routes of this step the school has


def ladder(profile: Optional[RegulationProfile]) -> List[Step]:
    if profile is None:
        return []
    steps = []
    for key, step_routes in LADDER:
        present = frozenset(route for route in step_routes if profile.heeft(route))
        if present:
            steps.append(Step(key, present))
    return steps


@routes.get("/scholen/{slug}", name="school_page")
@aiohttp_jinja2.template("school.html")
async def school_page(request: web.Request) -> Dict[str, Any]:
    slug = request.match_info["slug"].strip().lower()
    try:
        school = await store.schools.get_school(request.app[keys.DB], slug)
    except store.errors.NotFound:
        raise web.HTTPNotFound() from None
    profile = schoolconfig.school_profile(school)
    return {
        "school": school,
        "profile": profile,
        "contactpersonen": schoolconfig.school_contactpersonen(school),
        "steps": ladder(profile),
        "chat_url": str(request.app.router["demo"].url_for().with_query(school=school.slug)),
    }
