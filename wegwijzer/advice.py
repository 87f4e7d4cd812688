"""Route advice: from an intake and a school's regulation profile to advised routes (contract §5).

Plain Python, no Rasa. ``advise(intake, profile, today)`` returns the routes (recommended first
step first), the signals for the contact person, a plain-Dutch explanation per route (texts in
:mod:`wegwijzer.route_texts`) and the reason keys of the rules that fired.

The texts address the reader with ``vorm="je"`` (pupils, the default) or ``vorm="u"`` (parents,
staff, others; see :func:`aanspreekvorm`); the form changes only the wording, never the routes,
signals or reasons. ``taal="en"`` gives the same advice in English (issue 17; texts in
:mod:`wegwijzer.route_texts_en`, one form "you" for both). ``Advice.tekst()`` is the whole
advice (the reporter's copy); ``Advice.kort()`` is the chat-sized version.

The rules, with their source (articles of the seed regulation, ``scol-klachtenregeling.md``):

====================================  ==========================================  =============================
rule                                  source                                      reason key(s)
====================================  ==========================================  =============================
ladder, past the steps already tried  Inleiding; "Klachtprocedure overzicht" 1-6  ``ladder``, ``ladder_verder``,
and past the people complained about                                              ``ladder_uitgeput``
vertrouwenspersoon at every step      overzicht "bij al deze stappen"; art. 3     ``vertrouwenspersoon_elke_stap``
serious matter: vertrouwenspersoon    contract §5; toelichting art. 1 onder c/d,  ``ernstig_naar_vertrouwenspersoon``,
first, never onderling_overleg        art. 7 lid 1                                ``geen_onderling_overleg``
bullied or threatened: not "talk it    product decision (Wet veiligheid op school: ``pesten_niet_alleen_oplossen``
out" first, for anyone (a pupil, a    the school acts on bullying; threats and
grandparent, a staff member)          intimidation are not for the victim to face)
dares not face the person: not "talk  AMOS (the contact person's low threshold);  ``durft_niet_aanspreken``
it out", nor their own route (the     overzicht step 2 "of contactpersoon"
mentor complained about)
bullied, the mentor did not stop it:  product decision (Wet veiligheid op school:   ``pesten_contactpersoon_na_mentor``
the contact person before the         the school's point of contact for bullying;
director                              overzicht step 2 "of contactpersoon")
sexual offence by staff on a minor    toelichting art. 15 lid 3; Inleiding        ``zedenzaak_personeel``
pupil (sexual only: not shouting,     (protocol seksuele intimidatie); Wet op het
discrimination or a grabbed arm)      onderwijstoezicht art. 4a (meldplicht)
possible crime: police (a sexual      art. 3 lid 3; toelichting art. 15 lid 3     ``mogelijk_strafbaar_politie``
offence by staff is one)
exam grade/decision                   Inleiding (commissie van beroep examens)    ``examen_andere_regeling``
more than the complaint term ago      art. 7 lid 2                                ``buiten_termijn``
anonymous                             toelichting art. 9 lid 4; art. 9 lid 3      ``anoniem``, ``anoniem_formeel_niet_eerst``
minor pupil: parents informed         huishoudelijk reglement contactpersoon;     ``minderjarig``,
                                      toelichting art. 3 lid 4                    ``minderjarig_aangenomen``
acute danger: helplines first         contract §5                                 ``acuut_gevaar_hulplijnen``
acute danger from a possible crime:   contract §5 (112); art. 3 lid 3              ``acuut_strafbaar_politie``
the police first (not abuse at home)
a neighbour: no contact person step   art. 1 onder d, art. 2 (the school          (the ladder)
                                      community)
abuse at home: Veilig Thuis           contract §5                                 ``huiselijk_geweld_veilig_thuis``
former pupil bullied back then, or    art. 3 lid 2 (at every step); art. 7 lid 2  ``oud_leerling_gepest``,
let down by the care: the             toelichting art. 1 (ex-leerling may complain) ``oud_leerling_begeleiding``
vertrouwenspersoon first
the vertrouwenspersoon complained     art. 3 lid 2 and toelichting (appointed by  ``klacht_over_vertrouwenspersoon``
about: the board or the committee     the board); art. 7 lid 1
the contact person complained about:  art. 2 lid 2 (the director appoints and      ``klacht_over_contactpersoon``
the vertrouwenspersoon, the director  discharges); art. 3
helpers complained about never        (the same)                                  (filtered)
advised
data let out by school: director      art. 1 onder e (a failing of the school)    ``privacy_lek_directeur``
the director reports: the board       art. 1 onder a (the board, employer)        ``melder_directeur``
wish: formal complaint                art. 7 lid 1, 3, 4                          ``wens_formele_klacht``
wish: mediation                       art. 3 lid 3; Inleiding                     ``wens_bemiddeling``
route not in the school's regulation  the profile (e.g. art. 4 lid 2)             ``niet_in_regeling:<route>``
====================================  ==========================================  =============================
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Mapping

from wegwijzer import route_texts as T
from wegwijzer import route_texts_en as EN
from wegwijzer.advice_context import context as _context, teksten, woord as _woord
from wegwijzer.ladder import COMMISSIES, FORMELE_ROUTES, formele_stappen, ladder as _ladder
from wegwijzer.regulation import RegulationProfile
from wegwijzer.vocab import AL_ONDERNOMEN, CATEGORIEEN, ROLLEN, ROUTES, SIGNALEN, WENSEN
from wegwijzer.wanneer import termijn_einde

# The roles the advice knows: the contract's, and the former pupil (INTERFACES.md; the records
# helper adds it to the contract's vocabulary).
ROLLEN_ADVIES = tuple(dict.fromkeys((*ROLLEN, "oud_leerling")))

# Contract §5: serious matters go to the vertrouwenspersoon at once.
ERNSTIGE_CATEGORIEEN = frozenset(
    {"seksuele_intimidatie", "agressie_geweld", "discriminatie", "grensoverschrijdend_gedrag"}
)
# Bullying, intimidation, threats: nobody is advised to sort it out with the bullies alone
# (product decision, from the school's duty of care in the Wet veiligheid op school; the
# regulation's ladder would allow it). This holds for a pupil, a parent or grandparent, and a
# staff member who is threatened or intimidated.
PESTEN_CATEGORIEEN = frozenset({"pesten", "cyberpesten", "intimidatie"})
# The regulation's helpers: a complaint about one of them is never sent back to them.
HELPERS = frozenset({"contactpersoon", "vertrouwenspersoon"})
# Categories that can make a sexual offence by staff (contract: grensoverschrijdend_gedrag is
# "by staff" by definition).
ZEDEN_CATEGORIEEN = frozenset({"seksuele_intimidatie", "grensoverschrijdend_gedrag"})

# Notes that only repeat the explanation of a route: left out of the short advice when that route
# is the recommended first step (its explanation is shown there).
KORT_HERHAALT_ROUTE = {"examen": "commissie_van_beroep_examens"}


def aanspreekvorm(rol: str | None) -> str:
    """The form of address for a role: "je" for a pupil, "u" for parents, staff and others.

    An unknown or missing role gets "je": the bot may be talking to a child.
    """
    return "u" if rol in ("ouder", "personeel", "anders", "oud_leerling") else "je"


# The languages of the advice: Dutch (in two forms of address) and English (one form).
TALEN_ADVIES = ("nl", "en")


def route_namen(taal: str = "nl") -> dict[str, str]:
    """The routes' short names (buttons, headings) in a language."""
    return EN.ROUTE_NAMEN_EN if taal == "en" else T.ROUTE_NAMEN


# --------------------------------------------------------------------------------------------
# Input and output
# --------------------------------------------------------------------------------------------


@dataclass
class IntakeFacts:
    """What the intake established. Lists hold contract values (``wegwijzer.vocab``).

    ``datum_gebeurtenis`` is the date of the (last) conduct or decision complained about.
    ``betreft_personeel``: the complaint is about a staff member. ``betreft_leerling``: a pupil
    is the one affected; when ``None`` it is taken to be so if the reporter is a pupil or parent.
    ``huiselijk_geweld``: abuse or violence at home. ``zelfdoding``: suicidal thoughts (with
    ``acuut``). ``seksueel``: the behaviour is sexual (touching, kissing, images, grooming);
    with ``betreft_personeel`` it decides the vertrouwensinspecteur duty.

    ``rol`` may also be ``oud_leerling``: a former pupil, an adult ("u", no minors' notice).
    """

    rol: str
    categorieen: list[str] = field(default_factory=list)
    al_ondernomen: list[str] = field(default_factory=list)
    wens: list[str] = field(default_factory=list)
    datum_gebeurtenis: date | None = None
    anoniem: bool = False
    leeftijd: int | None = None
    minderjarig: bool | None = None
    acuut: bool = False
    mogelijk_strafbaar: bool | None = None
    betreft_personeel: bool | None = None
    examen: bool = False
    betreft_leerling: bool | None = None
    huiselijk_geweld: bool = False
    zelfdoding: bool = False
    seksueel: bool | None = None
    # Routes held by someone the complaint is about ("de mentor" among who was involved): the
    # ladder passes them by (a pupil is not sent to the mentor who laughed along).
    betrokken: list[str] = field(default_factory=list)
    # Someone outside the school community (a neighbour): no contact person step (art. 1 onder d).
    buiten_school: bool = False
    # A wish for mediation by someone neutral (True), or only for a meeting (False); None: unknown.
    neutrale_bemiddeling: bool | None = None
    # The person dares not speak to the one the complaint is about ("ik durf haar niet aan te spreken").
    durft_niet: bool = False
    # The school's director is writing; the school let personal data out (a report in an app).
    melder_directeur: bool = False
    privacy_lek: bool = False

    def __post_init__(self) -> None:
        if self.rol not in ROLLEN_ADVIES:
            raise ValueError(f"rol: unknown value {self.rol!r}; allowed: {', '.join(ROLLEN_ADVIES)}")
        for name, allowed in (
            ("categorieen", CATEGORIEEN),
            ("al_ondernomen", AL_ONDERNOMEN),
            ("wens", WENSEN),
        ):
            values = getattr(self, name)
            if isinstance(values, str) or not isinstance(values, (list, tuple)):
                raise ValueError(f"{name}: must be a list, got {type(values).__name__}")
            for v in values:
                if v not in allowed:
                    raise ValueError(f"{name}: unknown value {v!r}; allowed: {', '.join(allowed)}")
            setattr(self, name, list(values))
        if self.datum_gebeurtenis is not None and not isinstance(self.datum_gebeurtenis, date):
            raise ValueError("datum_gebeurtenis: must be a date or None")
        if self.leeftijd is not None:
            if isinstance(self.leeftijd, bool) or not isinstance(self.leeftijd, int) or not 0 < self.leeftijd < 130:
                raise ValueError(f"leeftijd: must be a whole number of years, got {self.leeftijd!r}")
            if self.minderjarig is not None and self.minderjarig != (self.leeftijd < 18):
                raise ValueError(
                    f"minderjarig: {self.minderjarig} contradicts leeftijd {self.leeftijd}"
                )

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "IntakeFacts":
        """From slots or an intake record: ``datum_gebeurtenis`` may be an ISO string."""
        known = set(cls.__dataclass_fields__)
        values = {k: v for k, v in d.items() if k in known and v is not None}
        datum = values.get("datum_gebeurtenis")
        if isinstance(datum, str):
            try:
                values["datum_gebeurtenis"] = date.fromisoformat(datum)
            except ValueError:
                raise ValueError(f"datum_gebeurtenis: not an ISO date: {datum!r}") from None
        for key in ("categorieen", "al_ondernomen", "wens"):
            if isinstance(values.get(key), str):
                values[key] = [values[key]]
        return cls(**values)

    # -- derived facts ---------------------------------------------------------------------

    @property
    def ernstig(self) -> bool:
        return bool(ERNSTIGE_CATEGORIEEN.intersection(self.categorieen))

    @property
    def gepeste_leerling(self) -> bool:
        """Someone bullied, threatened or intimidated: a pupil (told by the pupil, a parent, a
        grandparent), a former pupil, or a staff member."""
        return bool(PESTEN_CATEGORIEEN.intersection(self.categorieen))

    @property
    def is_minderjarige_leerling(self) -> bool | None:
        """True/False when known; None for a pupil of unknown age."""
        if self.rol != "leerling":
            return False
        if self.minderjarig is not None:
            return self.minderjarig
        if self.leeftijd is not None:
            return self.leeftijd < 18
        return None

    @property
    def zedenzaak_personeel(self) -> bool:
        """A possible sexual offence by a staff member against a (minor) pupil.

        Only sexual behaviour counts (category ``seksuele_intimidatie`` or ``seksueel``): a
        teacher who shouts, discriminates or grabs an arm crosses a line, but the duty to consult
        the vertrouwensinspecteur (toelichting art. 15 lid 3) is for sexual offences.
        ``grensoverschrijdend_gedrag`` is by staff unless we are told otherwise. A former pupil
        was a pupil then; a pupil known to be 18 or older is not a minor.
        """
        cats = set(self.categorieen)
        if not cats & ZEDEN_CATEGORIEEN:
            return False
        seksueel = self.seksueel is True or (self.seksueel is None and "seksuele_intimidatie" in cats)
        if not seksueel:
            return False
        door_personeel = self.betreft_personeel is True or (
            "grensoverschrijdend_gedrag" in cats and self.betreft_personeel is not False
        )
        leerling = self.betreft_leerling
        if leerling is None:
            leerling = self.rol in ("leerling", "ouder", "oud_leerling")
        if self.rol == "leerling" and self.is_minderjarige_leerling is False:
            leerling = False
        return door_personeel and leerling


@dataclass
class Advice:
    """The computed advice. ``advies_routes`` and ``signalen`` use contract values."""

    advies_routes: list[str]
    signalen: list[str]
    uitleg: dict[str, str]
    redenen: list[str]
    # Notes about the whole advice (key: signal or "anoniem"), plain Dutch.
    opmerkingen: dict[str, str] = field(default_factory=dict)
    # Acute danger: the text to show at once, before anything else; and which helplines it names.
    spoed: str | None = None
    hulplijnen: list[str] = field(default_factory=list)
    # The form of address of the texts ("je" or "u"). For ``kort()``: the explanations without
    # detail (see ``_context(kort=True)``) and the notes in short.
    vorm: str = "je"
    # The language of the texts ("nl" or "en").
    taal: str = "nl"
    uitleg_kort: dict[str, str] = field(default_factory=dict)
    opmerkingen_kort: dict[str, str] = field(default_factory=dict)

    @property
    def eerste_stap(self) -> str | None:
        return self.advies_routes[0] if self.advies_routes else None

    def tekst(self) -> str:
        """The whole advice as text: urgent help first, then the routes in order, then notes."""
        parts = []
        if self.spoed:
            parts.append(self.spoed)
        for i, route in enumerate(self.advies_routes):
            eerste = _woord("eerste_stap", self.taal) if self.taal == "en" else " (ons advies om mee te beginnen)"
            kop = route_namen(self.taal)[route] + (eerste if i == 0 else "")
            parts.append(f"{kop}\n{self.uitleg[route]}")
        parts.extend(self.opmerkingen.values())
        return "\n\n".join(parts)

    def kort(self) -> str:
        """The advice sized for one chat message.

        Urgent help first; then the recommended first step with its explanation (without detail
        such as the committee's terms); then the other routes, one line each (name and one
        sentence); then the notes in short, leaving out a note the first step's explanation
        already gives. The whole advice is ``tekst()``.
        """
        t = teksten(self.vorm, self.taal)
        parts = []
        if self.spoed:
            parts.append(self.spoed)
        if self.advies_routes:
            eerste = self.advies_routes[0]
            parts.append(f"{t.advies_kop[eerste]}\n{self.uitleg_kort.get(eerste) or self.uitleg[eerste]}")
            namen = route_namen(self.taal)
            andere = [f"- {namen[r]}: {t.route_kort[r]}" for r in self.advies_routes[1:]]
            if andere:
                parts.append("\n".join([t.andere_wegen, *andere]))
        notes = self.opmerkingen_kort or self.opmerkingen
        parts.extend(text for key, text in notes.items() if KORT_HERHAALT_ROUTE.get(key) != self.eerste_stap)
        return "\n\n".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# --------------------------------------------------------------------------------------------
# The engine
# --------------------------------------------------------------------------------------------


def faq_bij_school(onderwerp: str, profile: RegulationProfile, taal: str = "nl") -> str | None:
    """The school's own people and addresses for the FAQ answer on ``onderwerp`` (e.g.
    ``contactpersoon``), from its regulation profile; None when there is nothing to add."""
    zinnen = (EN.FAQ_BIJ_SCHOOL_EN if taal == "en" else T.FAQ_BIJ_SCHOOL).get(onderwerp)
    if not zinnen:
        return None
    ctx = _context(IntakeFacts(rol="anders"), profile, buiten=False, kort=True, taal=taal)
    return T.render(zinnen, ctx) or None


def advise(
    intake: IntakeFacts, profile: RegulationProfile, today: date, vorm: str = "je", taal: str = "nl"
) -> Advice:
    """Advise routes for ``intake`` under ``profile``'s regulation, as of ``today``.

    ``vorm`` is the form of address of the texts: "je" (pupils) or "u" (everyone else);
    ``taal`` their language, "nl" or "en". Neither changes the routes, signals or reasons.
    """
    if vorm not in T.VORMEN:
        raise ValueError(f"vorm: unknown value {vorm!r}; allowed: {', '.join(T.VORMEN)}")
    if taal not in TALEN_ADVIES:
        raise ValueError(f"taal: unknown value {taal!r}; allowed: {', '.join(TALEN_ADVIES)}")
    tekst_set = teksten(vorm, taal)
    redenen: list[str] = []
    signalen: set[str] = set()
    tried = set(intake.al_ondernomen)

    # ---- signals --------------------------------------------------------------------------
    if intake.acuut:
        signalen.add("acuut_gevaar")
    zeden = intake.zedenzaak_personeel
    if zeden:
        signalen.add("zedenzaak_personeel")
        redenen.append("zedenzaak_personeel")
    # A possible sexual offence by staff on a pupil is a possible crime (art. 248a-e Sr).
    strafbaar = bool(intake.mogelijk_strafbaar) or zeden
    if strafbaar:
        signalen.add("mogelijk_strafbaar")
        redenen.append("mogelijk_strafbaar_politie")
    if intake.examen:
        signalen.add("examen")
        redenen.append("examen_andere_regeling")
    buiten = _buiten_termijn(intake, profile, today, redenen)
    if buiten:
        signalen.add("buiten_termijn")
    minderjarig = intake.is_minderjarige_leerling
    if minderjarig is not False and intake.rol == "leerling":
        signalen.add("minderjarig")
        redenen.append("minderjarig" if minderjarig else "minderjarig_aangenomen")

    ernstig = intake.ernstig or zeden
    # Never "talk it out" for a serious matter, a possible crime, abuse or danger now (blind8).
    geen_overleg = ernstig or strafbaar or intake.huiselijk_geweld or intake.acuut
    if intake.gepeste_leerling and not geen_overleg:
        # A bullied pupil is not sent to face the bullies alone: the school must act on
        # bullying (Wet veiligheid op school), so the mentor or contact person comes first.
        geen_overleg = True
        redenen.append("pesten_niet_alleen_oplossen")
    if intake.durft_niet and not geen_overleg:
        # Someone who dares not face the person is not sent to them, nor to a route that person
        # holds (the mentor complained about): the contact person is there for this (AMOS).
        geen_overleg = True
        redenen.append("durft_niet_aanspreken")

    # ---- the recommended first step and the rest, by precedence ---------------------------
    vp = "vertrouwenspersoon"
    wil_formeel = "formele_klacht" in intake.wens
    formeel_volgende = [r for r in formele_stappen(tried) if profile.heeft(r)]
    politie = ["politie"] if strafbaar else []

    if intake.huiselijk_geweld and profile.heeft("veilig_thuis"):
        redenen.append("huiselijk_geweld_veilig_thuis")
        order = ["veilig_thuis", vp, "contactpersoon"] + politie
    elif ernstig:
        commissies = [c for c in COMMISSIES if c not in tried]
        if vp in tried and profile.heeft(vp):
            # The vertrouwenspersoon is already engaged: the next step is a formal complaint,
            # which the vertrouwenspersoon can assist with (art. 7 lid 1).
            redenen.append("ernstig_vertrouwenspersoon_al_ingeschakeld")
            order = commissies + [vp]
        else:
            redenen.append("ernstig_naar_vertrouwenspersoon")
            order = [vp]
        if zeden:
            order += ["vertrouwensinspecteur", "politie"]
        order += politie
        if intake.examen:
            order += ["commissie_van_beroep_examens"]
        # Toelichting art. 7 lid 1: with a serious complaint, ask the committee's advice first.
        formeel = commissies + ["bevoegd_gezag"]
        if wil_formeel:
            redenen.append("wens_formele_klacht")
            order += formeel + ["contactpersoon"]
        else:
            order += ["contactpersoon"] + formeel
    elif intake.examen and profile.heeft("commissie_van_beroep_examens"):
        order = ["commissie_van_beroep_examens", vp, "contactpersoon"] + politie
    elif intake.melder_directeur:
        # The director reports (blind8): the ladder below is his own; the board (art. 1 onder a)
        # next, the vertrouwenspersoon beside it, the committee after it.
        redenen.append("melder_directeur")
        order = [r for r in ["bevoegd_gezag"] if r not in tried] + [vp] + politie + [
            c for c in COMMISSIES if c not in tried]
    elif intake.rol == "personeel" and "directeur" in intake.betrokken and "directeur" not in tried \
            and profile.heeft(vp):
        # A staff member's complaint about their own director: the school's contact person is a
        # colleague under that director; the vertrouwenspersoon is independent of the school and
        # bound to secrecy (art. 3 lid 7 en 9). Then the ladder, the director passed by. One who
        # told the director already (twice, about a locked fire exit: blind5) takes the ladder's
        # next step, the board, with the vertrouwenspersoon beside it.
        redenen.append("personeel_over_directeur")
        order = [vp] + politie + [r for r in _ladder(intake, profile, tried, geen_overleg, redenen) if r != "directeur"]
    elif "vertrouwenspersoon" in intake.betrokken:
        # The board's vertrouwenspersoon complained about: appointed by and accountable to the
        # board (art. 3 lid 2 and its toelichting): the board or the committee (art. 7 lid 1).
        redenen.append("klacht_over_vertrouwenspersoon")
        order = politie + formeel_volgende + _ladder(intake, profile, tried, geen_overleg, redenen)
    elif "contactpersoon" in intake.betrokken and profile.heeft(vp):
        # The school's contact person complained about: the vertrouwenspersoon, independent
        # (art. 3), and the director who appoints and discharges the contact person (art. 2
        # lid 2); then the formal steps.
        redenen.append("klacht_over_contactpersoon")
        order = [vp] + politie + [r for r in ["directeur"] if r not in tried] + formeel_volgende
    elif intake.rol == "oud_leerling" and (intake.gepeste_leerling or "begeleiding" in intake.categorieen) \
            and profile.heeft(vp):
        # A former pupil bullied back then, or let down by the care and guidance: it is over and
        # the school's day-to-day ladder (mentor, contact person) was for putting it right while
        # they were there. The vertrouwenspersoon, independent and at every step, helps decide on
        # a complaint (often late: art. 7 lid 2 and its exceptions); the formal steps and the
        # ladder after it (blind6; blind7: a zorgcoördinator's breach of confidence in 2023).
        redenen.append("oud_leerling_gepest" if intake.gepeste_leerling else "oud_leerling_begeleiding")
        order = [vp] + politie + formeel_volgende + _ladder(intake, profile, tried, geen_overleg, redenen)
    elif intake.privacy_lek and "directeur" not in tried and "directeur" not in intake.betrokken:
        # Data let out by the school (art. 1 onder e): the director's, not the sender's (blind8).
        redenen.append("privacy_lek_directeur")
        order = ["directeur", vp, "contactpersoon"] + politie + formeel_volgende
    elif "bemiddeling" in intake.wens and tried - {"niets"} and profile.heeft(vp) and (
            intake.neutrale_bemiddeling is not False or tried & {"contactpersoon", "directeur", *FORMELE_ROUTES}):
        # Mediation is the vertrouwenspersoon's, once talking it over was tried: "de
        # vertrouwenspersoon gaat altijd eerst na ... of de klager heeft getracht om het probleem
        # met de aangeklaagde of met de directeur op te lossen" (toelichting art. 3). Nothing
        # tried yet and "een gesprek" wanted: the ladder's first talk, the vertrouwenspersoon next.
        # A meeting at school wanted (no neutral party named) after only the mentor or the other
        # person: the ladder's next step arranges it, the vertrouwenspersoon next (blind4).
        redenen.append("wens_bemiddeling")
        if wil_formeel:
            redenen.append("wens_formele_klacht")
            order = [vp] + politie + formeel_volgende
        else:
            order = [vp] + politie + _ladder(intake, profile, tried, geen_overleg, redenen)
    elif wil_formeel and formeel_volgende:
        redenen.append("wens_formele_klacht")
        order = formeel_volgende[:1] + [vp] + politie + formeel_volgende[1:]
    else:
        ladder = _ladder(intake, profile, tried, geen_overleg, redenen)
        order = ladder[:1] + [vp] + politie + ladder[1:]

    if intake.examen and not profile.heeft("commissie_van_beroep_examens"):
        redenen.append("niet_in_regeling:commissie_van_beroep_examens")

    # Routes already tried drop out (the vertrouwenspersoon stays: available at every step).
    order = [r for r in order if r == vp or r not in tried]
    # A helper or the board the complaint is about is never the way to complain about them (blind7, 9).
    order = [r for r in order if r not in HELPERS | {"bevoegd_gezag"} or r not in intake.betrokken]
    if geen_overleg:
        if "onderling_overleg" in order:
            order.remove("onderling_overleg")
        redenen.append("geen_onderling_overleg")
    # Routes that do not exist in this school's regulation are never advised.
    for r in dict.fromkeys(order):
        if not profile.heeft(r):
            redenen.append(f"niet_in_regeling:{r}")
    routes = [r for r in dict.fromkeys(order) if profile.heeft(r)]
    if not routes:  # everything tried: someone who can help further (art. 3 lid 4)
        redenen.append("terugval")
        routes = [r for r in (vp, "contactpersoon", "bevoegd_gezag")
                  if profile.heeft(r) and r not in intake.betrokken][:1]

    # Anonymous: heard and registered, but a formal complaint needs a name (art. 9 lid 3;
    # toelichting art. 9 lid 4). Never a formal step first.
    if intake.anoniem:
        redenen.append("anoniem")
        if routes and routes[0] in FORMELE_ROUTES and not profile.anonieme_klachten_behandeld:
            redenen.append("anoniem_formeel_niet_eerst")
            helpers = [r for r in (vp, "contactpersoon") if profile.heeft(r) and r not in intake.betrokken]
            routes = helpers + [r for r in routes if r not in helpers]

    # Danger now from a possible crime (a father threatening at the classroom door): 112 and the
    # police first; the school's own steps come after (blind3).
    if intake.acuut and strafbaar and not intake.huiselijk_geweld and "politie" in routes:
        routes.remove("politie")
        routes.insert(0, "politie")
        redenen.append("acuut_strafbaar_politie")

    # The vertrouwenspersoon right after the recommended first step.
    if profile.heeft(vp) and vp in routes and routes[0] != vp:
        routes.remove(vp)
        routes.insert(1, vp)
    if profile.heeft(vp):
        redenen.append("vertrouwenspersoon_elke_stap")

    # ---- texts ----------------------------------------------------------------------------
    ctx = _context(intake, profile, buiten, vorm, taal=taal)
    uitleg = {r: T.render(tekst_set.route_teksten[r], ctx) for r in routes}
    ctx_kort = _context(intake, profile, buiten, vorm, kort=True, taal=taal)
    uitleg_kort = {r: T.render(tekst_set.route_teksten[r], ctx_kort) for r in routes}
    opmerkingen: dict[str, str] = {}
    opmerkingen_kort: dict[str, str] = {}
    for key, on in (
        ("zedenzaak_personeel", zeden),
        ("mogelijk_strafbaar", strafbaar and not zeden),  # the zeden note speaks of aangifte
        ("examen", intake.examen),
        ("buiten_termijn", buiten),
        ("anoniem", intake.anoniem),
        ("minderjarig", "minderjarig" in signalen),
    ):
        if on:
            opmerkingen[key] = T.render(tekst_set.opmerkingen[key], ctx)
            opmerkingen_kort[key] = T.render(tekst_set.opmerkingen_kort[key], ctx)

    spoed, hulplijnen = None, []
    if intake.acuut:
        redenen.append("acuut_gevaar_hulplijnen")
        hulplijnen = _hulplijnen(intake, minderjarig)
        spoed = "\n".join(
            [tekst_set.spoed_intro] + [tekst_set.hulplijnen[h] for h in hulplijnen] + [tekst_set.spoed_outro]
        )

    return Advice(
        advies_routes=routes,
        signalen=[s for s in SIGNALEN if s in signalen],
        uitleg=uitleg,
        redenen=list(dict.fromkeys(redenen)),
        opmerkingen=opmerkingen,
        spoed=spoed,
        hulplijnen=hulplijnen,
        vorm=vorm,
        taal=taal,
        uitleg_kort=uitleg_kort,
        opmerkingen_kort=opmerkingen_kort,
    )


# --------------------------------------------------------------------------------------------
# Rules in detail
# --------------------------------------------------------------------------------------------


def _buiten_termijn(intake: IntakeFacts, profile: RegulationProfile, today: date, redenen: list[str]) -> bool:
    """Art. 7 lid 2: filed within one year after the conduct, unless the committee decides otherwise."""
    maanden = profile.termijnen.klachttermijn_maanden
    if intake.datum_gebeurtenis is None or maanden is None:
        return False
    if intake.datum_gebeurtenis > today:
        redenen.append("datum_in_de_toekomst")
        return False
    if today > termijn_einde(intake.datum_gebeurtenis, maanden):
        redenen.append("buiten_termijn")
        return True
    return False


def _hulplijnen(intake: IntakeFacts, minderjarig: bool | None) -> list[str]:
    """Which helplines fit: 112 always; 113, Kindertelefoon, Veilig Thuis as the situation asks."""
    kind = intake.rol == "leerling" and minderjarig is not False
    specifiek = intake.zelfdoding or intake.huiselijk_geweld
    lijnen = ["112"]
    if intake.zelfdoding or not specifiek:
        lijnen.append("113")
    if kind:
        lijnen.append("kindertelefoon")
    if intake.huiselijk_geweld or not specifiek:
        lijnen.append("veilig_thuis")
    return lijnen
