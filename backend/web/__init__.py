"""Server-rendered HTML pages, by audience: ``public/`` for anyone (the widget and the demo
page, a school's route page, the reporter's copy, the check of a copy), ``staff/`` for logged-in
contact persons, boards and admins (login, dashboard, account, signals and the yearly report,
the admin's transfer page). What every page shares is ``pages.py``; no page imports another."""
