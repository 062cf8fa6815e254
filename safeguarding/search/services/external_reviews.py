"""Bringing published reviews from elsewhere into the learning library (ADR 0026)."""

from __future__ import annotations

import hashlib

from django.db import transaction

from safeguarding.core.audit import audit_record, snapshot
from safeguarding.planning.suggestions import suggest_themes
from safeguarding.search import audit_events
from safeguarding.search.models import ExternalReview
from safeguarding.search.review_summaries import ParsedSummary, SummaryError, parse, read_text

FIELDS = ["title", "publisher", "year", "review_type", "is_adult", "is_published", "link"]


def _as_dict(parsed: ParsedSummary, themes: list[str], status: str) -> dict:
    return {
        "title": parsed.title,
        "type": parsed.review_type,
        "adult": parsed.is_adult,
        "year": parsed.year,
        "publisher": parsed.publisher,
        "learning": parsed.learning,
        "recommendations": parsed.recommendations,
        "themes": themes,
        "link": parsed.link,
        "status": status,
    }


def external_review_import(
    *,
    partnership,
    name: str,
    data: bytes,
    publish: bool = False,
    dry_run: bool = False,
    job: str = "import-review-summary",
) -> dict:
    """Import one file, all or nothing. Raises ``SummaryError`` with the reason when the file
    is not a review summary. Importing the same file again changes nothing."""
    parsed = parse(read_text(name, data))
    digest = hashlib.sha256(data).hexdigest()
    suggestions = suggest_themes(
        "\n".join([parsed.title, parsed.summary, *parsed.learning, *parsed.recommendations]),
        limit=5,
    )
    slugs = [s.slug for s in suggestions]
    existing = ExternalReview.objects.filter(partnership=partnership, source_hash=digest).first()
    if existing is not None:
        return _as_dict(parsed, slugs, "unchanged")
    if dry_run:
        return _as_dict(parsed, slugs, "would be imported")
    with transaction.atomic():
        review = ExternalReview.objects.create(
            partnership=partnership,
            title=parsed.title,
            publisher=parsed.publisher,
            year=parsed.year,
            review_type=parsed.review_type,
            is_adult=parsed.is_adult,
            summary=parsed.summary,
            learning=parsed.learning,
            recommendations=parsed.recommendations,
            link=parsed.link,
            source_name=name[:255],
            source_hash=digest,
            is_published=publish,
        )
        review.themes.set([s.theme_id for s in suggestions if s.theme_id])
        audit_record(
            job=job,
            event=audit_events.EXTERNAL_REVIEW_IMPORT,
            target=review,
            after={
                **snapshot(review, FIELDS),
                "recommendations": len(parsed.recommendations),
                "learning": len(parsed.learning),
                "themes": slugs,
            },
        )
    return _as_dict(parsed, slugs, "imported")


__all__ = ["SummaryError", "external_review_import"]
