"""``python -m backend``: run the backend with settings from the environment."""
from __future__ import annotations

import logging

from aiohttp import web

from backend.app import create_app
from backend.config import Config

# No client addresses or user agents in the access log: the remote address is personal data.
ACCESS_LOG_FORMAT = '"%r" %s %b %Tfs'


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)  # the start-up schema check is chatty
    # httpx logs every request's URL at INFO, and a Telegram Bot API URL holds the bot token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    try:
        config = Config.from_env()
    except ValueError as exc:  # a setting that is wrong: say which, without a traceback
        raise SystemExit(f"Wegwijzer backend not started: {exc}") from None
    logging.getLogger("backend").info(
        "Wegwijzer backend on http://%s:%d (dashboard: /dashboard)", config.host, config.port
    )
    web.run_app(
        create_app(config),
        host=config.host,
        port=config.port,
        access_log_format=ACCESS_LOG_FORMAT,
        print=None,
    )


if __name__ == "__main__":
    main()
