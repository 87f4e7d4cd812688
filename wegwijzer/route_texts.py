"""The Dutch texts of the route advice, in one place, in two forms of address.

Plain Dutch at B1 level: short sentences, digits for numbers, no legal words without an
explanation. A pupil of 10 must understand it. Every text exists twice: with "je" for pupils
(``ROUTE_TEKSTEN``, ``OPMERKINGEN``, ...) and with "u" for parents, staff and others
(``ROUTE_TEKSTEN_U``, ``OPMERKINGEN_U``, ...). The two forms say the same thing sentence by
sentence, with the same conditions and placeholders. ``TEKSTEN[vorm]`` bundles one form.

Each text is a tuple of sentences. A sentence is a string with ``{placeholders}`` filled from
the school's profile (see ``wegwijzer.advice._context``), or a pair ``(condition, sentence)``
that is only used when the context value ``condition`` is truthy (the conditions ``volledig``
and ``uitleg_bemiddeling`` mark detail that the chat version ``Advice.kort`` leaves out). A
sentence whose placeholder is ``None`` (the profile does not know it, e.g. no name for the
vertrouwenspersoon) is left out, so the texts never show an empty hole. A placeholder missing
from the context is a bug and raises.
"""
from __future__ import annotations

from dataclasses import dataclass
from string import Formatter
from typing import Any, Mapping, Union

Sentence = Union[str, tuple[str, str]]

# The forms of address: "je" for pupils, "u" for everyone else (see wegwijzer.advice.aanspreekvorm).
VORMEN = ("je", "u")

# Short names of the routes, for buttons and headings.
ROUTE_NAMEN: dict[str, str] = {
    "onderling_overleg": "Zelf praten met de ander",
    "mentor": "De mentor of teamleider",
    "contactpersoon": "De contactpersoon op school",
    "directeur": "De directeur",
    "bevoegd_gezag": "Het schoolbestuur",
    "klachtencommissie": "De klachtencommissie",
    "landelijke_klachtencommissie": "De Landelijke Klachtencommissie Onderwijs",
    "vertrouwenspersoon": "De vertrouwenspersoon",
    "vertrouwensinspecteur": "De vertrouwensinspecteur",
    "politie": "De politie",
    "veilig_thuis": "Veilig Thuis",
    "commissie_van_beroep_examens": "De commissie van beroep voor examens",
}

# What happens on each route, with whom, and how long it takes.
ROUTE_TEKSTEN: dict[str, tuple[Sentence, ...]] = {
    "onderling_overleg": (
        "Praat eerst zelf met de persoon om wie het gaat.",
        "Vertel rustig wat er gebeurde en wat je anders wilt.",
        "Vaak is het daarna al beter.",
        "Vind je dat spannend? Neem dan iemand mee die je vertrouwt.",
    ),
    "mentor": (
        "Vertel het aan {mentor_wie}.",
        "Die kent de school en de mensen goed en kan vaak snel helpen.",
        "Spreek samen af wat er gaat gebeuren en wanneer jullie elkaar weer spreken.",
    ),
    "contactpersoon": (
        "De contactpersoon is iemand van {school} die naar je luistert als je een klacht hebt.",
        "Samen kijken jullie wat er is gebeurd en wat je kunt doen.",
        "De contactpersoon houdt vertrouwelijk wat je vertelt.",
        ("heeft_vp", "De contactpersoon kan je ook in contact brengen met de vertrouwenspersoon."),
        "Op {school} is dat {contactpersoon_namen}.",
        "Je bereikt de contactpersoon via {contactpersoon_bereik}.",
        ("contactpersoon_onbekend", "Weet je niet wie het is? Vraag het op school of kijk in de schoolgids."),
    ),
    "directeur": (
        "Is het nog niet opgelost? Maak dan een afspraak met de directeur van {school}.",
        "De directeur is de baas van de school en kan dingen veranderen.",
        "Vertel wat je al hebt geprobeerd.",
    ),
    "bevoegd_gezag": (
        "Het schoolbestuur is de baas boven de directeur. Bij {bestuur_kort} is dat {bevoegd_gezag_naam}.",
        "Je kunt daar een klacht indienen. Schrijf op: je naam en adres, de datum en wat er is gebeurd. Zet je handtekening eronder.",
        "Vertel je het liever? Dan wordt het voor je opgeschreven en krijg je een kopie.",
        "Is de klacht eenvoudig op te lossen? Dan doet het bestuur dat zelf.",
        ("heeft_eigen_commissie", "Anders stuurt het bestuur je door naar de vertrouwenspersoon of de klachtencommissie."),
        "Adres: {bestuur_bereik}.",
    ),
    "klachtencommissie": (
        "De klachtencommissie onderzoekt je klacht en geeft daarna advies aan het schoolbestuur.",
        "In de commissie zitten mensen die niet op de school werken. Zij kiezen geen partij.",
        "Schrijf je klacht op: je naam en adres, de datum en wat er is gebeurd. Zet je handtekening eronder.",
        ("volledig", "Binnen {ontvangst_werkdagen} hoor je dat de commissie je klacht onderzoekt."),
        ("volledig", "Binnen {hoorzitting_weken} na je klacht is er een gesprek met de commissie. Dat heet de hoorzitting. Meestal praat de commissie apart met jou en apart met de ander."),
        ("volledig", "Binnen {advies_weken} na dat gesprek geeft de commissie advies aan het schoolbestuur."),
        ("volledig", "Dat mag {advies_verlenging} langer duren. Dan hoor je waarom."),
        ("volledig", "Binnen {besluit_weken} na het advies vertelt het bestuur wat het ermee doet."),
        ("volledig", "Ook dat mag {besluit_verlenging} langer duren."),
        "Alles bij elkaar duurt het ongeveer {doorlooptijd}, soms langer.",
        ("heeft_vp", "De vertrouwenspersoon kan je helpen met je klacht."),
        "Zo bereik je {kc_naam}: {kc_bereik}.",
        ("anoniem", "Let op: een klacht zonder naam behandelt de commissie meestal niet."),
        ("buiten_termijn", "Wat er gebeurde, is langer dan {klachttermijn} geleden. Toch kan de commissie je klacht behandelen, bijvoorbeeld als je het pas later wist, als je eerst iets anders hebt geprobeerd of als je het eerder niet kon. Vertel erbij waarom het later is."),
    ),
    "landelijke_klachtencommissie": (
        "De Landelijke Klachtencommissie Onderwijs is een commissie voor scholen in heel Nederland. Zij kiest geen partij.",
        "{bestuur_kort} is daarbij aangesloten.",
        ("heeft_eigen_commissie", "Je kunt daar een klacht indienen in plaats van bij de eigen klachtencommissie, of daarna."),
        ("geen_eigen_commissie", "Hier dien je een officiële klacht in. De commissie onderzoekt die en geeft advies aan het schoolbestuur. Het bestuur beslist daarna wat het doet."),
        "De landelijke commissie heeft eigen regels en termijnen. Die vind je op {lkc_website}.",
        "Zo bereik je de landelijke commissie: {lkc_bereik}.",
        ("anoniem", "Let op: een klacht zonder naam behandelt de commissie meestal niet."),
    ),
    "vertrouwenspersoon": (
        "De vertrouwenspersoon luistert naar je en helpt je verder. Dat kan bij elke stap.",
        ("uitleg_bemiddeling", "De vertrouwenspersoon kijkt eerst of het probleem kan worden opgelost door met iedereen te praten."),
        "Wil je een klacht indienen of aangifte doen bij de politie? Dan helpt de vertrouwenspersoon je daarbij.",
        "De vertrouwenspersoon vertelt niets over jou aan anderen zonder dat jij dat goed vindt. Alleen als de wet het verplicht, moet er iets worden doorgegeven.",
        "Bij {bestuur_kort} is de vertrouwenspersoon {vp_namen}.",
        "Je bereikt de vertrouwenspersoon via {vp_bereik}.",
    ),
    "vertrouwensinspecteur": (
        "De vertrouwensinspecteur werkt bij de Inspectie van het Onderwijs en staat los van de school.",
        "Je kunt daar zelf bellen als het gaat om seksuele intimidatie, seksueel misbruik, geweld of discriminatie op school.",
        "Bel {vi_telefoon}.",
    ),
    "politie": (
        "Is er misschien een strafbaar feit gebeurd, zoals diefstal, bedreiging, mishandeling of misbruik? Dan kun je aangifte doen bij de politie.",
        "Bel 0900-8844 of ga naar een politiebureau. Is er nu gevaar? Bel dan 112.",
        ("heeft_vp", "De vertrouwenspersoon kan je helpen bij de aangifte."),
    ),
    "veilig_thuis": (
        "Veilig Thuis helpt als er thuis geweld, mishandeling of misbruik is.",
        "Bel gratis 0800-2000, dag en nacht. Je kunt ook eerst alleen om advies vragen.",
        "Je mag er ook op school over praten, bijvoorbeeld met de contactpersoon.",
    ),
    "commissie_van_beroep_examens": (
        "Gaat het om een cijfer of een beslissing bij een examen? Dan geldt niet de klachtenregeling, maar het examenreglement van de school.",
        "Je kunt dan in beroep gaan bij de commissie van beroep voor examens.",
        "In het examenreglement staat hoe dat moet en hoeveel tijd je hebt. Die tijd is vaak kort. Wacht dus niet te lang.",
        "Zo bereik je de commissie: {cvbe_bereik}.",
    ),
}

# Notes that belong to the whole advice rather than one route (key: signal or topic).
OPMERKINGEN: dict[str, tuple[Sentence, ...]] = {
    "zedenzaak_personeel": (
        "Wat je vertelt, is heel ernstig.",
        "Heeft iemand die op school werkt misschien iets seksueels gedaan met een leerling? Dan moet het schoolbestuur dat bespreken met de vertrouwensinspecteur ({vi_telefoon}).",
        "Denkt de vertrouwensinspecteur dat er misschien een strafbaar feit is gebeurd? Dan moet het schoolbestuur aangifte doen bij de politie. Dat staat in de wet.",
        ("heeft_vp", "Je hoeft dit niet alleen te doen. De vertrouwenspersoon helpt je."),
    ),
    "mogelijk_strafbaar": (
        "Wat er gebeurde, is misschien strafbaar. Je kunt aangifte doen bij de politie.",
        ("heeft_vp", "De vertrouwenspersoon kan je daarbij helpen."),
    ),
    "examen": (
        "Een klacht over een examencijfer of een examenbeslissing gaat niet via de klachtenregeling.",
        "Daarvoor is de commissie van beroep voor examens. Hoe het werkt en hoeveel tijd je hebt, staat in het examenreglement van de school.",
    ),
    "buiten_termijn": (
        "Wat er gebeurde, is langer dan {klachttermijn} geleden.",
        "Normaal dien je een klacht in binnen {klachttermijn}.",
        "Maar de klachtencommissie mag een klacht toch behandelen, bijvoorbeeld als je het pas later wist, als je eerst iets anders hebt geprobeerd of als je het eerder niet kon.",
        "Je kunt je klacht dus gewoon indienen. Vertel erbij waarom het later is.",
    ),
    "anoniem": (
        "Je mag je naam geheim houden. Wat je vertelt, wordt gehoord en opgeschreven. De school kan er dan toch iets mee doen.",
        "Maar een officiële klacht zonder naam wordt meestal niet behandeld door de klachtencommissie of het schoolbestuur.",
        "Wil je later toch een officiële klacht indienen? Dan moet je wel je naam geven.",
    ),
    "minderjarig": (
        "Ben je jonger dan 18? Dan vertelt de contactpersoon of de vertrouwenspersoon het meestal aan je ouders of verzorgers.",
        "Dat gebeurt niet stiekem: jij weet het eerst.",
        "Soms is het beter voor jou dat je ouders het niet horen. Dat beslist de contactpersoon. Vertel het dus gerust als je het spannend vindt dat je ouders het horen.",
    ),
}

# Acute danger: shown at once, before anything else (contract §5).
SPOED_INTRO = "Eerst dit, want het is belangrijk:"
HULPLIJNEN: dict[str, str] = {
    "112": "Ben jij of is iemand anders nu in gevaar? Bel dan meteen 112.",
    "113": "Denk je aan zelfdoding? Praat erover met 113 Zelfmoordpreventie: bel gratis 0800-0113 of chat via 113.nl. Dag en nacht.",
    "kindertelefoon": "Wil je met iemand praten? Bel gratis De Kindertelefoon: 0800-0432, of chat via kindertelefoon.nl.",
    "veilig_thuis": "Gebeurt er thuis iets wat niet goed is, zoals geweld of misbruik? Bel gratis Veilig Thuis: 0800-2000. Dag en nacht.",
}
SPOED_OUTRO = "Als je wilt, kijken we daarna samen verder."

# Who "the mentor" is, by the reporter's role (placeholder ``{mentor_wie}``).
MENTOR_WIE: dict[str, str] = {
    "leerling": "je mentor of teamleider",
    "ouder": "de mentor of teamleider van je kind",
    "personeel": "je teamleider of leidinggevende",
    "anders": "de mentor of teamleider",
    "oud_leerling": "de mentor of teamleider van toen",
}

# ---- the short advice for the chat (Advice.kort) ------------------------------------------------

# The heading of the recommended first step.
ADVIES_KOP: dict[str, str] = {
    "onderling_overleg": "Mijn advies: praat eerst zelf met de ander.",
    "mentor": "Mijn advies: begin bij de mentor of teamleider.",
    "contactpersoon": "Mijn advies: begin bij de contactpersoon op school.",
    "directeur": "Mijn advies: ga naar de directeur.",
    "bevoegd_gezag": "Mijn advies: dien een klacht in bij het schoolbestuur.",
    "klachtencommissie": "Mijn advies: dien een klacht in bij de klachtencommissie.",
    "landelijke_klachtencommissie": "Mijn advies: dien een klacht in bij de Landelijke Klachtencommissie Onderwijs.",
    "vertrouwenspersoon": "Mijn advies: begin bij de vertrouwenspersoon.",
    "vertrouwensinspecteur": "Mijn advies: bel de vertrouwensinspecteur.",
    "politie": "Mijn advies: ga naar de politie.",
    "veilig_thuis": "Mijn advies: neem contact op met Veilig Thuis.",
    "commissie_van_beroep_examens": "Mijn advies: ga in beroep bij de commissie van beroep voor examens.",
}
ANDERE_WEGEN = "Andere wegen:"

# One short sentence per route, for the list of other routes: it follows the route's name and a
# colon ("Het schoolbestuur: daar kun je ..."), so it starts in lower case. No placeholders: the
# full explanation, with names and addresses, is in the whole advice.
ROUTE_KORT: dict[str, str] = {
    "onderling_overleg": "vertel rustig wat je anders wilt.",
    "mentor": "die kan vaak snel helpen.",
    "contactpersoon": "die luistert en denkt met je mee.",
    "directeur": "die leidt de school en kan dingen veranderen.",
    "bevoegd_gezag": "daar kun je een officiële klacht indienen.",
    "klachtencommissie": "die onderzoekt je klacht en kiest geen partij.",
    "landelijke_klachtencommissie": "die werkt voor scholen in heel Nederland.",
    "vertrouwenspersoon": "die luistert en helpt je bij elke stap.",
    "vertrouwensinspecteur": "die kun je zelf bellen, los van de school.",
    "politie": "daar kun je aangifte doen als er iets strafbaars is gebeurd.",
    "veilig_thuis": "bel gratis 0800-2000 bij geweld of misbruik thuis, dag en nacht.",
    "commissie_van_beroep_examens": "daar ga je in beroep tegen een examencijfer of examenbeslissing.",
}

# The notes, shorter, for the chat: the one thing to know (the whole note is in the full advice).
OPMERKINGEN_KORT: dict[str, tuple[Sentence, ...]] = {
    "zedenzaak_personeel": (
        "Wat je vertelt, is heel ernstig.",
        "Het schoolbestuur moet dit bespreken met de vertrouwensinspecteur. Dat staat in de wet.",
        ("heeft_vp", "Je hoeft dit niet alleen te doen. De vertrouwenspersoon helpt je."),
    ),
    "mogelijk_strafbaar": (
        "Wat er gebeurde, is misschien strafbaar. Je kunt aangifte doen bij de politie.",
    ),
    "examen": (
        "Gaat het om een examen? Wacht dan niet te lang, want de tijd om in beroep te gaan is vaak kort.",
    ),
    "buiten_termijn": (
        "Wat er gebeurde, is langer dan {klachttermijn} geleden.",
        "De klachtencommissie kan een uitzondering maken en je klacht toch behandelen, bijvoorbeeld als je het pas later wist of het eerder niet kon. Vertel erbij waarom het later is.",
    ),
    "anoniem": (
        "Je mag je naam geheim houden. Maar een officiële klacht zonder naam wordt meestal niet behandeld.",
    ),
    "minderjarig": (
        "Ben je jonger dan 18? Dan vertelt de contactpersoon het meestal aan je ouders of verzorgers. Jij weet dat eerst.",
        "Vind je dat moeilijk? Zeg het dan gerust.",
    ),
}


# ================================================================================================
# The "u" form: the same texts, sentence by sentence, for parents, staff and others.
# ================================================================================================

ROUTE_TEKSTEN_U: dict[str, tuple[Sentence, ...]] = {
    "onderling_overleg": (
        "Praat eerst zelf met de persoon om wie het gaat.",
        "Vertel rustig wat er gebeurde en wat u anders wilt.",
        "Vaak is het daarna al beter.",
        "Vindt u dat spannend? Neem dan iemand mee die u vertrouwt.",
    ),
    "mentor": (
        "Vertel het aan {mentor_wie}.",
        "Die kent de school en de mensen goed en kan vaak snel helpen.",
        "Spreek samen af wat er gaat gebeuren en wanneer u elkaar weer spreekt.",
    ),
    "contactpersoon": (
        "De contactpersoon is iemand van {school} die naar u luistert als u een klacht heeft.",
        "Samen met de contactpersoon kijkt u wat er is gebeurd en wat u kunt doen.",
        "De contactpersoon houdt vertrouwelijk wat u vertelt.",
        ("heeft_vp", "De contactpersoon kan u ook in contact brengen met de vertrouwenspersoon."),
        "Op {school} is dat {contactpersoon_namen}.",
        "U bereikt de contactpersoon via {contactpersoon_bereik}.",
        ("contactpersoon_onbekend", "Weet u niet wie het is? Vraag het op school of kijk in de schoolgids."),
    ),
    "directeur": (
        "Is het nog niet opgelost? Maak dan een afspraak met de directeur van {school}.",
        "De directeur leidt de school en kan dingen veranderen.",
        "Vertel wat u al heeft geprobeerd.",
    ),
    "bevoegd_gezag": (
        "Het schoolbestuur staat boven de directeur. Bij {bestuur_kort} is dat {bevoegd_gezag_naam}.",
        "U kunt daar een klacht indienen. Schrijf op: uw naam en adres, de datum en wat er is gebeurd. Zet uw handtekening eronder.",
        "Vertelt u het liever? Dan wordt het voor u opgeschreven en krijgt u een kopie.",
        "Is de klacht eenvoudig op te lossen? Dan doet het bestuur dat zelf.",
        ("heeft_eigen_commissie", "Anders stuurt het bestuur u door naar de vertrouwenspersoon of de klachtencommissie."),
        "Adres: {bestuur_bereik}.",
    ),
    "klachtencommissie": (
        "De klachtencommissie onderzoekt uw klacht en geeft daarna advies aan het schoolbestuur.",
        "In de commissie zitten mensen die niet op de school werken. Zij kiezen geen partij.",
        "Schrijf uw klacht op: uw naam en adres, de datum en wat er is gebeurd. Zet uw handtekening eronder.",
        ("volledig", "Binnen {ontvangst_werkdagen} hoort u dat de commissie uw klacht onderzoekt."),
        ("volledig", "Binnen {hoorzitting_weken} na uw klacht is er een gesprek met de commissie. Dat heet de hoorzitting. Meestal praat de commissie apart met u en apart met de ander."),
        ("volledig", "Binnen {advies_weken} na dat gesprek geeft de commissie advies aan het schoolbestuur."),
        ("volledig", "Dat mag {advies_verlenging} langer duren. Dan hoort u waarom."),
        ("volledig", "Binnen {besluit_weken} na het advies vertelt het bestuur wat het ermee doet."),
        ("volledig", "Ook dat mag {besluit_verlenging} langer duren."),
        "Alles bij elkaar duurt het ongeveer {doorlooptijd}, soms langer.",
        ("heeft_vp", "De vertrouwenspersoon kan u helpen met uw klacht."),
        "Zo bereikt u {kc_naam}: {kc_bereik}.",
        ("anoniem", "Let op: een klacht zonder naam behandelt de commissie meestal niet."),
        ("buiten_termijn", "Wat er gebeurde, is langer dan {klachttermijn} geleden. Toch kan de commissie uw klacht behandelen, bijvoorbeeld als u het pas later wist, als u eerst iets anders heeft geprobeerd of als u het eerder niet kon. Vertel erbij waarom het later is."),
    ),
    "landelijke_klachtencommissie": (
        "De Landelijke Klachtencommissie Onderwijs is een commissie voor scholen in heel Nederland. Zij kiest geen partij.",
        "{bestuur_kort} is daarbij aangesloten.",
        ("heeft_eigen_commissie", "U kunt daar een klacht indienen in plaats van bij de eigen klachtencommissie, of daarna."),
        ("geen_eigen_commissie", "Hier dient u een officiële klacht in. De commissie onderzoekt die en geeft advies aan het schoolbestuur. Het bestuur beslist daarna wat het doet."),
        "De landelijke commissie heeft eigen regels en termijnen. Die vindt u op {lkc_website}.",
        "Zo bereikt u de landelijke commissie: {lkc_bereik}.",
        ("anoniem", "Let op: een klacht zonder naam behandelt de commissie meestal niet."),
    ),
    "vertrouwenspersoon": (
        "De vertrouwenspersoon luistert naar u en helpt u verder. Dat kan bij elke stap.",
        ("uitleg_bemiddeling", "De vertrouwenspersoon kijkt eerst of het probleem kan worden opgelost door met iedereen te praten."),
        "Wilt u een klacht indienen of aangifte doen bij de politie? Dan helpt de vertrouwenspersoon u daarbij.",
        "De vertrouwenspersoon vertelt niets over u aan anderen zonder dat u dat goed vindt. Alleen als de wet het verplicht, moet er iets worden doorgegeven.",
        "Bij {bestuur_kort} is de vertrouwenspersoon {vp_namen}.",
        "U bereikt de vertrouwenspersoon via {vp_bereik}.",
    ),
    "vertrouwensinspecteur": (
        "De vertrouwensinspecteur werkt bij de Inspectie van het Onderwijs en staat los van de school.",
        "U kunt daar zelf bellen als het gaat om seksuele intimidatie, seksueel misbruik, geweld of discriminatie op school.",
        "Bel {vi_telefoon}.",
    ),
    "politie": (
        "Is er misschien een strafbaar feit gebeurd, zoals diefstal, bedreiging, mishandeling of misbruik? Dan kunt u aangifte doen bij de politie.",
        "Bel 0900-8844 of ga naar een politiebureau. Is er nu gevaar? Bel dan 112.",
        ("heeft_vp", "De vertrouwenspersoon kan u helpen bij de aangifte."),
    ),
    "veilig_thuis": (
        "Veilig Thuis helpt als er thuis geweld, mishandeling of misbruik is.",
        "Bel gratis 0800-2000, dag en nacht. U kunt ook eerst alleen om advies vragen.",
        "U mag er ook op school over praten, bijvoorbeeld met de contactpersoon.",
    ),
    "commissie_van_beroep_examens": (
        "Gaat het om een cijfer of een beslissing bij een examen? Dan geldt niet de klachtenregeling, maar het examenreglement van de school.",
        "U kunt dan in beroep gaan bij de commissie van beroep voor examens.",
        "In het examenreglement staat hoe dat moet en hoeveel tijd u heeft. Die tijd is vaak kort. Wacht dus niet te lang.",
        "Zo bereikt u de commissie: {cvbe_bereik}.",
    ),
}

OPMERKINGEN_U: dict[str, tuple[Sentence, ...]] = {
    "zedenzaak_personeel": (
        "Wat u vertelt, is heel ernstig.",
        "Heeft iemand die op school werkt misschien iets seksueels gedaan met een leerling? Dan moet het schoolbestuur dat bespreken met de vertrouwensinspecteur ({vi_telefoon}).",
        "Denkt de vertrouwensinspecteur dat er misschien een strafbaar feit is gebeurd? Dan moet het schoolbestuur aangifte doen bij de politie. Dat staat in de wet.",
        ("heeft_vp", "U hoeft dit niet alleen te doen. De vertrouwenspersoon helpt u."),
    ),
    "mogelijk_strafbaar": (
        "Wat er gebeurde, is misschien strafbaar. U kunt aangifte doen bij de politie.",
        ("heeft_vp", "De vertrouwenspersoon kan u daarbij helpen."),
    ),
    "examen": (
        "Een klacht over een examencijfer of een examenbeslissing gaat niet via de klachtenregeling.",
        "Daarvoor is de commissie van beroep voor examens. Hoe het werkt en hoeveel tijd u heeft, staat in het examenreglement van de school.",
    ),
    "buiten_termijn": (
        "Wat er gebeurde, is langer dan {klachttermijn} geleden.",
        "Normaal dient u een klacht in binnen {klachttermijn}.",
        "Maar de klachtencommissie mag een klacht toch behandelen, bijvoorbeeld als u het pas later wist, als u eerst iets anders heeft geprobeerd of als u het eerder niet kon.",
        "U kunt uw klacht dus gewoon indienen. Vertel erbij waarom het later is.",
    ),
    "anoniem": (
        "U mag uw naam geheim houden. Wat u vertelt, wordt gehoord en opgeschreven. De school kan er dan toch iets mee doen.",
        "Maar een officiële klacht zonder naam wordt meestal niet behandeld door de klachtencommissie of het schoolbestuur.",
        "Wilt u later toch een officiële klacht indienen? Dan moet u wel uw naam geven.",
    ),
    # Only for a pupil, who is normally addressed with "je"; here for a caller that chose "u".
    "minderjarig": (
        "Bent u jonger dan 18? Dan vertelt de contactpersoon of de vertrouwenspersoon het meestal aan uw ouders of verzorgers.",
        "Dat gebeurt niet stiekem: u weet het eerst.",
        "Soms is het beter voor u dat uw ouders het niet horen. Dat beslist de contactpersoon. Vertel het dus gerust als u het spannend vindt dat uw ouders het horen.",
    ),
}

SPOED_INTRO_U = "Eerst dit, want het is belangrijk:"
HULPLIJNEN_U: dict[str, str] = {
    "112": "Bent u of is iemand anders nu in gevaar? Bel dan meteen 112.",
    "113": "Denkt u aan zelfdoding? Praat erover met 113 Zelfmoordpreventie: bel gratis 0800-0113 of chat via 113.nl. Dag en nacht.",
    "kindertelefoon": "Wilt u met iemand praten? Bel gratis De Kindertelefoon: 0800-0432, of chat via kindertelefoon.nl.",
    "veilig_thuis": "Gebeurt er thuis iets wat niet goed is, zoals geweld of misbruik? Bel gratis Veilig Thuis: 0800-2000. Dag en nacht.",
}
SPOED_OUTRO_U = "Als u wilt, kijken we daarna samen verder."

MENTOR_WIE_U: dict[str, str] = {
    "leerling": "uw mentor of teamleider",
    "ouder": "de mentor of teamleider van uw kind",
    "personeel": "uw teamleider of leidinggevende",
    "anders": "de mentor of teamleider",
    "oud_leerling": "de mentor of teamleider van toen",
}

# The headings and the list heading have no form of address: the same in both forms.
ADVIES_KOP_U: dict[str, str] = dict(ADVIES_KOP)
ANDERE_WEGEN_U = ANDERE_WEGEN

ROUTE_KORT_U: dict[str, str] = {
    "onderling_overleg": "vertel rustig wat u anders wilt.",
    "mentor": "die kan vaak snel helpen.",
    "contactpersoon": "die luistert en denkt met u mee.",
    "directeur": "die leidt de school en kan dingen veranderen.",
    "bevoegd_gezag": "daar kunt u een officiële klacht indienen.",
    "klachtencommissie": "die onderzoekt uw klacht en kiest geen partij.",
    "landelijke_klachtencommissie": "die werkt voor scholen in heel Nederland.",
    "vertrouwenspersoon": "die luistert en helpt u bij elke stap.",
    "vertrouwensinspecteur": "die kunt u zelf bellen, los van de school.",
    "politie": "daar kunt u aangifte doen als er iets strafbaars is gebeurd.",
    "veilig_thuis": "bel gratis 0800-2000 bij geweld of misbruik thuis, dag en nacht.",
    "commissie_van_beroep_examens": "daar gaat u in beroep tegen een examencijfer of examenbeslissing.",
}

OPMERKINGEN_KORT_U: dict[str, tuple[Sentence, ...]] = {
    "zedenzaak_personeel": (
        "Wat u vertelt, is heel ernstig.",
        "Het schoolbestuur moet dit bespreken met de vertrouwensinspecteur. Dat staat in de wet.",
        ("heeft_vp", "U hoeft dit niet alleen te doen. De vertrouwenspersoon helpt u."),
    ),
    "mogelijk_strafbaar": (
        "Wat er gebeurde, is misschien strafbaar. U kunt aangifte doen bij de politie.",
    ),
    "examen": (
        "Gaat het om een examen? Wacht dan niet te lang, want de tijd om in beroep te gaan is vaak kort.",
    ),
    "buiten_termijn": (
        "Wat er gebeurde, is langer dan {klachttermijn} geleden.",
        "De klachtencommissie kan een uitzondering maken en uw klacht toch behandelen, bijvoorbeeld als u het pas later wist of het eerder niet kon. Vertel erbij waarom het later is.",
    ),
    "anoniem": (
        "U mag uw naam geheim houden. Maar een officiële klacht zonder naam wordt meestal niet behandeld.",
    ),
    "minderjarig": (
        "Bent u jonger dan 18? Dan vertelt de contactpersoon het meestal aan uw ouders of verzorgers. U weet dat eerst.",
        "Vindt u dat moeilijk? Zeg het dan gerust.",
    ),
}


@dataclass(frozen=True)
class Teksten:
    """All texts of one form of address."""

    route_teksten: Mapping[str, tuple[Sentence, ...]]
    opmerkingen: Mapping[str, tuple[Sentence, ...]]
    spoed_intro: str
    hulplijnen: Mapping[str, str]
    spoed_outro: str
    mentor_wie: Mapping[str, str]
    advies_kop: Mapping[str, str]
    andere_wegen: str
    route_kort: Mapping[str, str]
    opmerkingen_kort: Mapping[str, tuple[Sentence, ...]]


# The school's own people and addresses, added to an FAQ answer (the bot's answers are generic;
# contract §5: "the school's own people … are shown by the bot"). No "je" or "u" in them, so one
# set serves both forms. A sentence with an unknown placeholder is left out (see ``render``).
FAQ_BIJ_SCHOOL: dict[str, tuple[Sentence, ...]] = {
    "contactpersoon": (
        "Op {school} is de contactpersoon: {contactpersoon_namen}.",
        "Bereikbaar via {contactpersoon_bereik}.",
    ),
    "vertrouwenspersoon": (
        "De vertrouwenspersoon van {bestuur_kort} is {vp_namen}.",
        "Bereikbaar via {vp_bereik}.",
    ),
    "klachtencommissie": (
        ("heeft_eigen_commissie", "{bestuur_kort} werkt met {kc_naam}."),
        ("heeft_eigen_commissie", "Adres: {kc_bereik}."),
    ),
    "landelijke_klachtencommissie": (
        "De Landelijke Klachtencommissie Onderwijs: {lkc_bereik}.",
        "Website: {lkc_website}.",
    ),
    "bevoegd_gezag": (
        "Bij {bestuur_kort} is het bevoegd gezag {bevoegd_gezag_naam}.",
        "Adres: {bestuur_bereik}.",
    ),
}


TEKSTEN: dict[str, Teksten] = {
    "je": Teksten(
        ROUTE_TEKSTEN, OPMERKINGEN, SPOED_INTRO, HULPLIJNEN, SPOED_OUTRO,
        MENTOR_WIE, ADVIES_KOP, ANDERE_WEGEN, ROUTE_KORT, OPMERKINGEN_KORT,
    ),
    "u": Teksten(
        ROUTE_TEKSTEN_U, OPMERKINGEN_U, SPOED_INTRO_U, HULPLIJNEN_U, SPOED_OUTRO_U,
        MENTOR_WIE_U, ADVIES_KOP_U, ANDERE_WEGEN_U, ROUTE_KORT_U, OPMERKINGEN_KORT_U,
    ),
}
assert set(TEKSTEN) == set(VORMEN)


def render(sentences: tuple[Sentence, ...], ctx: Mapping[str, Any]) -> str:
    """Join the sentences whose condition holds and whose placeholders are all known."""
    out = []
    for sentence in sentences:
        if isinstance(sentence, tuple):
            condition, sentence = sentence
            if not ctx[condition]:
                continue
        names = [name for _, name, _, _ in Formatter().parse(sentence) if name]
        if any(ctx[name] is None for name in names):  # KeyError on a typo: on purpose
            continue
        out.append(sentence.format(**{name: ctx[name] for name in names}))
    return " ".join(out)
