"""Benchmark: our NLU pipeline against Rasa's default one, on our held-out data, in one run.

Trains an NLU model with each configuration (bot/config.yml and bench/default_config.yml) on
data/nlu, then parses the held-out messages (tests/nlu/holdout.yml) and descriptions
(tests/nlu/categories_holdout.yml) and prints, per pipeline: intent macro-F1, hulp_nu recall
and false alarms, category hit rate (a right category among those found) and training time.

    .venv/bin/python bench/nlu_pipelines.py            # both pipelines, about 15 minutes here
    .venv/bin/python bench/nlu_pipelines.py --cv 3     # instead: our pipeline, 3-fold
                                                       # cross-validation on data/nlu (rasa test nlu)
"""
from __future__ import annotations

import asyncio
import logging
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
RASA = REPO / ".venv" / "bin" / "rasa"
CONFIGS = {"wegwijzer": REPO / "bot" / "config.yml", "rasa default": REPO / "bench" / "default_config.yml"}


def held_out_messages() -> list[tuple[str, str]]:
    data = yaml.safe_load((REPO / "tests/nlu/holdout.yml").read_text())
    out = []
    for item in data["nlu"]:
        if "intent" not in item:
            continue
        for line in item["examples"].splitlines():
            if line.strip().startswith("- "):
                text = re.sub(r"\[([^\]]+)\](?:\([^)]+\)|\{[^}]+\})", r"\1", line.strip()[2:])
                # Retrieval sub-intents are judged on the intent (faq) as Rasa predicts it.
                out.append((item["intent"].split("/")[0], text))
    return out


def held_out_descriptions() -> list[dict]:
    return yaml.safe_load((REPO / "tests/nlu/categories_holdout.yml").read_text())["beschrijvingen"]


def train(config: Path, out: Path) -> tuple[Path, float]:
    started = time.perf_counter()
    subprocess.run(
        [str(RASA), "train", "nlu", "--config", str(config), "--nlu", "data/nlu",
         "--domain", "bot/domain", "--out", str(out), "--fixed-model-name", "nlu"],
        cwd=REPO, check=True, capture_output=True,
        env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"},
    )
    return out / "nlu.tar.gz", time.perf_counter() - started


async def evaluate(model: Path) -> dict[str, float]:
    from rasa.core.agent import Agent
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog
    from sklearn.metrics import f1_score

    # Rasa's debug log would print every parsed message; the figures are what matters here.
    configure_logging_and_warnings(logging.WARNING)
    configure_structlog(logging.WARNING)
    agent = Agent.load(str(model))
    messages = held_out_messages()
    gold, predicted = [], []
    for intent, text in messages:
        parsed = await agent.parse_message(text)
        gold.append(intent)
        predicted.append(parsed["intent"]["name"])
    crisis = [p for g, p in zip(gold, predicted) if g == "hulp_nu"]
    others = [p for g, p in zip(gold, predicted) if g != "hulp_nu"]
    hits = 0
    descriptions = held_out_descriptions()
    for item in descriptions:
        parsed = await agent.parse_message(item["tekst"])
        found = {e["value"] for e in parsed.get("entities", []) if e["entity"] == "categorie"}
        hits += bool(found & set(item["categorieen"]))
    return {
        "intent macro-F1": f1_score(gold, predicted, average="macro"),
        "hulp_nu recall": sum(p == "hulp_nu" for p in crisis) / len(crisis),
        "hulp_nu false alarms": sum(p == "hulp_nu" for p in others) / len(others),
        "category hit rate": hits / len(descriptions),
    }


def cross_validate(folds: int) -> dict[str, float]:
    """``rasa test nlu --cross-validation`` with our pipeline: intent macro-F1 over the folds."""
    import json

    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [str(RASA), "test", "nlu", "--config", str(CONFIGS["wegwijzer"]), "--nlu", "data/nlu",
             "--domain", "bot/domain", "--cross-validation", "--folds", str(folds), "--out", tmp],
            cwd=REPO, check=True, capture_output=True,
            env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"},
        )
        report = json.loads((Path(tmp) / "intent_report.json").read_text())
    return {"intent macro-F1": report["macro avg"]["f1-score"],
            "hulp_nu recall": report.get("hulp_nu", {}).get("recall", float("nan"))}


def main() -> int:
    if "--cv" in sys.argv:
        folds = int(sys.argv[sys.argv.index("--cv") + 1])
        started = time.perf_counter()
        figures = cross_validate(folds)
        print(f"cores: {os.cpu_count()}; our pipeline, {folds}-fold cross-validation on data/nlu "
              f"({time.perf_counter() - started:.0f} s):")
        for metric, value in figures.items():
            print(f"{metric:24}{value:>16.3f}")
        return 0
    print(f"cores: {os.cpu_count()}; held-out: {len(held_out_messages())} messages, "
          f"{len(held_out_descriptions())} descriptions")
    rows = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, config in CONFIGS.items():
            model, seconds = train(config, Path(tmp) / name.replace(" ", "_"))
            rows[name] = {**asyncio.run(evaluate(model)), "training (s)": seconds}
    metrics = list(next(iter(rows.values())))
    print(f"{'':24}" + "".join(f"{name:>16}" for name in rows))
    for metric in metrics:
        print(f"{metric:24}" + "".join(f"{rows[name][metric]:>16.3f}" for name in rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
