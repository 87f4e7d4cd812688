"""Plays scenarios against a running stack and judges them: the piece that ``bench/scenarios.py``
and the fast subset in ``tests/e2e/test_scenarios.py`` share."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Callable, Iterable, Optional, Sequence

import requests

from tests.e2e.fixtures import DEMO_LOGIN
from tests.scenarios.judge import FAILURE_KINDS, Verdict, fetch_record, judge, login
from tests.scenarios.model import Claim, Scenario, load_claims
from tests.scenarios.simulator import RasaClient, play


@dataclass
class Target:
    """A running stack: Rasa (REST channel and HTTP API with its token) and the backend, with
    the login of a contact person of the scenarios' school."""

    rasa_url: str
    rasa_token: str
    backend_url: str
    email: str = DEMO_LOGIN[0]
    password: str = DEMO_LOGIN[1]
    school: str = "demo"


class Runner:
    def __init__(self, target: Target, claims: Optional[dict[str, Claim]] = None) -> None:
        self.target = target
        self.client = RasaClient(target.rasa_url, target.rasa_token, school=target.school)
        self.claims = claims if claims is not None else load_claims()
        self._session: Optional[requests.Session] = None

    @property
    def session(self) -> requests.Session:
        if self._session is None:
            self._session = login(self.target.backend_url, self.target.email, self.target.password)
        return self._session

    def run(self, scenario: Scenario, today: Optional[date] = None) -> Verdict:
        conv = play(self.client, scenario)
        # Only a conversation that may have handed over is looked up (and waited for).
        wait = 10.0 if conv.end in ("overdracht", "mislukt") else 1.0
        record = fetch_record(self.session, self.target.backend_url, conv.sender, wait=wait)
        return judge(scenario, conv, record, self.claims, today=today)

    def run_all(
        self, scenarios: Iterable[Scenario], progress: Optional[Callable[[Verdict], None]] = None
    ) -> list[Verdict]:
        verdicts = []
        for scenario in scenarios:
            verdict = self.run(scenario)
            verdicts.append(verdict)
            if progress:
                progress(verdict)
        return verdicts


def kind_counts(verdicts: Sequence[Verdict]) -> Counter:
    """How many scenarios failed on each kind (a scenario counts once per kind)."""
    counts: Counter = Counter()
    for v in verdicts:
        counts.update(v.kinds())
    return Counter({k: counts[k] for k in FAILURE_KINDS if counts[k]})
