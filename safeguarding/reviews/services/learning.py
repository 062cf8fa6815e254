"""Writes for learning products: the 7-minute briefing, author briefings and links."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from safeguarding.core.audit import audit_record, snapshot
from safeguarding.core.services import model_update
from safeguarding.core.templatetags.govuk import uk_date
from safeguarding.reviews.models import (
    BRIEFING_BOXES,
    AuthorBriefing,
    Briefing,
    LearningLink,
    LinkKind,
    Review,
)
from safeguarding.reviews.services.common import (
    lock,
    not_in_future,
    required,
    save_new_version,
)

BRIEFING_FIELDS = ["title", *[field for field, _ in BRIEFING_BOXES]]

DEFAULT_QUESTIONS = (
    "How do we hear the voice and see the lived experience of the children we work with?\n"
    "What would we do if we were worried another agency had not acted on what we shared?\n"
    "How do we check that our plans are making a difference for the child?"
)


def briefing_initial(review: Review) -> dict:
    """The seven boxes, first built from the review's own fields (then edited by hand)."""
    paragraphs = [p.strip() for p in (review.summary or "").split("\n\n") if p.strip()]
    themes = [t.name for t in review.themes.all()]
    recommendations = [r.text for r in review.recommendations.order_by("number")]
    resources = []
    if review.publication_url:
        resources.append(f"The full report: {review.publication_url}")
    resources += [
        f"{link.get_kind_display()}: {link.title} {link.url}"
        for link in review.learning_links.all()
    ]
    when = (
        f"published on {uk_date(review.published_on)}"
        if review.published_on
        else (f"decided on {uk_date(review.decided_on)}")
    )
    return {
        "title": f"7-minute briefing: {review.title}",
        "background": f"{review.get_kind_display()}, {when}. "
        + (paragraphs[0] if paragraphs else ""),
        "what_happened": "\n\n".join(paragraphs[1:])
        if len(paragraphs) > 1
        else (paragraphs[0] if paragraphs else ""),
        "why_it_matters": (f"The review’s themes: {', '.join(themes)}." if themes else ""),
        "key_learning": review.key_learning or "",
        "practice": "\n".join(recommendations),
        "questions": DEFAULT_QUESTIONS,
        "resources": "\n".join(resources),
    }


@transaction.atomic
def briefing_save(
    *, actor=None, job: str | None = None, review: Review, version: int | None = None, **boxes
) -> Briefing:
    unknown = set(boxes) - set(BRIEFING_FIELDS)
    if unknown:
        raise ValidationError(f"{', '.join(sorted(unknown))} is not part of a briefing.")
    title = (boxes.get("title") or "").strip()
    required(title, "title", "Enter the briefing’s title.")
    empty = [heading for field, heading in BRIEFING_BOXES if not (boxes.get(field) or "").strip()]
    if len(empty) > 2:
        raise ValidationError(
            f"A 7-minute briefing needs its boxes filled in: {', '.join(empty)} are empty."
        )
    existing = Briefing.objects.filter(review=review).first()
    if existing is None:
        briefing = Briefing(review=review, **{k: (v or "").strip() for k, v in boxes.items()})
        briefing.full_clean()
        briefing.save()
        audit_record(
            actor=actor,
            job=job,
            event="reviews.briefing.created",
            target=briefing,
            after=snapshot(briefing, BRIEFING_FIELDS),
        )
        return briefing
    briefing, _ = model_update(
        lock(Briefing, existing, version),
        fields=BRIEFING_FIELDS,
        data={name: value or "" for name, value in boxes.items()},
        strip=True,
        full_clean=False,  # save_new_version validates
        save=lambda record, update_fields: save_new_version(record),
        always=True,
        actor=actor,
        job=job,
        event="reviews.briefing.updated",
    )
    return briefing


@transaction.atomic
def author_briefing_add(
    *,
    actor=None,
    job: str | None = None,
    review: Review,
    title: str,
    held_on: date,
    attended: int,
    slides_requested: int = 0,
) -> AuthorBriefing:
    if review.published_on is None:
        raise ValidationError(
            "Author briefings follow publication: record the publication of the review first."
        )
    title = (title or "").strip()
    required(title, "title", "Enter the briefing’s title.")
    required(held_on, "held_on", "Enter the date it was held.")
    not_in_future(held_on, "held_on", "The date held")
    if held_on < review.published_on:
        raise ValidationError(
            {"held_on": f"An author briefing follows publication ({uk_date(review.published_on)})."}
        )
    if attended is None or attended < 0:
        raise ValidationError({"attended": "Enter how many attended (0 or more)."})
    slides_requested = slides_requested or 0
    if slides_requested < 0 or slides_requested > attended:
        raise ValidationError(
            {
                "slides_requested": "The number who asked for the slides must be between 0 and the "
                "number who attended."
            }
        )
    briefing = AuthorBriefing.objects.create(
        review=review,
        title=title,
        held_on=held_on,
        attended=attended,
        slides_requested=slides_requested,
    )
    audit_record(
        actor=actor,
        job=job,
        event="reviews.author_briefing.added",
        target=review,
        after=snapshot(briefing, ["title", "held_on", "attended", "slides_requested"]),
    )
    return briefing


@transaction.atomic
def learning_link_add(
    *, actor=None, job: str | None = None, review: Review, kind: str, title: str, url: str
) -> LearningLink:
    if kind not in LinkKind.values:
        raise ValidationError({"kind": "Choose podcast, video or other resource."})
    title = (title or "").strip()
    required(title, "title", "Enter the title.")
    required((url or "").strip(), "url", "Enter the link.")
    link = LearningLink(review=review, kind=kind, title=title, url=url.strip())
    link.full_clean()
    link.save()
    audit_record(
        actor=actor,
        job=job,
        event="reviews.learning_link.added",
        target=review,
        after=snapshot(link, ["kind", "title", "url"]),
    )
    return link
