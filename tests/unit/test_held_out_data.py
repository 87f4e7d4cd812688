"""The held-out sets stay held out: none of their messages or descriptions is training data."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]


def _normal(text: str) -> str:
    return re.sub(r"\[([^\]]+)\](?:\([^)]+\)|\{[^}]+\})", r"\1", text).strip().lower()


def nlu_texts(path: Path) -> set:
    found = set()
    for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
        for line in (item.get("examples") or "").splitlines():
            if line.strip().startswith("- "):
                found.add(_normal(line.strip()[2:]))
    return found


def descriptions(path: Path) -> set:
    return {_normal(i["tekst"]) for i in yaml.safe_load(path.read_text(encoding="utf-8"))["beschrijvingen"]}


HELD_OUT = sorted(p.name for p in (REPO / "tests" / "nlu").glob("holdout*.yml")) + ["english_holdout.yml"]
CATEGORIES_HELD_OUT = sorted(p.name for p in (REPO / "tests" / "nlu").glob("categories_holdout*.yml"))


def test_every_held_out_set_is_checked():
    assert len(HELD_OUT) >= 4 and len(CATEGORIES_HELD_OUT) >= 4


@pytest.mark.parametrize("held_out", HELD_OUT)
def test_no_held_out_message_is_a_training_example(held_out):
    trained = set().union(*(nlu_texts(p) for p in (REPO / "data" / "nlu").glob("*.yml")))
    assert nlu_texts(REPO / "tests" / "nlu" / held_out) & trained == set()


@pytest.mark.parametrize("held_out", CATEGORIES_HELD_OUT)
def test_no_held_out_description_is_a_training_description(held_out):
    trained = set().union(*(descriptions(p) for p in (REPO / "data" / "categories").glob("*.yml")))
    assert descriptions(REPO / "tests" / "nlu" / held_out) & trained == set()
