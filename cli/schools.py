"""``wegwijzer schools add|import|list``: boards with their regulation and schools."""
from __future__ import annotations

import argparse

from sqlalchemy.orm import sessionmaker

from backend import schoolconfig, store
from cli.common import EXIT_OK, CommandError, run_db

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
            outcome = await store.schools.add_school(db, slug, name, board=board)
        except store.errors.UnknownBoard:
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

    run_db(work)
    return EXIT_OK


def cmd_schools_import(args: argparse.Namespace) -> int:
    board = load_board_file(args.file)

    async def work(db: sessionmaker) -> None:
        print_import(await store.schools.import_board(db, board))

    run_db(work)
    return EXIT_OK


def load_board_file(path) -> "schoolconfig.BoardConfig":
    """The checked file, or every problem in it as a usage error (nothing is written)."""
    try:
        return schoolconfig.load_board_file(path)
    except schoolconfig.ConfigError as exc:
        raise CommandError(exc.report()) from None


_STATES = {
    store.schools.CREATED: "aangemaakt",
    store.schools.UPDATED: "bestond al, bijgewerkt",
    store.schools.UNCHANGED: "bestond al (ongewijzigd)",
}


def print_import(outcome: store.schools.BoardImported) -> None:
    print(f"Bestuur {outcome.slug!r} {_STATES[outcome.state]}.")
    for school in outcome.schools:
        moved = f" (was bij bestuur {school.moved_from!r})" if school.moved_from else ""
        print(f"School {school.slug!r} {_STATES[school.state]}{moved}.")
    if outcome.not_in_file:
        print(
            f"Niet in het bestand, ongewijzigd gelaten: {', '.join(outcome.not_in_file)}."
        )


def cmd_schools_list(args: argparse.Namespace) -> int:
    schools = run_db(store.schools.list_schools)
    if not schools:
        print("Nog geen scholen. Voeg er een toe met: wegwijzer schools add, of schools import")
        return EXIT_OK
    print("slug\tnaam\tbestuur\tgebruikers\tmeldingen")
    for school, n_users, n_intakes in schools:
        board = school.board.slug if school.board is not None else "-"
        print(f"{school.slug}\t{school.name}\t{board}\t{n_users}\t{n_intakes}")
    return EXIT_OK


def add_commands(commands: argparse._SubParsersAction) -> None:
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
