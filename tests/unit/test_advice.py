"""The route-advice engine (contract §5), one table row per rule, each citing its source.

Sources: "art." = the seed regulation (shared/seeds/scol-klachtenregeling.md), "overzicht" = its
"Klachtprocedure overzicht", "contract §5" = docs/contract.md.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest

from wegwijzer import route_texts
from wegwijzer.advice import Advice, IntakeFacts, _context, advise
from wegwijzer.wanneer import termijn_einde
from wegwijzer.regulation import SEED_PROFILE_DICT, Persoon, RegulationProfile, seed_profile
from wegwijzer.vocab import ROUTES, SIGNALEN

TODAY = date(2025, 3, 15)
VP = "vertrouwenspersoon"


def profiel(**changes: Any) -> RegulationProfile:
    """The seed profile with top-level fields replaced (``None`` removes a field)."""
    d = copy.deepcopy(SEED_PROFILE_DICT)
    for key, value in changes.items():
        if value is None:
            d.pop(key, None)
        else:
            d[key] = value
    return RegulationProfile.from_dict(d)


ZONDER_LANDELIJKE = dict(
    routes=[r for r in ROUTES if r != "landelijke_klachtencommissie"], landelijke_klachtencommissie=None
)
ALLEEN_LANDELIJKE = dict(routes=[r for r in ROUTES if r != "klachtencommissie"], klachtencommissie=None)


@dataclass
class Rule:
    bron: str  # the article or passage the rule comes from
    intake: dict[str, Any]
    eerste: str | None = None  # expected first route
    tweede: str | None = None  # expected second route
    bevat: tuple[str, ...] = ()  # routes that must be advised
    niet: tuple[str, ...] = ()  # routes that must not be advised
    signalen: tuple[str, ...] = ()  # signals that must be raised
    geen_signalen: tuple[str, ...] = ()  # signals that must not be raised
    reden: str | None = None  # reason key that must fire
    profiel: dict[str, Any] = field(default_factory=dict)
    today: date = TODAY


RULES = [
    # ---- the ladder --------------------------------------------------------------------------
    pytest.param(Rule(
        bron="overzicht stap 1; Inleiding: 'in eerste instantie in goed overleg tussen betrokkenen'",
        intake=dict(rol="leerling", categorieen=["beoordeling"]),
        eerste="onderling_overleg", tweede=VP, bevat=("mentor", "contactpersoon"),
        niet=("klachtencommissie", "bevoegd_gezag"), reden="ladder",
    ), id="ladder-stap1-onderling-overleg"),
    pytest.param(Rule(
        bron="product decision: a bullied pupil is not sent to the bullies alone (Wet veiligheid op school)",
        intake=dict(rol="leerling", categorieen=["pesten"]),
        eerste="mentor", tweede=VP, bevat=("contactpersoon",), niet=("onderling_overleg",),
        reden="pesten_niet_alleen_oplossen",
    ), id="gepeste-leerling-niet-zelf-oplossen"),
    pytest.param(Rule(
        bron="product decision: also when a parent reports the bullying of their child",
        intake=dict(rol="ouder", categorieen=["cyberpesten"]),
        eerste="mentor", niet=("onderling_overleg",), reden="pesten_niet_alleen_oplossen",
    ), id="gepest-kind-ouder-niet-zelf-oplossen"),
    pytest.param(Rule(
        bron="product decision: a bullied pupil whose mentor did not stop it goes to the contact person "
             "(the school's point of contact for bullying) before the director (blind3)",
        intake=dict(rol="leerling", categorieen=["cyberpesten"], al_ondernomen=["mentor"]),
        eerste="contactpersoon", tweede=VP, bevat=("directeur",), niet=("onderling_overleg", "mentor"),
        reden="pesten_contactpersoon_na_mentor",
    ), id="gepeste-leerling-na-mentor-contactpersoon"),
    pytest.param(Rule(
        bron="AMOS (contact person: a low threshold) and overzicht stap 2 'of contactpersoon': a pupil "
             "who dares not face her mentor, the one complained about, is sent to neither (blind6)",
        intake=dict(rol="leerling", categorieen=["begeleiding"], durft_niet=True, betrokken=["mentor"]),
        eerste="contactpersoon", tweede=VP, niet=("onderling_overleg", "mentor"),
        reden="durft_niet_aanspreken",
    ), id="durft-niet-aanspreken-contactpersoon"),
    pytest.param(Rule(
        bron="overzicht stap 2 'mentor, teamleider of contactpersoon': a guardian who already spoke to the IB'er "
             "who made her grandson's plan is not sent to the class teacher, below the IB'er in care (blind7)",
        intake=dict(rol="ouder", categorieen=["begeleiding"], betrokken=["zorgstaf"],
                    al_ondernomen=["onderling_overleg"]),
        eerste="contactpersoon", tweede=VP, bevat=("directeur",), niet=("mentor", "onderling_overleg"),
        reden="na_overleg_niet_terug",
    ), id="na-overleg-met-ib-niet-naar-mentor"),
    pytest.param(Rule(
        bron="the same for the mentor complained about and already spoken to: step 2's other door",
        intake=dict(rol="leerling", categorieen=["beoordeling"], betrokken=["mentor"],
                    al_ondernomen=["onderling_overleg"]),
        eerste="contactpersoon", niet=("mentor", "onderling_overleg"), reden="na_overleg_niet_terug",
    ), id="na-overleg-met-mentor-contactpersoon"),
    pytest.param(Rule(
        bron="overzicht stap 1 and 3: a teacher who already told her director how he humiliates her is not sent "
             "back to him; the vertrouwenspersoon, then the contact person and the board (blind9)",
        intake=dict(rol="personeel", categorieen=["intimidatie"], betrokken=["directeur"],
                    al_ondernomen=["onderling_overleg"]),
        eerste=VP, bevat=("bevoegd_gezag",), niet=("directeur", "onderling_overleg"),
    ), id="na-overleg-met-directeur-niet-terug"),
    pytest.param(Rule(
        bron="art. 1 onder h and i, art. 7 lid 1 onder b: a member of the board complained about; the board is the "
             "other party, so the committee or the vertrouwenspersoon, never the board (blind9)",
        intake=dict(rol="personeel", categorieen=["intimidatie"], betrokken=["bevoegd_gezag"],
                    wens=["formele_klacht"]),
        eerste=VP, bevat=("klachtencommissie", "landelijke_klachtencommissie"), niet=("bevoegd_gezag",),
    ), id="klacht-over-bestuurder-niet-naar-bestuur"),
    pytest.param(Rule(
        bron="overzicht stap 2: a pupil who has not yet spoken to anyone still starts with the talk, the mentor next",
        intake=dict(rol="leerling", categorieen=["beoordeling"], betrokken=["zorgstaf"]),
        eerste="onderling_overleg", bevat=("mentor",),
    ), id="ib-betrokken-zonder-overleg-ladder-gewoon"),
    pytest.param(Rule(
        bron="art. 2 lid 2 (the director appoints and discharges the contact person); art. 3: a complaint "
             "about the contact person goes to the vertrouwenspersoon or the director, never back (blind7)",
        intake=dict(rol="personeel", categorieen=["schoolorganisatie"], betrokken=["contactpersoon"]),
        eerste=VP, tweede="directeur", niet=("contactpersoon", "onderling_overleg"),
        reden="klacht_over_contactpersoon",
    ), id="klacht-over-contactpersoon"),
    pytest.param(Rule(
        bron="art. 3 lid 2 and its toelichting (the vertrouwenspersoon answers to the board); art. 7 lid 1 (blind7)",
        intake=dict(rol="personeel", categorieen=["begeleiding"], betrokken=["vertrouwenspersoon"],
                    al_ondernomen=["directeur"]),
        eerste="bevoegd_gezag", bevat=("klachtencommissie",), niet=(VP,),
        reden="klacht_over_vertrouwenspersoon",
    ), id="klacht-over-vertrouwenspersoon"),
    pytest.param(Rule(
        bron="art. 1 onder a (the board: employer and competent authority): the director reports a parent who "
             "intimidates a teacher; the school's own ladder is the director's (blind8)",
        intake=dict(rol="personeel", categorieen=["intimidatie"], melder_directeur=True,
                    al_ondernomen=["onderling_overleg"]),
        eerste="bevoegd_gezag", tweede=VP, bevat=("klachtencommissie",), niet=("directeur", "mentor", "onderling_overleg"),
        reden="melder_directeur",
    ), id="melder-directeur-bestuur"),
    pytest.param(Rule(
        bron="art. 1 onder e (a failing of the school): a psychological report put in the parents' class app; "
             "talking it over with the sender undoes nothing (blind8)",
        intake=dict(rol="ouder", categorieen=["begeleiding"], privacy_lek=True),
        eerste="directeur", tweede=VP, bevat=("contactpersoon",), niet=("onderling_overleg",),
        reden="privacy_lek_directeur",
    ), id="privacy-lek-directeur"),
    pytest.param(Rule(
        bron="contract §5 (acute danger first): danger now is never 'talk it out' (blind8: a girl abused at home "
             "at night whose category was 'iets anders')",
        intake=dict(rol="leerling", categorieen=["anders"], acuut=True),
        niet=("onderling_overleg",), reden="geen_onderling_overleg",
    ), id="acuut-geen-onderling-overleg"),
    pytest.param(Rule(
        bron="art. 3 lid 2 (at every step), art. 7 lid 2: a former pupil let down by the care back then (blind7)",
        intake=dict(rol="oud_leerling", categorieen=["begeleiding"], betrokken=[]),
        eerste=VP, tweede="bevoegd_gezag", niet=("mentor",), reden="oud_leerling_begeleiding",
    ), id="oud-leerling-begeleiding-vertrouwenspersoon"),
    pytest.param(Rule(
        bron="overzicht stap 2: mentor, teamleider of contactpersoon",
        intake=dict(rol="ouder", categorieen=["begeleiding"], al_ondernomen=["onderling_overleg"]),
        eerste="mentor", tweede=VP, bevat=("contactpersoon", "directeur"), niet=("onderling_overleg",),
        reden="ladder_verder",
    ), id="ladder-stap2-mentor"),
    pytest.param(Rule(
        bron="overzicht stap 2 (staff have no mentor: contactpersoon, art. 2)",
        intake=dict(rol="personeel", categorieen=["schoolorganisatie"], al_ondernomen=["onderling_overleg"]),
        eerste="contactpersoon", tweede=VP, niet=("onderling_overleg",),
    ), id="ladder-stap2-personeel-contactpersoon"),
    pytest.param(Rule(
        bron="overzicht stap 2; art. 1 onder d (anyone in the school community may complain; they have no mentor)",
        intake=dict(rol="anders", categorieen=["schoolorganisatie"], al_ondernomen=["onderling_overleg"]),
        eerste="contactpersoon", tweede=VP, bevat=("directeur",), niet=("mentor", "onderling_overleg"),
    ), id="ladder-stap2-anders-geen-mentor"),
    pytest.param(Rule(
        bron="overzicht stap 3: directeur van de school/locatie",
        intake=dict(rol="ouder", categorieen=["strafmaatregel"], al_ondernomen=["onderling_overleg", "mentor"]),
        eerste="directeur", tweede=VP, bevat=("bevoegd_gezag",),
        niet=("onderling_overleg", "mentor", "contactpersoon", "klachtencommissie"),
    ), id="ladder-stap3-directeur"),
    pytest.param(Rule(
        bron="overzicht stap 4: bevoegd gezag; art. 7 lid 1 onder a",
        intake=dict(rol="ouder", categorieen=["schoolorganisatie"], al_ondernomen=["directeur"]),
        eerste="bevoegd_gezag", tweede=VP, bevat=("klachtencommissie",),
        niet=("onderling_overleg", "mentor", "contactpersoon", "directeur"),
    ), id="ladder-stap4-bevoegd-gezag"),
    pytest.param(Rule(
        bron="overzicht stap 5: klachtencommissie; art. 4 lid 1; art. 7 lid 1 onder b",
        intake=dict(rol="ouder", categorieen=["beoordeling"], al_ondernomen=["mentor", "directeur", "bevoegd_gezag"]),
        eerste="klachtencommissie", tweede=VP, bevat=("landelijke_klachtencommissie",),
        niet=("directeur", "bevoegd_gezag"),
    ), id="ladder-stap5-klachtencommissie"),
    pytest.param(Rule(
        bron="overzicht stap 6; art. 4 lid 2 and its toelichting: 'daarnaast ... altijd ... landelijke klachtencommissie'",
        intake=dict(rol="ouder", categorieen=["beoordeling"], al_ondernomen=["bevoegd_gezag", "klachtencommissie"]),
        eerste="landelijke_klachtencommissie", tweede=VP, niet=("klachtencommissie", "bevoegd_gezag"),
    ), id="ladder-stap6-landelijke-klachtencommissie"),
    # ---- the vertrouwenspersoon -------------------------------------------------------------
    pytest.param(Rule(
        bron="art. 3 lid 3 (vertrouwenspersoon bemiddelt); Inleiding",
        intake=dict(rol="ouder", categorieen=["pesten"], wens=["bemiddeling"], al_ondernomen=["mentor"]),
        eerste=VP, niet=("klachtencommissie",), reden="wens_bemiddeling",
    ), id="wens-bemiddeling-vertrouwenspersoon"),
    pytest.param(Rule(
        bron="art. 3 lid 3: mediation by someone neutral asked for in so many words (blind1)",
        intake=dict(rol="ouder", categorieen=["begeleiding"], wens=["bemiddeling"], al_ondernomen=["mentor"],
                    neutrale_bemiddeling=True),
        eerste=VP, reden="wens_bemiddeling",
    ), id="wens-neutrale-bemiddeling-vertrouwenspersoon"),
    pytest.param(Rule(
        bron="overzicht stap 3: a meeting at school wanted after the mentor, no neutral party named: the "
             "ladder's next step arranges it, the vertrouwenspersoon next (blind4)",
        intake=dict(rol="ouder", categorieen=["begeleiding"], wens=["bemiddeling"], al_ondernomen=["mentor"],
                    neutrale_bemiddeling=False),
        eerste="directeur", tweede=VP,
    ), id="wens-gesprek-op-school-na-mentor-de-ladder"),
    pytest.param(Rule(
        bron="toelichting art. 3: after the director, a talk with help is the vertrouwenspersoon's (blind2)",
        intake=dict(rol="personeel", categorieen=["schoolorganisatie"], wens=["bemiddeling"],
                    al_ondernomen=["directeur"], neutrale_bemiddeling=False),
        eerste=VP, reden="wens_bemiddeling",
    ), id="wens-gesprek-na-directeur-vertrouwenspersoon"),
    pytest.param(Rule(
        bron="overzicht stap 1: talk with the person involved; the director decided (blind2)",
        intake=dict(rol="ouder", categorieen=["schoolorganisatie"], al_ondernomen=["mentor"], betrokken=["directeur"]),
        eerste="directeur", niet=("onderling_overleg",),
    ), id="de-directeur-die-besliste-eerst-zelf"),
    pytest.param(Rule(
        bron="art. 3 lid 7 en 9: the vertrouwenspersoon is independent of the school and bound to secrecy",
        intake=dict(rol="personeel", categorieen=["intimidatie"], al_ondernomen=["niets"], betrokken=["directeur"]),
        eerste=VP, niet=("onderling_overleg", "directeur"), reden="personeel_over_directeur",
    ), id="personeel-over-de-eigen-directeur-vertrouwenspersoon"),
    pytest.param(Rule(
        bron="toelichting art. 3: the vertrouwenspersoon first checks whether the complainant tried to "
             "solve it with the other person or the director",
        intake=dict(rol="ouder", categorieen=["strafmaatregel"], wens=["bemiddeling"], al_ondernomen=["niets"]),
        eerste="onderling_overleg", tweede=VP, niet=("klachtencommissie",),
    ), id="wens-gesprek-niets-geprobeerd-eerst-de-ladder"),
    # ---- serious matters --------------------------------------------------------------------
    pytest.param(Rule(
        bron="contract §5 serious matters; toelichting art. 1 onder d (discriminerend gedrag)",
        intake=dict(rol="leerling", categorieen=["discriminatie"], leeftijd=14),
        eerste=VP, tweede="contactpersoon", bevat=("klachtencommissie",), niet=("onderling_overleg",),
        reden="ernstig_naar_vertrouwenspersoon",
    ), id="ernstig-vertrouwenspersoon-eerst"),
    pytest.param(Rule(
        bron="art. 7 lid 1 (the vertrouwenspersoon assists with the complaint); toelichting art. 7 lid 1 (serious: committee)",
        intake=dict(rol="ouder", categorieen=["agressie_geweld"], al_ondernomen=["vertrouwenspersoon"]),
        eerste="klachtencommissie", tweede=VP, niet=("onderling_overleg",),
        reden="ernstig_vertrouwenspersoon_al_ingeschakeld",
    ), id="ernstig-vertrouwenspersoon-al-ingeschakeld"),
    pytest.param(Rule(
        bron="toelichting art. 15 lid 3 (vertrouwensinspecteur, aangifte); Inleiding (protocol seksuele intimidatie)",
        intake=dict(rol="leerling", categorieen=["seksuele_intimidatie"], betreft_personeel=True, leeftijd=13),
        eerste=VP, bevat=("vertrouwensinspecteur", "politie", "klachtencommissie"), niet=("onderling_overleg",),
        signalen=("zedenzaak_personeel", "minderjarig"), reden="zedenzaak_personeel",
    ), id="zedenzaak-personeel-seksuele-intimidatie"),
    pytest.param(Rule(
        bron="toelichting art. 15 lid 3; contract §4: grensoverschrijdend_gedrag is 'by staff'",
        intake=dict(rol="ouder", categorieen=["grensoverschrijdend_gedrag"], seksueel=True),
        eerste=VP, bevat=("vertrouwensinspecteur", "politie"), niet=("onderling_overleg",),
        signalen=("zedenzaak_personeel",),
    ), id="zedenzaak-personeel-grensoverschrijdend"),
    pytest.param(Rule(
        bron="toelichting art. 15 lid 3; toelichting art. 3 lid 7 (wettelijke meldingsplicht): a staff member reports a colleague",
        intake=dict(rol="personeel", categorieen=["grensoverschrijdend_gedrag"], betreft_leerling=True, seksueel=True),
        eerste=VP, bevat=("vertrouwensinspecteur", "politie"), signalen=("zedenzaak_personeel",),
        geen_signalen=("minderjarig",),
    ), id="zedenzaak-personeel-gemeld-door-collega"),
    pytest.param(Rule(
        bron="toelichting art. 15 lid 3 applies to staff only: harassment by a fellow pupil is serious, not a zedenzaak personeel",
        intake=dict(rol="leerling", categorieen=["seksuele_intimidatie"], betreft_personeel=False, leeftijd=15),
        eerste=VP, niet=("vertrouwensinspecteur", "onderling_overleg"), geen_signalen=("zedenzaak_personeel",),
    ), id="seksuele-intimidatie-door-leerling-geen-zedenzaak"),
    pytest.param(Rule(
        bron="art. 3 lid 3 (bijstand bij aangifte); toelichting art. 15 lid 3 (aangifte van een misdrijf)",
        intake=dict(rol="leerling", categorieen=["anders"], mogelijk_strafbaar=True, leeftijd=15),
        eerste="mentor", tweede=VP, bevat=("politie",), niet=("onderling_overleg",),
        signalen=("mogelijk_strafbaar",), reden="mogelijk_strafbaar_politie",
    ), id="mogelijk-strafbaar-politie"),
    # ---- other regulations, terms, anonymity, minors -------------------------------------------
    pytest.param(Rule(
        bron="Inleiding: 'een klacht die moet worden ingediend bij de commissie van beroep bij examens, niet via de klachtenregeling'",
        intake=dict(rol="leerling", categorieen=["beoordeling"], examen=True, leeftijd=17),
        eerste="commissie_van_beroep_examens", tweede=VP,
        niet=("klachtencommissie", "landelijke_klachtencommissie", "bevoegd_gezag", "onderling_overleg"),
        signalen=("examen",), reden="examen_andere_regeling",
    ), id="examen-commissie-van-beroep"),
    pytest.param(Rule(
        bron="art. 7 lid 2: binnen een jaar, tenzij de klachtencommissie anders beslist",
        intake=dict(rol="ouder", categorieen=["begeleiding"], datum_gebeurtenis=date(2024, 3, 14),
                    al_ondernomen=["bevoegd_gezag"]),
        eerste="klachtencommissie", signalen=("buiten_termijn",), reden="buiten_termijn",
    ), id="buiten-termijn"),
    pytest.param(Rule(
        bron="Klachtprocedure overzicht stap 2: the mentor is no step when the complaint is about the mentor too",
        intake=dict(rol="leerling", categorieen=["pesten"], leeftijd=13, betrokken=["mentor"]),
        eerste="contactpersoon", niet=("mentor", "onderling_overleg"),
    ), id="mentor-betrokken-niet-de-eerste-stap"),
    pytest.param(Rule(
        bron="art. 9 lid 3 (naam en adres); toelichting art. 9 lid 4: anonieme klacht niet in behandeling",
        intake=dict(rol="ouder", categorieen=["pesten"], anoniem=True, al_ondernomen=["mentor", "directeur", "bevoegd_gezag"]),
        eerste=VP, bevat=("klachtencommissie",), reden="anoniem_formeel_niet_eerst",
    ), id="anoniem-geen-commissie-eerst"),
    pytest.param(Rule(
        bron="huishoudelijk reglement contactpersoon; toelichting art. 3 lid 4: ouders met medeweten in kennis gesteld",
        intake=dict(rol="leerling", categorieen=["pesten"], leeftijd=11),
        signalen=("minderjarig",), reden="minderjarig",
    ), id="minderjarig"),
    pytest.param(Rule(
        bron="huishoudelijk reglement contactpersoon: only a minor pupil",
        intake=dict(rol="leerling", categorieen=["beoordeling"], leeftijd=19),
        eerste="onderling_overleg", geen_signalen=("minderjarig",),
    ), id="meerderjarige-leerling-geen-signaal"),
    pytest.param(Rule(
        bron="contract §5 acute danger (hulp_nu)",
        intake=dict(rol="leerling", categorieen=["anders"], acuut=True),
        signalen=("acuut_gevaar",), reden="acuut_gevaar_hulplijnen",
    ), id="acuut-gevaar"),
    pytest.param(Rule(
        bron="contract §5 (112); art. 3 lid 3: a threat now from a possible crime, the police first, "
             "even when the director is already on the way (blind3)",
        intake=dict(rol="personeel", categorieen=["intimidatie"], acuut=True, mogelijk_strafbaar=True,
                    al_ondernomen=["directeur"]),
        eerste="politie", tweede=VP, niet=("onderling_overleg",), signalen=("acuut_gevaar", "mogelijk_strafbaar"),
        reden="acuut_strafbaar_politie",
    ), id="acuut-dreiging-politie-eerst"),
    pytest.param(Rule(
        bron="contract §5: abuse at home stays with Veilig Thuis first, also when acute and a crime",
        intake=dict(rol="leerling", categorieen=["agressie_geweld"], acuut=True, mogelijk_strafbaar=True,
                    huiselijk_geweld=True, leeftijd=13),
        eerste="veilig_thuis", bevat=("politie",),
    ), id="acuut-thuis-veilig-thuis-eerst"),
    pytest.param(Rule(
        bron="a possible crime that is not acute: the school's own steps first, the police offered (art. 3 lid 3)",
        intake=dict(rol="personeel", categorieen=["intimidatie"], mogelijk_strafbaar=True),
        eerste="contactpersoon", bevat=("politie",), niet=("onderling_overleg",),
    ), id="strafbaar-niet-acuut-politie-niet-eerst"),
    pytest.param(Rule(
        bron="art. 1 onder d, art. 2: a neighbour is not of the school community the contact person "
             "serves; nuisance around the school is the leadership's (blind3)",
        intake=dict(rol="anders", categorieen=["schoolorganisatie"], buiten_school=True,
                    al_ondernomen=["onderling_overleg"]),
        eerste="directeur", tweede=VP, niet=("contactpersoon", "mentor", "onderling_overleg"),
    ), id="buurman-directeur-geen-contactpersoon"),
    pytest.param(Rule(
        bron="art. 1 onder d: a neighbour is not sent to have it out with other people's children (blind5)",
        intake=dict(rol="anders", categorieen=["schoolorganisatie"], buiten_school=True, al_ondernomen=["anders"]),
        eerste="directeur", niet=("contactpersoon", "mentor", "onderling_overleg"),
    ), id="buurman-niets-geprobeerd-directeur"),
    pytest.param(Rule(
        bron="overzicht stap 3: a teacher threatened by a parent, the teamleider told, goes to the "
             "director, the employer; the pupils' anti-bullying contact person is not the next step (blind5)",
        intake=dict(rol="personeel", categorieen=["intimidatie"], al_ondernomen=["mentor"]),
        eerste="directeur", niet=("contactpersoon", "onderling_overleg"),
    ), id="personeel-bedreigd-na-teamleider-directeur"),
    pytest.param(Rule(
        bron="overzicht stap 4: a staff member who told the director twice takes the next step, the "
             "board, the vertrouwenspersoon beside it (blind5)",
        intake=dict(rol="personeel", categorieen=["schoolorganisatie"], betrokken=["directeur"],
                    al_ondernomen=["onderling_overleg", "directeur"]),
        eerste="bevoegd_gezag", bevat=(VP,), niet=("directeur",),
    ), id="personeel-directeur-al-gevraagd-bestuur"),
    pytest.param(Rule(
        bron="contract §5: abuse at home -> Veilig Thuis (0800-2000)",
        intake=dict(rol="leerling", categorieen=["anders"], huiselijk_geweld=True, leeftijd=12),
        eerste="veilig_thuis", tweede=VP, niet=("onderling_overleg", "klachtencommissie"),
        reden="huiselijk_geweld_veilig_thuis",
    ), id="huiselijk-geweld-veilig-thuis"),
    pytest.param(Rule(
        bron="art. 7 lid 1 (klacht bij bevoegd gezag of klachtencommissie), lid 3 (eenvoudige afhandeling)",
        intake=dict(rol="ouder", categorieen=["schoolorganisatie"], wens=["formele_klacht"]),
        eerste="bevoegd_gezag", tweede=VP, bevat=("klachtencommissie",), niet=("onderling_overleg", "mentor"),
        reden="wens_formele_klacht",
    ), id="wens-formele-klacht"),
    # ---- the board's own regulation decides which routes exist -------------------------------
    pytest.param(Rule(
        bron="art. 4 lid 2 does not hold for every board: not affiliated to the national committee",
        intake=dict(rol="ouder", categorieen=["beoordeling"], al_ondernomen=["bevoegd_gezag", "klachtencommissie"]),
        eerste=VP, niet=("landelijke_klachtencommissie", "klachtencommissie"), reden="ladder_uitgeput",
        profiel=ZONDER_LANDELIJKE,
    ), id="bestuur-zonder-landelijke-commissie"),
    pytest.param(Rule(
        bron="art. 4 lid 1 does not hold for every board: only the national committee",
        intake=dict(rol="ouder", categorieen=["beoordeling"], al_ondernomen=["directeur", "bevoegd_gezag"]),
        eerste="landelijke_klachtencommissie", tweede=VP, niet=("klachtencommissie",),
        profiel=ALLEEN_LANDELIJKE,
    ), id="bestuur-alleen-landelijke-commissie"),
]


@pytest.mark.parametrize("rule", RULES)
def test_rule(rule: Rule) -> None:
    assert rule.bron  # every row names its source
    advice = advise(IntakeFacts(**rule.intake), profiel(**rule.profiel), rule.today)
    routes = advice.advies_routes
    assert len(routes) == len(set(routes)), routes
    assert set(routes) <= set(ROUTES)
    assert set(advice.signalen) <= set(SIGNALEN)
    if rule.eerste:
        assert routes[0] == rule.eerste, routes
    if rule.tweede:
        assert routes[1] == rule.tweede, routes
    for r in rule.bevat:
        assert r in routes, (r, routes)
    for r in rule.niet:
        assert r not in routes, (r, routes)
    for s in rule.signalen:
        assert s in advice.signalen, (s, advice.signalen)
    for s in rule.geen_signalen:
        assert s not in advice.signalen, (s, advice.signalen)
    if rule.reden:
        assert rule.reden in advice.redenen, advice.redenen
    # Every advised route is explained, with no unfilled placeholder.
    assert set(advice.uitleg) == set(routes)
    for text in advice.uitleg.values():
        assert text and "{" not in text and "None" not in text


# ---- the vertrouwenspersoon at every step (overzicht: "bij al deze stappen") -----------------


@pytest.mark.parametrize(
    "al_ondernomen",
    [[], ["onderling_overleg"], ["mentor"], ["directeur"], ["bevoegd_gezag"], ["klachtencommissie"]],
    ids=lambda v: "na-" + ("-".join(v) or "niets"),
)
def test_vertrouwenspersoon_right_after_the_first_step(al_ondernomen: list[str]) -> None:
    advice = advise(IntakeFacts(rol="ouder", categorieen=["pesten"], al_ondernomen=al_ondernomen), seed_profile(), TODAY)
    assert advice.advies_routes[0] != VP
    assert advice.advies_routes[1] == VP
    assert "vertrouwenspersoon_elke_stap" in advice.redenen


def test_no_vertrouwenspersoon_when_the_regulation_has_none() -> None:
    """Routes the profile lacks are never advised; serious matters then go to the contact person."""
    p = profiel(routes=[r for r in ROUTES if r != VP], vertrouwenspersonen=[])
    advice = advise(IntakeFacts(rol="leerling", categorieen=["agressie_geweld"], leeftijd=12), p, TODAY)
    assert VP not in advice.advies_routes
    assert advice.advies_routes[0] == "contactpersoon"
    assert "niet_in_regeling:vertrouwenspersoon" in advice.redenen
    assert "vertrouwenspersoon" not in advice.uitleg["contactpersoon"]


# ---- serious matters: every category (contract §5) -------------------------------------------


@pytest.mark.parametrize("categorie", ["seksuele_intimidatie", "agressie_geweld", "discriminatie", "grensoverschrijdend_gedrag"])
@pytest.mark.parametrize("wens", [[], ["bemiddeling"], ["formele_klacht"], ["excuses"]])
def test_serious_matters_never_talk_it_out(categorie: str, wens: list[str]) -> None:
    """Contract §5: straight to the vertrouwenspersoon, never back to onderling_overleg."""
    intake = IntakeFacts(rol="ouder", categorieen=["pesten", categorie], wens=wens)
    advice = advise(intake, seed_profile(), TODAY)
    assert advice.advies_routes[0] == VP
    assert "onderling_overleg" not in advice.advies_routes


# ---- the one-year term, day by day (art. 7 lid 2) --------------------------------------------


@pytest.mark.parametrize(
    "gebeurd, vandaag, buiten",
    [
        pytest.param(date(2024, 3, 15), date(2025, 3, 14), False, id="dag-ervoor"),
        pytest.param(date(2024, 3, 15), date(2025, 3, 15), False, id="precies-een-jaar-nog-binnen"),
        pytest.param(date(2024, 3, 15), date(2025, 3, 16), True, id="een-dag-te-laat"),
        pytest.param(date(2024, 2, 29), date(2025, 2, 28), False, id="schrikkeldag-laatste-dag"),
        pytest.param(date(2024, 2, 29), date(2025, 3, 1), True, id="schrikkeldag-dag-te-laat"),
        pytest.param(date(2025, 4, 1), date(2025, 3, 15), False, id="datum-in-de-toekomst"),
    ],
)
def test_one_year_term_day_boundary(gebeurd: date, vandaag: date, buiten: bool) -> None:
    intake = IntakeFacts(rol="ouder", categorieen=["pesten"], datum_gebeurtenis=gebeurd)
    advice = advise(intake, seed_profile(), vandaag)
    assert ("buiten_termijn" in advice.signalen) is buiten
    assert ("buiten_termijn" in advice.opmerkingen) is buiten


def test_term_end_date() -> None:
    assert termijn_einde(date(2024, 3, 15), 12) == date(2025, 3, 15)
    assert termijn_einde(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert termijn_einde(date(2024, 8, 31), 6) == date(2025, 2, 28)
    assert termijn_einde(date(2024, 11, 30), 3) == date(2025, 2, 28)
    assert termijn_einde(date(2024, 1, 30), 12) == date(2025, 1, 30)
    assert termijn_einde(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert termijn_einde(date(2024, 12, 31), 1) == date(2025, 1, 31)


def test_term_follows_the_profile() -> None:
    """A board with a six-month term (changing the profile changes the advice)."""
    termijnen = dict(SEED_PROFILE_DICT["termijnen"], klachttermijn_maanden=6)
    intake = IntakeFacts(rol="ouder", categorieen=["pesten"], datum_gebeurtenis=date(2024, 9, 1))
    assert "buiten_termijn" not in advise(intake, seed_profile(), TODAY).signalen
    advice = advise(intake, profiel(termijnen=termijnen), TODAY)
    assert "buiten_termijn" in advice.signalen
    assert "6 maanden" in advice.opmerkingen["buiten_termijn"]
    no_term = dict(SEED_PROFILE_DICT["termijnen"], klachttermijn_maanden=None)
    assert "buiten_termijn" not in advise(intake, profiel(termijnen=no_term), date(2030, 1, 1)).signalen


def test_out_of_term_explains_the_committee_may_still_accept() -> None:
    """Art. 7 lid 2: say so in the explanation of the committee, with the exceptions."""
    intake = IntakeFacts(rol="ouder", categorieen=["begeleiding"], datum_gebeurtenis=date(2023, 1, 10),
                         al_ondernomen=["bevoegd_gezag"])
    advice = advise(intake, seed_profile(), TODAY)
    text = advice.uitleg["klachtencommissie"]
    assert "langer dan 1 jaar geleden" in text
    assert "Toch kan de commissie je klacht behandelen" in text
    assert "pas later wist" in text  # art. 7 lid 2, first exception
    on_time = advise(IntakeFacts(rol="ouder", categorieen=["begeleiding"], datum_gebeurtenis=date(2025, 1, 10),
                                 al_ondernomen=["bevoegd_gezag"]), seed_profile(), TODAY)
    assert "langer dan" not in on_time.uitleg["klachtencommissie"]


# ---- anonymity (toelichting art. 9 lid 4) ----------------------------------------------------


@pytest.mark.parametrize(
    "al_ondernomen, wens",
    [([], ["formele_klacht"]), (["bevoegd_gezag"], []), (["klachtencommissie"], []), (["directeur"], [])],
    ids=["wens-formeel", "na-bestuur", "na-commissie", "na-directeur"],
)
def test_anonymous_never_a_formal_step_first(al_ondernomen: list[str], wens: list[str]) -> None:
    intake = IntakeFacts(rol="ouder", categorieen=["pesten"], al_ondernomen=al_ondernomen, wens=wens, anoniem=True)
    advice = advise(intake, seed_profile(), TODAY)
    assert advice.advies_routes[0] not in ("bevoegd_gezag", "klachtencommissie", "landelijke_klachtencommissie")
    assert "meestal niet" in advice.opmerkingen["anoniem"]
    assert "opgeschreven" in advice.opmerkingen["anoniem"]  # heard and registered


def test_anonymous_allowed_when_the_board_handles_them() -> None:
    intake = IntakeFacts(rol="ouder", categorieen=["pesten"], al_ondernomen=["bevoegd_gezag"], anoniem=True)
    advice = advise(intake, profiel(anonieme_klachten_behandeld=True), TODAY)
    assert advice.advies_routes[0] == "klachtencommissie"
    assert "zonder naam" not in advice.uitleg["klachtencommissie"]


# ---- minors (huishoudelijk reglement contactpersoon) -----------------------------------------


@pytest.mark.parametrize(
    "rol, leeftijd, minderjarig, signaal",
    [
        pytest.param("leerling", 11, None, True, id="leerling-11"),
        pytest.param("leerling", 17, None, True, id="leerling-17"),
        pytest.param("leerling", 18, None, False, id="leerling-18"),
        pytest.param("leerling", None, True, True, id="leerling-minderjarig"),
        pytest.param("leerling", None, None, True, id="leerling-leeftijd-onbekend-aangenomen"),
        pytest.param("ouder", None, None, False, id="ouder"),
        pytest.param("personeel", 17, None, False, id="personeel"),
    ],
)
def test_minor_pupil(rol: str, leeftijd: int | None, minderjarig: bool | None, signaal: bool) -> None:
    intake = IntakeFacts(rol=rol, categorieen=["pesten"], leeftijd=leeftijd, minderjarig=minderjarig)
    advice = advise(intake, seed_profile(), TODAY)
    assert ("minderjarig" in advice.signalen) is signaal
    if signaal:
        note = advice.opmerkingen["minderjarig"]
        assert "ouders" in note and "jij weet het eerst" in note  # met medeweten van de klager
        assert "Soms is het beter voor jou" in note and "beslist de contactpersoon" in note  # the weighing


# ---- acute danger (contract §5) --------------------------------------------------------------


@pytest.mark.parametrize(
    "intake, lijnen",
    [
        pytest.param(dict(rol="leerling", leeftijd=13), ["112", "113", "kindertelefoon", "veilig_thuis"], id="onbekend-kind"),
        pytest.param(dict(rol="ouder"), ["112", "113", "veilig_thuis"], id="onbekend-volwassene"),
        pytest.param(dict(rol="leerling", leeftijd=15, zelfdoding=True), ["112", "113", "kindertelefoon"], id="zelfdoding-kind"),
        pytest.param(dict(rol="leerling", leeftijd=12, huiselijk_geweld=True), ["112", "kindertelefoon", "veilig_thuis"], id="thuis-kind"),
        pytest.param(dict(rol="personeel", zelfdoding=True), ["112", "113"], id="zelfdoding-volwassene"),
    ],
)
def test_acute_danger_helplines_first(intake: dict[str, Any], lijnen: list[str]) -> None:
    advice = advise(IntakeFacts(categorieen=["anders"], acuut=True, **intake), seed_profile(), TODAY)
    assert advice.signalen[0] == "acuut_gevaar"
    assert advice.hulplijnen == lijnen
    numbers = {"112": "112", "113": "0800-0113", "kindertelefoon": "0800-0432", "veilig_thuis": "0800-2000"}
    for key, number in numbers.items():
        assert (number in advice.spoed) is (key in lijnen)
    # Before anything else: the urgent text opens the whole advice, 112 first.
    tekst = advice.tekst()
    assert tekst.startswith(advice.spoed)
    assert tekst.index("112") < tekst.index(route_texts.ROUTE_NAMEN[advice.advies_routes[0]])


def test_no_helplines_without_acute_danger() -> None:
    advice = advise(IntakeFacts(rol="leerling", categorieen=["pesten"]), seed_profile(), TODAY)
    assert advice.spoed is None and advice.hulplijnen == []
    assert "acuut_gevaar" not in advice.signalen


# ---- the explanation uses the profile's terms and people --------------------------------------


def test_committee_explanation_has_the_regulations_terms() -> None:
    """Art. 7 lid 8 (5 werkdagen), 11 lid 1 (4 weken), 12 lid 2 (4 + 4), 15 lid 1-2 (4 + 4)."""
    intake = IntakeFacts(rol="ouder", categorieen=["begeleiding"], al_ondernomen=["bevoegd_gezag"])
    text = advise(intake, seed_profile(), TODAY).uitleg["klachtencommissie"]
    assert "Binnen 5 werkdagen hoor je" in text
    assert "Binnen 4 weken na je klacht is er een gesprek" in text
    assert "Binnen 4 weken na dat gesprek geeft de commissie advies" in text
    assert "Binnen 4 weken na het advies" in text
    assert "ongeveer 12 weken" in text
    assert "071-5175551" in text and "Mariënpoolstraat 4" in text


def test_committee_explanation_follows_other_terms() -> None:
    termijnen = dict(ontvangst_werkdagen=10, hoorzitting_weken=6, advies_weken=2,
                     advies_verlenging_weken=None, besluit_weken=3, besluit_verlenging_weken=None)
    intake = IntakeFacts(rol="ouder", categorieen=["begeleiding"], al_ondernomen=["bevoegd_gezag"])
    text = advise(intake, profiel(termijnen=termijnen), TODAY).uitleg["klachtencommissie"]
    assert "Binnen 10 werkdagen" in text and "Binnen 6 weken na je klacht" in text
    assert "Binnen 2 weken na dat gesprek" in text and "Binnen 3 weken na het advies" in text
    assert "ongeveer 11 weken" in text
    assert "langer duren" not in text  # no extensions in this regulation: no sentence about them


def test_explanations_name_the_schools_people() -> None:
    p = profiel(vertrouwenspersonen=[{"naam": "Mevr. A. de Vries", "telefoon": "06-12345678", "email": "vp@example.nl"}])
    p = p.voor_school("De Regenboog", [Persoon(naam="Juf Sanne", email="sanne@regenboog.example.nl")])
    advice = advise(IntakeFacts(rol="ouder", categorieen=["pesten"], al_ondernomen=["onderling_overleg"]), p, TODAY)
    assert "Mevr. A. de Vries" in advice.uitleg[VP] and "06-12345678" in advice.uitleg[VP]
    assert "Op De Regenboog is dat Juf Sanne." in advice.uitleg["contactpersoon"]
    assert "sanne@regenboog.example.nl" in advice.uitleg["contactpersoon"]
    assert "schoolgids" not in advice.uitleg["contactpersoon"]


def test_unknown_people_are_not_invented() -> None:
    """The seed names no vertrouwenspersoon or contactpersoon: say how to find them instead."""
    advice = advise(IntakeFacts(rol="ouder", categorieen=["pesten"], al_ondernomen=["onderling_overleg"]), seed_profile(), TODAY)
    assert "is de vertrouwenspersoon" not in advice.uitleg[VP]
    assert "via het bestuursbureau van SCOL" in advice.uitleg[VP] and "071-5175551" in advice.uitleg[VP]
    assert "schoolgids" in advice.uitleg["contactpersoon"]


def test_external_numbers_in_the_explanations() -> None:
    intake = IntakeFacts(rol="leerling", categorieen=["seksuele_intimidatie"], betreft_personeel=True, leeftijd=14)
    advice = advise(intake, seed_profile(), TODAY)
    assert "0900-111 3 111" in advice.uitleg["vertrouwensinspecteur"]
    assert "0900-111 3 111" in advice.opmerkingen["zedenzaak_personeel"]
    assert "aangifte" in advice.opmerkingen["zedenzaak_personeel"]
    assert "Postbus 85191, 3508 AD Utrecht" in advice.uitleg["landelijke_klachtencommissie"]
    assert "030-280 95 90" in advice.uitleg["landelijke_klachtencommissie"]
    assert "helpen bij de aangifte" in advice.uitleg["politie"]  # art. 3 lid 3


def test_national_committee_text_depends_on_own_committee() -> None:
    intake = IntakeFacts(rol="ouder", categorieen=["beoordeling"], al_ondernomen=["bevoegd_gezag"])
    with_own = advise(intake, seed_profile(), TODAY).uitleg["landelijke_klachtencommissie"]
    only = advise(intake, profiel(**ALLEEN_LANDELIJKE), TODAY).uitleg["landelijke_klachtencommissie"]
    assert "in plaats van bij de eigen klachtencommissie" in with_own
    assert "in plaats van" not in only and "Hier dien je een officiële klacht in" in only


def test_board_without_national_committee_never_advises_it() -> None:
    p = profiel(**ZONDER_LANDELIJKE)
    for al in ([], ["bevoegd_gezag"], ["klachtencommissie"]):
        for cats in (["pesten"], ["seksuele_intimidatie"]):
            advice = advise(IntakeFacts(rol="ouder", categorieen=cats, al_ondernomen=al), p, TODAY)
            assert "landelijke_klachtencommissie" not in advice.advies_routes
    assert "niet_in_regeling:landelijke_klachtencommissie" in advice.redenen


def test_every_text_renders_for_the_seed_and_a_sparse_profile() -> None:
    """Every placeholder exists in the context; unknown data drops its sentence, never shows None."""
    sparse = profiel(
        termijnen={k: None for k in SEED_PROFILE_DICT["termijnen"]},
        vertrouwenspersonen=[{"email": "vp@example.nl"}],
        klachtencommissie={"naam": "de klachtencommissie"},
        bevoegd_gezag_naam=None, bestuur_korte_naam=None,
    )
    for p in (seed_profile(), sparse):
        for rol in ("leerling", "ouder", "personeel", "anders"):
            intake = IntakeFacts(rol=rol, anoniem=True)
            ctx = _context(intake, p, buiten=True)
            for sentences in [*route_texts.ROUTE_TEKSTEN.values(), *route_texts.OPMERKINGEN.values()]:
                text = route_texts.render(sentences, ctx)
                assert text and "{" not in text and "None" not in text
    assert set(route_texts.ROUTE_TEKSTEN) == set(ROUTES) == set(route_texts.ROUTE_NAMEN)


# ---- the intake's own validation --------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs, field_name",
    [
        (dict(rol="directeur"), "rol"),
        (dict(rol="ouder", categorieen=["ruzie"]), "categorieen"),
        (dict(rol="ouder", al_ondernomen=["politie"]), "al_ondernomen"),
        (dict(rol="ouder", wens="formele_klacht"), "wens"),
        (dict(rol="leerling", leeftijd=-1), "leeftijd"),
        (dict(rol="leerling", leeftijd=15, minderjarig=False), "minderjarig"),
    ],
    ids=["rol", "categorie", "ondernomen", "wens-geen-lijst", "leeftijd", "minderjarig-tegenspraak"],
)
def test_intake_validation(kwargs: dict[str, Any], field_name: str) -> None:
    with pytest.raises(ValueError, match=f"^{field_name}:"):
        IntakeFacts(**kwargs)


def test_intake_from_record_dict() -> None:
    intake = IntakeFacts.from_dict({"rol": "ouder", "categorieen": ["pesten"], "datum_gebeurtenis": "2024-01-02",
                                    "naam": None, "wat_gebeurd": "..."})
    assert intake.datum_gebeurtenis == date(2024, 1, 2)
    with pytest.raises(ValueError, match="datum_gebeurtenis"):
        IntakeFacts.from_dict({"rol": "ouder", "datum_gebeurtenis": "gisteren"})


def test_advice_is_plain_data() -> None:
    advice = advise(IntakeFacts(rol="ouder", categorieen=["pesten"]), seed_profile(), TODAY)
    assert isinstance(advice, Advice)
    d = advice.to_dict()
    assert d["advies_routes"] == advice.advies_routes and d["uitleg"] == advice.uitleg


def test_a_former_pupil_bullied_back_then_starts_with_the_vertrouwenspersoon() -> None:
    """blind6: bullied until 2019, his parents told the mentor then; the school's day-to-day
    ladder (the contact person) was advised first, years after he left."""
    intake = IntakeFacts(rol="oud_leerling", categorieen=["pesten"], al_ondernomen=["onderling_overleg", "mentor"],
                         datum_gebeurtenis=date(2019, 6, 30))
    a = advise(intake, seed_profile(), TODAY)
    assert a.advies_routes[0] == "vertrouwenspersoon"
    assert "mentor" not in a.advies_routes and "onderling_overleg" not in a.advies_routes
    assert "buiten_termijn" in a.signalen
