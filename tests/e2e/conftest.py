"""Hooks of the end-to-end tests: tests that stop the stack run last.

The session's shared processes (the dev stack, the production profile) are fixtures of
tests/e2e/fixtures.py, a plugin of the root conftest, so that every test module, here and in
tests/security, gets the same one (a fixture imported into a module would start a second).
"""
from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "stops_stack: stops or restarts the shared e2e stack (runs last)"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    stopping = [item for item in items if item.get_closest_marker("stops_stack")]
    if stopping:
        rest = [item for item in items if not item.get_closest_marker("stops_stack")]
        # The final Ctrl-C test must be the last of them all.
        stopping.sort(key=lambda item: item.name == "test_ctrl_c_stops_every_process")
        items[:] = rest + stopping
