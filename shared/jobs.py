"""One base for the jobs that run again and again: the action server's outbox
(``actions.outbox``), the transcript sweep (``shared.transcripts``) and the notifications
(``backend.jobs.notify``). As in GlobaLeaks' ``jobs/job.py``: a job says what one pass does
(:meth:`Job.run_once`, returning an :class:`Outcome`); the base does the rest in one place:
a pass at once and then every interval until stopped, sooner when woken or when the outcome
knows something is due, longer (doubling up to a maximum) while what the job needs is away,
a failing pass logged by the kind of its error and never the end of the loop, and a pass that
did something logged as counts (never personal data)."""
from __future__ import annotations

import asyncio
import logging
import signal
import time
from typing import Optional, Tuple, Type

from sqlalchemy.exc import SQLAlchemyError

log = logging.getLogger(__name__)


class Outcome:
    """What one pass did; each job's outcome (counts) is a subclass."""

    # When something known is due (Unix time), if sooner than the interval.
    next_due: Optional[float] = None

    @property
    def away(self) -> bool:
        """What the job needs (the backend, a database) did not answer: wait longer."""
        return False

    def worth_logging(self) -> bool:
        return False

    def summary(self) -> str:
        return ""


class Job:
    """A job: a name for the logs, an interval, and :meth:`run_once`."""

    name = "job"
    # Errors of the world (a database or a server away): a warning with their kind; anything
    # else is logged with its traceback. Either way the loop goes on.
    expected_errors: Tuple[Type[BaseException], ...] = (SQLAlchemyError, OSError)

    def __init__(self, interval_seconds: float, max_backoff_seconds: Optional[float] = None):
        self.interval_seconds = float(interval_seconds)
        self.max_backoff_seconds = max(
            self.interval_seconds, float(max_backoff_seconds or interval_seconds)
        )
        self._delay = self.interval_seconds

    async def run_once(self) -> Outcome:
        raise NotImplementedError

    def started(self) -> str:
        """What the job does, for the log line at its start."""
        return f"running every {self.interval_seconds:g} s"

    async def attempt(self) -> Optional[Outcome]:
        """One pass that never raises: ``None`` when it failed."""
        try:
            outcome = await self.run_once()
        except self.expected_errors as error:
            log.warning("%s: pass failed (%s), trying again later", self.name,
                        type(error).__name__)
            return None
        except Exception:
            log.exception("%s: pass failed", self.name)
            return None
        if outcome.worth_logging():
            logging.getLogger(type(self).__module__).info("%s: %s", self.name, outcome.summary())
        return outcome

    def wait_seconds(self, outcome: Optional[Outcome], now: float) -> float:
        """Until the next pass: the interval; doubled after each pass that found what it
        needs away (up to the maximum); less when the outcome knows something is due sooner
        (so it is done at its time, not up to an interval later)."""
        if outcome is not None and outcome.away:
            self._delay = min(self._delay * 2, self.max_backoff_seconds)
        else:
            self._delay = self.interval_seconds
        if outcome is None or outcome.next_due is None:
            return self._delay
        return min(self._delay, max(1.0, outcome.next_due - now + 0.5))

    async def run_forever(
        self, stopping: asyncio.Event, woken: Optional[asyncio.Event] = None
    ) -> None:
        """Passes until ``stopping`` is set (set ``woken`` too, to end the pause at once);
        ``woken`` set by someone else starts the next pass now."""
        woken = woken or asyncio.Event()
        log.info("%s: %s", self.name, self.started())
        while not stopping.is_set():
            woken.clear()
            outcome = await self.attempt()
            if stopping.is_set():
                break
            # The pause: a timer that sets ``woken``. Not wait_for, which makes a task each
            # time, and aiohttp's shutdown waits for tasks made after start-up.
            timer = asyncio.get_running_loop().call_later(
                self.wait_seconds(outcome, time.time()), woken.set
            )
            try:
                await woken.wait()
            finally:
                timer.cancel()
        log.info("%s: stopped", self.name)


def run_in_process(job: Job) -> None:
    """A ``Procfile`` process (``wegwijzer outbox run``, ``transcripts run``): the job until
    SIGTERM or SIGINT (honcho sends them on Ctrl-C)."""

    async def main() -> None:
        stopping, woken = asyncio.Event(), asyncio.Event()

        def stop() -> None:
            stopping.set()
            woken.set()

        loop = asyncio.get_running_loop()
        for number in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(number, stop)
        await job.run_forever(stopping, woken)

    asyncio.run(main())
