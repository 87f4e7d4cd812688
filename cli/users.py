"""``wegwijzer users add|list|deactivate|activate|export|handover``: staff accounts, a staff
member's data, and a leaving contact person's cases handed to their successor."""
from __future__ import annotations

import argparse

from sqlalchemy.orm import sessionmaker

from backend import store
from backend.auth import security
from backend.models import BOARD_ROLES, ROLE_CONTACTPERSOON, ROLES
from cli.common import (
    EMAIL_RE, EXIT_OK, CommandError, check_password, counted, print_json, read_password, run_db,
)

def cmd_users_add(args: argparse.Namespace) -> int:
    email = args.email.strip().lower()
    name = args.name.strip()
    if not EMAIL_RE.match(email) or len(email) > 254:
        raise CommandError(f"Ongeldig e-mailadres: {args.email!r}.")
    if not name or len(name) > 200:
        raise CommandError("Geef een naam van 1 tot 200 tekens.")
    if args.role not in ROLES:
        raise CommandError(f"Ongeldige rol {args.role!r}: kies uit {', '.join(ROLES)}.")
    slugs = list(dict.fromkeys(slug.strip().lower() for slug in args.school or []))
    board = args.board.strip().lower() if args.board else None
    if args.role == ROLE_CONTACTPERSOON and not slugs:
        raise CommandError("Een contactpersoon hoort bij minstens één school: geef --school SLUG.")
    if args.role in BOARD_ROLES and board is None:
        raise CommandError(f"Een {args.role} werkt voor een bestuur: geef --board SLUG.")
    if not args.password_stdin:
        raise CommandError("Geef het wachtwoord via standaardinvoer en gebruik --password-stdin.")
    password = read_password()
    check_password(password)
    password_hash = security.hash_password(password)

    async def work(db: sessionmaker) -> None:
        try:
            outcome = await store.accounts.add_user(
                db,
                email=email,
                name=name,
                password_hash=password_hash,
                school_slugs=slugs,
                role=args.role,
                board=board,
            )
        except store.errors.UnknownBoard:
            raise CommandError(
                f"Onbekend bestuur {board!r}. Zet het bestuur eerst in de database met: "
                "wegwijzer schools import BESTAND.yml"
            ) from None
        except store.errors.UnknownSchool as exc:
            raise CommandError(
                f"Onbekende school: {', '.join(exc.slugs)}. "
                "Voeg haar eerst toe met: wegwijzer schools add --slug SLUG --name NAAM"
            ) from None
        serves = ", ".join(school.slug for school in outcome.user.schools)
        if outcome.created and args.role != ROLE_CONTACTPERSOON:
            where = f"bestuur {board}" if board else (serves or "geen school")
            print(f"Gebruiker {email} ({args.role}) aangemaakt voor: {where}.")
        elif outcome.created:
            print(f"Contactpersoon {email} aangemaakt voor: {serves}.")
        elif outcome.schools_added:
            print(
                f"Contactpersoon {email} bestond al; school toegevoegd: "
                f"{', '.join(outcome.schools_added)} (nu: {serves}). Naam en wachtwoord ongewijzigd."
            )
        else:
            print(f"Contactpersoon {email} bestond al en hoorde al bij: {serves}. Niets gewijzigd.")

    run_db(work)
    return EXIT_OK


def cmd_users_list(args: argparse.Namespace) -> int:
    users = run_db(store.accounts.list_users)
    if not users:
        print("Nog geen gebruikers. Voeg er een toe met: wegwijzer users add")
        return EXIT_OK
    print("e-mail\tnaam\trol\tactief\tscholen\tbestuur")
    for user in users:
        schools = ",".join(school.slug for school in user.schools) or "-"
        board = user.board.slug if user.board is not None else "-"
        active = "ja" if user.active else "nee"
        print(f"{user.email}\t{user.name}\t{user.role}\t{active}\t{schools}\t{board}")
    return EXIT_OK


def _no_user(email: str) -> CommandError:
    return CommandError(f"Geen gebruiker met e-mailadres {email!r}.")


def _set_active(email: str, active: bool) -> int:
    email = email.strip().lower()

    async def work(db: sessionmaker) -> bool:
        try:
            return await store.accounts.set_user_active(db, email, active)
        except store.errors.UnknownUser:
            raise _no_user(email) from None

    changed = run_db(work)
    if active:
        print(f"{email} kan weer inloggen." if changed else f"{email} was al actief.")
    else:
        print(
            f"{email} is gedeactiveerd: inloggen kan niet meer, open sessies zijn beëindigd."
            if changed else f"{email} was al gedeactiveerd."
        )
    return EXIT_OK


def cmd_users_deactivate(args: argparse.Namespace) -> int:
    return _set_active(args.email, False)


def cmd_users_activate(args: argparse.Namespace) -> int:
    return _set_active(args.email, True)


def cmd_users_export(args: argparse.Namespace) -> int:
    email = args.email.strip().lower()

    async def work(db: sessionmaker) -> dict:
        try:
            return await store.privacy.export_user(db, email)
        except store.errors.UnknownUser:
            raise _no_user(email) from None

    print_json(run_db(work))
    return EXIT_OK


def cmd_users_handover(args: argparse.Namespace) -> int:
    leaver, successor = args.leaver.strip().lower(), args.successor.strip().lower()

    async def work(db: sessionmaker) -> store.transfers.CasesTransferred:
        try:
            return await store.transfers.transfer_cases(
                db, leaver, successor, deactivate=not args.keep_active
            )
        except store.errors.UnknownUser as exc:
            raise _no_user(str(exc)) from None
        except store.errors.NoSuccessor as exc:
            raise CommandError(exc.message) from None

    outcome = run_db(work)
    schools = ", ".join(outcome.schools) or "geen nieuwe"
    print(
        f"Van {leaver} naar {successor}: {counted(len(outcome.cases), 'zaak', 'zaken')}, "
        f"{counted(outcome.steps, 'open vervolgstap', 'open vervolgstappen')}; "
        f"scholen erbij voor {successor}: {schools}."
    )
    if outcome.deactivated:
        print(f"{leaver} is gedeactiveerd: inloggen kan niet meer.")
    return EXIT_OK


def add_commands(commands: argparse._SubParsersAction) -> None:
    users = commands.add_parser("users", help="gebruikers (contactpersonen en anderen)")
    user_commands = users.add_subparsers(dest="users_command", required=True, metavar="COMMAND")
    add_user = user_commands.add_parser(
        "add", help="een contactpersoon toevoegen (of een school aan een bestaande koppelen)"
    )
    add_user.add_argument(
        "--school", action="append",
        help="slug van de school (mag vaker; verplicht voor een contactpersoon)",
    )
    add_user.add_argument(
        "--board", help="slug van het bestuur (verplicht voor vertrouwenspersoon en bestuur)"
    )
    add_user.add_argument("--email", required=True)
    add_user.add_argument("--name", required=True)
    add_user.add_argument(
        "--password-stdin",
        action="store_true",
        help="lees het wachtwoord van standaardinvoer (verplicht)",
    )
    add_user.add_argument(
        "--role", default=ROLE_CONTACTPERSOON, choices=ROLES,
        help="standaard: contactpersoon",
    )
    add_user.set_defaults(func=cmd_users_add)
    user_commands.add_parser("list", help="alle gebruikers met rol, scholen en bestuur").set_defaults(
        func=cmd_users_list
    )
    deactivate = user_commands.add_parser(
        "deactivate", help="een gebruiker deactiveren: inloggen kan dan niet meer"
    )
    deactivate.add_argument("email", metavar="EMAIL")
    deactivate.set_defaults(func=cmd_users_deactivate)
    activate = user_commands.add_parser("activate", help="een gedeactiveerde gebruiker weer toelaten")
    activate.add_argument("email", metavar="EMAIL")
    activate.set_defaults(func=cmd_users_activate)
    export_user = user_commands.add_parser(
        "export", help="alles wat over een medewerker is opgeslagen en wat die schreef (JSON)"
    )
    export_user.add_argument("email", metavar="EMAIL")
    export_user.set_defaults(func=cmd_users_export)
    handover = user_commands.add_parser(
        "handover",
        help="een vertrekkende contactpersoon overdragen: zaken, open vervolgstappen en scholen "
        "gaan naar de opvolger; de vertrekker wordt gedeactiveerd",
    )
    handover.add_argument("leaver", metavar="FROM_EMAIL", help="wie vertrekt")
    handover.add_argument("successor", metavar="TO_EMAIL", help="de opvolger (contactpersoon)")
    handover.add_argument(
        "--keep-active", action="store_true", help="de vertrekker niet deactiveren"
    )
    handover.set_defaults(func=cmd_users_handover)
