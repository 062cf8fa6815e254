"""Author briefings run as training sessions: linking a briefing to a session, or planning
one as a new session, so its bookings, attendance and evaluation come from training instead
of typed-in numbers. Training is reached only through its selectors and services."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from safeguarding.core import offers
from safeguarding.core.audit import audit_record
from safeguarding.reviews.models import AuthorBriefing, Review
from safeguarding.reviews.services.common import required


def _session_for(actor, review: Review, session_id) -> object:
    sessions = offers.offered("training.sessions").linkable_sessions(
        user=actor, partnership_id=review.partnership_id
    )
    found = next((s for s in sessions if s.pk == session_id), None)
    if found is None:
        raise ValidationError(
            {"session": "Choose one of the partnership's training sessions that you run."}
        )
    return found


def _check_publication(review: Review, held_on) -> None:
    if review.published_on is None:
        raise ValidationError(
            "Author briefings follow publication: record the publication of the review first."
        )
    if held_on < review.published_on:
        raise ValidationError(
            {
                "session": "An author briefing follows publication: choose a session on or after "
                f"{review.published_on:%-d %B %Y}."
            }  # fmt: skip
        )


@transaction.atomic
def author_briefing_link_session(
    *, actor, briefing: AuthorBriefing, session_id: int
) -> AuthorBriefing:
    """Link a recorded briefing to a training session: its date becomes the session's."""
    briefing = (
        AuthorBriefing.objects.select_for_update().select_related("review").get(pk=briefing.pk)
    )
    session = _session_for(actor, briefing.review, session_id)
    held_on = timezone.localdate(session.starts_at)
    _check_publication(briefing.review, held_on)
    before = {"training_session": briefing.training_session_id, "held_on": briefing.held_on}
    briefing.training_session_id = session.pk
    briefing.held_on = held_on
    briefing.save(update_fields=["training_session", "held_on", "updated_at"])
    audit_record(
        actor=actor,
        event="reviews.author_briefing.linked_to_training",
        target=briefing.review,
        before=before,
        after={"briefing": briefing.title, "training_session": session.pk, "held_on": held_on},
    )
    return briefing


@transaction.atomic
def author_briefing_plan(
    *,
    actor,
    review: Review,
    title: str,
    course_id: int,
    starts_at: datetime,
    ends_at: datetime,
    capacity: int,
    venue: str = "",
    online_link: str = "",
) -> AuthorBriefing:
    """Plan an author briefing as a new session of one of the partnership's courses, so
    people book it, attendance is taken and attendees are asked to evaluate it as for any
    training."""
    title = (title or "").strip()
    required(title, "title", "Enter the briefing’s title.")
    required(starts_at, "starts_at", "Enter when the briefing starts.")
    courses = offers.offered("training.sessions").linkable_courses(
        user=actor, partnership_id=review.partnership_id
    )
    course = next((c for c in courses if c.pk == course_id), None)
    if course is None:
        raise ValidationError(
            {"course": "Choose one of the partnership's courses to run the briefing as."}
        )
    held_on = timezone.localdate(starts_at)
    _check_publication(review, held_on)
    session = offers.offered("training.sessions").session_create(
        actor=actor,
        course=course,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        venue=venue or "",
        online_link=online_link or "",
    )
    briefing = AuthorBriefing.objects.create(
        review=review,
        title=title[:200],
        held_on=held_on,
        attended=0,
        slides_requested=0,
        training_session_id=session.pk,
    )
    audit_record(
        actor=actor,
        event="reviews.author_briefing.planned",
        target=review,
        after={"briefing": briefing.title, "training_session": session.pk, "held_on": held_on},
    )
    return briefing
