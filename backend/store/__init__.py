"""The backend's data access: views, jobs and the CLI call these functions, never the ORM.

One module per area; import the functions from the module itself
(``from backend.store.intakes import get_intake_for_user``):

- ``errors``: every domain error of the store (``NotFound``, ``Forbidden``, ...), which views
  and the CLI turn into HTTP answers and messages.
- ``audit``: the names of the audited actions and the audit log's own reads and writes.
- ``inbox``: the dashboard's inbox with its filters and their counts, read from the plain
  columns only.
- ``intakes``: storing an intake, listing and reading intakes for a user, by receipt code, the
  reporter's status; ``intake_for_change``, where every change to one intake starts.
- ``casework``: claim, status, notes, next steps, sharing (the rules: ``backend.rules.casework``).
- ``messages``: messages between a contact person and the reporter.
- ``schools``: schools and boards, a board's file imported.
- ``accounts``: staff accounts, logging in, failed logins for the throttle.
- ``notifications``: Telegram link codes, e-mail on or off, the notification outbox.
- ``signals``: signals without a complaint (not the advice flags, the record's ``signalen``).
- ``reports``: the facts behind the yearly reports (``backend.rules.reports`` counts them).
- ``copies``: the records of verifiable reporter's copies.
- ``copy_links``: the one-time links to a reporter's copy that the chat shows.
- ``conversations``: Rasa's copy of a conversation in the tracker store (its own database),
  read into a privacy export and deleted with its intake.
- ``privacy``: retention, export and deletion on request, key rotation.
- ``transfers``: a leaving contact person's cases transferred to a successor.
- ``health``: whether the database answers.

Each function opens its own short session from the factory (``app[keys.DB]``); writes run in
``async with session.begin()``. Which intakes a user may see is ``access.intake_clause``; every
function that reads or changes one intake for a user filters with it and writes an audit
entry. Nothing here imports aiohttp or a view (``tests/unit/test_import_layers.py``).
"""
from backend.store import (  # noqa: F401  the modules, so that ``store.intakes`` etc. resolve
    accounts,
    audit,
    casework,
    conversations,
    copies,
    copy_links,
    errors,
    health,
    inbox,
    intakes,
    messages,
    notifications,
    privacy,
    reports,
    schools,
    signals,
    transfers,
)
