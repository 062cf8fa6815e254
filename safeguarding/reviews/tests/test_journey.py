"""One incident, start to finish, as the issue's "done when" describes it: the business unit
takes it from the serious incident notification through the rapid review to a published
local review with recommendations; the owner is asked for monthly updates and gives them,
submits evidence of impact; the partnership grades it and closes the recommendation. The
calendar moves on as it would (bank holidays included), and each step goes through the
same services the pages use."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.core.schedule import run_due_jobs
from safeguarding.reviews import services, tasks
from safeguarding.reviews.models import (
    Decision,
    RecommendationStatus,
    Review,
    ReviewStatus,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def on(time_machine):
    def move(day: date) -> date:
        time_machine.move_to(
            datetime(day.year, day.month, day.day, 10, tzinfo=ZoneInfo("Europe/London")),
            tick=False,
        )
        return day

    return move


def test_an_incident_goes_from_notification_to_a_closed_recommendation(
    on, bu, partnership, agency, theme, make_user, django_capture_on_commit_callbacks
):
    lead = make_user(Role.AGENCY_LEAD, agency=agency, email="lead@police.example")
    reviewer = make_user(Role.REVIEWER, email="author@reviews.example")
    practitioner = make_user(Role.PRACTITIONER)

    # The local authority became aware on Tuesday 3 January 2023 and notified on the 5th.
    on(date(2023, 1, 5))
    notification = services.notification_create(
        actor=bu,
        partnership=partnership,
        agencies_involved=[agency],
        themes=[theme],
        child_pseudonym="Child J",
        age_band="under_1",
        sex="female",
        nature="serious_harm",
        looked_after=False,
        became_aware_on=date(2023, 1, 3),
        notified_on=date(2023, 1, 5),
    )
    assert notification.notify_by == date(2023, 1, 10)
    assert notification.notify_clock.state(date(2023, 1, 5)) == "met"

    rapid_review = services.rapid_review_start(actor=bu, notification=notification)
    assert rapid_review.due_on == date(2023, 1, 26)  # 15 working days from the notification
    with django_capture_on_commit_callbacks(execute=True):
        (summary,) = services.agency_summary_request(
            actor=bu,
            rapid_review=rapid_review,
            agencies=[agency],
            requested_on=date(2023, 1, 5),
            due_on=date(2023, 1, 12),
        )
    assert mail.outbox[-1].to == ["lead@police.example"]

    on(date(2023, 1, 11))
    services.agency_summary_submit(
        actor=lead, summary=summary, version=summary.version, text="Two health visits."
    )

    on(date(2023, 1, 23))
    rapid_review.refresh_from_db()
    rapid_review = services.rapid_review_record_meeting(
        actor=bu,
        rapid_review=rapid_review,
        version=rapid_review.version,
        meeting_on=date(2023, 1, 19),
    )
    rapid_review = services.rapid_review_sign_off(
        actor=bu,
        rapid_review=rapid_review,
        version=rapid_review.version,
        signed_off_on=date(2023, 1, 23),
        signed_off_by="The three safeguarding partners",
    )
    rapid_review = services.rapid_review_record_decision(
        actor=bu,
        rapid_review=rapid_review,
        version=rapid_review.version,
        decision=Decision.LOCAL_REVIEW,
        decided_on=date(2023, 1, 23),
        decision_rationale="Agencies did not share what they knew about the bruising.",
        criterion_agencies_working_together=True,
    )
    on(date(2023, 1, 24))
    rapid_review = services.rapid_review_send_to_panel(
        actor=bu,
        rapid_review=rapid_review,
        version=rapid_review.version,
        sent_to_panel_on=date(2023, 1, 24),
    )
    assert rapid_review.clock.state(date(2023, 1, 24)) == "met"

    # The decision made the local review: 6 months to publication from 23 January.
    review = Review.objects.get(rapid_review=rapid_review)
    assert review.title == "Child J" and review.target_publication_on == date(2023, 7, 23)

    def move(action, **fields):
        return services.STEP_SERVICES[action](
            actor=bu, review=review, version=review.version, **fields
        )

    on(date(2023, 2, 13))
    review = move(
        "agree_terms", terms_agreed_on=date(2023, 2, 1), terms_of_reference="Bruising in babies."
    )
    review = move("commission_reviewer", reviewer=reviewer, commissioned_on=date(2023, 2, 6))
    review = move("start", started_on=date(2023, 2, 13))
    on(date(2023, 4, 3))
    review = move("receive_draft", draft_received_on=date(2023, 4, 3))
    with django_capture_on_commit_callbacks(execute=True):
        recommendation = services.recommendation_add(
            actor=bu,
            review=review,
            text="Every bruise on a non-mobile baby is referred to a paediatrician.",
            owner_agency=agency,
            owner_person=lead,
            target_on=date(2024, 3, 31),
        )
    assert mail.outbox[-1].to == ["lead@police.example"]

    on(date(2023, 4, 20))
    review = move(
        "agree_final", final_agreed_on=date(2023, 4, 20), planned_publication_on=date(2023, 7, 13)
    )

    # The monthly request waits for the first working day: 1 May 2023 is a bank holiday.
    mail.outbox.clear()
    on(date(2023, 5, 1))
    run_due_jobs(only=tasks.UPDATE_REQUESTS)
    assert mail.outbox == []
    on(date(2023, 5, 2))
    with django_capture_on_commit_callbacks(execute=True):
        run_due_jobs(only=tasks.UPDATE_REQUESTS)
    assert [m.to for m in mail.outbox] == [["lead@police.example"]]
    assert "Monthly update needed on 1 review recommendation" in mail.outbox[0].subject
    services.recommendation_add_update(
        actor=lead, recommendation=recommendation, progress="on_track", text="Protocol drafted."
    )

    # Until it is published, the review is refused to a practitioner, and the attempt logged.
    client = Client()
    client.force_login(practitioner)
    assert client.get(reverse("reviews:review-detail", args=[review.pk])).status_code == 404
    assert AuditEvent.objects.filter(
        event="reviews.review.access_refused", actor=practitioner
    ).exists()

    on(date(2023, 7, 3))
    review = move(
        "send_advance_copy",
        advance_copy_sent_on=date(2023, 7, 3),
        sent_to_ofsted=True,
        planned_publication_on=date(2023, 7, 13),
    )
    on(date(2023, 7, 13))
    review = move(
        "publish", published_on=date(2023, 7, 13), publication_url="https://www.example.org/j"
    )
    assert review.status == ReviewStatus.PUBLISHED
    assert review.publication_clock.state(date(2023, 7, 13)) == "met"
    assert "Child J" in Client().get(reverse("reviews:library")).content.decode()

    # Evidence of impact, graded by the partnership; only then does it close.
    on(date(2023, 9, 4))
    recommendation.refresh_from_db()
    with pytest.raises(ValidationError, match="closes only on graded evidence"):
        services.recommendation_close(
            actor=bu, recommendation=recommendation, version=recommendation.version
        )
    evidence = services.impact_evidence_submit(
        actor=lead, recommendation=recommendation, description="Re-audit: 19 of 20 referred."
    )
    services.impact_evidence_grade(actor=bu, evidence=evidence, grade="strong", comment="Clear.")
    recommendation.refresh_from_db()
    recommendation = services.recommendation_close(
        actor=bu, recommendation=recommendation, version=recommendation.version
    )
    assert recommendation.status == RecommendationStatus.CLOSED
    assert recommendation.closed_on == date(2023, 9, 4)
    assert recommendation.impact_grade == "strong"
    assert [u.text for u in recommendation.updates.all()] == ["Protocol drafted."]
    assert AuditEvent.objects.filter(event="reviews.recommendation.closed", actor=bu).count() == 1
