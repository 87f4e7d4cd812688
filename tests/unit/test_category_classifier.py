"""The categorie classifier's training and prediction, on our own descriptions (no Rasa server)."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.components.category_classifier import categories, load_descriptions, train_pipeline
from wegwijzer.vocab import CATEGORIEEN

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def nlp():
    return train_pipeline(load_descriptions(REPO / "data/categories/beschrijvingen.yml"), epochs=20)


def test_training_data_has_at_least_30_descriptions_per_category():
    items = load_descriptions(REPO / "data/categories/beschrijvingen.yml")
    for category in CATEGORIEEN:
        assert sum(category in item["categorieen"] for item in items) >= 30, category


def test_unknown_category_in_the_data_is_refused(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text('beschrijvingen:\n  - tekst: "iets"\n    categorieen: [ruzie]\n')
    with pytest.raises(ValueError, match="ruzie"):
        load_descriptions(bad)


def test_held_out_hit_rate(nlp):
    """A right category is among those found for at least 60 % of held-out descriptions
    (measured 0.66 when this was written); a regression below that fails."""
    held_out = load_descriptions(REPO / "tests/nlu/categories_holdout.yml")
    hits = sum(
        bool({c for c, _ in categories(nlp, item["tekst"], 0.5)} & set(item["categorieen"]))
        for item in held_out
    )
    assert hits / len(held_out) >= 0.60, hits / len(held_out)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ze schelden me elke dag uit in de pauze", "pesten"),
        ("mijn zoon is drie dagen geschorst zonder dat iemand met ons heeft gepraat", "strafmaatregel"),
    ],
)
def test_clear_descriptions(nlp, text, expected):
    assert expected in {c for c, _ in categories(nlp, text, 0.5)}
