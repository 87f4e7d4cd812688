"""The scenario suite (tests/scenarios/): how many conversations the bot gets fully right, judged
as a contact person would, and what went wrong in the others.

Each scenario is played by the simulated user (tests/scenarios/simulator.py) over Rasa's REST
channel and judged (tests/scenarios/judge.py) on the record the demo contact person finds in
the backend, the advice in it, everything the bot said and how the conversation went. Printed:
the share fully right, the failures per scenario with what differed, and the count of failed
scenarios per kind of failure. By default a fresh stack is started (tests/e2e/stack.py: the
Procfile's processes with the trained model of `make train`); ``--rasa-url`` with
``--rasa-token`` and ``--backend-url`` plays against a running one (e.g. `make run`).

    .venv/bin/python bench/scenarios.py                      # the whole suite, ~15 min here
    .venv/bin/python bench/scenarios.py --tag snel            # the fast subset of `make test`
    .venv/bin/python bench/scenarios.py --file examen --id gesprek-stopt-halverwege
    .venv/bin/python bench/scenarios.py --json var/bench/scenarios.json --transcripts
    .venv/bin/python bench/scenarios.py --rasa-url http://127.0.0.1:5005 \\
        --rasa-token dev-rasa-token --backend-url http://127.0.0.1:8000
    .venv/bin/python bench/scenarios.py --list               # the scenarios, nothing played
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import date, datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.e2e.stack import Stack, ensure_trained_model  # noqa: E402
from tests.scenarios.judge import FAILURE_KINDS, Verdict  # noqa: E402
from tests.scenarios.model import load_all, select  # noqa: E402
from tests.scenarios.runner import Runner, Target, kind_counts  # noqa: E402


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tag", action="append", default=[], help="only scenarios with this tag (repeatable)")
    parser.add_argument("--file", action="append", default=[], help="only this data file, e.g. examen (repeatable)")
    parser.add_argument("--id", action="append", default=[], help="only this scenario (repeatable)")
    parser.add_argument("--json", type=Path, help="write the report as JSON here")
    parser.add_argument("--transcripts", action="store_true", help="print the conversation of each failed scenario")
    parser.add_argument("--list", action="store_true", help="list the selected scenarios and stop")
    parser.add_argument("--rasa-url", help="a running Rasa server (else a fresh stack is started)")
    parser.add_argument("--rasa-token", default=os.environ.get("RASA_AUTH_TOKEN", "dev-rasa-token"))
    parser.add_argument("--backend-url", help="the running stack's backend")
    parser.add_argument("--email", default=Target.email, help="a contact person of the school")
    parser.add_argument("--password", default=Target.password)
    parser.add_argument("--school", default=Target.school)
    args = parser.parse_args(argv)
    if bool(args.rasa_url) != bool(args.backend_url):
        parser.error("--rasa-url and --backend-url go together")
    return args


def _git_commit() -> str:
    result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
    return result.stdout.strip() or "?"


def report(verdicts: list[Verdict], transcripts: bool) -> str:
    total = len(verdicts)
    right = sum(v.fully_right for v in verdicts)
    lines = [f"Fully right: {right}/{total} ({100 * right / total:.1f} %)" if total else "No scenarios."]
    failed = [v for v in verdicts if not v.fully_right]
    if failed:
        lines += ["", "Failures per scenario:"]
        for v in failed:
            lines.append(v.summary())
            if transcripts:
                lines.append("    " + v.conversation.transcript().replace("\n", "\n    "))
    counts = kind_counts(verdicts)
    if counts:
        lines += ["", "Failed scenarios per kind (a scenario counts once per kind):"]
        lines += [f"  {kind:22} {n:4}  {FAILURE_KINDS[kind]}" for kind, n in counts.most_common()]
    conv = [v.conversation for v in verdicts]
    lines += ["", "Notes (not failures), scenarios with:",
              f"  a question asked again after an answer   {sum(bool(c.reasked) for c in conv):4}",
              f"  a category guess the person corrected    {sum(bool(c.corrections) for c in conv):4}",
              f"  a question the person had no answer for  {sum(bool(c.unexpected) for c in conv):4}",
              f"  no datum_gebeurtenis in the record       "
              f"{sum(any(n.startswith('datum_gebeurtenis leeg') for n in v.notes) for v in verdicts):4}"]
    per_file: Counter = Counter()
    right_file: Counter = Counter()
    for v in verdicts:
        per_file[v.scenario.file] += 1
        right_file[v.scenario.file] += v.fully_right
    lines += ["", "Fully right per file:"]
    lines += [f"  {f:22} {right_file[f]:3}/{n}" for f, n in sorted(per_file.items())]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    scenarios = select(load_all(), tags=args.tag, files=args.file, ids=args.id)
    if args.list:
        for s in scenarios:
            print(f"{s.id:45} {s.file:18} {','.join(s.tags)}")
        print(f"{len(scenarios)} scenarios")
        return 0
    if not scenarios:
        print("No scenario matches.", file=sys.stderr)
        return 2
    print(f"{len(scenarios)} scenarios, {os.cpu_count()} cores, {date.today().isoformat()}, commit {_git_commit()}",
          flush=True)

    stack = None
    started = time.monotonic()
    try:
        if args.rasa_url:
            target = Target(args.rasa_url, args.rasa_token, args.backend_url, args.email, args.password, args.school)
        else:
            ensure_trained_model()
            stack = Stack(workdir=Path(tempfile.mkdtemp(prefix="scenarios-")))
            print(f"Starting a stack in {stack.workdir} ...", flush=True)
            stack.start()
            target = Target(stack.rasa_url, stack.rasa_token, stack.backend_url, school=args.school)
            print(f"Stack ready after {time.monotonic() - started:.0f} s", flush=True)
        runner = Runner(target)
        done = [0]

        def progress(v: Verdict) -> None:
            done[0] += 1
            status = "goed" if v.fully_right else "FOUT " + ",".join(v.kinds())
            print(f"[{done[0]:3}/{len(scenarios)}] {v.scenario.id:45} {status}", flush=True)

        play_start = time.monotonic()
        verdicts = runner.run_all(scenarios, progress=progress)
        played = time.monotonic() - play_start
    finally:
        if stack is not None:
            stack.interrupt()

    print()
    print(report(verdicts, args.transcripts))
    print(f"\nPlayed in {played:.0f} s ({played / len(verdicts):.1f} s a scenario).")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        right = sum(v.fully_right for v in verdicts)
        args.json.write_text(json.dumps({
            "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "commit": _git_commit(),
            "scenarios": len(verdicts),
            "fully_right": right,
            "share": round(right / len(verdicts), 4),
            "kinds": dict(kind_counts(verdicts)),
            "verdicts": [v.to_dict() for v in verdicts],
        }, ensure_ascii=False, indent=2), encoding="utf-8")
        print(f"Report written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
