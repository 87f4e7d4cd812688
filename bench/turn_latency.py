"""Benchmark: per-turn latency of whole intakes over Rasa's REST channel, against a bare Rasa bot.

At each concurrency level (``--levels``, default 1,20,100) it runs simulated conversations, one
aiohttp task each, through ``POST /webhooks/rest/webhook`` of two bots in the same run (same
machine state), first the baseline, then ours:

- **baseline**: Rasa's starter bot (``rasa init``), trained once into var/bench/starter (kept
  for reruns) and run with ``rasa run --enable-api`` on a free port; its conversations cycle
  through the starter bot's intents (greet, mood, bot challenge, goodbye), as many turns as ours;
- **ours**: a whole Wegwijzer intake per simulated person (school "demo" in the metadata, as
  the widget sends it): the questions of the form, the advice, the route, the consent and the
  handoff to the backend, i.e. action-server calls and one intake per conversation. By default
  the stack is started here (tests/e2e/stack.py: the Procfile's processes, dev profile,
  SQLite); ``--rasa-url`` (and ``--backend-url``, to count the intakes) measures a running one.

A turn is timed from sending the message until the whole response is read; a turn fails on an
HTTP error, a timeout or an empty answer (its time still counts in the figures), and an intake
conversation also fails when it ends without a receipt code. Printed: core count; per level and
bot the turns, failures, median, p95 and p99 in ms, and ours/baseline for p95; ours per turn of
the script (which turns are slow); the RSS of every process after the run (summed with its
children); cold start (process start until /status shows a loaded model, and until the first
turn is answered); with ``--train`` the training time of both bots (``rasa train --force``);
with ``--profile`` a py-spy profile of our Rasa and action server during the level closest to
20: the functions where most samples were (inclusive, and where the CPU actually was).

    .venv/bin/python bench/turn_latency.py                       # about 15 minutes here
    .venv/bin/python bench/turn_latency.py --levels 1,5 --conversations-per-level 5   # ~4 min
    .venv/bin/python bench/turn_latency.py --train --profile      # add ~10 minutes
    .venv/bin/python bench/turn_latency.py --rasa-url http://127.0.0.1:8080 \\
        --backend-url http://127.0.0.1:8080                       # a running stack (nginx)
"""
from __future__ import annotations

import argparse
import asyncio
import collections
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import aiohttp
import psutil
import requests

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.conftest import free_port  # noqa: E402
from tests.e2e.fixtures import DEMO_LOGIN  # noqa: E402
from tests.e2e.driver import CODE_RE, STORY, payloads, texts  # noqa: E402
from tests.e2e.stack import Stack, all_intakes, ensure_trained_model  # noqa: E402

RASA = REPO / ".venv" / "bin" / "rasa"
STARTER = REPO / "var" / "bench" / "starter"
ENV = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "PYTHONUNBUFFERED": "1"}
ROUTE = object()  # in the script: press the first route the advice offers

# A pupil who is bullied and stays anonymous (as tests/e2e/test_conversation.py): 12 turns.
INTAKE = [
    "hallo",
    "ik word gepest op school",
    '/informeren{"rol": "leerling"}',
    STORY,
    "ja",
    "vorige week maandag",
    "twee jongens uit mijn klas",
    "nee nog niks",
    '/informeren{"wens": "stoppen_gedrag"}',
    "/bevestigen",  # anonymous: yes
    ROUTE,
    "/bevestigen",  # consent: the handoff
]
# The starter bot's intents, as many turns as an intake; each gets an answer (a "no" after the
# second sad mood gets none from the starter model, so a "yes" stands there).
STARTER_SCRIPT = ["hello", "I am sad", "yes", "hi there", "I am great", "are you a bot?",
                  "good morning", "very sad", "yes", "bye", "hey", "goodbye"][: len(INTAKE)]


@dataclass
class Bot:
    name: str
    url: str
    script: list
    metadata: Optional[dict] = None
    turns: dict = field(default_factory=lambda: collections.defaultdict(list))  # level -> ms


@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)
    by_turn: dict = field(default_factory=lambda: collections.defaultdict(list))
    failed: int = 0
    conversations_failed: int = 0
    seconds: float = 0.0


async def conversation(http: aiohttp.ClientSession, bot: Bot, sender: str, result: Result) -> None:
    last: list[dict] = []
    for index, message in enumerate(bot.script):
        if message is ROUTE:
            offered = payloads(last)
            message = offered[0] if offered else "Ik weet het nog niet"
        body = {"sender": sender, "message": message}
        if bot.metadata:
            body["metadata"] = bot.metadata
        started = time.perf_counter()
        try:
            async with http.post(f"{bot.url}/webhooks/rest/webhook", json=body) as response:
                last = await response.json() if response.status == 200 else []
                ok = response.status == 200 and isinstance(last, list) and bool(last)
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
            ok, last = False, []
        elapsed = (time.perf_counter() - started) * 1000
        result.latencies.append(elapsed)
        result.by_turn[index].append(elapsed)
        if not ok:
            result.failed += 1
    if bot.metadata and not CODE_RE.search(texts(last)):
        result.conversations_failed += 1


async def run_level(bot: Bot, concurrency: int, conversations: int, prefix: str) -> Result:
    result = Result()
    gate = asyncio.Semaphore(concurrency)
    timeout = aiohttp.ClientTimeout(total=180)
    connector = aiohttp.TCPConnector(limit=concurrency)

    async def one(n: int) -> None:
        async with gate:
            await conversation(http, bot, f"{prefix}-{concurrency}-{n}", result)

    started = time.perf_counter()
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as http:
        await asyncio.gather(*(one(n) for n in range(conversations)))
    result.seconds = time.perf_counter() - started
    return result


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


# --- the processes ---------------------------------------------------------------------------

def starter_project() -> Path:
    """Rasa's starter bot with a trained model, made once into var/bench/starter."""
    if not list((STARTER / "models").glob("*.tar.gz")):
        shutil.rmtree(STARTER, ignore_errors=True)
        STARTER.mkdir(parents=True)  # rasa init wants the directory to exist
        subprocess.run([str(RASA), "init", "--no-prompt", "--init-dir", str(STARTER)],
                       cwd=STARTER.parent, env=ENV, check=True, capture_output=True)
    return STARTER


def wait_for_model(url: str, params: dict, process: subprocess.Popen, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: the process exited")
        try:
            response = requests.get(f"{url}/status", params=params, timeout=2)
            if response.ok and response.json().get("model_file"):
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{url}: no model loaded after {timeout} s")


def first_turn(bot: Bot) -> None:
    body = {"sender": f"cold-{uuid.uuid4().hex[:8]}", "message": bot.script[0]}
    if bot.metadata:
        body["metadata"] = bot.metadata
    requests.post(f"{bot.url}/webhooks/rest/webhook", json=body, timeout=120).raise_for_status()


def start_baseline(log: Path) -> tuple[subprocess.Popen, Bot, dict]:
    project = starter_project()
    port = free_port()
    started = time.monotonic()
    process = subprocess.Popen(
        [str(RASA), "run", "--enable-api", "--port", str(port), "--interface", "127.0.0.1",
         "--model", "models"],
        cwd=project, env=ENV, stdout=log.open("wb"), stderr=subprocess.STDOUT,
    )
    bot = Bot("baseline", f"http://127.0.0.1:{port}", STARTER_SCRIPT)
    try:
        wait_for_model(bot.url, {}, process)
        status = time.monotonic() - started
        first_turn(bot)
    except BaseException:  # not left running when it did not start in time
        process.terminate()
        process.wait(30)
        raise
    return process, bot, {"status": status, "first turn": time.monotonic() - started}


def start_ours(workdir: Path) -> tuple[Stack, dict]:
    """The Procfile's processes as tests/e2e/stack.py starts them, timed from honcho's start."""
    ensure_trained_model()
    stack = Stack(workdir)
    stack.cli("setup", "--demo")
    started = time.monotonic()
    stack.process = subprocess.Popen(
        [str(REPO / ".venv" / "bin" / "honcho"), "start", "-f", "Procfile"],
        cwd=REPO, env=stack.env(), stdout=stack.log_path.open("ab"), stderr=subprocess.STDOUT,
    )
    wait_for_model(stack.rasa_url, {"token": stack.rasa_token}, stack.process)
    status = time.monotonic() - started
    stack.wait_until_ready(120)
    first_turn(Bot("ours", stack.rasa_url, INTAKE, {"school": "demo"}))
    return stack, {"status": status, "first turn": time.monotonic() - started}


def process_name(process: psutil.Process) -> Optional[str]:
    cmdline = " ".join(process.cmdline())
    for name, marker in (("backend", "-m backend"), ("actions", "run actions"),
                         ("rasa", "--enable-api"), ("transcripts", "transcripts run"),
                         ("outbox", "outbox run")):
        if marker in cmdline:
            return name
    return None


def rss_mb(process: psutil.Process) -> float:
    total = 0
    for p in [process, *process.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return total / 2**20


def memory(stack: Optional[Stack], baseline: subprocess.Popen) -> dict[str, float]:
    rows = {}
    if stack is not None:
        # The topmost process of each Procfile line (honcho may run it through a child of its own).
        for process in psutil.Process(stack.process.pid).children(recursive=True):
            name = process_name(process)
            if name and name != process_name(process.parent()):
                rows[f"ours: {name}"] = rss_mb(process)
    rows["baseline: rasa"] = rss_mb(psutil.Process(baseline.pid))
    return rows


def train_times() -> dict[str, float]:
    times = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, cmd, cwd in (
            ("ours", ["train", "--force", "--config", "bot/config.yml", "--domain", "bot/domain",
                      "--data", "data/nlu", "data/rules", "data/stories", "--out", f"{tmp}/ours"],
             REPO),
            ("baseline", ["train", "--force", "--out", f"{tmp}/baseline"], starter_project()),
        ):
            started = time.perf_counter()
            subprocess.run([str(RASA), *cmd], cwd=cwd, env=ENV, check=True, capture_output=True)
            times[name] = time.perf_counter() - started
    return times


# --- the profile -----------------------------------------------------------------------------

def start_profile(pids: dict[str, int], out: Path) -> dict[str, subprocess.Popen]:
    """py-spy recording each process (with its subprocesses) until stopped, collapsed stacks."""
    spy = shutil.which("py-spy", path=str(REPO / ".venv" / "bin")) or shutil.which("py-spy")
    if spy is None:
        raise SystemExit("--profile needs py-spy: .venv/bin/pip install py-spy")
    return {
        name: subprocess.Popen(
            [spy, "record", "--pid", str(pid), "--format", "raw", "--rate", "50", "--nonblocking",
             "--subprocesses", "--output", str(out / f"{name}.txt")],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        for name, pid in pids.items()
    }


def stop_profile(spies: dict[str, subprocess.Popen], out: Path, top: int = 15) -> str:
    """Stops the recorders; the top functions of each process, as text."""
    lines = []
    for name, spy in spies.items():
        spy.send_signal(2)  # SIGINT: py-spy writes what it has
        try:
            spy.wait(60)
        except subprocess.TimeoutExpired:
            spy.kill()
        path = out / f"{name}.txt"
        if not path.exists():
            lines.append(f"\nprofile of {name}: none ({spy.stderr.read().decode()[-500:]})")
            continue
        inclusive: collections.Counter = collections.Counter()
        own: collections.Counter = collections.Counter()
        total = idle = 0
        for line in path.read_text().splitlines():
            stack, _, count = line.rpartition(" ")
            if not stack or not count.isdigit():
                continue
            frames = [_frame(f) for f in stack.split(";")]
            if frames[-1].startswith(IDLE):  # the event loop waiting (in epoll)
                idle += int(count)
                continue
            total += int(count)
            own[frames[-1]] += int(count)
            for frame in set(frames):
                inclusive[frame] += int(count)
        lines.append(f"\nprofile of our {name}: {total} busy samples (and {idle} waiting in the "
                     f"event loop) at 50/s")
        lines.append("  where the CPU was (own samples, % of busy):")
        for frame, count in own.most_common(top):
            lines.append(f"    {100 * count / max(total, 1):5.1f}%  {frame}")
        lines.append("  inclusive, Rasa's and our code (the function and what it called; not the "
                     "trunk all share):")
        shown = 0
        for frame, count in inclusive.most_common():
            if count < 0.8 * total and re.search(r"\((rasa|rasa_sdk|actions|wegwijzer)/", frame):
                lines.append(f"    {100 * count / max(total, 1):5.1f}%  {frame}")
                shown += 1
                if shown == top:
                    break
    return "\n".join(lines)


IDLE = "serve (sanic/server/runners.py)"


def _frame(frame: str) -> str:
    """'function (path/to/file.py:12)' -> 'function (…/pkg/file.py)'."""
    match = re.match(r"(.*) \((.*?)(?::\d+)?\)$", frame)
    if not match:
        return frame
    function, path = match.groups()
    path = re.sub(r".*/site-packages/", "", path).replace(str(REPO) + "/", "")
    return f"{function} ({path})"


# --- main ------------------------------------------------------------------------------------

def count_intakes(backend_url: str, prefix: str, login: tuple[str, str]) -> Optional[int]:
    session = requests.Session()
    try:
        session.post(f"{backend_url}/api/auth/login",
                     json={"email": login[0], "password": login[1]}, timeout=30).raise_for_status()
        intakes = all_intakes(session, backend_url, timeout=120)
    except (requests.RequestException, ValueError):
        return None
    return sum(i["conversation_id"].startswith(prefix) for i in intakes)


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--levels", default="1,20,100", help="concurrent conversations, e.g. 1,20,100")
    parser.add_argument("--conversations-per-level", type=int, default=None,
                        help="conversations at each level (default: the level, at least 10)")
    parser.add_argument("--rasa-url", help="measure this running Rasa instead of starting ours")
    parser.add_argument("--backend-url", help="with --rasa-url: its backend, to count the intakes")
    parser.add_argument("--login", default=":".join(DEMO_LOGIN),
                        help="email:password of the demo school's contact person")
    parser.add_argument("--train", action="store_true", help="also time training (minutes)")
    parser.add_argument("--profile", action="store_true",
                        help="py-spy profile of our Rasa and action server at the level closest to 20")
    args = parser.parse_args(argv)
    levels = [int(level) for level in args.levels.split(",")]
    print(f"cores: {os.cpu_count()}")

    trained = train_times() if args.train else {}
    workdir = Path(tempfile.mkdtemp(prefix="bench-turns-"))
    baseline_process, baseline, cold = start_baseline(workdir / "baseline.log")
    stack = None
    colds = {"baseline": cold}
    try:
        if args.rasa_url:
            ours = Bot("ours", args.rasa_url.rstrip("/"), INTAKE, {"school": "demo"})
            backend_url = args.backend_url
        else:
            stack, colds["ours"] = start_ours(workdir)
            ours = Bot("ours", stack.rasa_url, INTAKE, {"school": "demo"})
            backend_url = stack.backend_url
        prefix = f"bench-{uuid.uuid4().hex[:8]}"
        profile = ""
        profiled = min(levels, key=lambda level: abs(level - 20)) if args.profile else None
        results: dict[tuple[int, str], Result] = {}
        for level in levels:
            conversations = args.conversations_per_level or max(level, 10)
            for bot in (baseline, ours):
                spies = None
                if bot is ours and level == profiled:
                    if stack is None:
                        raise SystemExit("--profile needs our own stack (no --rasa-url)")
                    pids = {process_name(p): p.pid for p in stack.processes()
                            if process_name(p) in ("rasa", "actions")}
                    spies = start_profile(pids, workdir)
                results[level, bot.name] = asyncio.run(
                    run_level(bot, level, conversations, f"{prefix}-{bot.name}"))
                if spies:
                    profile = stop_profile(spies, workdir)  # printed after the tables
                print(f"  level {level:>3} {bot.name:8}: {conversations} conversations in "
                      f"{results[level, bot.name].seconds:.1f} s", flush=True)
        rss = memory(stack, baseline_process)
        intakes = count_intakes(backend_url, f"{prefix}-ours", tuple(args.login.split(":", 1))) \
            if backend_url else None

        print(f"\ncores: {os.cpu_count()}; {len(INTAKE)} turns per conversation; "
              f"ours: {'stack at ' + args.rasa_url if args.rasa_url else 'dev profile (SQLite), started here'}")
        print(f"{'concurrency':>11} {'bot':9}{'turns':>7}{'failed':>8}{'median':>9}{'p95':>9}"
              f"{'p99':>9}{'p95 ours/base':>15}")
        for level in levels:
            base_p95 = percentile(results[level, "baseline"].latencies, 0.95)
            for name in ("baseline", "ours"):
                r = results[level, name]
                p95 = percentile(r.latencies, 0.95)
                ratio = f"{p95 / base_p95:>15.2f}" if name == "ours" else ""
                print(f"{level:>11} {name:9}{len(r.latencies):>7}{r.failed:>8}"
                      f"{statistics.median(r.latencies):>9.0f}{p95:>9.0f}"
                      f"{percentile(r.latencies, 0.99):>9.0f}{ratio}")
        ours_done = {level: (args.conversations_per_level or max(level, 10))
                     - results[level, "ours"].conversations_failed for level in levels}
        print(f"intake conversations ending with a receipt code: "
              + ", ".join(f"{n}/{args.conversations_per_level or max(level, 10)} at {level}"
                          for level, n in ours_done.items())
              + (f"; intakes in the backend from this run: {intakes}" if intakes is not None else ""))
        top = max(levels)
        print(f"\nours per turn at concurrency {top} (median / p95 ms):")
        for index, message in enumerate(INTAKE):
            values = results[top, "ours"].by_turn[index]
            label = "[route button]" if message is ROUTE else message[:40]
            print(f"  {index + 1:>2} {label:42}{statistics.median(values):>7.0f}"
                  f"{percentile(values, 0.95):>7.0f}")
        print("\nRSS after the run (MB, with children):")
        for name, mb in rss.items():
            print(f"  {name:22}{mb:>8.0f}")
        print("cold start (s): process start until /status has a model, until the first turn")
        for name, c in colds.items():
            print(f"  {name:22}{c['status']:>8.1f}{c['first turn']:>8.1f}")
        if trained:
            print("training, rasa train --force (s): "
                  + ", ".join(f"{name} {seconds:.0f}" for name, seconds in trained.items()))
        if profiled is not None:
            print(profile)
        print(f"\nlogs of the processes: {workdir}")
    finally:
        baseline_process.terminate()
        if stack is not None:
            stack.interrupt()
        baseline_process.wait(30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
