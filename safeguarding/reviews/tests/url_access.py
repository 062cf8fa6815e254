"""URL keyword arguments for the core URL-access sweep (safeguarding/core/tests/
test_url_access.py): each function makes a record in the sweep's partnership."""

from __future__ import annotations

from datetime import date

from django.core.files.base import ContentFile

from safeguarding.reviews.models import Briefing, ImpactEvidenceFile
from safeguarding.reviews.tests.factories import (
    AgencySummaryFactory,
    ImpactEvidenceFactory,
    NotificationFactory,
    RapidReviewFactory,
    RecommendationFactory,
    ReferralFactory,
    ReviewFactory,
)


def notification(partnership, user):
    return {"pk": NotificationFactory(partnership=partnership).pk}


def rapid_review(partnership, user):
    notification = NotificationFactory(partnership=partnership)
    return {"pk": RapidReviewFactory(notification=notification).pk}


def rapid_review_step(partnership, user):
    return {**rapid_review(partnership, user), "step": "meeting"}


def agency_summary(partnership, user):
    notification = NotificationFactory(partnership=partnership)
    summary = AgencySummaryFactory(rapid_review=RapidReviewFactory(notification=notification))
    return {"pk": summary.pk}


def review(partnership, user):
    """A review in progress (so every step page can be opened)."""
    return {
        "pk": ReviewFactory(
            partnership=partnership, status="in_progress", started_on=date(2023, 4, 3)
        ).pk
    }


def review_step(partnership, user):
    return {"pk": ReviewFactory(partnership=partnership).pk, "action": "agree_terms"}


def published_review(partnership, user):
    found = ReviewFactory(
        partnership=partnership,
        status="published",
        published_on=date(2023, 5, 25),
        publication_url="https://www.example.org/r",
    )
    return {"pk": found.pk}


def _briefing(partnership):
    found = ReviewFactory(
        partnership=partnership, status="published", published_on=date(2023, 5, 25)
    )
    Briefing.objects.create(
        review=found, title="7-minute briefing", background="B", what_happened="W", key_learning="K"
    )
    return found


def briefing_download(partnership, user):
    return {"pk": _briefing(partnership).pk, "fmt": "docx"}


def recommendation(partnership, user):
    review = ReviewFactory(
        partnership=partnership, status="published", published_on=date(2023, 5, 25)
    )
    return {"pk": RecommendationFactory(review=review).pk}


def recommendation_groups(partnership, user):
    return {"by": "agency"}


def _evidence(partnership):
    review = ReviewFactory(
        partnership=partnership, status="published", published_on=date(2023, 5, 25)
    )
    return ImpactEvidenceFactory(recommendation=RecommendationFactory(review=review))


def evidence(partnership, user):
    return {"pk": _evidence(partnership).pk}


def evidence_file(partnership, user):
    stored = ImpactEvidenceFile(
        evidence=_evidence(partnership), name="audit.txt", size=5, content_type="text/plain"
    )
    stored.file.save("sweep-audit.txt", ContentFile(b"audit"), save=True)
    return {"pk": stored.pk}


def settings_slug(partnership, user):
    return {"slug": partnership.slug}


def referral(partnership, user):
    return {"pk": ReferralFactory(partnership=partnership).pk}


def referral_under_consideration(partnership, user):
    return {"pk": ReferralFactory(partnership=partnership, status="under_consideration").pk}


def case_document(partnership, user):
    """A document with one version on a review in the sweep's partnership."""
    from safeguarding.reviews.models import CaseDocument, CaseDocumentVersion

    document = CaseDocument.objects.create(
        review=ReviewFactory(partnership=partnership), kind="draft", title="Draft 1"
    )
    version = CaseDocumentVersion(
        document=document,
        number=1,
        original_name="draft.pdf",
        content_type="application/pdf",
        size=9,
    )
    version.file.save("draft.pdf", ContentFile(b"%PDF-1.7\n"), save=False)
    version.save()
    return {"pk": document.pk}


def case_document_version(partnership, user):
    return {**case_document(partnership, user), "number": 1}


def author_briefing(partnership, user):
    from safeguarding.reviews.models import AuthorBriefing

    review = ReviewFactory(
        partnership=partnership, status="published", published_on=date(2023, 5, 25)
    )
    briefing = AuthorBriefing.objects.create(
        review=review, title="Briefing", held_on=date(2023, 5, 26), attended=40
    )
    return {"pk": briefing.pk}
