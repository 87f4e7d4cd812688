"""``wegwijzer keys``, ``retention`` and ``privacy``: data keys rotated, closed intakes purged after
the retention period, one reporter's intake exported or deleted (with Rasa's copy of the chat,
``backend.store.conversations``)."""
from __future__ import annotations

import argparse
import asyncio
import sys
from typing import List, Optional, Sequence

from sqlalchemy.orm import sessionmaker

from backend import store
from backend.config import retention_days_from_env
from backend.store import conversations
from cli.common import (
    EXIT_FAILURE, EXIT_OK, CommandError, by_code, confirmed, counted, print_json, receipt_code,
    run_db,
)
from shared import crypto

def cmd_keys_generate(args: argparse.Namespace) -> int:
    print(crypto.generate_key())
    return EXIT_OK


def cmd_keys_rotate(args: argparse.Namespace) -> int:
    counts = run_db(store.privacy.rotate_keys)
    done = {column: n for column, n in counts.items() if n}
    detail = f" ({', '.join(f'{column}: {n}' for column, n in done.items())})" if done else ""
    print(
        f"{counted(sum(counts.values()), 'waarde', 'waarden')} opnieuw versleuteld met de eerste "
        f"sleutel van WEGWIJZER_DATA_KEYS{detail}. De andere sleutels zijn nu niet meer nodig."
    )
    return EXIT_OK


def cmd_retention_purge(args: argparse.Namespace) -> int:
    try:
        days = retention_days_from_env()
    except ValueError as exc:
        raise CommandError(str(exc)) from None

    async def work(db: sessionmaker) -> List[conversations.Chat]:
        return await store.privacy.purge_closed(db, days, dry_run=args.dry_run)

    chats = run_db(work)
    intakes = counted(len(chats), "afgesloten melding", "afgesloten meldingen")
    if args.dry_run:
        print(f"Proefdraai: {intakes} langer dan {days} dagen dicht; die zouden worden "
              "verwijderd. Er is niets verwijderd.")
        return EXIT_OK
    print(f"{intakes} langer dan {days} dagen dicht: verwijderd, met notities, "
          "vervolgstappen, statusgeschiedenis en het gesprek. Het logboek blijft.")
    return EXIT_OK if _forget_conversations(chats) else EXIT_FAILURE


def _tracker_store_failed(exc: Exception) -> None:
    reason = (str(exc).splitlines() or [type(exc).__name__])[0]
    print(
        "wegwijzer: let op: Rasa's opslag van gesprekken (TRACKER_STORE_URL) gaf een fout, "
        f"het gesprek is daar niet gelezen of gewist: {reason}",
        file=sys.stderr,
    )


def _forget_conversations(chats: Sequence[conversations.Chat]) -> bool:
    """Delete these intakes' parts of Rasa's copy of their chats; False (with a warning) when
    that failed."""
    try:
        asyncio.run(conversations.delete(conversations.tracker_store_url(), chats))
    except conversations.STORE_ERRORS as exc:
        _tracker_store_failed(exc)
        return False
    return True


def _conversation(chat: conversations.Chat) -> Optional[list]:
    try:
        return asyncio.run(conversations.events(conversations.tracker_store_url(), chat))
    except conversations.STORE_ERRORS as exc:
        _tracker_store_failed(exc)
        return None


def cmd_privacy_export(args: argparse.Namespace) -> int:
    code = receipt_code(args.code)

    data = by_code(store.privacy.export_intake, code)
    intake = by_code(store.intakes.get_intake_by_code, code)
    # Rasa's copy: every event of this intake's part of the chat (not another report's).
    data["gesprek"] = _conversation(conversations.Chat(intake.conversation_id, intake.intake_key))
    print_json(data)
    return EXIT_OK if data["gesprek"] is not None else EXIT_FAILURE


def cmd_privacy_delete(args: argparse.Namespace) -> int:
    code = receipt_code(args.code)

    intake = by_code(store.intakes.get_intake_by_code, code)
    if not args.yes:
        print(
            f"De melding met code {code} (school {intake.school.slug}, ontvangen op "
            f"{intake.created_at:%d-%m-%Y}, status {intake.status}) wordt definitief verwijderd, "
            "met notities, vervolgstappen en statusgeschiedenis."
        )
        if not confirmed("Typ ja om te verwijderen: "):
            print("Niets verwijderd.")
            return EXIT_FAILURE

    chat = by_code(store.privacy.delete_intake, code)
    print(f"De melding met code {code} is verwijderd, met het gesprek. Het logboek houdt bij "
          "dat dit gebeurde.")
    return EXIT_OK if _forget_conversations([chat]) else EXIT_FAILURE


def add_commands(commands: argparse._SubParsersAction) -> None:
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
