"""Experiment: a semantic backstop for the crisis net, measured on a held-out batch.

The crisis patterns catch the phrasings someone wrote a form for and little else (bench/README.md,
"Crisis net from a fixed warning-sign checklist"). This measures whether the multilingual e5
sentence vectors the pipeline already computes (bot.components.sentence_features) recognise
crisis messages nobody wrote a pattern for: a message is flagged when its nearest crisis example
is closer (cosine) than its nearest ordinary example by more than a margin.

Examples: every crisis / ordinary message of bench/multilingual/ (all folders except the held-out
ones), the unit examples (tests/unit/safety_*.yml) and the Dutch NLU data (`hulp_nu` vs the rest).
Measured: per language on the held-out folders, the net's patterns, the nearest-example rule and
both together; in Dutch, the held-out NLU messages (tests/nlu/holdout*.yml) and the user messages
of the scenario suite (tests/scenarios/data) that the rule flags.

    .venv/bin/python bench/crisis_semantic.py --held-out fresh/checklist3 --margin 0 0.02 0.05

Nothing here is part of the product; encoding ~4,000 messages takes a few minutes on one thread.
"""
from __future__ import annotations

import argparse
import glob
import re
import sys
from pathlib import Path

import numpy as np
import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.append(str(REPO))  # appended: PYTHONPATH may point at another version of wegwijzer

from bot.components.sentence_features import encode  # noqa: E402
from wegwijzer.safety import detect_crisis  # noqa: E402
from wegwijzer.vocab import TALEN  # noqa: E402

SETS = REPO / "bench" / "multilingual"


def split(path: Path) -> tuple[list[str], list[str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    crisis = [t for key, texts in data.items() if key.startswith("crisis") for t in texts]
    ordinary = [t for key, texts in data.items() if not key.startswith("crisis") and isinstance(texts, list) for t in texts]
    return crisis, ordinary


def nlu(path: str) -> list[tuple[str, str]]:
    out = []
    for item in (yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}).get("nlu", []):
        for line in item.get("examples", "").splitlines() if "intent" in item else []:
            if line.strip().startswith("- "):
                out.append((item["intent"], re.sub(r"\[([^\]]+)\](?:\([^)]+\)|\{[^}]+\})", r"\1", line.strip()[2:])))
    return out


def answer_strings(x):
    """The typed strings of a scenario's ``antwoorden`` (button presses, ``knop``, left out)."""
    if isinstance(x, str):
        yield x
    elif isinstance(x, list):
        for y in x:
            yield from answer_strings(y)
    elif isinstance(x, dict):
        for key, y in x.items():
            if key != "knop":
                yield from answer_strings(y)


def scenario_messages() -> tuple[list[str], list[list[str]]]:
    """User messages of the non-acute scenarios, and the messages of each acute one."""
    ordinary, acute = [], []
    for path in sorted(glob.glob(str(REPO / "tests" / "scenarios" / "data" / "*.yml"))):
        for s in yaml.safe_load(Path(path).read_text(encoding="utf-8"))["scenarios"]:
            texts = [s["opening"], *answer_strings(s.get("antwoorden", {}))]
            signals = str((s.get("verwacht") or {}).get("signalen") or {})
            (acute.append(texts) if "acuut" in s.get("tags", []) or "acuut_gevaar" in signals else ordinary.extend(texts))
    return ordinary, acute


def examples(held_out: list[str]) -> tuple[list[str], list[str]]:
    crisis, ordinary = [], []
    for path in sorted(SETS.rglob("*.yml")):
        if any(str(path.parent.relative_to(SETS)) == h for h in held_out):
            continue
        c, o = split(path)
        crisis += c
        ordinary += o
    for path in sorted((REPO / "tests" / "unit").glob("safety_talen*.yml")):
        for sets in yaml.safe_load(path.read_text(encoding="utf-8")).values():
            crisis += sets.get("crisis", [])
            ordinary += sets.get("gewoon", [])
    for intent, text in (m for p in sorted(glob.glob(str(REPO / "data" / "nlu" / "*.yml"))) for m in nlu(p)):
        (crisis if intent == "hulp_nu" else ordinary).append(text)
    return crisis, ordinary


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--held-out", nargs="+", default=["fresh/checklist3"])
    parser.add_argument("--margin", nargs="+", type=float, default=[0.0, 0.02, 0.05])
    args = parser.parse_args(argv)

    crisis, ordinary = examples(args.held_out)
    xc, xo = encode("e5", crisis), encode("e5", ordinary)

    def flags(texts: list[str], margin: float) -> np.ndarray:
        if not texts:
            return np.zeros(0, dtype=bool)
        v = encode("e5", texts)
        return (v @ xc.T).max(1) - (v @ xo.T).max(1) > margin

    print(f"examples: {len(crisis)} crisis, {len(ordinary)} ordinary; held out: {' '.join(args.held_out)}\n")
    held = {taal: ([], []) for taal in TALEN}
    for h in args.held_out:
        for taal in TALEN:
            path = SETS / h / f"{taal}.yml"
            if path.exists():
                c, o = split(path)
                held[taal][0].extend(c)
                held[taal][1].extend(o)
    holdout = [t for p in sorted(glob.glob(str(REPO / "tests" / "nlu" / "holdout*.yml"))) for i, t in nlu(p) if i != "hulp_nu"]
    scen, acute = scenario_messages()
    for margin in args.margin:
        print(f"margin {margin}: taal | patterns | nearest example | both | false alarms: patterns / nearest / both")
        totals = np.zeros(7, dtype=int)
        for taal, (c, o) in held.items():
            pc = np.array([detect_crisis(t) is not None for t in c], dtype=bool)
            po = np.array([detect_crisis(t) is not None for t in o], dtype=bool)
            sc, so = flags(c, margin), flags(o, margin)
            row = [pc.sum(), sc.sum(), (pc | sc).sum(), len(c), po.sum(), so.sum(), (po | so).sum()]
            totals += np.array(row[:3] + [len(c)] + row[4:])
            print(f"  {taal} | {row[0]}/{len(c)} | {row[1]}/{len(c)} | {row[2]}/{len(c)} | {row[4]}/{len(o)} / {row[5]}/{len(o)} / {row[6]}/{len(o)}")
        n_o = sum(len(o) for _, o in held.values())
        print(f"  all | {totals[0]}/{totals[3]} | {totals[1]}/{totals[3]} | {totals[2]}/{totals[3]} | {totals[4]}/{n_o} / {totals[5]}/{n_o} / {totals[6]}/{n_o}")
        fh, fs = flags(holdout, margin), flags(scen, margin)
        caught = sum(bool(flags(texts, margin).any()) for texts in acute)
        print(f"  Dutch held-out NLU messages (not hulp_nu) flagged by the nearest example: {fh.sum()}/{len(holdout)}")
        print(f"  scenario user messages (non-acute scenarios) flagged: {fs.sum()}/{len(scen)}; acute scenarios: {caught}/{len(acute)}")
        for text in [t for t, f in zip(holdout + scen, list(fh) + list(fs)) if f][:12]:
            print(f"    flagged: {text[:110]}")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
