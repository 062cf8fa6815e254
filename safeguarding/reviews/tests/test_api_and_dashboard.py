"""The API (same scoping as the pages), the dashboard panels and the yearly-report figures."""

from datetime import date

import pytest
from django.urls import reverse

from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.reviews.models import Decision
from safeguarding.reviews.tests.factories import (
    NotificationFactory,
    RapidReviewFactory,
    RecommendationFactory,
    ReviewFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(partnership):
    notification = NotificationFactory(
        partnership=partnership,
        child_pseudonym="Child Q",
        became_aware_on=date(2023, 5, 3),
        notified_on=None,
    )
    rapid_review = RapidReviewFactory(
        notification=NotificationFactory(partnership=partnership, notified_on=date(2023, 4, 28)),
        clock_start_on=date(2023, 4, 28),
        decision=Decision.LOCAL_REVIEW,
        decided_on=date(2023, 5, 17),
    )
    review = ReviewFactory(
        partnership=partnership, title="Child Q", status="in_progress", decided_on=date(2023, 1, 10)
    )
    recommendation = RecommendationFactory(review=review, number=1)
    return notification, rapid_review, review, recommendation


def test_the_api_gives_the_fields_the_issue_names(signed_in, case):
    notification, rapid_review, review, recommendation = case
    client = signed_in(Role.BUSINESS_UNIT)
    result = client.get("/api/v1/notifications/").json()
    assert result["count"] == 2
    row = next(r for r in result["results"] if r["id"] == notification.pk)
    assert row["became_aware_on"] == "2023-05-03" and row["notify_by"] == "2023-05-11"
    rapid = client.get(f"/api/v1/rapid-reviews/{rapid_review.pk}/").json()
    assert rapid["clock_start_on"] == "2023-04-28"
    assert rapid["due_on"] == "2023-05-23"
    assert rapid["decision"] == "local_review"
    assert (
        AuditEvent.objects.filter(event="reviews.rapid_review.viewed", channel="api").count() == 1
    )
    reviews = client.get("/api/v1/reviews/?status=in_progress").json()["results"]
    assert reviews[0]["status"] == "in_progress"
    assert reviews[0]["decided_on"] == "2023-01-10"
    assert reviews[0]["target_publication_on"] == "2023-07-10"
    rec = client.get("/api/v1/recommendations/").json()["results"][0]
    assert rec["owner_agency"] == recommendation.owner_agency.name
    assert rec["status"] == "open" and rec["impact_grade"] == ""


def test_the_api_is_scoped_as_the_pages_are(signed_in, case):
    notification, rapid_review, review, _ = case
    client = signed_in(Role.PRACTITIONER)
    assert client.get("/api/v1/notifications/").status_code == 403
    assert client.get("/api/v1/reviews/").status_code == 403
    assert client.get(f"/api/v1/notifications/{notification.pk}/").status_code == 404
    reviewer = signed_in(Role.REVIEWER)
    assert reviewer.get("/api/v1/reviews/").json()["count"] == 0
    assert reviewer.get(f"/api/v1/reviews/{review.pk}/").status_code == 404


def test_the_dashboard_shows_clocks_due_soon_and_breached(signed_in, case):
    client = signed_in(Role.BUSINESS_UNIT)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "Statutory clocks: due in the next 5 working days and breached" in page
    # Child Q's notification (due 11 May 2023) and the rapid review (due 23 May) are running
    # past their dates.
    assert "2 breached (past their date and still running)" in page
    assert "Child Q</a> (notification)" in page
    assert "</a> (rapid review)" in page
    # The review decided 10 January 2023 is due by 10 July: not within 5 working days.
    assert "0 due in the next 5 working days" in page
    practitioner = signed_in(Role.PRACTITIONER)
    assert "Statutory clocks" not in practitioner.get(reverse("core:dashboard")).content.decode()


def test_figures_for_a_period_are_ready_for_the_yearly_report(signed_in, partnership):
    from safeguarding.planning.models import Theme

    nai = Theme.objects.get(name="Non-accidental injury")
    suicide = Theme.objects.get(name="Suicide and self-harm")
    for index in range(3):
        n = NotificationFactory(
            partnership=partnership,
            became_aware_on=date(2022, 5, 2 + index),
            notified_on=date(2022, 5, 6 + index),
        )
        n.themes.set([nai])
    n = NotificationFactory(
        partnership=partnership,
        nature="death",
        became_aware_on=date(2022, 9, 13),
        notified_on=date(2022, 9, 22),
    )
    n.themes.set([suicide])
    RapidReviewFactory(
        notification=n,
        clock_start_on=date(2022, 9, 22),
        sent_to_panel_on=date(2022, 10, 12),
        decision="other_learning",
        decided_on=date(2022, 10, 11),
    )
    ReviewFactory(
        partnership=partnership,
        status="published",
        decided_on=date(2022, 1, 5),
        published_on=date(2022, 6, 30),
    )
    ReviewFactory(
        partnership=partnership,
        status="deferred",
        decided_on=date(2021, 5, 5),
        deferral_reason="criminal_proceedings",
        deferred_on=date(2021, 11, 1),
    )
    client = signed_in(Role.CHAIR)
    page = client.get(
        reverse("reviews:figures"),
        {
            "partnership": partnership.pk,
            "start": "2022-04-01",
            "end": "2023-03-31",
        },
    ).content.decode()
    assert 'id="fig-notifications">4<' in page
    assert "of which: child death" in page
    assert 'id="fig-rapid">1<' in page
    assert 'id="fig-published">1<' in page
    assert "Non-accidental injury 3, suicide and self-harm 1" in page.replace(
        "non-accidental", "Non-accidental"
    )


def test_recommendations_count_when_their_report_came_out_not_when_typed_in(signed_in, partnership):
    """Recommendations of 2021's reviews typed in years later count in the year the report
    containing them was published (or, until then, agreed), on the figures page and the API."""
    from safeguarding.accounts.tests.factories import AgencyFactory
    from safeguarding.reviews import services
    from safeguarding.reviews.models import Recommendation

    agency = AgencyFactory(partnerships=[partnership])
    client = signed_in(Role.BUSINESS_UNIT)
    owner = client.user
    agreed = ReviewFactory(
        partnership=partnership,
        status="final_agreed",
        decided_on=date(2021, 6, 1),
        draft_received_on=date(2022, 4, 20),
        final_agreed_on=date(2022, 5, 10),
    )
    drafting = ReviewFactory(
        partnership=partnership,
        status="draft",
        decided_on=date(2021, 7, 1),
        draft_received_on=date(2022, 9, 1),
    )

    def add(review, **extra):
        return services.recommendation_add(
            actor=owner,
            review=review,
            text="Discuss every bruise with a paediatrician.",
            owner_agency=agency,
            owner_person=owner,
            target_on=date(2027, 3, 31),
            **extra,
        )

    first = add(agreed)
    assert first.made_on == date(2022, 5, 10)  # the report it is in was agreed then
    second = add(agreed, made_on=date(2022, 5, 12))
    assert second.made_on == date(2022, 5, 12)
    later = add(drafting)
    assert later.made_on is None  # not made until its report is agreed
    services.review_agree_final(
        actor=owner,
        review=drafting,
        version=drafting.version,
        final_agreed_on=date(2022, 10, 3),
        planned_publication_on=date(2022, 12, 1),
    )
    later.refresh_from_db()
    assert later.made_on == date(2022, 10, 3)
    # Published: the recommendations are made public in the report, and count then.
    drafting.refresh_from_db()
    drafting = services.review_send_advance_copy(
        actor=owner,
        review=drafting,
        version=drafting.version,
        advance_copy_sent_on=date(2022, 10, 20),
        sent_to_ofsted=True,
        planned_publication_on=date(2022, 12, 1),
    )
    services.review_publish(
        actor=owner,
        review=drafting,
        version=drafting.version,
        published_on=date(2022, 12, 1),
        publication_url="https://example.org/reviews/child-r",
        target_breach_reason="Parallel criminal proceedings.",
    )
    later.refresh_from_db()
    assert later.made_on == date(2022, 12, 1)
    published = ReviewFactory(
        partnership=partnership,
        status="published",
        decided_on=date(2021, 1, 4),
        final_agreed_on=date(2021, 6, 1),
        published_on=date(2021, 11, 2),
    )
    assert add(published).made_on == date(2021, 11, 2)
    with pytest.raises(Exception, match="cannot be before the decision"):
        add(agreed, made_on=date(2020, 1, 1))
    assert Recommendation.objects.count() == 4

    def made(start, end):
        page = client.get(
            reverse("reviews:figures"),
            {"partnership": partnership.pk, "start": start, "end": end},
        ).content.decode()
        return page.split("Recommendations made</th>")[1].split("</td>")[0].rsplit(">", 1)[1]

    assert made("2022-04-01", "2023-03-31") == "3"
    typed_in = Recommendation.objects.get(pk=first.pk).created_at.date()
    assert not date(2022, 4, 1) <= typed_in <= date(2023, 3, 31)
    assert made(typed_in.isoformat(), typed_in.isoformat()) == "0"
    api = client.get("/api/v1/recommendations/").json()
    assert sorted(r["made_on"] for r in api["results"]) == [
        "2021-11-02",
        "2022-05-10",
        "2022-05-12",
        "2022-12-01",
    ]
