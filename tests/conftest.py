"""Fixtures shared by the whole suite."""
from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent

# The session's real processes (the dev stack, the production profile), one of each for every
# module that asks: a plugin, not imports (an imported fixture starts a second copy).
pytest_plugins = ["tests.e2e.fixtures"]

# No network here, and no telemetry from tests anywhere.
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """With pytest-xdist (``make test`` runs two workers), every end-to-end test goes to the same
    worker: they share one stack of real processes (tests/e2e/fixtures.py), started once.

    First among the hooks: xdist's worker turns the ``xdist_group`` mark into the group in its
    own collection hook, and without ``tryfirst`` it ran before this one saw the tests, so the
    e2e tests were spread over both workers and each started its own dev stack and production
    profile (four Rasa servers loading at once: 218 s to start a profile, 6 December 2026)."""
    for item in items:
        if item.get_closest_marker("e2e"):
            item.add_marker(pytest.mark.xdist_group("e2e"))
