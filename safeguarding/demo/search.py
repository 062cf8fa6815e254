"""Demo data for search and the theme pages: a few published reviews from other (fictional)
partnerships imported into the learning library, then the index rebuilt so every demo record
is findable and the neglect and safer-sleep theme pages tell their story. Idempotent: the
import skips files already imported."""

from __future__ import annotations

from pathlib import Path

from safeguarding.search.services.external_reviews import external_review_import
from safeguarding.search.services.index import reindex

JOB = "demo"
SUMMARIES = Path(__file__).resolve().parent / "summaries"


def load(*, essex, result) -> None:
    for path in sorted(SUMMARIES.iterdir()):
        outcome = external_review_import(
            partnership=essex, name=path.name, data=path.read_bytes(), publish=True, job=JOB
        )
        if outcome["status"] == "imported":
            result.count("reviews from elsewhere")
    reindex(job=JOB)
