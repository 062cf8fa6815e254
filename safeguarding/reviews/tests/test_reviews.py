"""Reviews through the workflow: each step, illegal moves, the publication clocks."""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.reviews import services, workflow
from safeguarding.reviews.models import Review, ReviewStatus
from safeguarding.reviews.tests.factories import ReviewFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer(make_user):
    return make_user(Role.REVIEWER, full_name="Ida Pendent", email="author@reviews.example")


def move(bu, review, action, **fields):
    return services.STEP_SERVICES[action](actor=bu, review=review, version=review.version, **fields)


def to_final(bu, review, reviewer, planned=date(2023, 5, 25)):
    review = move(
        bu,
        review,
        "agree_terms",
        terms_agreed_on=date(2022, 12, 12),
        terms_of_reference="Multi-agency response to bruising in a baby.",
        methodology="SILP",
    )
    review = move(
        bu,
        review,
        "commission_reviewer",
        reviewer=reviewer,
        commissioned_on=date(2023, 1, 9),
        reviewer_cost=6500,
    )
    review = move(bu, review, "start", started_on=date(2023, 1, 16))
    review = move(bu, review, "receive_draft", draft_received_on=date(2023, 3, 31))
    return move(
        bu, review, "agree_final", final_agreed_on=date(2023, 4, 20), planned_publication_on=planned
    )


def test_a_review_goes_from_decision_to_learning_embedded(
    bu, partnership, reviewer, django_capture_on_commit_callbacks
):
    review = ReviewFactory(partnership=partnership, decided_on=date(2022, 11, 25))
    assert review.target_publication_on == date(2023, 5, 25)
    with django_capture_on_commit_callbacks(execute=True):
        review = to_final(bu, review, reviewer)
    assert len(mail.outbox) == 1  # only the commissioning step emails anyone
    assert mail.outbox[0].to == ["author@reviews.example"]
    assert "commissioned" in mail.outbox[0].subject
    # Publication Thursday 25 May 2023: the copy must go by 16 May (7 working days back,
    # over the coronation on 8 May).
    assert review.latest_advance_copy_on == date(2023, 5, 16)
    review = move(
        bu,
        review,
        "send_advance_copy",
        advance_copy_sent_on=date(2023, 5, 15),
        sent_to_ofsted=True,
        planned_publication_on=date(2023, 5, 25),
    )
    review = move(
        bu,
        review,
        "publish",
        published_on=date(2023, 5, 25),
        publication_url="https://www.example.org/child-q",
    )
    assert review.status == ReviewStatus.PUBLISHED
    assert review.publication_clock.state(date(2023, 6, 1)) == "met"
    review = move(
        bu,
        review,
        "embed_learning",
        learning_embedded_on=date(2023, 6, 1),
        learning_embedded_summary="Bruising protocol re-audit: 19 of 20 followed.",
    )
    assert review.status == ReviewStatus.LEARNING_EMBEDDED
    assert review.version == 9  # one version per step, from 1
    events = AuditEvent.objects.filter(target_type="reviews.review").values_list("event", flat=True)
    assert "reviews.review.publish" in set(events) and "reviews.review.embed_learning" in set(
        events
    )


def test_a_step_the_service_does_not_record_is_refused(bu, partnership):
    review = ReviewFactory(partnership=partnership)
    with pytest.raises(TypeError):
        services.review_agree_terms(
            actor=bu, review=review, version=review.version, published_on=date(2023, 5, 25)
        )
    review.refresh_from_db()
    assert review.status == ReviewStatus.DECIDED and review.published_on is None


def test_steps_out_of_order_are_refused_with_the_reason(bu, partnership):
    review = ReviewFactory(partnership=partnership)
    with pytest.raises(ValidationError) as refused:
        move(bu, review, "publish", published_on=date(2023, 5, 25))
    assert "You cannot record the publication while the review is “decided”" in str(refused.value)
    assert "sent to the panel" in str(refused.value)
    review.refresh_from_db()
    assert review.status == ReviewStatus.DECIDED and review.published_on is None


def test_publishing_before_the_advance_copy_was_sent_is_refused(bu, partnership, reviewer):
    review = to_final(
        bu, ReviewFactory(partnership=partnership, decided_on=date(2022, 11, 25)), reviewer
    )
    review = move(
        bu,
        review,
        "defer",
        deferral_reason="criminal_proceedings",
        deferred_on=date(2023, 4, 21),
        deferral_review_on=date(2023, 9, 1),
        deferral_details="Trial listed for August 2023.",
    )
    with pytest.raises(ValidationError) as refused:
        move(
            bu,
            review,
            "publish",
            published_on=date(2023, 5, 30),
            publication_url="https://www.example.org/r",
            target_breach_reason="Trial",
        )
    assert "cannot be published before a copy has been sent to the Panel" in str(refused.value)
    review.refresh_from_db()
    assert review.status == ReviewStatus.DEFERRED


def test_the_advance_copy_must_go_7_working_days_before_publication(bu, partnership, reviewer):
    review = to_final(
        bu, ReviewFactory(partnership=partnership, decided_on=date(2022, 11, 25)), reviewer
    )
    with pytest.raises(ValidationError) as refused:
        move(
            bu,
            review,
            "send_advance_copy",
            advance_copy_sent_on=date(2023, 5, 17),
            sent_to_ofsted=True,
            planned_publication_on=date(2023, 5, 25),
        )
    message = refused.value.message_dict["planned_publication_on"][0]
    assert "it had to be sent by 16 May 2023" in message
    assert "the earliest publication date is 26 May 2023" in message
    review = move(
        bu,
        review,
        "send_advance_copy",
        advance_copy_sent_on=date(2023, 5, 17),
        sent_to_ofsted=True,
        planned_publication_on=date(2023, 5, 26),
    )
    with pytest.raises(ValidationError) as too_soon:
        move(
            bu,
            review,
            "publish",
            published_on=date(2023, 5, 25),
            publication_url="https://www.example.org/r",
        )
    assert "It can be published from 26 May 2023" in str(too_soon.value)


def test_publishing_after_the_6_month_target_needs_a_reason(bu, partnership, reviewer):
    review = to_final(
        bu,
        ReviewFactory(partnership=partnership, decided_on=date(2022, 10, 3)),
        reviewer,
        planned=date(2023, 5, 30),
    )
    review = move(
        bu,
        review,
        "send_advance_copy",
        advance_copy_sent_on=date(2023, 5, 15),
        sent_to_ofsted=True,
        planned_publication_on=date(2023, 5, 30),
    )
    with pytest.raises(ValidationError) as refused:
        move(
            bu,
            review,
            "publish",
            published_on=date(2023, 5, 30),
            publication_url="https://www.example.org/r",
        )
    assert refused.value.message_dict["target_breach_reason"] == [
        "Publication on 30 May 2023 is after the 6-month target of 3 April 2023. Give the reason."
    ]
    review = move(
        bu,
        review,
        "publish",
        published_on=date(2023, 5, 30),
        publication_url="https://www.example.org/r",
        target_breach_reason="The family asked for time to contribute.",
    )
    assert review.publication_clock.state(date(2023, 6, 1)) == "late"
    assert not review.publication_clock.needs_reason(date(2023, 6, 1))


def test_a_deferral_counts_as_the_reason_and_a_running_breach_can_be_explained(bu, partnership):
    review = ReviewFactory(partnership=partnership, decided_on=date(2022, 9, 1))
    assert review.publication_clock.needs_reason(date(2023, 6, 1))
    services.review_record_delay_reason(
        actor=bu,
        review=review,
        version=review.version,
        target_breach_reason="Reviewer unavailable for three months.",
    )
    review.refresh_from_db()
    assert not review.publication_clock.needs_reason(date(2023, 6, 1))
    fresh = ReviewFactory(partnership=partnership, decided_on=date(2023, 5, 1))
    with pytest.raises(ValidationError, match="has not been missed"):
        services.review_record_delay_reason(
            actor=bu, review=fresh, version=1, target_breach_reason="x"
        )


def test_the_transition_table_names_every_status():
    reachable = {t.target for t in workflow.REVIEWS.transitions} | {ReviewStatus.DECIDED}
    assert reachable == set(ReviewStatus.values)
    assert set(services.STEP_SERVICES) == set(workflow.REVIEWS.names())
    assert [t.action for t in workflow.REVIEWS.from_status(ReviewStatus.SENT_TO_PANEL)] == [
        "publish",
        "defer",
    ]


def test_a_joint_review_led_elsewhere_with_a_cost_contribution(bu, partnership):
    with pytest.raises(ValidationError, match="Name the partnership that leads"):
        services.review_create(
            actor=bu,
            partnership=partnership,
            kind="joint",
            title="Child H",
            decided_on=date(2022, 6, 1),
        )
    review = services.review_create(
        actor=bu,
        partnership=partnership,
        kind="joint",
        title="Child H",
        decided_on=date(2022, 6, 1),
        lead_partnership_name="London Borough of Havering",
        cost_contribution=2500,
    )
    assert review.cost_contribution == 2500
    review = move(
        bu,
        review,
        "agree_terms",
        terms_agreed_on=date(2022, 6, 20),
        terms_of_reference="Led by Havering.",
    )
    review = move(
        bu, review, "commission_reviewer", reviewer=None, commissioned_on=date(2022, 7, 1)
    )
    assert review.status == ReviewStatus.REVIEWER_COMMISSIONED


def test_a_local_review_needs_a_reviewer_with_the_reviewer_role(bu, partnership, make_user):
    review = move(
        bu,
        ReviewFactory(partnership=partnership),
        "agree_terms",
        terms_agreed_on=date(2023, 4, 1),
        terms_of_reference="ToR",
    )
    with pytest.raises(ValidationError, match="Choose the reviewer"):
        move(bu, review, "commission_reviewer", reviewer=None, commissioned_on=date(2023, 4, 2))
    practitioner = make_user(Role.PRACTITIONER)
    with pytest.raises(ValidationError, match="does not hold the reviewer role"):
        move(
            bu,
            review,
            "commission_reviewer",
            reviewer=practitioner,
            commissioned_on=date(2023, 4, 2),
        )


def test_the_business_unit_moves_a_review_through_the_pages(bu_client, partnership, reviewer):
    review = ReviewFactory(partnership=partnership, decided_on=date(2023, 3, 1))
    page = bu_client.get(reverse("reviews:review-detail", args=[review.pk])).content.decode()
    assert "Record the terms of reference" in page
    assert "1 September 2023" in page  # the 6-month target
    url = reverse("reviews:review-move", args=[review.pk, "agree_terms"])
    response = bu_client.post(
        url, {"terms_agreed_on": "2023-03-20", "terms_of_reference": "Scope", "version": 1}
    )
    assert response.status_code == 302
    banner = bu_client.get(response.url).content.decode()
    assert "Terms of reference recorded" in banner and ": saved." not in banner
    wrong = bu_client.get(reverse("reviews:review-move", args=[review.pk, "publish"]))
    assert "This step is not possible now" in wrong.content.decode()


def test_concurrent_edits_of_a_review_are_refused_on_the_page(bu_client, partnership):
    review = ReviewFactory(partnership=partnership)
    url = reverse("reviews:review-edit", args=[review.pk])
    base = {"title": review.title, "version": 1}
    assert bu_client.post(url, {**base, "summary": "Mine"}).status_code == 302
    response = bu_client.post(url, {**base, "summary": "Theirs"})
    assert (
        "Someone else changed this review while you were working on it" in response.content.decode()
    )
    review.refresh_from_db()
    assert review.summary == "Mine"


def test_the_commissioned_reviewer_submits_the_draft_and_edits_the_content(
    client, bu, partnership, reviewer
):
    review = to_final(
        bu, ReviewFactory(partnership=partnership, decided_on=date(2022, 11, 1)), reviewer
    )
    draft_review = ReviewFactory(
        partnership=partnership,
        status=ReviewStatus.IN_PROGRESS,
        reviewer=reviewer,
        started_on=date(2023, 4, 1),
    )
    client.force_login(reviewer)
    url = reverse("reviews:review-move", args=[draft_review.pk, "receive_draft"])
    assert client.post(url, {"draft_received_on": "2023-05-31", "version": 1}).status_code == 302
    draft_review.refresh_from_db()
    assert draft_review.status == ReviewStatus.DRAFT
    edit = reverse("reviews:review-edit", args=[draft_review.pk])
    assert (
        client.post(
            edit, {"summary": "Draft summary", "key_learning": "One\nTwo", "version": 2}
        ).status_code
        == 302
    )
    # The reviewer may not take the business unit's steps.
    assert (
        client.get(
            reverse("reviews:review-move", args=[review.pk, "send_advance_copy"])
        ).status_code
        == 403
    )
    assert Review.objects.get(pk=draft_review.pk).summary == "Draft summary"


def test_every_review_step_has_a_written_out_declared_audit_code():
    """Each step's code is a literal in STEP_EVENTS (searchable, never built from the name)."""
    from safeguarding.core import audit_catalogue
    from safeguarding.reviews.services.reviews import STEP_EVENTS

    assert list(STEP_EVENTS) == workflow.REVIEWS.names()
    assert [code for code in STEP_EVENTS.values() if not audit_catalogue.is_declared(code)] == []
