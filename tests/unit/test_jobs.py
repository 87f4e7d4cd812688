"""The job base (shared.jobs) that the outbox, the transcript sweep and the notifications share:
its pause, its back-off while what a job needs is away, and a failing pass that does not end
the loop."""
import asyncio
import logging

from shared import jobs


class Away(jobs.Outcome):
    @property
    def away(self) -> bool:
        return True


def test_the_pause_doubles_while_away_and_comes_back_after():
    job = jobs.Job(interval_seconds=5, max_backoff_seconds=30)
    waits = [job.wait_seconds(Away(), now=0) for _ in range(4)]
    assert waits == [10, 20, 30, 30]
    assert job.wait_seconds(jobs.Outcome(), now=0) == 5
    assert job.wait_seconds(None, now=0) == 5  # a failed pass: the interval
    due = jobs.Outcome()
    due.next_due = 2.0
    assert job.wait_seconds(due, now=0) == 2.5
    assert jobs.Job(interval_seconds=5).wait_seconds(Away(), now=0) == 5  # no maximum given


class Scripted(jobs.Job):
    name = "scripted"

    def __init__(self, stopping: asyncio.Event) -> None:
        super().__init__(interval_seconds=0.01)
        self.passes, self.stopping = 0, stopping

    async def run_once(self) -> jobs.Outcome:
        self.passes += 1
        if self.passes == 1:
            raise OSError("the server is away")
        if self.passes == 2:
            raise RuntimeError("a bug")
        if self.passes == 4:
            self.stopping.set()
        return jobs.Outcome()


def test_a_failing_pass_is_logged_and_the_loop_goes_on(caplog):
    async def main() -> Scripted:
        stopping = asyncio.Event()
        job = Scripted(stopping)
        await asyncio.wait_for(job.run_forever(stopping), timeout=5)
        return job

    with caplog.at_level(logging.INFO, logger="shared.jobs"):
        job = asyncio.run(main())
    assert job.passes == 4
    messages = [record.getMessage() for record in caplog.records]
    assert "scripted: pass failed (OSError), trying again later" in messages
    assert "scripted: pass failed" in messages  # with its traceback
    assert messages[-1] == "scripted: stopped"
