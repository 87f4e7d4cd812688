"""Benchmark: the product in eight languages, on the held-out set in bench/multilingual/.

Prints one table, a row per language:

- crisis recall: the crisis messages (both batches) the safety net (wegwijzer.safety) catches;
- false alarms: the complaints and questions it flags; with --model also those the whole
  pipeline reads as acute danger (the classifier's own hulp_nu included);
- language detection: messages of 3–15 words given their language by wegwijzer.taal.detecteer
  (no decision counts as Dutch, the default); for Dutch also the training and held-out NLU
  messages of 3–15 words (data/nlu, tests/nlu/holdout.yml) taken for another language;
- complaint recognition (with --model): complaints the trained model reads as melding_doen or
  informeren (both start the intake), by the classifier alone ("model") and after the language
  component's reading of other languages ("pipeline"); and questions read as faq.

    .venv/bin/python bench/multilingual.py                          # the patterns and detection
    .venv/bin/python bench/multilingual.py --model models/wegwijzer.tar.gz   # + the NLU, ~1 minute
    .venv/bin/python bench/multilingual.py --detectors              # + py3langid, pycld2,
                                                                    #   langdetect when installed
    .venv/bin/python bench/multilingual.py --set fresh              # only the crisis net, on the
                                                                    #   batch in bench/multilingual/fresh/
    .venv/bin/python bench/multilingual.py --set fresh --model models/wegwijzer.tar.gz  # + the pipeline
    .venv/bin/python bench/multilingual.py --complaints complaints2 --model models/wegwijzer.tar.gz
                                        # the whole table on another set of complaints and questions

A --set is a folder under bench/multilingual/ with a file per language: its lists whose name
starts with `crisis` must be caught, all others (`geen_crisis`) must not be; the misses and false
alarms are listed under the table.

After the pipeline changes (multilingual sentence features), `make train` and run it again with
--model: nothing here depends on the pipeline.
"""
from __future__ import annotations

import argparse
import asyncio
import logging
import os
import re
import sys
from pathlib import Path
from typing import Callable, Optional

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from wegwijzer import taal as taalmodule  # noqa: E402
from wegwijzer.safety import detect_crisis  # noqa: E402
from wegwijzer.vocab import TALEN  # noqa: E402

SET = REPO / "bench" / "multilingual"
COMPLAINT_INTENTS = ("melding_doen", "informeren")


def load_set(folder: Path = SET) -> dict[str, dict[str, list[str]]]:
    return {taal: yaml.safe_load((folder / f"{taal}.yml").read_text(encoding="utf-8")) for taal in TALEN}


def crisis_set(name: str, model: Optional[Path] = None) -> int:
    """Crisis recall and false alarms on a --set folder, per language, with what went wrong;
    with a model also the whole pipeline's (patterns, or the classifier's own hulp_nu)."""
    files = {taal: SET / name / f"{taal}.yml" for taal in TALEN if (SET / name / f"{taal}.yml").exists()}
    sets = {taal: yaml.safe_load(path.read_text(encoding="utf-8")) for taal, path in files.items()}
    acute: set[str] = set()
    if model:
        # The model alone: the safety net's patterns switched off in this process. The pipeline
        # is then the patterns or the model (the net only ever raises hulp_nu).
        from bot.components import safety_net

        safety_net.detect_crisis = lambda text: None
        flat = [t for lists in sets.values() for texts in lists.values() for t in texts]
        acute = {t for t, p in zip(flat, asyncio.run(parse_all(model, flat))) if p["intent"]["name"] == "hulp_nu"}
        safety_net.detect_crisis = detect_crisis
    header = ["taal", "crisis recall", "false alarms", "crisis in the right language"]
    header += ["model alone: recall", "model alone: false alarms", "pipeline: recall", "pipeline: false alarms"] if model else []
    print(" | ".join(header))
    print(" | ".join("---" for _ in header))
    totals = [0, 0, 0, 0, 0]
    wrong: list[str] = []
    for taal, lists in sets.items():
        crisis = [t for key, texts in lists.items() if key.startswith("crisis") for t in texts]
        ordinary = [t for key, texts in lists.items() if not key.startswith("crisis") for t in texts]
        signals = [detect_crisis(t) for t in crisis]
        caught = sum(1 for s in signals if s)
        own = sum(1 for s in signals if s and s.taal == taal)
        alarms = [(t, detect_crisis(t)) for t in ordinary]
        alarms = [(t, s) for t, s in alarms if s]
        wrong += [f"missed ({taal}): {t}" for t, s in zip(crisis, signals) if not s]
        wrong += [f"false alarm ({taal}, {s.taal} {s.kind}): {t}" for t, s in alarms]
        for i, n in enumerate((caught, len(crisis), len(alarms), len(ordinary), own)):
            totals[i] += n
        row = [taal, rate(caught, len(crisis)), rate(len(alarms), len(ordinary)), rate(own, caught)]
        if model:
            row += [rate(sum(1 for t in crisis if t in acute), len(crisis)),
                    rate(sum(1 for t in ordinary if t in acute), len(ordinary)),
                    rate(sum(1 for t in crisis if t in acute or detect_crisis(t)), len(crisis)),
                    rate(sum(1 for t in ordinary if t in acute or detect_crisis(t)), len(ordinary))]
            wrong += [f"missed by the model too ({taal}): {t}" for t in crisis if t not in acute and not detect_crisis(t)]
            wrong += [f"false alarm of the model ({taal}): {t}" for t in ordinary if t in acute]
        print(" | ".join(row))
    print(" | ".join(["all", rate(totals[0], totals[1]), rate(totals[2], totals[3]), rate(totals[4], totals[0])]))
    print("\n".join([""] + wrong))
    return 0


def dutch_nlu_messages() -> list[str]:
    """The Dutch training and held-out messages (not those asking for English, not the English
    training data of data/nlu/english*.yml)."""
    paths = sorted(p for p in (REPO / "data" / "nlu").glob("*.yml") if not p.name.startswith("english")) \
        + [REPO / "tests" / "nlu" / "holdout.yml"]
    out = []
    for path in paths:
        for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            if "intent" not in item or item["intent"] == "taal_kiezen":
                continue
            for line in item["examples"].splitlines():
                if line.strip().startswith("- "):
                    out.append(re.sub(r"\[([^\]]+)\](?:\([^)]+\)|\{[^}]+\})", r"\1", line.strip()[2:]))
    return out


def short(texts: list[str]) -> list[str]:
    return [t for t in texts if 3 <= len(t.split()) <= 15]


def rate(hits: int, total: int) -> str:
    return f"{hits}/{total} ({hits / total:.2f})" if total else "–"


def detection_rows(data, detect: Callable[[str], Optional[str]]) -> dict[str, tuple[int, int]]:
    rows = {}
    for taal, sets in data.items():
        messages = short([t for texts in sets.values() for t in texts])
        rows[taal] = (sum(1 for t in messages if (detect(t) or "nl") == taal), len(messages))
    return rows


def use_current_crisis_examples() -> None:
    """Makes the semantic crisis net of any model loaded in this process rebuild its example
    index from today's ``data/crisis/voorbeelden.yml`` and ``data/nlu`` (what its training does),
    instead of the index stored at training. The index is the only thing those examples change,
    so this measures a change to them in minutes, without a retrain; the rest of the model is
    the stored one."""
    from rasa.shared.nlu.training_data.loading import load_data

    from bot.components import crisis_semantic

    original = crisis_semantic.SemanticCrisisNet.load.__func__

    def load(cls, config, model_storage, resource, execution_context, **kwargs):
        net = original(cls, config, model_storage, resource, execution_context, **kwargs)
        stored = net._index
        crisis, ordinary = crisis_semantic.all_examples(REPO / net._config["examples_file"],
                                                        load_data(str(REPO / "data" / "nlu")))
        net._index = crisis_semantic.build_index(net._config["encoder"], crisis, ordinary)
        print(f"crisis examples rebuilt from today's data: {len(crisis)} crisis, {len(ordinary)} ordinary"
              + (f" (stored: {len(stored.crisis)}, {len(stored.ordinary)})" if stored is not None else ""),
              file=sys.stderr)
        return net

    crisis_semantic.SemanticCrisisNet.load = classmethod(load)


async def parse_all(model: Path, texts: list[str]) -> list[dict]:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import warnings

    from rasa.core.agent import load_agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.ERROR)
    logging.disable(logging.WARNING)
    warnings.filterwarnings("ignore")

    agent = await load_agent(model_path=str(model))
    return [await agent.parse_message(t) for t in texts]


def other_detectors() -> dict[str, Callable[[str], Optional[str]]]:
    """The alternatives measured when choosing lingua, if installed (not project dependencies)."""
    found: dict[str, Callable[[str], Optional[str]]] = {}

    def ours(code: Optional[str]) -> Optional[str]:
        code = "uk" if code == "ru" else code
        return code if code in TALEN else None

    try:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        ident = LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)
        ident.set_languages(list(TALEN) + ["ru"])
        found["py3langid (9 languages)"] = lambda t: ours(ident.classify(t)[0])
    except ImportError:
        pass
    try:
        import pycld2

        def cld(t: str) -> Optional[str]:
            try:
                return ours(pycld2.detect(t, bestEffort=True)[2][0][1])
            except pycld2.error:
                return None
        found["pycld2 (best effort)"] = cld
    except ImportError:
        pass
    try:
        from langdetect import DetectorFactory, detect
        from langdetect.lang_detect_exception import LangDetectException

        DetectorFactory.seed = 0

        def ld(t: str) -> Optional[str]:
            try:
                return ours(detect(t))
            except LangDetectException:
                return None
        found["langdetect (seed 0)"] = ld
    except ImportError:
        pass
    return found


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, help="a trained model: also measure complaint recognition")
    parser.add_argument("--detectors", action="store_true", help="also measure the other detectors, if installed")
    parser.add_argument("--set", help="only the crisis net, on this folder under bench/multilingual/ (e.g. fresh)")
    parser.add_argument("--complaints", help="the table on this folder under bench/multilingual/ instead "
                        "(lists melding and vraag; crisis lists optional), e.g. complaints2")
    parser.add_argument("--current-examples", action="store_true",
                        help="the semantic crisis net with today's examples, not the model's (no retrain)")
    args = parser.parse_args(argv)
    if args.current_examples:
        use_current_crisis_examples()
    if args.set:
        return crisis_set(args.set, args.model)
    data = load_set(SET / args.complaints if args.complaints else SET)

    ours = detection_rows(data, lambda t: taalmodule.detecteer(t).taal)
    dutch = short(dutch_nlu_messages())
    dutch_wrong = sum(1 for t in dutch if taalmodule.detecteer(t).taal not in (None, "nl"))

    recognised: dict[str, tuple[int, ...]] = {}
    if args.model:
        complaints = {taal: sets["melding"] for taal, sets in data.items()}
        questions = {taal: sets["vraag"] for taal, sets in data.items()}
        flat = [t for taal in TALEN for t in complaints[taal] + questions[taal]]
        parsed = dict(zip(flat, asyncio.run(parse_all(args.model, flat))))

        def model_intent(p: dict) -> str:
            return (p.get("taal") or {}).get("intent_model") or p["intent"]["name"]

        for taal in TALEN:
            c = [parsed[t] for t in complaints[taal]]
            q = [parsed[t] for t in questions[taal]]
            recognised[taal] = (
                # Acute danger read by the model alone (not the patterns): also a false alarm.
                sum(1 for p in c + q if p["intent"]["name"] == "hulp_nu"),
                sum(1 for p in c if model_intent(p) in COMPLAINT_INTENTS),
                sum(1 for p in c if p["intent"]["name"] in COMPLAINT_INTENTS),
                sum(1 for p in q if p["intent"]["name"].split("/")[0] == "faq"),
                len(c), len(q),
            )

    header = ["taal", "crisis recall", "false alarms", "detection 3-15 words"]
    if args.model:
        header += ["false alarms: pipeline", "complaints: model", "complaints: pipeline", "questions as faq"]
    print(" | ".join(header))
    print(" | ".join("---" for _ in header))
    totals = [0, 0, 0, 0]
    for taal in TALEN:
        sets = data[taal]
        crisis = sets.get("crisis", []) + sets.get("crisis_b", [])
        ordinary = sets["melding"] + sets["vraag"]
        caught = sum(1 for t in crisis if detect_crisis(t))
        alarms = [t for t in ordinary if detect_crisis(t)]
        totals[0] += caught
        totals[1] += len(crisis)
        totals[2] += len(alarms)
        totals[3] += len(ordinary)
        row = [taal, rate(caught, len(crisis)), rate(len(alarms), len(ordinary)), rate(*ours[taal])]
        if args.model:
            alarm, m, p, f, nc, nq = recognised[taal]
            row += [rate(alarm, nc + nq), rate(m, nc), rate(p, nc), rate(f, nq)]
        print(" | ".join(row))
    print(" | ".join(["all", rate(totals[0], totals[1]), rate(totals[2], totals[3]),
                      rate(sum(h for h, _ in ours.values()), sum(n for _, n in ours.values()))]))
    print(f"\nDutch NLU messages of 3-15 words taken for another language: {dutch_wrong}/{len(dutch)}")
    for taal in TALEN:
        for t in data[taal]["melding"] + data[taal]["vraag"]:
            signal = detect_crisis(t)
            if signal:
                print(f"false alarm ({taal}, {signal.kind}): {t}")

    if args.detectors:
        print("\ndetector | " + " | ".join(TALEN) + " | all | Dutch NLU taken for another language")
        candidates = {"lingua (ours, confidence >= %.1f)" % taalmodule.MIN_ZEKERHEID:
                      lambda t: taalmodule.detecteer(t).taal, **other_detectors()}
        for name, detect in candidates.items():
            rows = detection_rows(data, detect)
            wrong = sum(1 for t in dutch if detect(t) not in (None, "nl"))
            hits, total = sum(h for h, _ in rows.values()), sum(n for _, n in rows.values())
            print(f"{name} | " + " | ".join(f"{h / n:.2f}" for h, n in rows.values())
                  + f" | {hits / total:.3f} | {wrong}/{len(dutch)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
