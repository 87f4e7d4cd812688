"""``wegwijzer``: the project's command-line tool (database, demo data, boards, schools, users).
One module per command group (``cli.setup``, ``cli.schools``, ``cli.users``, ``cli.privacy``,
``cli.jobs``), what they share in ``cli.common``; this module builds the parser and runs a command.

``schools list`` and ``users list`` print tab-separated tables; ``users deactivate EMAIL``
locks an account out (its open sessions end too) and ``users activate EMAIL`` lets it in again.
``transcripts purge [--dry-run]`` deletes ended conversations from Rasa's tracker store once
(``shared.transcripts``), ``transcripts run`` keeps doing so (a process of the ``Procfile``).

Privacy (``backend.store.privacy``): ``keys rotate`` re-encrypts all free text with the first key of
``WEGWIJZER_DATA_KEYS`` (``keys generate`` prints a new key); ``retention purge [--dry-run]``
deletes intakes closed longer than ``WEGWIJZER_RETENTION_DAYS`` ago; ``privacy export|delete
--code CODE`` hands out or removes what is stored about one reporter's intake (these three also
read or delete Rasa's copy of the conversation, ``backend.store.conversations``); ``users export
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
import sys
from typing import Optional, Sequence

from sqlalchemy.exc import SQLAlchemyError

from cli import jobs, privacy, schools, setup, users
from cli.common import EXIT_FAILURE, CommandError
from shared import crypto


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wegwijzer",
        description="Wegwijzer: beheer van de database, scholen en contactpersonen. "
        "De database komt uit DATABASE_URL (standaard var/wegwijzer.db).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    for group in (setup, schools, users, privacy, jobs):  # the order of `wegwijzer --help`
        group.add_commands(commands)
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
