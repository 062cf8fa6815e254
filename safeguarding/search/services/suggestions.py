"""Theme suggestions as the commands give them, and their measurement on a labelled set.

The rules live in ``planning.suggestions`` (so every form that takes text can use them); the
labelled texts live in ``search/tests/fixtures/eval/`` and are never read by the rules."""

from __future__ import annotations

import json
from pathlib import Path

from safeguarding.planning.suggestions import suggest_themes
from safeguarding.planning.vocabulary import find_theme, vocabulary

EVAL_FILE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "eval" / "theme_texts.json"


def vocabulary_slugs() -> dict[str, str]:
    """``{theme slug in this database: vocabulary slug}`` (older themes kept their slugs)."""
    from safeguarding.planning.models import Theme

    mapping = {}
    for entry in vocabulary():
        theme = find_theme(Theme, entry)
        if theme is not None:
            mapping[theme.slug] = entry["slug"]
    return mapping


def suggestions_for_text(text: str) -> dict:
    return {"themes": [s.as_dict() for s in suggest_themes(text)]}


def evaluate(path: Path = EVAL_FILE) -> dict:
    """Micro-averaged precision and recall of the rules on the labelled texts."""
    texts = json.loads(path.read_text(encoding="utf-8"))["texts"]
    to_vocabulary = vocabulary_slugs()
    true_positive = false_positive = false_negative = 0
    misses = []
    for item in texts:
        expected = set(item["themes"])
        got = {to_vocabulary.get(s.slug, s.slug) for s in suggest_themes(item["text"])}
        true_positive += len(expected & got)
        false_positive += len(got - expected)
        false_negative += len(expected - got)
        if expected != got:
            misses.append(
                {
                    "text": item["text"][:80],
                    "missed": sorted(expected - got),
                    "extra": sorted(got - expected),
                }
            )
    precision = true_positive / (true_positive + false_positive) if true_positive else 0.0
    recall = true_positive / (true_positive + false_negative) if true_positive else 0.0
    return {
        "texts": len(texts),
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "true_positives": true_positive,
        "false_positives": false_positive,
        "false_negatives": false_negative,
        "differences": misses,
    }
