"""The placeholders and conditions of the advice texts (:mod:`wegwijzer.route_texts`, and
:mod:`wegwijzer.route_texts_en` for English), filled from a school's regulation profile: names,
how to reach people and bodies, and the terms in words ("4 weken", "1 year"). Split from
:mod:`wegwijzer.advice`, which calls :func:`context` for the whole advice and for the
chat-sized one; :func:`teksten` and :func:`woord` pick the texts and words of a language.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

from wegwijzer import route_texts as T
from wegwijzer import route_texts_en as EN
from wegwijzer.regulation import Instantie, Persoon, RegulationProfile

if TYPE_CHECKING:  # the advice imports this module
    from wegwijzer.advice import IntakeFacts


def teksten(vorm: str, taal: str = "nl") -> T.Teksten:
    """The texts of the advice for a form of address and a language."""
    return EN.TEKSTEN_EN if taal == "en" else T.TEKSTEN[vorm]


def woord(woord: str, taal: str) -> str:
    """A word the context builds ("weken", "telefoon"), in the language of the advice."""
    return EN.WOORDEN_EN.get(woord, woord) if taal == "en" else woord


def _weken(n: int | None, taal: str = "nl") -> str | None:
    return None if n is None else f"{n} {woord('week' if n == 1 else 'weken', taal)}"


def _duur_maanden(n: int | None, taal: str = "nl") -> str | None:
    if n is None:
        return None
    if n % 12 == 0:
        jaren = n // 12
        return f"{jaren} {woord('jaar' if jaren == 1 or taal == 'nl' else 'jaren', taal)}"
    return f"{n} {woord('maand' if n == 1 else 'maanden', taal)}"


def _bereik(
    i: Instantie | None, met_naam: bool = True, met_adres: bool = True, taal: str = "nl"
) -> str | None:
    """'het bestuursbureau van SCOL, Mariënpoolstraat 4, 2334 CZ Leiden, telefoon 071-5175551'

    Without ``met_adres`` the postal address is left out, unless it is the only way to reach it.
    """
    if i is None:
        return None
    parts = [i.naam if met_naam else None, i.adres if met_adres or not (i.telefoon or i.email) else None]
    if i.telefoon:
        parts.append(f"{woord('telefoon', taal)} {i.telefoon}")
    if i.email:
        parts.append(f"{woord('e-mail', taal)} {i.email}")
    return ", ".join(p for p in parts if p) or None


def _persoon_bereik(p: Persoon, met_adres: bool = True, taal: str = "nl") -> str:
    direct = []
    if p.telefoon:
        direct.append(f"{woord('telefoon', taal)} {p.telefoon}")
    if p.email:
        direct.append(f"{woord('e-mail', taal)} {p.email}")
    if direct:
        return (f"{p.naam}: " if p.naam else "") + ", ".join(direct)
    return _bereik(p.bereikbaar_via, met_adres=met_adres, taal=taal) or ""


def _namen(personen: Iterable[Persoon], taal: str = "nl") -> str | None:
    namen = [p.naam for p in personen if p.naam]
    if not namen:
        return None
    return namen[0] if len(namen) == 1 else ", ".join(namen[:-1]) + f" {woord('of', taal)} " + namen[-1]


def _bereik_personen(personen: tuple[Persoon, ...], met_adres: bool = True, taal: str = "nl") -> str | None:
    delen = list(dict.fromkeys(
        _persoon_bereik(p, met_adres, taal) for p in personen if _persoon_bereik(p, met_adres, taal)
    ))
    return "; ".join(delen) or None


def context(
    intake: IntakeFacts, profile: RegulationProfile, buiten: bool, vorm: str = "je", kort: bool = False,
    taal: str = "nl",
) -> dict[str, Any]:
    """The placeholders and conditions of the texts; ``kort`` for the chat version (``Advice.kort``).

    The chat version leaves out detail: the committee's terms step by step (``volledig``), how
    the vertrouwenspersoon mediates unless mediation is what the reporter wants, the postal
    address of people one calls or mails, and the committee's long out-of-term sentence (the
    short out-of-term note says it).
    """
    t = profile.termijnen
    mentor_wie = teksten(vorm, taal).mentor_wie[intake.rol]
    lkc = profile.landelijke_klachtencommissie
    kc = profile.klachtencommissie
    return {
        "school": profile.school_naam or woord("de school", taal),
        "bestuur_kort": profile.bestuur_kort,
        "bevoegd_gezag_naam": profile.bevoegd_gezag_naam,
        "bestuur_bereik": _bereik(profile.bestuur, taal=taal),
        "mentor_wie": mentor_wie,
        "contactpersoon_namen": _namen(profile.contactpersonen, taal),
        "contactpersoon_bereik": _bereik_personen(profile.contactpersonen, met_adres=not kort, taal=taal),
        "contactpersoon_onbekend": _namen(profile.contactpersonen, taal) is None,
        "vp_namen": _namen(profile.vertrouwenspersonen, taal),
        "vp_bereik": _bereik_personen(profile.vertrouwenspersonen, met_adres=not kort, taal=taal),
        "kc_naam": kc.naam if kc else None,
        "kc_bereik": _bereik(kc, met_naam=False, taal=taal),
        "lkc_bereik": _bereik(lkc, met_naam=False, taal=taal),
        "lkc_website": (lkc.website.removeprefix("https://").removeprefix("http://") if lkc and lkc.website else None),
        "heeft_eigen_commissie": profile.heeft("klachtencommissie"),
        "heeft_vp": profile.heeft("vertrouwenspersoon"),
        "geen_eigen_commissie": not profile.heeft("klachtencommissie"),
        "vi_telefoon": profile.vertrouwensinspecteur.telefoon,
        "cvbe_bereik": _bereik(profile.commissie_van_beroep_examens, taal=taal),
        "ontvangst_werkdagen": (
            None if t.ontvangst_werkdagen is None
            else f"{t.ontvangst_werkdagen} {woord('werkdag' if t.ontvangst_werkdagen == 1 else 'werkdagen', taal)}"
        ),
        "hoorzitting_weken": _weken(t.hoorzitting_weken, taal),
        "advies_weken": _weken(t.advies_weken, taal),
        "advies_verlenging": _weken(t.advies_verlenging_weken, taal),
        "besluit_weken": _weken(t.besluit_weken, taal),
        "besluit_verlenging": _weken(t.besluit_verlenging_weken, taal),
        "doorlooptijd": _weken(t.doorlooptijd_weken, taal),
        "klachttermijn": _duur_maanden(t.klachttermijn_maanden, taal),
        "anoniem": intake.anoniem and not profile.anonieme_klachten_behandeld,
        "buiten_termijn": buiten and not kort,
        "volledig": not kort,
        "uitleg_bemiddeling": not kort or "bemiddeling" in intake.wens,
    }
