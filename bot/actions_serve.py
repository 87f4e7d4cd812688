"""``python -m bot.actions_serve --actions actions --port …``: rasa-sdk's action server (the
same command line as ``rasa run actions``) that, when ``WEGWIJZER_ACTIONS_SECRET`` is set,
answers only calls that carry that secret in the :data:`HEADER` header.

The action server runs whatever action a caller names, for whatever conversation the caller
sends (``action_overdracht`` hands an intake over to the backend). On one machine it listens on
loopback only; in the multi-machine layout it listens where nginx on the proxy machine reaches
it, and then the secret is what keeps others out. Rasa sends the header from its endpoints file
(``bot/endpoints.prod.yml``, ``action_endpoint.headers``); nginx passes it on. ``/health``
stays open (it says nothing but "ok"), for the health checks.
"""
from __future__ import annotations

import hmac
import os
from typing import Any, Optional

HEADER = "X-Wegwijzer-Actions-Secret"
SECRET_ENV = "WEGWIJZER_ACTIONS_SECRET"
OPEN_PATHS = frozenset({"/health"})


def secret_from_env(environ=os.environ) -> str:
    return (environ.get(SECRET_ENV) or "").strip()


def require_secret(app: Any, secret: str) -> None:
    """A request middleware on rasa-sdk's Sanic ``app``: 401, and nothing run, for any call
    but ``/health`` without ``secret`` in :data:`HEADER`."""
    from sanic import response

    expected = secret.encode()

    @app.middleware("request")
    async def check_secret(request) -> Optional[Any]:
        if request.path in OPEN_PATHS:
            return None
        given = (request.headers.get(HEADER) or "").strip().encode()
        if given and hmac.compare_digest(given, expected):
            return None
        return response.json({"error": "unauthorized"}, status=401)


def main() -> None:
    import rasa_sdk.endpoint as endpoint
    from rasa_sdk.__main__ import main as rasa_sdk_main

    secret = secret_from_env()
    if secret:
        create_app = endpoint.create_app

        def create_app_with_secret(*args: Any, **kwargs: Any) -> Any:
            app = create_app(*args, **kwargs)
            require_secret(app, secret)
            return app

        # rasa-sdk's run() builds its app through this module attribute.
        endpoint.create_app = create_app_with_secret
    rasa_sdk_main()


if __name__ == "__main__":
    main()
