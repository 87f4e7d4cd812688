"""The English texts of the route advice (issue 17): the same texts as ``wegwijzer.route_texts``,
sentence by sentence, with the same conditions and placeholders, for a conversation held in
English. English has one form of address ("you"), so Dutch "je" and "u" share these texts.

Plain and short, like the Dutch. Dutch names of bodies a parent will meet on the school's own
papers (contactpersoon, vertrouwenspersoon, klachtencommissie) are given once in brackets.
"""
from __future__ import annotations

from wegwijzer.route_texts import Sentence, Teksten

ROUTE_NAMEN_EN: dict[str, str] = {
    "onderling_overleg": "Talk to the other person yourself",
    "mentor": "The mentor or team leader",
    "contactpersoon": "The contact person at school",
    "directeur": "The head teacher",
    "bevoegd_gezag": "The school board",
    "klachtencommissie": "The complaints committee",
    "landelijke_klachtencommissie": "The national complaints committee for education (LKC)",
    "vertrouwenspersoon": "The confidential adviser",
    "vertrouwensinspecteur": "The confidential inspector",
    "politie": "The police",
    "veilig_thuis": "Veilig Thuis",
    "commissie_van_beroep_examens": "The exam appeals committee",
}

ROUTE_TEKSTEN_EN: dict[str, tuple[Sentence, ...]] = {
    "onderling_overleg": (
        "First talk yourself with the person it is about.",
        "Calmly say what happened and what you would like to be different.",
        "Often things are already better after that.",
        "Does that feel hard? Then take someone you trust with you.",
    ),
    "mentor": (
        "Tell {mentor_wie}.",
        "They know the school and the people well and can often help quickly.",
        "Agree together what will happen and when you will talk again.",
    ),
    "contactpersoon": (
        "The contact person (contactpersoon) is someone at {school} who listens to you when you have a complaint.",
        "Together you look at what happened and what you can do.",
        "The contact person keeps what you tell them confidential.",
        ("heeft_vp", "The contact person can also put you in touch with the confidential adviser."),
        "At {school} that is {contactpersoon_namen}.",
        "You can reach the contact person via {contactpersoon_bereik}.",
        ("contactpersoon_onbekend", "Don't know who it is? Ask at the school or look in the school guide."),
    ),
    "directeur": (
        "Not solved yet? Then make an appointment with the head teacher of {school}.",
        "The head teacher runs the school and can change things.",
        "Say what you have already tried.",
    ),
    "bevoegd_gezag": (
        "The school board is above the head teacher. At {bestuur_kort} that is {bevoegd_gezag_naam}.",
        "You can make a complaint there. Write down: your name and address, the date and what happened. Sign it.",
        "Would you rather tell it? Then it is written down for you and you get a copy.",
        "Is the complaint easy to solve? Then the board does that itself.",
        ("heeft_eigen_commissie", "Otherwise the board refers you to the confidential adviser or the complaints committee."),
        "Address: {bestuur_bereik}.",
    ),
    "klachtencommissie": (
        "The complaints committee (klachtencommissie) looks into your complaint and then advises the school board.",
        "The committee members don't work at the school. They don't take sides.",
        "Write your complaint down: your name and address, the date and what happened. Sign it.",
        ("volledig", "Within {ontvangst_werkdagen} you hear that the committee is looking into your complaint."),
        ("volledig", "Within {hoorzitting_weken} after your complaint there is a meeting with the committee, the hearing. Usually the committee talks with you and with the other person separately."),
        ("volledig", "Within {advies_weken} after that meeting the committee advises the school board."),
        ("volledig", "That may take {advies_verlenging} longer. Then you are told why."),
        ("volledig", "Within {besluit_weken} after the advice the board says what it will do."),
        ("volledig", "That too may take {besluit_verlenging} longer."),
        "All in all it takes about {doorlooptijd}, sometimes longer.",
        ("heeft_vp", "The confidential adviser can help you with your complaint."),
        "How to reach {kc_naam}: {kc_bereik}.",
        ("anoniem", "Please note: the committee usually does not handle a complaint without a name."),
        ("buiten_termijn", "What happened was more than {klachttermijn} ago. The committee can still handle your complaint, for example if you only found out later, if you first tried something else or if you could not do it earlier. Say why it is later."),
    ),
    "landelijke_klachtencommissie": (
        "The national complaints committee for education (Landelijke Klachtencommissie Onderwijs) is a committee for schools all over the Netherlands. It doesn't take sides.",
        "{bestuur_kort} is a member.",
        ("heeft_eigen_commissie", "You can make a complaint there instead of to the board's own complaints committee, or after it."),
        ("geen_eigen_commissie", "This is where you make an official complaint. The committee looks into it and advises the school board. The board then decides what it does."),
        "The national committee has its own rules and time limits. You find them on {lkc_website}.",
        "How to reach the national committee: {lkc_bereik}.",
        ("anoniem", "Please note: the committee usually does not handle a complaint without a name."),
    ),
    "vertrouwenspersoon": (
        "The confidential adviser (vertrouwenspersoon) listens to you and helps you further. That is possible at every step.",
        ("uitleg_bemiddeling", "The confidential adviser first looks at whether the problem can be solved by talking with everyone."),
        "Want to make a complaint or report to the police? The confidential adviser helps you with that.",
        "The confidential adviser tells nobody anything about you without your agreement. Only when the law requires it must something be passed on.",
        "At {bestuur_kort} the confidential adviser is {vp_namen}.",
        "You can reach the confidential adviser via {vp_bereik}.",
    ),
    "vertrouwensinspecteur": (
        "The confidential inspector (vertrouwensinspecteur) works for the Education Inspectorate and is independent of the school.",
        "You can call yourself about sexual harassment, sexual abuse, violence or discrimination at school.",
        "Call {vi_telefoon}.",
    ),
    "politie": (
        "Could a crime have happened, like theft, threats, assault or abuse? Then you can report it to the police.",
        "Call 0900-8844 or go to a police station. Is there danger now? Then call 112.",
        ("heeft_vp", "The confidential adviser can help you with the report."),
    ),
    "veilig_thuis": (
        "Veilig Thuis helps when there is violence, mistreatment or abuse at home.",
        "Call 0800-2000 for free, day and night. You can also just ask for advice first.",
        "You may also talk about it at school, for example with the contact person.",
    ),
    "commissie_van_beroep_examens": (
        "Is it about a grade or a decision in an exam? Then not the complaints procedure applies, but the school's exam regulations.",
        "You can then appeal to the exam appeals committee.",
        "The exam regulations say how to do that and how much time you have. That time is often short. So don't wait too long.",
        "How to reach the committee: {cvbe_bereik}.",
    ),
}

OPMERKINGEN_EN: dict[str, tuple[Sentence, ...]] = {
    "zedenzaak_personeel": (
        "What you tell me is very serious.",
        "Did someone who works at the school perhaps do something sexual with a student? Then the school board must discuss it with the confidential inspector ({vi_telefoon}).",
        "If the confidential inspector thinks a crime may have happened, the school board must report it to the police. That is the law.",
        ("heeft_vp", "You don't have to do this alone. The confidential adviser helps you."),
    ),
    "mogelijk_strafbaar": (
        "What happened may be a crime. You can report it to the police.",
        ("heeft_vp", "The confidential adviser can help you with that."),
    ),
    "examen": (
        "A complaint about an exam grade or exam decision does not go through the complaints procedure.",
        "That is for the exam appeals committee. How it works and how much time you have is in the school's exam regulations.",
    ),
    "buiten_termijn": (
        "What happened was more than {klachttermijn} ago.",
        "Normally you make a complaint within {klachttermijn}.",
        "But the complaints committee may still handle it, for example if you only found out later, if you first tried something else or if you could not do it earlier.",
        "So you can still make your complaint. Say why it is later.",
    ),
    "anoniem": (
        "You may keep your name secret. What you tell is heard and written down. The school can still do something with it.",
        "But an official complaint without a name is usually not handled by the complaints committee or the school board.",
        "Want to make an official complaint later after all? Then you do need to give your name.",
    ),
    "minderjarig": (
        "Are you younger than 18? Then the contact person or the confidential adviser usually tells your parents or carers.",
        "That doesn't happen behind your back: you know first.",
        "Sometimes it is better for you that your parents don't hear it. The contact person decides that. So do say so if you are worried about your parents hearing it.",
    ),
}

SPOED_INTRO_EN = "First this, because it is important:"
HULPLIJNEN_EN: dict[str, str] = {
    "112": "Are you or is someone else in danger now? Then call 112 at once.",
    "113": "Are you thinking about suicide? Talk about it with 113 Suicide Prevention: call 0800-0113 for free or chat at 113.nl. Day and night.",
    "kindertelefoon": "Want to talk to someone? Call De Kindertelefoon for free: 0800-0432, or chat at kindertelefoon.nl.",
    "veilig_thuis": "Is something wrong happening at home, like violence or abuse? Call Veilig Thuis for free: 0800-2000. Day and night.",
}
SPOED_OUTRO_EN = "If you like, we'll look further together afterwards."

MENTOR_WIE_EN: dict[str, str] = {
    "leerling": "your mentor or team leader",
    "ouder": "your child's mentor or team leader",
    "personeel": "your team leader or manager",
    "anders": "the mentor or team leader",
    "oud_leerling": "the mentor or team leader of that time",
}

ADVIES_KOP_EN: dict[str, str] = {
    "onderling_overleg": "My advice: first talk with the other person yourself.",
    "mentor": "My advice: start with the mentor or team leader.",
    "contactpersoon": "My advice: start with the contact person at school.",
    "directeur": "My advice: go to the head teacher.",
    "bevoegd_gezag": "My advice: make a complaint to the school board.",
    "klachtencommissie": "My advice: make a complaint to the complaints committee.",
    "landelijke_klachtencommissie": "My advice: make a complaint to the national complaints committee for education.",
    "vertrouwenspersoon": "My advice: start with the confidential adviser.",
    "vertrouwensinspecteur": "My advice: call the confidential inspector.",
    "politie": "My advice: go to the police.",
    "veilig_thuis": "My advice: contact Veilig Thuis.",
    "commissie_van_beroep_examens": "My advice: appeal to the exam appeals committee.",
}
ANDERE_WEGEN_EN = "Other ways:"

ROUTE_KORT_EN: dict[str, str] = {
    "onderling_overleg": "calmly say what you would like to be different.",
    "mentor": "they can often help quickly.",
    "contactpersoon": "they listen and think along with you.",
    "directeur": "they run the school and can change things.",
    "bevoegd_gezag": "you can make an official complaint there.",
    "klachtencommissie": "they look into your complaint and don't take sides.",
    "landelijke_klachtencommissie": "they work for schools all over the Netherlands.",
    "vertrouwenspersoon": "they listen and help you at every step.",
    "vertrouwensinspecteur": "you can call them yourself, independent of the school.",
    "politie": "you can report it there if a crime happened.",
    "veilig_thuis": "call 0800-2000 for free about violence or abuse at home, day and night.",
    "commissie_van_beroep_examens": "you appeal there against an exam grade or exam decision.",
}

OPMERKINGEN_KORT_EN: dict[str, tuple[Sentence, ...]] = {
    "zedenzaak_personeel": (
        "What you tell me is very serious.",
        "The school board must discuss this with the confidential inspector. That is the law.",
        ("heeft_vp", "You don't have to do this alone. The confidential adviser helps you."),
    ),
    "mogelijk_strafbaar": (
        "What happened may be a crime. You can report it to the police.",
    ),
    "examen": (
        "Is it about an exam? Then don't wait too long: the time to appeal is often short.",
    ),
    "buiten_termijn": (
        "What happened was more than {klachttermijn} ago.",
        "The complaints committee can still handle it, for example if you only found out later or could not do it earlier. Say why it is later.",
    ),
    "anoniem": (
        "You may keep your name secret. But an official complaint without a name is usually not handled.",
    ),
    "minderjarig": (
        "Are you younger than 18? Then the contact person usually tells your parents or carers. You know first.",
        "Is that hard for you? Then do say so.",
    ),
}

FAQ_BIJ_SCHOOL_EN: dict[str, tuple[Sentence, ...]] = {
    "contactpersoon": (
        "At {school} the contact person is: {contactpersoon_namen}.",
        "You can reach them via {contactpersoon_bereik}.",
    ),
    "vertrouwenspersoon": (
        "The confidential adviser of {bestuur_kort} is {vp_namen}.",
        "You can reach them via {vp_bereik}.",
    ),
    "klachtencommissie": (
        ("heeft_eigen_commissie", "{bestuur_kort} works with {kc_naam}."),
        ("heeft_eigen_commissie", "Address: {kc_bereik}."),
    ),
    "landelijke_klachtencommissie": (
        "The national complaints committee for education: {lkc_bereik}.",
        "Website: {lkc_website}.",
    ),
    "bevoegd_gezag": (
        "At {bestuur_kort} the competent authority is {bevoegd_gezag_naam}.",
        "Address: {bestuur_bereik}.",
    ),
}

# The words the advice's context builds (wegwijzer.advice._context), per language.
WOORDEN_EN: dict[str, str] = {
    "de school": "the school", "week": "week", "weken": "weeks", "werkdag": "working day",
    "werkdagen": "working days", "jaar": "year", "jaren": "years", "maand": "month",
    "maanden": "months", "telefoon": "phone", "e-mail": "email", "of": "or",
    "eerste_stap": " (my advice: start here)",
}

TEKSTEN_EN = Teksten(
    ROUTE_TEKSTEN_EN, OPMERKINGEN_EN, SPOED_INTRO_EN, HULPLIJNEN_EN, SPOED_OUTRO_EN,
    MENTOR_WIE_EN, ADVIES_KOP_EN, ANDERE_WEGEN_EN, ROUTE_KORT_EN, OPMERKINGEN_KORT_EN,
)
