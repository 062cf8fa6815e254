"""Serious incident notifications and rapid reviews: clocks, refusals, summaries, decisions."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.core.schedule import run_due_jobs
from safeguarding.reviews import services, tasks
from safeguarding.reviews.models import (
    AgencySummary,
    ClockStart,
    Decision,
    Notification,
    RapidReview,
    Review,
    ReviewSettings,
)
from safeguarding.reviews.tests.factories import NotificationFactory, RapidReviewFactory

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def notification_data(**overrides):
    data = {
        "child_pseudonym": "Child Q",
        "age_band": "under_1",
        "sex": "male",
        "nature": "serious_harm",
        "looked_after": False,
        "became_aware_on": date(2023, 5, 3),
        "notified_on": date(2023, 5, 9),
    }
    return {**data, **overrides}


# Notifications ----------------------------------------------------------------------------


def test_a_notification_is_recorded_with_its_clock_and_audited(bu, partnership, agency, theme):
    notification = services.notification_create(
        actor=bu,
        partnership=partnership,
        agencies_involved=[agency],
        themes=[theme],
        **notification_data(),
    )
    assert notification.reference == "2023-01"
    # Aware Wednesday 3 May 2023; the coronation (8 May) is not a working day.
    assert notification.notify_by == date(2023, 5, 11)
    assert notification.notify_clock.state(date(2023, 6, 1)) == "met"
    event = AuditEvent.objects.get(event="reviews.notification.created")
    assert event.after["child_pseudonym"] == "Child Q"
    assert event.after["themes"] == ["Non-accidental injury"]


def test_a_notification_dated_before_awareness_is_refused(bu, partnership):
    with pytest.raises(ValidationError) as refused:
        services.notification_create(
            actor=bu,
            partnership=partnership,
            **notification_data(became_aware_on=date(2023, 5, 10), notified_on=date(2023, 5, 9)),
        )
    assert (
        "cannot have been notified (9 May 2023) before the local authority became aware "
        "(10 May 2023)" in str(refused.value)
    )
    assert not Notification.objects.exists()


def test_a_late_notification_needs_a_reason(bu, partnership):
    late = notification_data(notified_on=date(2023, 5, 15))
    with pytest.raises(ValidationError) as refused:
        services.notification_create(actor=bu, partnership=partnership, **late)
    assert refused.value.message_dict["late_reason"] == [
        "The Panel was notified 2 working days after the deadline of 11 May 2023 (5 working "
        "days after awareness). Give the reason it was late."
    ]
    notification = services.notification_create(
        actor=bu,
        partnership=partnership,
        late_reason="Police shared the information late.",
        **late,
    )
    assert notification.notify_clock.state(date(2023, 6, 1)) == "late"


@pytest.mark.parametrize("pseudonym", ["Child 12/03/2019", "jo@example.org", "Child CM1 1QH"])
def test_identifying_pseudonyms_are_refused(bu, partnership, pseudonym):
    with pytest.raises(ValidationError) as refused:
        services.notification_create(
            actor=bu, partnership=partnership, **notification_data(child_pseudonym=pseudonym)
        )
    assert "child_pseudonym" in refused.value.message_dict


def test_the_business_unit_records_a_notification_through_the_page(bu_client, agency, theme):
    response = bu_client.post(
        reverse("reviews:notification-new"),
        {
            "child_pseudonym": "Child Q",
            "age_band": "under_1",
            "sex": "male",
            "nature": "serious_harm",
            "agencies_involved": [agency.pk],
            "themes": [theme.pk],
            "became_aware_on": "2023-05-03",
            "notified_on": "2023-05-09",
        },
        follow=True,
    )
    assert response.status_code == 200
    notification = Notification.objects.get()
    assert list(notification.agencies_involved.all()) == [agency]
    page = response.content.decode()
    assert "Child Q" in page and "11 May 2023" in page


def test_the_page_shows_why_a_bad_notification_is_refused(bu_client):
    response = bu_client.post(
        reverse("reviews:notification-new"),
        {
            "child_pseudonym": "Child Q",
            "age_band": "under_1",
            "sex": "male",
            "nature": "serious_harm",
            "became_aware_on": "2023-05-10",
            "notified_on": "2023-05-09",
        },
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert "before the local authority became aware" in response.content.decode()
    assert not Notification.objects.exists()


def test_two_people_editing_a_notification_at_once(bu_client, bu, partnership):
    notification = services.notification_create(
        actor=bu, partnership=partnership, **notification_data()
    )
    url = reverse("reviews:notification-edit", args=[notification.pk])
    form = {
        **{k: str(v) for k, v in notification_data().items()},
        "version": "1",
        "partnership": partnership.pk,
        "looked_after": "",
    }
    first = bu_client.post(url, {**form, "outline": "First person's outline"})
    assert first.status_code == 302
    second = bu_client.post(url, {**form, "outline": "Second person's outline"})
    assert second.status_code == 200
    assert "Someone else changed this notification" in second.content.decode()
    notification.refresh_from_db()
    assert notification.outline == "First person's outline"
    assert notification.version == 2


def test_recording_a_late_reason_for_a_running_overdue_clock(bu, partnership):
    notification = services.notification_create(
        actor=bu,
        partnership=partnership,
        **notification_data(became_aware_on=date(2023, 5, 22), notified_on=None),
    )
    services.clock_reason_record(
        actor=bu,
        record=notification,
        version=notification.version,
        reason="Awaiting the police strategy discussion.",
    )
    notification.refresh_from_db()
    assert notification.notify_clock.breach_reason.startswith("Awaiting")
    on_time = services.notification_create(
        actor=bu,
        partnership=partnership,
        **notification_data(became_aware_on=date(2023, 5, 31), notified_on=None),
    )
    with pytest.raises(ValidationError, match="has not been missed"):
        services.clock_reason_record(actor=bu, record=on_time, version=1, reason="x")


# Rapid reviews ----------------------------------------------------------------------------


def test_the_rapid_review_clock_starts_at_the_partnerships_chosen_event(bu, partnership):
    notification = services.notification_create(
        actor=bu,
        partnership=partnership,
        **notification_data(became_aware_on=date(2023, 4, 26), notified_on=date(2023, 4, 28)),
    )
    rapid_review = services.rapid_review_start(actor=bu, notification=notification)
    assert rapid_review.clock_start_event == ClockStart.NOTIFICATION
    assert rapid_review.clock_start_on == date(2023, 4, 28)
    assert rapid_review.due_on == date(2023, 5, 23)  # over 1 May and the 8 May coronation

    services.review_settings_update(
        actor=bu, partnership=partnership, rapid_review_clock_start=ClockStart.AWARENESS
    )
    second = services.notification_create(
        actor=bu,
        partnership=partnership,
        **notification_data(became_aware_on=date(2023, 4, 26), notified_on=None),
    )
    by_awareness = services.rapid_review_start(actor=bu, notification=second)
    assert by_awareness.clock_start_on == date(2023, 4, 26)
    assert by_awareness.due_on == date(2023, 5, 19)
    assert ReviewSettings.objects.get().rapid_review_clock_start == "awareness"


def test_counting_from_notification_needs_the_notification_date(bu, partnership):
    notification = services.notification_create(
        actor=bu, partnership=partnership, **notification_data(notified_on=None)
    )
    with pytest.raises(ValidationError, match="Record the date the notification was sent"):
        services.rapid_review_start(actor=bu, notification=notification)
    assert not RapidReview.objects.exists()


def _through_sign_off(bu, rapid_review):
    rapid_review = services.rapid_review_record_meeting(
        actor=bu,
        rapid_review=rapid_review,
        version=rapid_review.version,
        meeting_on=date(2023, 5, 15),
    )
    return services.rapid_review_sign_off(
        actor=bu,
        rapid_review=rapid_review,
        version=rapid_review.version,
        signed_off_on=date(2023, 5, 17),
        signed_off_by="The three safeguarding partners",
    )


def test_a_decision_dated_before_the_rapid_review_started_is_refused(bu, partnership):
    rapid_review = RapidReviewFactory(
        notification=NotificationFactory(partnership=partnership, notified_on=date(2023, 5, 2)),
    )
    with pytest.raises(ValidationError) as refused:
        services.rapid_review_record_decision(
            actor=bu,
            rapid_review=rapid_review,
            version=1,
            decision=Decision.NO_FURTHER_ACTION,
            decided_on=date(2023, 5, 1),
            decision_rationale="Single agency learning is enough.",
        )
    assert refused.value.message_dict["decided_on"] == [
        "The decision cannot be dated before the rapid review started (2 May 2023)."
    ]
    rapid_review.refresh_from_db()
    assert rapid_review.decision == "" and rapid_review.version == 1


def test_the_whole_rapid_review_to_a_local_review(bu, partnership, theme):
    notification = NotificationFactory(partnership=partnership, notified_on=date(2023, 4, 28))
    notification.themes.set([theme])
    rapid_review = services.rapid_review_start(actor=bu, notification=notification)
    rapid_review = _through_sign_off(bu, rapid_review)
    with pytest.raises(ValidationError, match="regulation 11"):
        services.rapid_review_record_decision(
            actor=bu,
            rapid_review=rapid_review,
            version=rapid_review.version,
            decision=Decision.LOCAL_REVIEW,
            decided_on=date(2023, 5, 17),
            decision_rationale="Several agencies missed the bruising.",
        )
    rapid_review = services.rapid_review_record_decision(
        actor=bu,
        rapid_review=rapid_review,
        version=rapid_review.version,
        decision=Decision.LOCAL_REVIEW,
        decided_on=date(2023, 5, 17),
        decision_rationale="Several agencies missed the bruising.",
        criterion_agencies_working_together=True,
        criterion_recurrent_themes=True,
    )
    review = Review.objects.get(rapid_review=rapid_review)
    assert review.title == notification.child_pseudonym
    assert review.decided_on == date(2023, 5, 17)
    assert list(review.themes.all()) == [theme]
    assert review.target_publication_on == date(2023, 11, 17)

    rapid_review = services.rapid_review_send_to_panel(
        actor=bu,
        rapid_review=rapid_review,
        version=rapid_review.version,
        sent_to_panel_on=date(2023, 5, 19),
    )
    assert rapid_review.clock.state(date(2023, 6, 1)) == "met"
    rapid_review = services.rapid_review_record_panel_response(
        actor=bu,
        rapid_review=rapid_review,
        version=rapid_review.version,
        panel_response="agrees",
        panel_response_on=date(2023, 5, 31),
    )
    assert rapid_review.stage == "Panel responded"
    events = list(
        AuditEvent.objects.filter(target_type="reviews.rapidreview").values_list("event", flat=True)
    )
    assert {
        "reviews.rapid_review.started",
        "reviews.rapid_review.signed_off",
        "reviews.rapid_review.decision_recorded",
        "reviews.rapid_review.sent_to_panel",
        "reviews.rapid_review.panel_response_recorded",
    } <= set(events)


def test_sending_late_to_the_panel_needs_a_reason(bu, partnership):
    rapid_review = RapidReviewFactory(
        notification=NotificationFactory(partnership=partnership, notified_on=date(2023, 4, 28)),
    )
    rapid_review = _through_sign_off(bu, rapid_review)
    rapid_review = services.rapid_review_record_decision(
        actor=bu,
        rapid_review=rapid_review,
        version=rapid_review.version,
        decision=Decision.OTHER_LEARNING,
        other_learning_route="Multi-agency learning event",
        decided_on=date(2023, 5, 17),
        decision_rationale="Learning already clear.",
    )
    with pytest.raises(ValidationError) as refused:
        services.rapid_review_send_to_panel(
            actor=bu,
            rapid_review=rapid_review,
            version=rapid_review.version,
            sent_to_panel_on=date(2023, 5, 25),
        )
    assert "2 working days after the 15-working-day deadline of 23 May 2023" in str(refused.value)
    services.rapid_review_send_to_panel(
        actor=bu,
        rapid_review=rapid_review,
        version=rapid_review.version,
        sent_to_panel_on=date(2023, 5, 25),
        late_reason="Sign-off delayed by the police.",
    )
    assert not Review.objects.exists()  # other learning route: no local review


def test_sending_to_the_panel_before_the_decision_is_refused(bu, partnership):
    rapid_review = _through_sign_off(
        bu,
        RapidReviewFactory(
            notification=NotificationFactory(partnership=partnership, notified_on=date(2023, 4, 28))
        ),
    )
    with pytest.raises(ValidationError, match="Record the decision first"):
        services.rapid_review_send_to_panel(
            actor=bu,
            rapid_review=rapid_review,
            version=rapid_review.version,
            sent_to_panel_on=date(2023, 5, 19),
        )


def test_agency_summaries_are_requested_by_email_and_each_lead_writes_their_own(
    bu, partnership, agency, other_agency, make_user, client, django_capture_on_commit_callbacks
):
    lead = make_user(Role.AGENCY_LEAD, agency=agency, email="lead@police.example")
    other_lead = make_user(Role.AGENCY_LEAD, agency=other_agency)
    rapid_review = RapidReviewFactory(notification=NotificationFactory(partnership=partnership))
    with pytest.raises(ValidationError, match="due date cannot be before"):
        services.agency_summary_request(
            actor=bu,
            rapid_review=rapid_review,
            agencies=[agency],
            requested_on=date(2023, 6, 1),
            due_on=date(2023, 5, 30),
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.agency_summary_request(
            actor=bu,
            rapid_review=rapid_review,
            agencies=[agency, other_agency],
            requested_on=date(2023, 6, 1),
            due_on=date(2023, 6, 8),
        )
    assert sorted(m.to[0] for m in mail.outbox) == sorted(["lead@police.example", other_lead.email])
    assert "by 8 June 2023" in mail.outbox[0].subject
    mine = AgencySummary.objects.get(agency=agency)
    theirs = AgencySummary.objects.get(agency=other_agency)

    client.force_login(lead)
    listing = client.get(reverse("reviews:summary-list")).content.decode()
    assert "Testshire Police" in listing and "Testshire Hospital" not in listing
    assert client.get(reverse("reviews:summary-detail", args=[theirs.pk])).status_code == 404
    response = client.post(
        reverse("reviews:summary-detail", args=[mine.pk]),
        {"summary": "Two contacts with the family; the bruise was not referred.", "version": 1},
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.received_on == date(2023, 6, 1) and mine.submitted_by == lead
    # The lead cannot open the rapid review itself.
    assert (
        client.get(reverse("reviews:rapid-review-detail", args=[rapid_review.pk])).status_code
        == 404
    )


def test_summaries_still_awaited_close_as_not_received_when_sent_to_the_panel(
    bu,
    bu_client,
    partnership,
    agency,
    other_agency,
    make_user,
    time_machine,
    django_capture_on_commit_callbacks,
):
    make_user(Role.AGENCY_LEAD, agency=agency, email="lead@police.example")
    make_user(Role.AGENCY_LEAD, agency=other_agency, email="lead@hospital.example")
    rapid_review = RapidReviewFactory(
        notification=NotificationFactory(partnership=partnership, notified_on=date(2023, 4, 28))
    )
    services.agency_summary_request(
        actor=bu,
        rapid_review=rapid_review,
        agencies=[agency, other_agency],
        requested_on=date(2023, 5, 2),
        due_on=date(2023, 5, 12),
    )
    received = AgencySummary.objects.get(agency=other_agency)
    services.agency_summary_submit(
        actor=bu, summary=received, version=received.version, text="One health visit."
    )
    # The day before it is due, the agency still writing is reminded; the other is not.
    time_machine.move_to(datetime(2023, 5, 11, 9, tzinfo=LONDON), tick=False)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        run_due_jobs(only=tasks.SUMMARY_CHASERS)
        run_due_jobs(only=tasks.SUMMARY_CHASERS)
    assert [m.to for m in mail.outbox] == [["lead@police.example"]]
    assert mail.outbox[0].subject.startswith("Rapid review summary due soon")

    time_machine.move_to(datetime(2023, 5, 19, 12, tzinfo=LONDON), tick=False)
    rapid_review = _through_sign_off(bu, rapid_review)
    rapid_review = services.rapid_review_record_decision(
        actor=bu,
        rapid_review=rapid_review,
        version=rapid_review.version,
        decision=Decision.NO_FURTHER_ACTION,
        decided_on=date(2023, 5, 17),
        decision_rationale="Learning already clear.",
    )
    services.rapid_review_send_to_panel(
        actor=bu,
        rapid_review=rapid_review,
        version=rapid_review.version,
        sent_to_panel_on=date(2023, 5, 19),
    )
    awaited = AgencySummary.objects.get(agency=agency)
    assert awaited.not_received_on == date(2023, 5, 19) and awaited.received_on is None
    assert AgencySummary.objects.get(agency=other_agency).not_received_on is None
    assert AuditEvent.objects.filter(event="reviews.agency_summary.not_received").count() == 1
    page = bu_client.get(reverse("reviews:rapid-review-detail", args=[rapid_review.pk]))
    text = page.content.decode()
    assert "Not received" in text and "On track" not in text and "Overdue" not in text
    # Overdue now, but closed: no chaser.
    mail.outbox.clear()
    time_machine.move_to(datetime(2023, 5, 22, 9, tzinfo=LONDON), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        run_due_jobs(only=tasks.SUMMARY_CHASERS)
    assert mail.outbox == []
    with pytest.raises(ValidationError, match="went to the Panel without this summary"):
        services.agency_summary_submit(
            actor=bu, summary=awaited, version=awaited.version, text="Too late."
        )


def test_the_rapid_review_pages_walk_through_the_steps(bu_client, partnership):
    notification = NotificationFactory(partnership=partnership, notified_on=date(2023, 4, 28))
    response = bu_client.post(reverse("reviews:rapid-review-start", args=[notification.pk]))
    rapid_review = RapidReview.objects.get()
    assert response.url == reverse("reviews:rapid-review-detail", args=[rapid_review.pk])
    step = reverse("reviews:rapid-review-step", args=[rapid_review.pk, "meeting"])
    assert bu_client.post(step, {"meeting_on": "2023-05-15", "version": 1}).status_code == 302
    page = bu_client.get(reverse("reviews:rapid-review-detail", args=[rapid_review.pk]))
    text = page.content.decode()
    assert "Rapid review meeting recorded" in text and ": saved." not in text
    assert "15 May 2023" in text and "23 May 2023" in text
    decision = reverse("reviews:rapid-review-step", args=[rapid_review.pk, "decision"])
    refused = bu_client.post(
        decision,
        {
            "decision": "no_further_action",
            "decided_on": "2023-04-27",
            "decision_rationale": "Enough learning",
            "version": 2,
        },
    )
    assert (
        "cannot be dated before the rapid review started (28 April 2023)"
        in refused.content.decode()
    )


def test_the_notification_list_filters_by_theme(bu_client, partnership, theme):
    with_theme = NotificationFactory(partnership=partnership, child_pseudonym="Child T")
    with_theme.themes.add(theme)
    NotificationFactory(partnership=partnership, child_pseudonym="Child U")

    page = bu_client.get(reverse("reviews:notification-list"), {"theme": theme.slug})

    text = page.content.decode()
    assert page.status_code == 200
    assert "Child T" in text and "Child U" not in text
    assert f'<option value="{theme.slug}" selected>' in text
