"""``wegwijzer db upgrade`` and ``wegwijzer setup [--demo]``: the database brought up to date, with
the demo board, school and contact person when asked."""
from __future__ import annotations

import argparse
import os

from sqlalchemy.orm import sessionmaker

from backend import migrate, schoolconfig, store
from backend.auth import security
from backend.db import redacted_url
from cli.common import EXIT_OK, CommandError, check_password, database_url, load_data_keys, run_db
from cli.schools import load_board_file, print_import
from shared.settings import REPO_ROOT

DEMO_SCHOOL_SLUG = "demo"
DEMO_SCHOOL_NAME = "Demoschool De Wegwijzer"
# The demo board (the seed regulation, SCOL) with the demo school; `setup --demo` imports it.
DEMO_BOARD_FILE = REPO_ROOT / "config" / "scol.yml"
DEMO_EMAIL = "demo@wegwijzer.local"
DEMO_NAME = "Demo Contactpersoon"
DEFAULT_DEMO_PASSWORD = "demo-wachtwoord"


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    url = database_url()
    load_data_keys()  # a migration encrypts existing free text
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
    check_password(password)
    password_hash = security.hash_password(password)

    async def work(db: sessionmaker) -> None:
        print_import(await store.schools.import_board(db, board))
        outcome = await store.accounts.add_user(
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

    run_db(work)
    return EXIT_OK


def _load_demo_board() -> "schoolconfig.BoardConfig":
    board = load_board_file(DEMO_BOARD_FILE)
    if DEMO_SCHOOL_SLUG not in {school.slug for school in board.scholen}:
        raise CommandError(f"{DEMO_BOARD_FILE}: de demoschool {DEMO_SCHOOL_SLUG!r} ontbreekt.")
    return board


def add_commands(commands: argparse._SubParsersAction) -> None:
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
