"""The fast subset of the scenario suite (tests/scenarios/, tag ``snel``) on the shared e2e stack.

Each scenario is played by the simulated user and judged as a contact person would judge it
(record, advice, what the bot said, the flow); the test passes only when it is fully right. The
whole suite and its report: ``bench/scenarios.py``.

Scenarios that fail on today's bot for a known defect are marked ``xfail(strict=True)`` with
the defect as reason: the suite stays green, and a fixed defect makes its test fail loudly
("XPASS(strict)"), so whoever fixed it removes the mark below.
"""
from __future__ import annotations

import pytest

from tests.e2e.fixtures import DEMO_LOGIN
from tests.scenarios.model import load_all, select
from tests.scenarios.runner import Runner, Target

pytestmark = pytest.mark.e2e

# Known defects of today's bot (issue 16), by scenario id. Remove an entry when it is fixed.
KNOWN_DEFECTS: dict[str, str] = {
    # Empty since 5 December 2026: acute danger goes on the record only when the person
    # confirms it is now (actions/acuut.py), which fixed the three listed here before.
}

FAST = select(load_all(), tags=["snel"])


@pytest.fixture(scope="module")
def runner(shared_stack) -> Runner:
    return Runner(Target(shared_stack.rasa_url, shared_stack.rasa_token, shared_stack.backend_url,
                         DEMO_LOGIN[0], DEMO_LOGIN[1]))


def _param(scenario):
    marks = []
    if scenario.id in KNOWN_DEFECTS:
        marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_DEFECTS[scenario.id]))
    return pytest.param(scenario, id=scenario.id, marks=marks)


def test_every_known_defect_names_a_fast_scenario():
    assert set(KNOWN_DEFECTS) <= {s.id for s in FAST}


@pytest.mark.parametrize("scenario", [_param(s) for s in FAST])
def test_scenario_is_fully_right(runner, scenario):
    verdict = runner.run(scenario)
    assert verdict.fully_right, f"{verdict.summary()}\n\n{verdict.conversation.transcript()}"
