"""Measuring the key-messages reader on a folder of documents with the expected meetings and
messages in a JSON file beside each (``name.json`` next to ``name.txt``)::

    {"meetings": ["2025-03-05", "2024-10"],
     "messages": [{"meeting": "2025-03-05", "title": "Neglect strategy"},
                  {"meeting": "2024-10", "title": null}]}

A meeting is its date (``YYYY-MM`` when only the month is known). Three figures, each as
precision (how much of what was found is right) and recall (how much of what is there was
found):

* **meetings** — the set of meeting dates;
* **titles** — (meeting, title) pairs, normalised as re-imports compare them, for messages the
  document gives a title; titles the reader made up from the first words are not counted as
  found titles;
* **messages** — how many messages each meeting has, titled or not (splitting and merging).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from safeguarding.governance.importing.blocks import DocumentError
from safeguarding.governance.importing.messages import title_key
from safeguarding.governance.importing.structure import read_key_messages


@dataclass
class Score:
    right: int = 0
    found: int = 0
    expected: int = 0

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.expected if self.expected else 1.0

    def add(self, other: Score) -> None:
        self.right += other.right
        self.found += other.found
        self.expected += other.expected

    def as_dict(self) -> dict:
        return {
            "right": self.right,
            "found": self.found,
            "expected": self.expected,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
        }


@dataclass
class Evaluation:
    documents: list[dict] = field(default_factory=list)
    meetings: Score = field(default_factory=Score)
    titles: Score = field(default_factory=Score)
    messages: Score = field(default_factory=Score)

    def as_dict(self) -> dict:
        return {
            "documents": len(self.documents),
            "meetings": self.meetings.as_dict(),
            "titles": self.titles.as_dict(),
            "messages": self.messages.as_dict(),
            "per_document": self.documents,
        }


def _meeting_key(date, precision: str) -> str:
    return date.strftime("%Y-%m") if precision == "month" else date.isoformat()


def _set_score(found: set, expected: set) -> Score:
    return Score(len(found & expected), len(found), len(expected))


def evaluate_document(path: Path, expected: dict) -> dict:
    try:
        messages = read_key_messages(path).messages
        error = ""
    except DocumentError as problem:
        messages, error = [], str(problem)
    found_meetings = {_meeting_key(m.meeting_date, m.meeting_date_precision) for m in messages}
    meetings = _set_score(found_meetings, set(expected["meetings"]))
    found_titles = {
        (_meeting_key(m.meeting_date, m.meeting_date_precision), title_key(m.title))
        for m in messages
        if not m.title_derived
    }
    wanted_titles = {
        (m["meeting"], title_key(m["title"])) for m in expected["messages"] if m["title"]
    }
    titles = _set_score(found_titles, wanted_titles)
    found_counts = Counter(_meeting_key(m.meeting_date, m.meeting_date_precision) for m in messages)
    wanted_counts = Counter(m["meeting"] for m in expected["messages"])
    right = sum(min(found_counts[k], wanted_counts[k]) for k in wanted_counts)
    counts = Score(right, sum(found_counts.values()), sum(wanted_counts.values()))
    return {
        "document": path.name,
        "error": error,
        "meetings": meetings,
        "titles": titles,
        "messages": counts,
        "missed_titles": sorted(t for _, t in wanted_titles - found_titles),
        "wrong_titles": sorted(t for _, t in found_titles - wanted_titles),
    }


def evaluate_folder(folder: Path) -> Evaluation:
    """Every document in the folder that has a JSON file of expectations beside it."""
    result = Evaluation()
    for expected_path in sorted(folder.glob("*.json")):
        documents = [
            p for p in sorted(folder.glob(expected_path.stem + ".*")) if p.suffix != ".json"
        ]
        if not documents:
            continue
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        one = evaluate_document(documents[0], expected)
        result.meetings.add(one["meetings"])
        result.titles.add(one["titles"])
        result.messages.add(one["messages"])
        result.documents.append(
            {
                **one,
                "meetings": one["meetings"].as_dict(),
                "titles": one["titles"].as_dict(),
                "messages": one["messages"].as_dict(),
            }
        )
    return result
