"""``wegwijzer``: the project's command-line tool (database, demo data, boards, schools, users).

``schools list`` and ``users list`` print tab-separated tables; ``users deactivate EMAIL``
locks an account out (its open sessions end too) and ``users activate EMAIL`` lets it in again.
``transcripts purge [--dry-run]`` deletes ended conversations from Rasa's tracker store once
(``shared.transcripts``), ``transcripts run`` keeps doing so (a process of the ``Procfile``).

Privacy (``backend.privacy``): ``keys rotate`` re-encrypts all free text with the first key of
``WEGWIJZER_DATA_KEYS`` (``keys generate`` prints a new key); ``retention purge [--dry-run]``
deletes intakes closed longer than ``WEGWIJZER_RETENTION_DAYS`` ago; ``privacy export|delete
--code CODE`` hands out or removes what is stored about one reporter's intake (these three also
read or delete Rasa's copy of the conversation, ``backend.conversations``); ``users export
EMAIL`` prints a staff member's data; ``users handover FROM TO`` gives a leaving contact
person's cases, open next steps and schools to their successor. JSON goes to standard output,
so it can be redirected to a file.

``notify run-once`` sends the notices that are due (for cron; the backend also does it itself).

``outbox send-once`` delivers the intakes waiting in the action server's outbox once
(``actions.outbox``: kept while the backend was away), ``outbox run`` keeps doing so (a process
of the ``Procfile``).

Exit codes: 0 done, 1 failure (e.g. the database cannot be reached, or a notice could not be
sent yet), 2 wrong input (usage
error, unknown school or board, invalid slug/e-mail/password, a configuration file with errors).
"""
from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import logging
import os
import re
import sys
from typing import Awaitable, Callable, List, Optional, Sequence, TypeVar

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import sessionmaker

from backend import (
    conversations, migrate, notify, privacy, queries, schoolconfig, security,
)
from backend.config import NotifySettings, database_url_from_env, retention_days_from_env
from backend.db import create_engine, create_session_factory, redacted_url
from backend.models import BOARD_ROLES, ROLE_CONTACTPERSOON, ROLES
from actions import outbox
from shared.client_settings import Settings as ActionSettings, get_settings as action_settings
from shared import crypto, transcripts
from shared.settings import REPO_ROOT

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2

DEMO_SCHOOL_SLUG = "demo"
DEMO_SCHOOL_NAME = "Demoschool De Wegwijzer"
# The demo board (the seed regulation, SCOL) with the demo school; `setup --demo` imports it.
DEMO_BOARD_FILE = REPO_ROOT / "config" / "scol.yml"
DEMO_EMAIL = "demo@wegwijzer.local"
DEMO_NAME = "Demo Contactpersoon"
DEFAULT_DEMO_PASSWORD = "demo-wachtwoord"

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+$")

T = TypeVar("T")


class CommandError(Exception):
    """A clear message for the developer and an exit code."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


def _database_url() -> str:
    try:
        return database_url_from_env()
    except ValueError as exc:  # an unsupported DATABASE_URL
        raise CommandError(str(exc)) from None


def _run_db(work: Callable[[sessionmaker], Awaitable[T]]) -> T:
    """Run ``work(session_factory)`` on a short-lived engine for DATABASE_URL."""
    _data_keys()

    async def runner() -> T:
        engine = create_engine(_database_url())
        try:
            return await work(create_session_factory(engine))
        finally:
            await engine.dispose()

    return asyncio.run(runner())


def _data_keys() -> None:
    """Load the data keys first: a bad key is a clear usage error, not a database error."""
    try:
        crypto.keyring()
    except ValueError as exc:
        raise CommandError(str(exc)) from None


# --- commands --------------------------------------------------------------------------------

def cmd_db_upgrade(args: argparse.Namespace) -> int:
    url = _database_url()
    _data_keys()  # a migration encrypts existing free text
    migrate.upgrade(url)
    print(f"Database bijgewerkt tot de nieuwste versie ({redacted_url(url)}).")
    return EXIT_OK


def cmd_setup(args: argparse.Namespace) -> int:
    board = _load_demo_board() if args.demo else None  # a broken file stops before any change
    cmd_db_upgrade(args)
    if board is None:
        return EXIT_OK
    from_env = os.environ.get("WEGWIJZER_DEMO_PASSWORD")
    password = from_env or DEFAULT_DEMO_PASSWORD
    # Another address than the development one (deploy/prod.py --demo-account).
    demo_email = (os.environ.get("WEGWIJZER_DEMO_EMAIL") or "").strip() or DEMO_EMAIL
    _check_password(password)
    password_hash = security.hash_password(password)

    async def work(db: sessionmaker) -> None:
        _print_import(await queries.import_board(db, board))
        outcome = await queries.add_user(
            db,
            email=demo_email,
            name=DEMO_NAME,
            password_hash=password_hash,
            school_slugs=[DEMO_SCHOOL_SLUG],
        )
        if outcome.created:
            if from_env:
                note = "wachtwoord uit WEGWIJZER_DEMO_PASSWORD"
            else:
                note = f"wachtwoord: {DEFAULT_DEMO_PASSWORD}, alleen voor lokaal gebruik"
            print(f"Demo-contactpersoon {demo_email} aangemaakt ({note}).")
        else:
            print(f"Demo-contactpersoon {demo_email} bestond al (wachtwoord ongewijzigd).")

    _run_db(work)
    return EXIT_OK


def cmd_schools_add(args: argparse.Namespace) -> int:
    slug, name = args.slug.strip(), args.name.strip()
    if schoolconfig.slug_problem(slug):
        raise CommandError(
            f"Ongeldige slug {slug!r}: alleen kleine letters, cijfers en streepjes "
            "(bijvoorbeeld 'het-lyceum'), hooguit 64 tekens."
        )
    if not name or len(name) > schoolconfig.MAX_NAME:
        raise CommandError("Geef een naam van 1 tot 200 tekens.")
    board = args.board.strip().lower() if args.board is not None else None

    async def work(db: sessionmaker) -> None:
        try:
            outcome = await queries.add_school(db, slug, name, board=board)
        except queries.UnknownBoard:
            raise CommandError(
                f"Onbekend bestuur {board!r}. Zet het bestuur eerst in de database met: "
                "wegwijzer schools import BESTAND.yml"
            ) from None
        school = outcome.school
        in_board = f" bij bestuur {board!r}" if board else ""
        if outcome.created:
            print(f"School {slug!r} ({name}) aangemaakt{in_board}.")
            return
        if school.name == name:
            print(f"School {slug!r} bestond al.")
        else:
            print(f"School {slug!r} bestond al, met de naam {school.name!r} (niet gewijzigd).")
        if outcome.board_changed:
            print(f"School {slug!r} hoort nu{in_board}.")

    _run_db(work)
    return EXIT_OK


def cmd_schools_import(args: argparse.Namespace) -> int:
    board = _load_board_file(args.file)

    async def work(db: sessionmaker) -> None:
        _print_import(await queries.import_board(db, board))

    _run_db(work)
    return EXIT_OK


def _load_board_file(path) -> "schoolconfig.BoardConfig":
    """The checked file, or every problem in it as a usage error (nothing is written)."""
    try:
        return schoolconfig.load_board_file(path)
    except schoolconfig.ConfigError as exc:
        raise CommandError(exc.report()) from None


def _load_demo_board() -> "schoolconfig.BoardConfig":
    board = _load_board_file(DEMO_BOARD_FILE)
    if DEMO_SCHOOL_SLUG not in {school.slug for school in board.scholen}:
        raise CommandError(f"{DEMO_BOARD_FILE}: de demoschool {DEMO_SCHOOL_SLUG!r} ontbreekt.")
    return board


_STATES = {
    queries.CREATED: "aangemaakt",
    queries.UPDATED: "bestond al, bijgewerkt",
    queries.UNCHANGED: "bestond al (ongewijzigd)",
}


def _print_import(outcome: queries.BoardImported) -> None:
    print(f"Bestuur {outcome.slug!r} {_STATES[outcome.state]}.")
    for school in outcome.schools:
        moved = f" (was bij bestuur {school.moved_from!r})" if school.moved_from else ""
        print(f"School {school.slug!r} {_STATES[school.state]}{moved}.")
    if outcome.not_in_file:
        print(
            f"Niet in het bestand, ongewijzigd gelaten: {', '.join(outcome.not_in_file)}."
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
    password = _read_password()
    _check_password(password)
    password_hash = security.hash_password(password)

    async def work(db: sessionmaker) -> None:
        try:
            outcome = await queries.add_user(
                db,
                email=email,
                name=name,
                password_hash=password_hash,
                school_slugs=slugs,
                role=args.role,
                board=board,
            )
        except queries.UnknownBoard:
            raise CommandError(
                f"Onbekend bestuur {board!r}. Zet het bestuur eerst in de database met: "
                "wegwijzer schools import BESTAND.yml"
            ) from None
        except queries.UnknownSchool as exc:
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

    _run_db(work)
    return EXIT_OK


def cmd_users_list(args: argparse.Namespace) -> int:
    users = _run_db(queries.list_users)
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
            return await queries.set_user_active(db, email, active)
        except queries.UnknownUser:
            raise _no_user(email) from None

    changed = _run_db(work)
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


def cmd_schools_list(args: argparse.Namespace) -> int:
    schools = _run_db(queries.list_schools)
    if not schools:
        print("Nog geen scholen. Voeg er een toe met: wegwijzer schools add, of schools import")
        return EXIT_OK
    print("slug\tnaam\tbestuur\tgebruikers\tmeldingen")
    for school, n_users, n_intakes in schools:
        board = school.board.slug if school.board is not None else "-"
        print(f"{school.slug}\t{school.name}\t{board}\t{n_users}\t{n_intakes}")
    return EXIT_OK


def _transcript_settings() -> "transcripts.Settings":
    try:
        settings = transcripts.settings_from_env()
        transcripts.sync_url(settings.tracker_store_url)
    except transcripts.SettingsError as exc:
        raise CommandError(str(exc)) from None
    return settings


def cmd_transcripts_purge(args: argparse.Namespace) -> int:
    settings = _transcript_settings()
    outcome = transcripts.purge(settings, dry_run=args.dry_run)
    if not outcome.store_found:
        print("Er zijn nog geen gesprekken opgeslagen (TRACKER_STORE_URL): niets te verwijderen.")
    elif args.dry_run:
        print(f"Zou verwijderen: {outcome.events} gebeurtenissen van {outcome.conversations} "
              "afgelopen gesprekken (er is niets verwijderd).")
    else:
        print(f"Verwijderd: {outcome.events} gebeurtenissen van {outcome.conversations} "
              "afgelopen gesprekken.")
    return EXIT_OK


def cmd_transcripts_run(args: argparse.Namespace) -> int:
    settings = _transcript_settings()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    transcripts.run_forever(settings)
    return EXIT_OK


def cmd_outbox_send_once(args: argparse.Namespace) -> int:
    settings = _outbox_settings()
    outcome = asyncio.run(outbox.send_once(settings))
    print(f"Afgeleverd: {_count(outcome.sent, 'melding', 'meldingen')}; "
          f"wachten nog: {outcome.waiting}.")
    if outcome.unavailable:
        print("De backend is niet bereikbaar: de rest wacht tot een volgende keer.")
    if outcome.refused:
        print(f"{_count(outcome.refused, 'melding', 'meldingen')} geweigerd door de backend "
              "(controleer WEGWIJZER_SERVICE_TOKEN en de scholen): die blijven bewaard.")
    if outcome.unreadable:
        print(f"{_count(outcome.unreadable, 'melding', 'meldingen')} niet te openen met "
              "WEGWIJZER_DATA_KEYS: die blijven bewaard.")
    return EXIT_FAILURE if outcome.waiting else EXIT_OK


def cmd_outbox_run(args: argparse.Namespace) -> int:
    settings = _outbox_settings()
    try:
        timing = outbox.runner_settings_from_env()
    except transcripts.SettingsError as exc:
        raise CommandError(str(exc)) from None
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    outbox.run_forever(settings, timing)
    return EXIT_OK


def _outbox_settings() -> "ActionSettings":
    settings = action_settings()
    try:
        outbox.engine_for(settings.outbox_url)  # a wrong URL is told now, not at the first intake
    except transcripts.SettingsError as exc:
        raise CommandError(str(exc)) from None
    return settings


def cmd_notify_run_once(args: argparse.Namespace) -> int:
    try:
        settings = NotifySettings.from_env()
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    if not settings.channels:
        print(
            "Geen kanaal ingesteld: zet TELEGRAM_BOT_TOKEN en/of WEGWIJZER_SMTP_HOST. "
            "Er is niets verstuurd."
        )
        return EXIT_OK

    async def work(db: sessionmaker) -> notify.Outcome:
        return await notify.run_once(db, settings)

    outcome = _run_db(work)
    for line in notify.describe(outcome):
        print(line)
    return EXIT_FAILURE if outcome.failed else EXIT_OK


def _read_password() -> str:
    if sys.stdin is None:
        raise CommandError("Geen standaardinvoer om het wachtwoord uit te lezen.")
    if sys.stdin.isatty():
        return getpass.getpass("Wachtwoord: ")
    text = sys.stdin.read()
    if text.endswith("\r\n"):
        text = text[:-2]
    elif text.endswith("\n"):
        text = text[:-1]
    return text


def _check_password(password: str) -> None:
    if not password:
        raise CommandError("Het wachtwoord is leeg. Geef het via standaardinvoer.")
    if "\n" in password or "\r" in password:
        raise CommandError("Het wachtwoord mag geen regeleinde bevatten.")
    if len(password) < security.MIN_PASSWORD_LENGTH:
        raise CommandError(
            f"Het wachtwoord is te kort: minstens {security.MIN_PASSWORD_LENGTH} tekens."
        )


# --- privacy -----------------------------------------------------------------------------------

def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _count(number: int, one: str, more: str) -> str:
    return f"{number} {one if number == 1 else more}"


def _receipt_code(text: str) -> str:
    code = security.normalise_code(text)
    if code is None:
        raise CommandError("Dit is geen ontvangstcode: die ziet eruit als K7QM-3XDA-9TPW.")
    return code


def _by_code(query, code: str):
    """``query(db, code)`` against the database, or the Dutch error of an unknown code."""

    async def work(db: sessionmaker):
        try:
            return await query(db, code)
        except queries.NotFound:
            raise CommandError("Er is geen melding met deze ontvangstcode (meer).") from None

    return _run_db(work)


def cmd_keys_generate(args: argparse.Namespace) -> int:
    print(crypto.generate_key())
    return EXIT_OK


def cmd_keys_rotate(args: argparse.Namespace) -> int:
    counts = _run_db(privacy.rotate_keys)
    done = {column: n for column, n in counts.items() if n}
    detail = f" ({', '.join(f'{column}: {n}' for column, n in done.items())})" if done else ""
    print(
        f"{_count(sum(counts.values()), 'waarde', 'waarden')} opnieuw versleuteld met de eerste "
        f"sleutel van WEGWIJZER_DATA_KEYS{detail}. De andere sleutels zijn nu niet meer nodig."
    )
    return EXIT_OK


def cmd_retention_purge(args: argparse.Namespace) -> int:
    try:
        days = retention_days_from_env()
    except ValueError as exc:
        raise CommandError(str(exc)) from None

    async def work(db: sessionmaker) -> List[str]:
        return await privacy.purge_closed(db, days, dry_run=args.dry_run)

    conversation_ids = _run_db(work)
    intakes = _count(len(conversation_ids), "afgesloten melding", "afgesloten meldingen")
    if args.dry_run:
        print(f"Proefdraai: {intakes} langer dan {days} dagen dicht; die zouden worden "
              "verwijderd. Er is niets verwijderd.")
        return EXIT_OK
    print(f"{intakes} langer dan {days} dagen dicht: verwijderd, met notities, "
          "vervolgstappen, statusgeschiedenis en het gesprek. Het logboek blijft.")
    return EXIT_OK if _forget_conversations(conversation_ids) else EXIT_FAILURE


def _tracker_store_failed(exc: Exception) -> None:
    reason = (str(exc).splitlines() or [type(exc).__name__])[0]
    print(
        "wegwijzer: let op: Rasa's opslag van gesprekken (TRACKER_STORE_URL) gaf een fout, "
        f"het gesprek is daar niet gelezen of gewist: {reason}",
        file=sys.stderr,
    )


def _forget_conversations(conversation_ids: Sequence[str]) -> bool:
    """Delete Rasa's copy of these conversations; False (with a warning) when that failed."""
    try:
        asyncio.run(conversations.delete(conversations.tracker_store_url(), conversation_ids))
    except conversations.STORE_ERRORS as exc:
        _tracker_store_failed(exc)
        return False
    return True


def _conversation(conversation_id: str) -> Optional[list]:
    try:
        return asyncio.run(
            conversations.events(conversations.tracker_store_url(), conversation_id)
        )
    except conversations.STORE_ERRORS as exc:
        _tracker_store_failed(exc)
        return None


def cmd_privacy_export(args: argparse.Namespace) -> int:
    code = _receipt_code(args.code)

    data = _by_code(privacy.export_intake, code)
    data["gesprek"] = _conversation(data["conversation_id"])  # Rasa's copy, every event
    _print_json(data)
    return EXIT_OK if data["gesprek"] is not None else EXIT_FAILURE


def cmd_privacy_delete(args: argparse.Namespace) -> int:
    code = _receipt_code(args.code)

    intake = _by_code(queries.get_intake_by_code, code)
    if not args.yes:
        print(
            f"De melding met code {code} (school {intake.school.slug}, ontvangen op "
            f"{intake.created_at:%d-%m-%Y}, status {intake.status}) wordt definitief verwijderd, "
            "met notities, vervolgstappen en statusgeschiedenis."
        )
        if not _confirmed("Typ ja om te verwijderen: "):
            print("Niets verwijderd.")
            return EXIT_FAILURE

    conversation_id = _by_code(privacy.delete_intake, code)
    print(f"De melding met code {code} is verwijderd, met het gesprek. Het logboek houdt bij "
          "dat dit gebeurde.")
    return EXIT_OK if _forget_conversations([conversation_id]) else EXIT_FAILURE


def _confirmed(prompt: str) -> bool:
    print(prompt, end="", flush=True)
    line = sys.stdin.readline() if sys.stdin is not None else ""
    return line.strip().lower() == "ja"


def cmd_users_export(args: argparse.Namespace) -> int:
    email = args.email.strip().lower()

    async def work(db: sessionmaker) -> dict:
        try:
            return await privacy.export_user(db, email)
        except queries.UnknownUser:
            raise _no_user(email) from None

    _print_json(_run_db(work))
    return EXIT_OK


def cmd_users_handover(args: argparse.Namespace) -> int:
    leaver, successor = args.leaver.strip().lower(), args.successor.strip().lower()

    async def work(db: sessionmaker) -> privacy.HandedOver:
        try:
            return await privacy.hand_over(db, leaver, successor, deactivate=not args.keep_active)
        except queries.UnknownUser as exc:
            raise _no_user(str(exc)) from None
        except privacy.NoSuccessor as exc:
            raise CommandError(exc.message) from None

    outcome = _run_db(work)
    schools = ", ".join(outcome.schools) or "geen nieuwe"
    print(
        f"Van {leaver} naar {successor}: {_count(len(outcome.cases), 'zaak', 'zaken')}, "
        f"{_count(outcome.steps, 'open vervolgstap', 'open vervolgstappen')}; "
        f"scholen erbij voor {successor}: {schools}."
    )
    if outcome.deactivated:
        print(f"{leaver} is gedeactiveerd: inloggen kan niet meer.")
    return EXIT_OK


# --- parser ----------------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wegwijzer",
        description="Wegwijzer: beheer van de database, scholen en contactpersonen. "
        "De database komt uit DATABASE_URL (standaard var/wegwijzer.db).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    db = commands.add_parser("db", help="database")
    db_commands = db.add_subparsers(dest="db_command", required=True, metavar="COMMAND")
    db_commands.add_parser("upgrade", help="migraties uitvoeren (alembic upgrade head)").set_defaults(
        func=cmd_db_upgrade
    )

    setup = commands.add_parser("setup", help="database bijwerken, met --demo ook de demoschool")
    setup.add_argument(
        "--demo",
        action="store_true",
        help=f"demobestuur en school {DEMO_SCHOOL_SLUG!r} uit config/scol.yml laden en "
        f"contactpersoon {DEMO_EMAIL} aanmaken (wachtwoord uit WEGWIJZER_DEMO_PASSWORD)",
    )
    setup.set_defaults(func=cmd_setup)

    schools = commands.add_parser("schools", help="scholen")
    school_commands = schools.add_subparsers(dest="schools_command", required=True, metavar="COMMAND")
    add_school = school_commands.add_parser("add", help="een school toevoegen")
    add_school.add_argument("--slug", required=True, help="korte code: kleine letters, cijfers, -")
    add_school.add_argument("--name", required=True, help="naam van de school")
    add_school.add_argument(
        "--board", help="slug van het schoolbestuur (eerst importeren met 'schools import')"
    )
    add_school.set_defaults(func=cmd_schools_add)
    import_file = school_commands.add_parser(
        "import",
        help="een bestuur met zijn klachtenregeling en scholen laden uit een YAML-bestand "
        "(zie config/scol.yml); eerst wordt het hele bestand gecontroleerd",
    )
    import_file.add_argument("file", metavar="FILE", help="YAML-bestand van één bestuur")
    import_file.set_defaults(func=cmd_schools_import)
    school_commands.add_parser(
        "list", help="alle scholen met bestuur, aantal gebruikers en aantal meldingen"
    ).set_defaults(func=cmd_schools_list)

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

    keys_parser = commands.add_parser("keys", help="sleutels voor versleuteling van vrije tekst")
    key_commands = keys_parser.add_subparsers(dest="keys_command", required=True, metavar="COMMAND")
    key_commands.add_parser(
        "rotate",
        help="alle versleutelde tekst opnieuw versleutelen met de eerste sleutel van "
        "WEGWIJZER_DATA_KEYS",
    ).set_defaults(func=cmd_keys_rotate)
    key_commands.add_parser("generate", help="een nieuwe sleutel maken en tonen").set_defaults(
        func=cmd_keys_generate
    )

    retention = commands.add_parser("retention", help="bewaartermijn")
    retention_commands = retention.add_subparsers(
        dest="retention_command", required=True, metavar="COMMAND"
    )
    purge = retention_commands.add_parser(
        "purge",
        help="meldingen verwijderen die langer dan WEGWIJZER_RETENTION_DAYS (standaard 365) "
        "dagen afgesloten zijn",
    )
    purge.add_argument(
        "--dry-run", action="store_true", help="alleen tellen, niets verwijderen"
    )
    purge.set_defaults(func=cmd_retention_purge)

    privacy_parser = commands.add_parser(
        "privacy", help="gegevens van een melder inzien of verwijderen, op verzoek"
    )
    privacy_commands = privacy_parser.add_subparsers(
        dest="privacy_command", required=True, metavar="COMMAND"
    )
    export_intake = privacy_commands.add_parser(
        "export", help="alles wat over een melding is opgeslagen (JSON)"
    )
    export_intake.add_argument("--code", required=True, help="de ontvangstcode van de melder")
    export_intake.set_defaults(func=cmd_privacy_export)
    delete_intake = privacy_commands.add_parser(
        "delete", help="een melding met alles erbij verwijderen (na bevestiging)"
    )
    delete_intake.add_argument("--code", required=True, help="de ontvangstcode van de melder")
    delete_intake.add_argument("--yes", action="store_true", help="niet om bevestiging vragen")
    delete_intake.set_defaults(func=cmd_privacy_delete)

    ttl = f"WEGWIJZER_TRANSCRIPT_TTL, standaard {transcripts.DEFAULT_TTL_SECONDS}"
    conversations = commands.add_parser(
        "transcripts", help="gesprekken in Rasa's tracker store (TRACKER_STORE_URL) wissen"
    )
    conversation_commands = conversations.add_subparsers(
        dest="transcripts_command", required=True, metavar="COMMAND"
    )
    purge = conversation_commands.add_parser(
        "purge", help=f"afgelopen gesprekken wissen die langer dan de bewaartermijn ({ttl} "
        "seconden) geleden eindigden, één keer",
    )
    purge.add_argument("--dry-run", action="store_true", help="alleen tellen, niets wissen")
    purge.set_defaults(func=cmd_transcripts_purge)
    conversation_commands.add_parser(
        "run", help="hetzelfde, meteen en daarna steeds opnieuw (elke "
        "WEGWIJZER_TRANSCRIPT_SWEEP_INTERVAL seconden), tot Ctrl-C; make run start dit",
    ).set_defaults(func=cmd_transcripts_run)

    notify_parser = commands.add_parser("notify", help="berichten aan contactpersonen")
    notify_commands = notify_parser.add_subparsers(
        dest="notify_command", required=True, metavar="COMMAND"
    )
    notify_commands.add_parser(
        "run-once",
        help="verstuur de berichten die klaarstaan (nieuwe meldingen, herinneringen), één keer "
        "(voor cron; de backend doet dit ook zelf)",
    ).set_defaults(func=cmd_notify_run_once)

    outbox_parser = commands.add_parser(
        "outbox", help="meldingen die wachten tot de backend ze aanneemt (WEGWIJZER_OUTBOX_URL)"
    )
    outbox_commands = outbox_parser.add_subparsers(
        dest="outbox_command", required=True, metavar="COMMAND"
    )
    outbox_commands.add_parser(
        "send-once", help="de wachtende meldingen afleveren bij de backend, één keer",
    ).set_defaults(func=cmd_outbox_send_once)
    outbox_commands.add_parser(
        "run", help="hetzelfde, meteen en daarna steeds opnieuw (elke WEGWIJZER_OUTBOX_INTERVAL "
        "seconden, langer als de backend weg is), tot Ctrl-C; make run start dit",
    ).set_defaults(func=cmd_outbox_run)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, or a usage error argparse has already explained
        return int(exc.code or 0)
    try:
        return args.func(args)
    except CommandError as exc:
        print(f"wegwijzer: {exc}", file=sys.stderr)
        return exc.code
    except crypto.UndecryptableValue as exc:
        print(f"wegwijzer: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except (SQLAlchemyError, OSError) as exc:
        # First line only: SQLAlchemy appends the statement and its parameters.
        reason = (str(exc).splitlines() or [type(exc).__name__])[0]
        print(f"wegwijzer: de database is niet bereikbaar of gaf een fout: {reason}", file=sys.stderr)
        return EXIT_FAILURE


if __name__ == "__main__":
    sys.exit(main())
