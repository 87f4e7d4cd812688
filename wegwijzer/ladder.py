"""The ladder of the regulation's "Klachtprocedure overzicht": which step comes next.

Plain Python, no Rasa; used by :func:`wegwijzer.advice.advise`. Step 1 is talking it over,
step 2 the mentor, teamleider or contact person, then the director, the board, the complaints
committee and the national one. A step already tried is passed, and so is a person the
complaint is about where talking it over is not advised.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from wegwijzer.feiten import ZORGSTAF
from wegwijzer.regulation import RegulationProfile

if TYPE_CHECKING:  # the facts' class; advice imports this module
    from wegwijzer.advice import IntakeFacts

# The ladder of the "Klachtprocedure overzicht": route -> step number.
LADDER: dict[str, int] = {
    "onderling_overleg": 1,
    "mentor": 2,
    "contactpersoon": 2,
    "directeur": 3,
    "bevoegd_gezag": 4,
    "klachtencommissie": 5,
    "landelijke_klachtencommissie": 6,
}
# Steps that are a formal complaint (art. 7 lid 1; art. 9 lid 3 asks name and address).
FORMELE_ROUTES = ("bevoegd_gezag", "klachtencommissie", "landelijke_klachtencommissie")
COMMISSIES = ("klachtencommissie", "landelijke_klachtencommissie")


def ladder(
    intake: "IntakeFacts",
    profile: RegulationProfile,
    tried: set[str],
    geen_overleg: bool,
    redenen: list[str],
) -> list[str]:
    """The ladder from the first step not yet passed: that step's routes, then the next step's.

    Step 2 is "mentor, teamleider of contactpersoon": one of them counts as tried. A pupil or
    parent starts step 2 with the mentor; staff and others with the contact person (someone who
    is not a pupil or parent has no mentor).
    """
    hoogste = max((LADDER[a] for a in tried if a in LADDER), default=0)
    redenen.append("ladder_verder" if hoogste else "ladder")
    # A former pupil has no mentor any more: the contact person.
    stap2 = ["mentor", "contactpersoon"] if intake.rol in ("leerling", "ouder") else ["contactpersoon"]
    if intake.rol == "personeel":
        stap2.append("mentor")  # the teamleider
    # The mentor, or care staff above the class teacher (an IB'er's plan), complained about and
    # already spoken to (step 1): step 2's other door, the contact person (blind7: a guardian
    # whom the IB'er gave no meeting was sent to the class teacher).
    if "onderling_overleg" in tried and {"mentor", ZORGSTAF} & set(intake.betrokken) and profile.heeft("contactpersoon"):
        stap2 = [r for r in stap2 if r != "mentor"]
        redenen.append("na_overleg_niet_terug")
    stap1 = ["onderling_overleg"]
    if intake.buiten_school:
        # A neighbour is not of the school community the contact person is there for (art. 1
        # onder d, art. 2): trouble around the school is the school leadership's (blind3). Nor
        # is a neighbour advised to have it out with other people's children (blind5).
        stap1, stap2 = [], []
    steps: list[list[str]] = [
        stap1,
        stap2,
        ["directeur"],
        ["bevoegd_gezag"],
        ["klachtencommissie"],
        ["landelijke_klachtencommissie"],
    ]
    # A bullied pupil whose mentor did not stop it: the contact person, step 2's other door and
    # the school's point of contact for bullying (Wet veiligheid op school), before the director.
    # Not for staff: a teacher threatened by a parent, whose teamleider said "negeer het maar",
    # goes on to the director, the employer (blind5).
    nog_contactpersoon = (intake.gepeste_leerling and intake.rol != "personeel"
                          and hoogste == LADDER["mentor"] and "mentor" in tried
                          and "contactpersoon" not in tried)
    if nog_contactpersoon:
        redenen.append("pesten_contactpersoon_na_mentor")
    remaining = []
    for number, routes in enumerate(steps, start=1):
        if number == hoogste and nog_contactpersoon:
            routes = ["contactpersoon"]
        elif number <= hoogste:
            continue
        # Someone the complaint is about is passed by only where talking it over is not advised
        # (a mentor who laughed along with the bullies); otherwise talking to them is the first
        # step: a director who decided that unpaid children stay behind is asked first.
        routes = [r for r in routes if profile.heeft(r)
                  and not (geen_overleg and (r == "onderling_overleg" or r in intake.betrokken))]
        if routes:
            remaining.append(routes)
    if not remaining:
        redenen.append("ladder_uitgeput")
        return []
    # The recommended step and the one after it: enough to choose from, not the whole ladder.
    return [r for step in remaining[:2] for r in step]


def formele_stappen(tried: set[str]) -> list[str]:
    """The formal steps not yet passed (art. 7 lid 1: the board or the committee)."""
    hoogste = max((LADDER[a] for a in tried if a in LADDER), default=0)
    return [r for r in FORMELE_ROUTES if LADDER[r] > hoogste]
