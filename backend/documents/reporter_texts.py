"""Everything the backend says to a reporter, per conversation language (issue 17): the copy
(``backend.documents.reporter_copy``), the copy page (``templates/kopie.html``), the page that
checks a copy (``templates/verificatie.html``, linked from the copy) and the public API's status
texts and refusals (``backend.api.public``). A ``_label`` text is the bold start of the text
of the same key. One table per language (:data:`DUTCH`,
:data:`ENGLISH`), one function choosing (:func:`for_language`); the code that builds the copy
is the same for both.

A text is a template with ``{fields}``. A Dutch text that depends on the form of address is a
pair (``je``, ``u``), as the chat addressed the person (``wegwijzer.advice.aanspreekvorm``);
English has only "you", so its texts are plain strings. Contract values (routes, wishes, what
was tried) become phrases through the tables of each language; an unknown value is shown with
its underscores as spaces. Dates are in Dutch time, written in the language
(``wegwijzer.dates``).

Dutch stays B1, warm and short; English is plain English at the same level. The staff's pages
are Dutch and do not use this module.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Callable, Dict, Mapping, Optional, Tuple, Union

from wegwijzer.dates import dutch_date, dutch_datetime, english_date, english_datetime
from wegwijzer.route_texts import ROUTE_NAMEN
from wegwijzer.route_texts_en import ROUTE_NAMEN_EN
from wegwijzer.taal import GESPREKSTALEN

# A text: one form for everyone, or (je, u).
Text = Union[str, Tuple[str, str]]


@dataclass(frozen=True)
class Language:
    """One language's texts, phrases and date format."""

    code: str  # nl | en (wegwijzer.taal.GESPREKSTALEN)
    texts: Mapping[str, Text]
    # Contract values → phrases, per record field (``rol``, ``al_ondernomen``, ``wens``), from
    # the reporter's point of view; ``wens_in_brief``: the wishes in the first person.
    phrases: Mapping[str, Mapping[str, str]]
    routes: Mapping[str, str]
    date_words: Callable[[date], str]
    datetime_words: Callable[[datetime], str]

    def say(self, key: str, u: bool = False, **fields: Any) -> str:
        """The text ``key`` (the "u" form when ``u`` and the language has one), filled in."""
        text = self.texts[key]
        if isinstance(text, tuple):
            text = text[1] if u else text[0]
        return text.format(**fields) if fields else text

    def phrase(self, field: str, value: str) -> str:
        return self.phrases[field].get(value, value.replace("_", " "))

    def route(self, value: str) -> str:
        return self.routes.get(value, value.replace("_", " "))

    def date(self, day: date) -> str:
        return self.date_words(day)

    def datetime(self, moment: datetime) -> str:
        return self.datetime_words(moment)


DUTCH = Language(
    code="nl",
    texts={
        # --- the copy ---
        "copy.title": ("Kopie van je melding", "Kopie van uw melding"),
        "copy.intro": (
            "Dit is een kopie van wat je aan Wegwijzer hebt verteld over {school}. "
            "Bewaar hem goed. Je mag hem laten zien aan iemand die je vertrouwt.",
            "Dit is een kopie van wat u aan Wegwijzer heeft verteld over {school}. "
            "Bewaar hem goed. U mag hem laten zien aan iemand die u vertrouwt.",
        ),
        "copy.school": "School: {school}",
        "copy.reported_at": ("Datum van je melding: {when}", "Datum van uw melding: {when}"),
        "copy.not_filled_in": "Niet ingevuld.",
        "copy.made_at": "Gemaakt op {when}",
        "copy.made_at_verifiable": "Gemaakt op {when} · verificatiecode {code}",
        "copy.verify_at": "Is deze kopie echt en niet veranderd? Kijk op {url}",
        "copy.code": ("Je code: {code}", "Uw code: {code}"),
        "copy.code_keep": (
            "Met deze code kun je later naar je melding vragen. Bewaar hem goed.",
            "Met deze code kunt u later naar uw melding vragen. Bewaar hem goed.",
        ),
        "copy.reference": "Referentie: {referentie}",
        "copy.code_from_chat": (
            "Met de code uit de chat kun je later naar je melding vragen.",
            "Met de code uit de chat kunt u later naar uw melding vragen.",
        ),
        "copy.the_code_from_chat": (
            "de code die je in de chat kreeg.", "de code die u in de chat kreeg.",
        ),
        "copy.role": ("Je meldt als: {rol}", "U meldt als: {rol}"),
        "copy.anonymous": (
            "Je hebt anoniem gemeld. Daarom staan je naam en contactgegevens niet in deze kopie.",
            "U heeft anoniem gemeld. Daarom staan uw naam en contactgegevens niet in deze kopie.",
        ),
        "copy.name": ("Je naam: {naam}", "Uw naam: {naam}"),
        "copy.contact": ("Hoe we je kunnen bereiken: {contact}",
                         "Hoe we u kunnen bereiken: {contact}"),
        "copy.heading.what": ("Wat er gebeurde (in je eigen woorden)",
                              "Wat er gebeurde (in uw eigen woorden)"),
        "copy.heading.when": "Wanneer",
        "copy.heading.who": "Wie erbij betrokken waren",
        "copy.heading.tried": ("Wat je al hebt geprobeerd", "Wat u al heeft geprobeerd"),
        "copy.heading.wanted": ("Wat je graag wilt", "Wat u graag wilt"),
        "copy.heading.routes": ("Welke wegen je kunt gaan", "Welke wegen u kunt gaan"),
        "copy.when_with_date": "{wanneer} (datum: {day})",
        "copy.routes_advised": ("Dit raden we je aan, de eerste stap eerst:",
                                "Dit raden we u aan, de eerste stap eerst:"),
        "copy.no_advice": "Er staat geen advies bij deze melding.",
        "copy.chosen": ("Jouw keuze: {route}", "Uw keuze: {route}"),
        "copy.not_chosen": ("Je hebt nog geen weg gekozen. Dat mag ook later.",
                            "U heeft nog geen weg gekozen. Dat mag ook later."),
        "copy.heading.next": "Wat gebeurt er nu?",
        "copy.next": (
            "De contactpersoon van {school} leest je melding. "
            "Meestal gebeurt dat binnen een paar schooldagen.",
            "De contactpersoon van {school} leest uw melding. "
            "Meestal gebeurt dat binnen een paar schooldagen.",
        ),
        "copy.follow_up_anonymous": (
            "Je hebt anoniem gemeld, dus niemand kan je terugbellen of mailen. "
            "Wil je weten hoe het gaat of iets aanvullen? Vraag ernaar met je code: {code}",
            "U heeft anoniem gemeld, dus niemand kan u terugbellen of mailen. "
            "Wilt u weten hoe het gaat of iets aanvullen? Vraag ernaar met uw code: {code}",
        ),
        "copy.follow_up": (
            "Misschien neemt de contactpersoon contact met je op. "
            "Wil je zelf iets vragen of aanvullen? Noem dan je code: {code}",
            "Misschien neemt de contactpersoon contact met u op. "
            "Wilt u zelf iets vragen of aanvullen? Noem dan uw code: {code}",
        ),
        "copy.danger": ("Ben je nu in gevaar? Bel dan meteen 112. Wacht niet op de school.",
                        "Is er nu gevaar? Bel dan meteen 112. Wacht niet op de school."),
        "copy.not_alone": (
            "Je staat er niet alleen voor. Ook de vertrouwenspersoon kan je helpen.",
            "U staat er niet alleen voor. Ook de vertrouwenspersoon kan u helpen.",
        ),
        # --- the draft letter (art. 9) ---
        "letter.title": "Conceptbrief voor een klacht",
        "letter.intro": (
            "Wil je een officiële klacht indienen bij de klachtencommissie? Dat moet op papier, "
            "met je handtekening. Je kunt deze brief daarvoor gebruiken. Vul in wat tussen "
            "[haken] staat, lees alles rustig na en verander wat niet klopt.",
            "Wilt u een officiële klacht indienen bij de klachtencommissie? Dat moet op papier, "
            "met uw handtekening. U kunt deze brief daarvoor gebruiken. Vul in wat tussen "
            "[haken] staat, lees alles rustig na en verander wat niet klopt.",
        ),
        "letter.language": "",  # a Dutch letter needs no word about its language
        "letter.name_placeholder": ("[je naam]", "[uw naam]"),
        "letter.address_placeholder": ("[je adres]", "[uw adres]"),
        "letter.place_placeholder": "[plaats]",
        "letter.committee_address_placeholder": "[adres van de klachtencommissie]",
        "letter.default_committee": "De klachtencommissie van het schoolbestuur",
        "letter.name": "Naam: {naam}",
        "letter.address": "Adres: {adres}",
        "letter.contact": "Telefoon of e-mail: {contact}",
        "letter.to": "Aan: {committee}",
        "letter.place_and_date": "{place}, {day}",
        "letter.subject": "Onderwerp: klacht over {school}",
        "letter.salutation": "Geachte leden van de klachtencommissie,",
        "letter.opening": "Hierbij dien ik een klacht in over {school}. "
                          "Hieronder beschrijf ik wat er is gebeurd.",
        "letter.heading.what": "Wat er is gebeurd",
        "letter.heading.when": "Wanneer het gebeurde",
        "letter.heading.who": "Wie erbij betrokken waren",
        "letter.heading.tried": "Wat ik al heb geprobeerd",
        "letter.heading.wanted": "Wat ik wil bereiken",
        "letter.closing": "Ik hoor graag van u hoe mijn klacht verder wordt behandeld.",
        "letter.regards": "Met vriendelijke groet,",
        "letter.signature": "Handtekening: ______________________________",
        "letter.note": (
            "Let op: deze brief moet je ondertekenen voordat je hem verstuurt (artikel 9 van de "
            "klachtenregeling). De klacht moet ten minste je naam en adres, de datum en een "
            "omschrijving van de klacht bevatten. Ontbreekt er iets, dan krijg je de kans om "
            "het aan te vullen.",
            "Let op: deze brief moet u ondertekenen voordat u hem verstuurt (artikel 9 van de "
            "klachtenregeling). De klacht moet ten minste uw naam en adres, de datum en een "
            "omschrijving van de klacht bevatten. Ontbreekt er iets, dan krijgt u de kans om "
            "het aan te vullen.",
        ),
        # --- the PDF ---
        "pdf.footer": "Wegwijzer · Kopie van de melding · pagina {page}",
        "pdf.footer_verifiable":
            "Wegwijzer · Kopie van de melding · verificatiecode {code} · pagina {page}",
        "pdf.subject": "{title} ({school})",
        "pdf.file_name": "wegwijzer-kopie-{day:%Y-%m-%d}.pdf",
        # --- the status (without "je" or "u": the bot shows it to pupils and parents alike) ---
        "status.nieuw": "De melding is aangekomen en wacht op de contactpersoon.",
        "status.in_behandeling": "De contactpersoon is met de melding bezig.",
        "status.doorverwezen":
            "De contactpersoon heeft de melding doorgegeven aan iemand die verder kan helpen.",
        "status.afgesloten": "De melding is afgesloten.",
        # --- refusals of the public API ---
        "public.no_status":
            "We kunnen geen melding vinden bij deze code. Kijk of je de code goed hebt overgenomen.",
        "public.no_copy":
            "We kunnen geen kopie vinden bij deze code. Kijk of je de code goed hebt overgenomen, "
            "of vraag de contactpersoon van je school om hulp.",
        "public.too_many_codes":
            "Er zijn te vaak codes geprobeerd die we niet kennen. Wacht een kwartier en probeer het "
            "dan opnieuw.",
        "public.too_many_copies":
            "Er zijn in korte tijd veel kopieën gemaakt. Wacht een uur en probeer het dan opnieuw.",
        "public.too_many_replies":
            "Er zijn in korte tijd veel berichten gestuurd bij deze melding. Wacht een uur en stuur "
            "het dan opnieuw.",
        "public.reply_empty": "Vul een bericht in.",
        "public.reply_too_long": "Dit is te lang: hooguit {max_length} tekens.",
        # --- the copy page (kopie.html; "je") ---
        "page.lang": "nl",
        "page.skip_link": "Direct naar de inhoud",
        "page.title": "Je kopie",
        "page.heading": "Je kopie downloaden",
        "page.link_intro": "Hier download je een kopie van wat je aan Wegwijzer hebt verteld. "
                           "Deze link werkt maar één keer.",
        "page.download": "Download je kopie (PDF)",
        "page.link_gone": "Deze link werkt niet meer: hij is al gebruikt of te oud. Vul hieronder "
                          "je code in, dan krijg je de kopie toch.",
        "page.unknown_code": "We kunnen geen melding vinden bij deze code. Kijk of je de code "
                             "goed hebt overgenomen.",
        "page.too_many": "Er is te vaak een code geprobeerd die niet klopt. Wacht een kwartier "
                         "en probeer het dan opnieuw.",
        "page.form_intro": "Vul de code in die je in de chat kreeg. Dan download je een kopie "
                           "van wat je hebt verteld.",
        "page.code_label": "Je code",
        "page.code_hint": "Bijvoorbeeld K7QM-3XDA-9TPW.",
        "page.share_hint": "Deel je code en je kopie alleen met iemand die je vertrouwt.",
        # --- the verification page (verificatie.html; "je"; the copy's link for its reader) ---
        "verify.title": "Is deze kopie echt?",
        "verify.genuine_label": "Echt:",
        "verify.genuine": "deze kopie is gemaakt door Wegwijzer op {when} voor {school}.",
        "verify.genuine_more": "Wil je ook weten of er niets aan de kopie veranderd is? Plak "
                               "hieronder de tekst, of kies het bestand.",
        "verify.unchanged_label": "Echt en niet veranderd:",
        "verify.unchanged":
            "deze kopie is gemaakt door Wegwijzer op {when} voor {school}. De tekst "
            "is nog precies zoals hij toen was.",
        "verify.changed_label": "Let op: deze kopie is veranderd.",
        "verify.changed":
            "Wegwijzer heeft op {when} een kopie met deze verificatiecode gemaakt "
            "voor {school}, maar de tekst is nu anders dan toen.",
        "verify.not_confirmed_label": "Niet bevestigd:",
        "verify.not_confirmed":
            "we kunnen niet bevestigen dat Wegwijzer deze kopie heeft gemaakt. Vraag "
            "de school om hulp.",
        "verify.not_found_label": "Niet gevonden:",
        "verify.not_found":
            "Wegwijzer heeft geen kopie gemaakt met {which}. Kijk of je de code goed "
            "hebt overgenomen.",
        "verify.this_code": "verificatiecode {code}",
        "verify.a_code": "deze verificatiecode",
        "verify.no_code": "We vinden geen verificatiecode in deze tekst. Die staat bovenaan de "
                          "kopie, na het woord ‘verificatiecode’. Vul hem hieronder in, of plak de "
                          "hele kopie.",
        "verify.unreadable": "Dit bestand kunnen we niet lezen. Kies de PDF of het tekstbestand "
                             "dat je van Wegwijzer kreeg, of plak de tekst.",
        "verify.nothing": "Vul de verificatiecode in, plak de tekst van de kopie of kies het "
                          "bestand.",
        "verify.too_many": "Je hebt te vaak een verificatiecode geprobeerd die niet bestaat. Wacht "
                           "een kwartier en probeer het dan opnieuw.",
        "verify.too_many_checks": "Er zijn vanaf dit adres in korte tijd veel kopieën "
                                  "gecontroleerd. Wacht een kwartier en probeer het dan opnieuw.",
        "verify.intro": "Heb je een kopie van een melding bij Wegwijzer gekregen, of laat iemand "
                        "je er een zien? Hier zie je of de kopie echt door Wegwijzer is gemaakt "
                        "en of er niets aan veranderd is.",
        "verify.privacy": "Je ziet hier niets van wat er in de melding staat. Wat je plakt of "
                          "kiest, bewaren we niet.",
        "verify.code_label": "Verificatiecode",
        "verify.code_hint": "Staat bovenaan de kopie, bijvoorbeeld K7QM3-XDA9T.",
        "verify.text_label": "Plak de tekst van de kopie",
        "verify.file_label": "Of kies het bestand (PDF of tekst)",
        "verify.button": "Controleer",
    },
    phrases={
        "rol": {
            "leerling": "leerling",
            "ouder": "ouder of verzorger",
            "personeel": "iemand die op school werkt",
            "anders": "iemand anders",
            "oud_leerling": "oud-leerling",
        },
        "al_ondernomen": {
            "niets": "Nog niets",
            "onderling_overleg": "Zelf gepraat met de ander",
            "mentor": "Gepraat met de mentor of teamleider",
            "contactpersoon": "Gepraat met de contactpersoon",
            "directeur": "Gepraat met de directeur",
            "bevoegd_gezag": "Contact gehad met het schoolbestuur",
            "vertrouwenspersoon": "Gepraat met de vertrouwenspersoon",
            "klachtencommissie": "Contact gehad met de klachtencommissie",
            "anders": "Iets anders",
        },
        "wens": {
            "gehoord_worden": "Dat er naar me geluisterd wordt",
            "advies": "Advies over wat ik kan doen",
            "bemiddeling": "Hulp bij een gesprek met de ander (bemiddeling)",
            "stoppen_gedrag": "Dat het stopt",
            "formele_klacht": "Een officiële klacht indienen",
            "maatregel": "Dat de school maatregelen neemt",
            "excuses": "Excuses",
            "anders": "Iets anders",
        },
        "wens_in_brief": {
            "gehoord_worden": "dat er naar mij geluisterd wordt",
            "advies": "advies over wat ik kan doen",
            "bemiddeling": "hulp bij een gesprek met de ander (bemiddeling)",
            "stoppen_gedrag": "dat het gedrag stopt",
            "formele_klacht": "dat mijn klacht wordt onderzocht",
            "maatregel": "dat de school maatregelen neemt",
            "excuses": "excuses",
            "anders": "iets anders, zoals hierboven beschreven",
        },
    },
    routes=ROUTE_NAMEN,
    date_words=dutch_date,
    datetime_words=dutch_datetime,
)

ENGLISH = Language(
    code="en",
    texts={
        # --- the copy ---
        "copy.title": "Copy of your report",
        "copy.intro": "This is a copy of what you told Wegwijzer about {school}. Keep it in a "
                      "safe place. You may show it to someone you trust.",
        "copy.school": "School: {school}",
        "copy.reported_at": "Date of your report: {when}",
        "copy.not_filled_in": "Not filled in.",
        "copy.made_at": "Made on {when}",
        "copy.made_at_verifiable": "Made on {when} · verification code {code}",
        "copy.verify_at": "Is this copy genuine and unchanged? Check at {url}",
        "copy.code": "Your code: {code}",
        "copy.code_keep": "With this code you can ask about your report later. Keep it safe.",
        "copy.reference": "Reference: {referentie}",
        "copy.code_from_chat": "With the code from the chat you can ask about your report later.",
        "copy.the_code_from_chat": "the code you were given in the chat.",
        "copy.role": "You are reporting as: {rol}",
        "copy.anonymous": "You reported anonymously. That is why your name and contact details "
                          "are not in this copy.",
        "copy.name": "Your name: {naam}",
        "copy.contact": "How we can reach you: {contact}",
        "copy.heading.what": "What happened (in your own words)",
        "copy.heading.when": "When",
        "copy.heading.who": "Who was involved",
        "copy.heading.tried": "What you have already tried",
        "copy.heading.wanted": "What you would like",
        "copy.heading.routes": "Which ways you can go",
        "copy.when_with_date": "{wanneer} (date: {day})",
        "copy.routes_advised": "This is our advice, the first step first:",
        "copy.no_advice": "There is no advice with this report.",
        "copy.chosen": "Your choice: {route}",
        "copy.not_chosen": "You have not chosen a way yet. You can do that later.",
        "copy.heading.next": "What happens now?",
        "copy.next": "The contact person of {school} reads your report. This usually happens "
                     "within a few school days.",
        "copy.follow_up_anonymous":
            "You reported anonymously, so nobody can call or e-mail you back. Do you want to "
            "know how it is going, or add something? Ask with your code: {code}",
        "copy.follow_up":
            "The contact person may get in touch with you. Do you want to ask or add something "
            "yourself? Then give your code: {code}",
        "copy.danger": "Are you in danger now? Call 112 straight away. Do not wait for the school.",
        "copy.not_alone": "You are not alone in this. The confidential adviser "
                          "(vertrouwenspersoon) can help you too.",
        # --- the draft letter (art. 9) ---
        "letter.title": "Draft letter for a complaint",
        "letter.intro": "Do you want to make an official complaint to the complaints committee? "
                        "That has to be on paper, with your signature. You can use this letter "
                        "for it. Fill in what is between [brackets], read everything calmly "
                        "and change what is not right.",
        "letter.language": "The committee works in Dutch. You may send this letter in English; "
                           "if you would like help with Dutch, ask the contact person.",
        "letter.name_placeholder": "[your name]",
        "letter.address_placeholder": "[your address]",
        "letter.place_placeholder": "[place]",
        "letter.committee_address_placeholder": "[address of the complaints committee]",
        "letter.default_committee": "The complaints committee of the school board",
        "letter.name": "Name: {naam}",
        "letter.address": "Address: {adres}",
        "letter.contact": "Phone or e-mail: {contact}",
        "letter.to": "To: {committee}",
        "letter.place_and_date": "{place}, {day}",
        "letter.subject": "Subject: complaint about {school}",
        "letter.salutation": "Dear members of the complaints committee,",
        "letter.opening": "I hereby make a complaint about {school}. Below I describe what "
                          "happened.",
        "letter.heading.what": "What happened",
        "letter.heading.when": "When it happened",
        "letter.heading.who": "Who was involved",
        "letter.heading.tried": "What I have already tried",
        "letter.heading.wanted": "What I want to achieve",
        "letter.closing": "I look forward to hearing from you how my complaint will be handled.",
        "letter.regards": "Yours sincerely,",
        "letter.signature": "Signature: ______________________________",
        "letter.note": "Please note: you must sign this letter before you send it (article 9 of "
                       "the complaints regulation). The complaint must at least contain your name "
                       "and address, the date and a description of the complaint. If something "
                       "is missing, you will get the chance to add it.",
        # --- the PDF ---
        "pdf.footer": "Wegwijzer · Copy of the report · page {page}",
        "pdf.footer_verifiable": "Wegwijzer · Copy of the report · verification code {code} · "
                                 "page {page}",
        "pdf.subject": "{title} ({school})",
        "pdf.file_name": "wegwijzer-copy-{day:%Y-%m-%d}.pdf",
        # --- the status ---
        "status.nieuw": "The report has arrived and is waiting for the contact person.",
        "status.in_behandeling": "The contact person is working on the report.",
        "status.doorverwezen":
            "The contact person has passed the report on to someone who can help further.",
        "status.afgesloten": "The report has been closed.",
        # --- refusals of the public API ---
        "public.no_status": "We cannot find a report with this code. Check that you copied the "
                            "code correctly.",
        "public.no_copy": "We cannot find a copy with this code. Check that you copied the code "
                          "correctly, or ask the contact person of your school for help.",
        "public.too_many_codes": "Too many unknown codes have been tried. Wait a quarter of an "
                                 "hour and then try again.",
        "public.too_many_copies": "Many copies have been made in a short time. Wait an hour and "
                                  "then try again.",
        "public.too_many_replies": "Many messages have been sent about this report in a short "
                                   "time. Wait an hour and then send it again.",
        "public.reply_empty": "Please write a message.",
        "public.reply_too_long": "This is too long: at most {max_length} characters.",
        # --- the copy page ---
        "page.lang": "en",
        "page.skip_link": "Skip to the content",
        "page.title": "Your copy",
        "page.heading": "Download your copy",
        "page.link_intro": "Here you can download a copy of what you told Wegwijzer. This link "
                           "works only once.",
        "page.download": "Download your copy (PDF)",
        "page.link_gone": "This link no longer works: it has been used already or is too old. "
                          "Fill in your code below and you will still get the copy.",
        "page.unknown_code": "We cannot find a report with this code. Check that you copied the "
                             "code correctly.",
        "page.too_many": "A wrong code has been tried too often. Wait a quarter of an hour and "
                         "then try again.",
        "page.form_intro": "Fill in the code you were given in the chat. Then you can download a "
                           "copy of what you told us.",
        "page.code_label": "Your code",
        "page.code_hint": "For example K7QM-3XDA-9TPW.",
        "page.share_hint": "Only share your code and your copy with someone you trust.",
        # --- the verification page ---
        "verify.title": "Is this copy genuine?",
        "verify.genuine_label": "Genuine:",
        "verify.genuine": "this copy was made by Wegwijzer on {when} for {school}.",
        "verify.genuine_more": "Do you also want to know whether nothing in the copy has been "
                               "changed? Paste the text below, or choose the file.",
        "verify.unchanged_label": "Genuine and unchanged:",
        "verify.unchanged":
            "this copy was made by Wegwijzer on {when} for {school}. The text is "
            "still exactly as it was then.",
        "verify.changed_label": "Please note: this copy has been changed.",
        "verify.changed":
            "Wegwijzer made a copy with this verification code on {when} for "
            "{school}, but the text is now different from then.",
        "verify.not_confirmed_label": "Not confirmed:",
        "verify.not_confirmed":
            "we cannot confirm that Wegwijzer made this copy. Ask the school for "
            "help.",
        "verify.not_found_label": "Not found:",
        "verify.not_found":
            "Wegwijzer has not made a copy with {which}. Check that you copied the "
            "code correctly.",
        "verify.this_code": "verification code {code}",
        "verify.a_code": "this verification code",
        "verify.no_code": "We cannot find a verification code in this text. It is at the top of "
                          "the copy, after the words ‘verification code’. Fill it in below, or "
                          "paste the whole copy.",
        "verify.unreadable": "We cannot read this file. Choose the PDF or the text file you got "
                             "from Wegwijzer, or paste the text.",
        "verify.nothing": "Fill in the verification code, paste the text of the copy or choose "
                          "the file.",
        "verify.too_many": "You have tried a verification code that does not exist too often. "
                           "Wait a quarter of an hour and then try again.",
        "verify.too_many_checks": "Many copies have been checked from this address in a short "
                                  "time. Wait a quarter of an hour and then try again.",
        "verify.intro": "Did you get a copy of a report from Wegwijzer, or is someone showing "
                        "you one? Here you can see whether the copy was really made by Wegwijzer "
                        "and whether nothing in it has been changed.",
        "verify.privacy": "You see nothing here of what is in the report. We do not keep what "
                          "you paste or choose.",
        "verify.code_label": "Verification code",
        "verify.code_hint": "It is at the top of the copy, for example K7QM3-XDA9T.",
        "verify.text_label": "Paste the text of the copy",
        "verify.file_label": "Or choose the file (PDF or text)",
        "verify.button": "Check",
    },
    phrases={
        "rol": {
            "leerling": "student",
            "ouder": "parent or carer",
            "personeel": "someone who works at the school",
            "anders": "someone else",
            "oud_leerling": "former student",
        },
        "al_ondernomen": {
            "niets": "Nothing yet",
            "onderling_overleg": "Talked to the other person myself",
            "mentor": "Talked to the mentor or team leader",
            "contactpersoon": "Talked to the contact person",
            "directeur": "Talked to the head teacher",
            "bevoegd_gezag": "Contacted the school board",
            "vertrouwenspersoon": "Talked to the confidential adviser",
            "klachtencommissie": "Contacted the complaints committee",
            "anders": "Something else",
        },
        "wens": {
            "gehoord_worden": "That someone listens to me",
            "advies": "Advice on what I can do",
            "bemiddeling": "Help with a talk with the other person (mediation)",
            "stoppen_gedrag": "That it stops",
            "formele_klacht": "Making an official complaint",
            "maatregel": "That the school takes measures",
            "excuses": "An apology",
            "anders": "Something else",
        },
        "wens_in_brief": {
            "gehoord_worden": "that someone listens to me",
            "advies": "advice on what I can do",
            "bemiddeling": "help with a talk with the other person (mediation)",
            "stoppen_gedrag": "that the behaviour stops",
            "formele_klacht": "that my complaint is investigated",
            "maatregel": "that the school takes measures",
            "excuses": "an apology",
            "anders": "something else, as described above",
        },
    },
    routes=ROUTE_NAMEN_EN,  # the chat's English route names: the copy says what the chat said
    date_words=english_date,
    datetime_words=english_datetime,
)

LANGUAGES: Mapping[str, Language] = {DUTCH.code: DUTCH, ENGLISH.code: ENGLISH}
assert tuple(LANGUAGES) == GESPREKSTALEN
assert set(DUTCH.texts) == set(ENGLISH.texts), set(DUTCH.texts) ^ set(ENGLISH.texts)
assert all(set(DUTCH.phrases[f]) == set(ENGLISH.phrases[f]) for f in DUTCH.phrases)
assert set(DUTCH.routes) == set(ENGLISH.routes)


def for_language(code: Optional[str]) -> Language:
    """The texts for a conversation language (``gesprekstaal``); Dutch for anything else."""
    return LANGUAGES.get(code or "", DUTCH)


# A page for the reporter (the copy page, the verification page) in English: ``?taal=en`` in
# its address, kept through its forms in a hidden field of the same name.
PAGE_PARAMETER = "taal"


def for_page(query: Mapping[str, Any], form: Optional[Mapping[str, Any]] = None) -> Language:
    """A page's language: ``taal`` in the submitted form or the query string, else Dutch."""
    for source in (form or {}, query):
        asked = source.get(PAGE_PARAMETER)
        if isinstance(asked, str) and asked in LANGUAGES:
            return LANGUAGES[asked]
    return DUTCH


def page_context(lang: Language) -> Dict[str, Any]:
    """What a template needs to speak ``lang``: ``t(key, **fields)`` and the hidden ``taal``."""
    return {"t": lang.say, "taal": "" if lang is DUTCH else lang.code}


def of_record(record: Mapping[str, Any]) -> Language:
    """The texts for an intake record as the API serialises it (``schemas.intake_to_json``)."""
    return for_language(record.get("gesprekstaal"))
