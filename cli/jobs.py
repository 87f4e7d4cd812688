"""The jobs the ``Procfile`` runs through the tool, and their one-pass forms: ``wegwijzer
transcripts purge|run`` (``shared.transcripts``), ``outbox send-once|run`` (``actions.outbox``)
and ``notify run-once`` (``backend.jobs.notify``)."""
from __future__ import annotations

import argparse
import asyncio
import logging

from sqlalchemy.orm import sessionmaker

from actions import outbox
from backend.config import NotifySettings
from backend.jobs import notify
from cli.common import EXIT_FAILURE, EXIT_OK, CommandError, counted, run_db
from shared import jobs, transcripts
from shared.client_settings import Settings as ActionSettings, get_settings as action_settings
from shared.settings import SettingsError

def _transcript_settings() -> "transcripts.Settings":
    try:
        settings = transcripts.settings_from_env()
        transcripts.sync_url(settings.tracker_store_url)
    except SettingsError as exc:
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
    jobs.run_in_process(transcripts.SweepJob(settings))
    return EXIT_OK


def cmd_outbox_send_once(args: argparse.Namespace) -> int:
    settings = _outbox_settings()
    outcome = asyncio.run(outbox.send_once(settings))
    print(f"Afgeleverd: {counted(outcome.sent, 'melding', 'meldingen')}; "
          f"wachten nog: {outcome.waiting}.")
    if outcome.unavailable:
        print("De backend is niet bereikbaar: de rest wacht tot een volgende keer.")
    if outcome.refused:
        print(f"{counted(outcome.refused, 'melding', 'meldingen')} geweigerd door de backend "
              "(controleer WEGWIJZER_SERVICE_TOKEN en de scholen): die blijven bewaard.")
    if outcome.unreadable:
        print(f"{counted(outcome.unreadable, 'melding', 'meldingen')} niet te openen met "
              "WEGWIJZER_DATA_KEYS: die blijven bewaard.")
    return EXIT_FAILURE if outcome.waiting else EXIT_OK


def cmd_outbox_run(args: argparse.Namespace) -> int:
    settings = _outbox_settings()
    try:
        timing = outbox.runner_settings_from_env()
    except SettingsError as exc:
        raise CommandError(str(exc)) from None
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    jobs.run_in_process(outbox.DeliveryJob(settings, timing))
    return EXIT_OK


def _outbox_settings() -> "ActionSettings":
    settings = action_settings()
    try:
        outbox.engine_for(settings.outbox_url)  # a wrong URL is told now, not at the first intake
    except SettingsError as exc:
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

    outcome = run_db(work)
    for line in notify.describe(outcome):
        print(line)
    return EXIT_FAILURE if outcome.failed else EXIT_OK


def add_commands(commands: argparse._SubParsersAction) -> None:
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
