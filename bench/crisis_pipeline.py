"""Benchmark: crisis recall and false alarms per language through the real trained pipeline.

Loads a trained model (``Agent`` + ``parse_message``, as the server does) and parses every
message of the held-out crisis batches (default: ``fresh/checklist5``, ``unseen2``-``unseen4``
and the first held-out set, ``.``, under bench/multilingual/) with the crisis patterns switched
off in this process, so that one parse tells what the rest of the pipeline did:

- *semantic*: the semantic crisis net (``bot/components/crisis_semantic.py``) flagged it (it
  sets the ``crisis`` field; without the patterns nothing else does); "right language": its
  ``crisis.taal`` is the batch file's language;
- *pipeline*: what a person gets: ``hulp_nu`` from the classifier, the semantic net or the
  patterns (``wegwijzer.safety.detect_crisis``, which only ever adds);
- *patterns*: the patterns alone.

Also the Dutch held-out NLU messages (tests/nlu/holdout*.yml) that are not ``hulp_nu`` and that
the semantic net flags. A model without the semantic net (e.g. main's) gives the "before".

    .venv/bin/python bench/crisis_pipeline.py --model models/wegwijzer.tar.gz
    .venv/bin/python bench/crisis_pipeline.py --model models/wegwijzer.tar.gz \
        --sets fresh/checklist6 --margins 0.005 0.01 0.015 0.02     # the margin's trade-off
"""
from __future__ import annotations

import argparse
import asyncio
import glob
import re
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.crisis_semantic import scenario_messages  # noqa: E402
from bench.multilingual import parse_all, use_current_crisis_examples  # noqa: E402
from wegwijzer.safety import detect_crisis  # noqa: E402
from wegwijzer.vocab import TALEN  # noqa: E402

SETS = REPO / "bench" / "multilingual"


def lists(folder: str) -> dict[str, tuple[list[str], list[str]]]:
    out = {}
    for taal in TALEN:
        path = SETS / folder / f"{taal}.yml"
        if path.exists():
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            out[taal] = ([t for k, v in data.items() if k.startswith("crisis") for t in v],
                         [t for k, v in data.items() if not k.startswith("crisis") and isinstance(v, list) for t in v])
    return out


def holdout() -> list[str]:
    out = []
    for path in sorted(glob.glob(str(REPO / "tests" / "nlu" / "holdout*.yml"))):
        for item in yaml.safe_load(Path(path).read_text(encoding="utf-8")).get("nlu", []):
            if item.get("intent") in (None, "hulp_nu"):
                continue
            for line in item["examples"].splitlines():
                if line.strip().startswith("- "):
                    out.append(re.sub(r"\[([^\]]+)\](?:\([^)]+\)|\{[^}]+\})", r"\1", line.strip()[2:]))
    return out


def rate(hits: int, total: int) -> str:
    return f"{hits}/{total}" if total else "–"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--sets", nargs="+", default=["fresh/checklist5", "unseen2", "unseen3", "unseen4", "."])
    parser.add_argument("--show", action="store_true", help="list the semantic net's catches and false alarms")
    parser.add_argument("--margins", nargs="+", type=float,
                        help="instead of the model's margin: the semantic net at each of these margins"
                             " (one parse; the net records its difference and flags nothing itself)")
    parser.add_argument("--veto", type=float, nargs="+", default=[None],
                        help="with --margins: DIET's hulp_nu counts only when the difference is at least this "
                             "(the component's veto); default: DIET's hulp_nu always counts")
    parser.add_argument("--current-examples", action="store_true",
                        help="the semantic crisis net with today's examples, not the model's (no retrain)")
    args = parser.parse_args(argv)
    if args.current_examples:
        use_current_crisis_examples()

    from bot.components import safety_net

    safety_net.detect_crisis = lambda text: None  # the patterns off: see the docstring
    differences = record_differences() if args.margins else None
    sets = {name: lists(name) for name in args.sets}
    dutch = holdout()
    scenario = scenario_messages()[0] if args.margins else []
    flat = sorted({t for s in sets.values() for c, o in s.values() for t in c + o} | set(dutch) | set(scenario))
    parsed = dict(zip(flat, asyncio.run(parse_all(args.model, flat))))
    if differences is not None:
        return print_margins(sets, {"Dutch held-out NLU (not hulp_nu)": dutch,
                                     "user messages of the non-acute scenarios": scenario},
                             parsed, differences, args.margins, args.show, args.veto)


    def semantic(t: str) -> bool:
        return bool(parsed[t].get("crisis"))

    def pipeline(t: str) -> bool:
        return parsed[t]["intent"]["name"] == "hulp_nu" or detect_crisis(t) is not None

    shown = []
    for name, per_taal in sets.items():
        print(f"\n{name}: taal | crisis: patterns / semantic / pipeline | semantic in the right language"
              " | false alarms: patterns / semantic / pipeline")
        tot = [0] * 8
        for taal, (crisis, ordinary) in per_taal.items():
            row = [sum(detect_crisis(t) is not None for t in crisis), sum(map(semantic, crisis)),
                   sum(map(pipeline, crisis)), len(crisis),
                   sum(detect_crisis(t) is not None for t in ordinary), sum(map(semantic, ordinary)),
                   sum(map(pipeline, ordinary)), len(ordinary)]
            right = sum(1 for t in crisis if semantic(t) and parsed[t]["crisis"].get("taal") == taal)
            tot = [a + b for a, b in zip(tot, row)]
            print(f"  {taal} | {row[0]} / {row[1]} / {row[2]} of {row[3]} | {right}/{row[1]}"
                  f" | {row[4]} / {row[5]} / {row[6]} of {row[7]}")
            shown += [f"  {name} {taal} caught: {t}" for t in crisis if semantic(t) and detect_crisis(t) is None]
            shown += [f"  {name} {taal} FALSE ALARM: {t}" for t in ordinary if semantic(t)]
        print(f"  all | {tot[0]} / {tot[1]} / {tot[2]} of {tot[3]} | | {tot[4]} / {tot[5]} / {tot[6]} of {tot[7]}")
    flagged = [t for t in dutch if semantic(t)]
    print(f"\nDutch held-out NLU messages (not hulp_nu) flagged by the semantic net: {len(flagged)}/{len(dutch)};"
          f" read as hulp_nu by the pipeline: {sum(map(pipeline, dutch))}/{len(dutch)}")
    shown += [f"  holdout FLAGGED: {t}" for t in flagged]
    if args.show:
        print("\n".join(shown))
    return 0


def record_differences() -> dict[str, float]:
    """Makes the semantic net record, per message text, how much closer its nearest crisis
    example is than its nearest ordinary one, and flag nothing: the parse's intent is then the
    classifier's own, and any margin can be applied afterwards."""
    from rasa.shared.nlu.constants import TEXT

    from bot.components.crisis_semantic import SemanticCrisisNet

    recorded: dict[str, float] = {}

    def process(self, messages):
        for message in messages:
            found = self.nearest(message)
            if found is not None:
                recorded[message.get(TEXT)] = found[0]
        return messages

    SemanticCrisisNet.process = process
    return recorded


def print_margins(sets, ordinary_sets, parsed, differences, margins, show=False, vetoes=(None,)) -> int:
    for veto in vetoes:
        print(f"\n===== veto {veto}")
        _print_margins(sets, ordinary_sets, parsed, differences, margins, show, veto)
    return 0


def _print_margins(sets, ordinary_sets, parsed, differences, margins, show, veto) -> None:
    """Per margin and language: crisis caught by the whole pipeline (classifier, semantic net at
    that margin, patterns) and false alarms, on each set and on the Dutch held-out messages;
    with ``show``, the misses and false alarms at the last margin."""
    def caught(t: str, margin: float) -> bool:
        diet = parsed[t]["intent"]["name"] == "hulp_nu" and (veto is None or t not in differences
                                                             or differences[t] >= veto)
        return diet or differences.get(t, -1.0) > margin or detect_crisis(t) is not None

    for name, per_taal in sets.items():
        print(f"\n{name}: pipeline crisis caught (false alarms) per language, by margin")
        print("  margin | " + " | ".join(per_taal) + " | all")
        for margin in margins:
            cells, hit, fa, n_c, n_o = [], 0, 0, 0, 0
            for crisis, ordinary in per_taal.values():
                h, f = sum(caught(t, margin) for t in crisis), sum(caught(t, margin) for t in ordinary)
                cells.append(f"{h}/{len(crisis)} ({f})")
                hit, fa, n_c, n_o = hit + h, fa + f, n_c + len(crisis), n_o + len(ordinary)
            print(f"  {margin} | " + " | ".join(cells) + f" | {hit}/{n_c} ({fa}/{n_o})")
    for label, texts in ordinary_sets.items():
        print(f"\n{label} read as hulp_nu, by margin: " + ", ".join(
            f"{margin}: {sum(caught(t, margin) for t in texts)}/{len(texts)}" for margin in margins))
    if show:
        last = margins[-1]
        print(f"\nAt margin {last} (classifier / difference):")
        for name, per_taal in sets.items():
            for taal, (crisis, ordinary) in per_taal.items():
                for t in crisis:
                    if not caught(t, last):
                        print(f"  {name} {taal} MISSED: {t}  ({parsed[t]['intent']['name']} / {differences.get(t, '-')})")
                for t in ordinary:
                    if caught(t, last):
                        print(f"  {name} {taal} FALSE ALARM: {t}  ({parsed[t]['intent']['name']} / {differences.get(t, '-')})")
        for label, texts in ordinary_sets.items():
            for t in texts:
                if caught(t, last):
                    print(f"  {label}: {t[:100]}  ({parsed[t]['intent']['name']} / {differences.get(t, '-')})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
