"""``python -m bot.serve run …``: Rasa's own command line, with the API token taken from the
environment (``RASA_AUTH_TOKEN``) instead of ``--auth-token`` on the command line, where every
user of the machine can read it (``ps``, ``/proc/<pid>/cmdline``). Rasa reads the token only
from its arguments: they are extended inside the process, which the process list never shows.
"""
from __future__ import annotations

import os
import sys


def main() -> None:
    token = (os.environ.get("RASA_AUTH_TOKEN") or "").strip()
    if not token:
        sys.exit("RASA_AUTH_TOKEN is not set: Rasa's HTTP API would be open")
    if "--auth-token" in sys.argv:
        sys.exit("give the token in RASA_AUTH_TOKEN, not on the command line")
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *sys.argv[1:], "--auth-token", token]
    rasa_main()


if __name__ == "__main__":
    main()
