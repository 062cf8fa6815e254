"""Unpublished reviews and notifications are seen only by the partnership's staff and the
people assigned to them; every view is logged; everyone else is refused, and that is logged."""

from datetime import date

import pytest
from django.urls import reverse

from safeguarding.accounts.tests.factories import PartnershipFactory, user_with_role
from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.reviews.models import Notification, Review
from safeguarding.reviews.tests.factories import (
    NotificationFactory,
    RapidReviewFactory,
    RecommendationFactory,
    ReviewFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(partnership):
    notification = NotificationFactory(partnership=partnership, child_pseudonym="Child Q")
    rapid_review = RapidReviewFactory(notification=notification)
    review = ReviewFactory(partnership=partnership, title="Child Q", rapid_review=rapid_review)
    review.notifications.set([notification])
    return {"notification": notification, "rapid_review": rapid_review, "review": review}


def detail_urls(case):
    return {
        "notification": reverse("reviews:notification-detail", args=[case["notification"].pk]),
        "rapid_review": reverse("reviews:rapid-review-detail", args=[case["rapid_review"].pk]),
        "review": reverse("reviews:review-detail", args=[case["review"].pk]),
    }


LIST_PAGES = [
    "reviews:home",
    "reviews:notification-list",
    "reviews:rapid-review-list",
    "reviews:review-list",
    "reviews:figures",
]


def test_a_practitioner_is_refused_every_confidential_page_and_the_attempt_is_logged(
    signed_in, case
):
    client = signed_in(Role.PRACTITIONER)
    for name in LIST_PAGES:
        assert client.get(reverse(name)).status_code == 403, name
    for what, url in detail_urls(case).items():
        response = client.get(url)
        assert response.status_code == 404, what
        assert "Child Q" not in response.content.decode()
        refused = AuditEvent.objects.get(event=f"reviews.{what}.access_refused")
        assert refused.actor == client.user
        assert refused.after["path"] == url
    assert not AuditEvent.objects.filter(event__endswith=".viewed").exists()


def test_signed_out_visitors_are_sent_to_sign_in(client, case):
    for url in detail_urls(case).values():
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:sign-in"))


@pytest.mark.parametrize("role", [Role.BUSINESS_UNIT, Role.CHAIR, Role.SAFEGUARDING_PARTNER])
def test_partnership_staff_see_them_and_every_view_is_logged(signed_in, case, role):
    client = signed_in(role)
    for what, url in detail_urls(case).items():
        response = client.get(url)
        assert response.status_code == 200, (role, what)
        assert "Child Q" in response.content.decode()
        viewed = AuditEvent.objects.get(event=f"reviews.{what}.viewed", actor=client.user)
        assert viewed.target_id == str(case[what].pk)


def test_staff_of_another_partnership_cannot_see_them(client, case):
    elsewhere = user_with_role(Role.BUSINESS_UNIT, partnership=PartnershipFactory())
    client.force_login(elsewhere)
    for url in detail_urls(case).values():
        assert client.get(url).status_code == 404
    assert client.get(reverse("reviews:notification-list")).content.decode().count("Child Q") == 0


def test_the_commissioned_reviewer_sees_their_review_and_its_notification_only(
    client, partnership, case
):
    reviewer = user_with_role(Role.REVIEWER, partnership=partnership)
    case["review"].reviewer = reviewer
    case["review"].save()
    other = ReviewFactory(partnership=partnership, title="Child Z")
    client.force_login(reviewer)
    urls = detail_urls(case)
    assert client.get(urls["review"]).status_code == 200
    assert client.get(urls["notification"]).status_code == 200
    assert client.get(urls["rapid_review"]).status_code == 404
    assert client.get(reverse("reviews:review-detail", args=[other.pk])).status_code == 404
    listing = client.get(reverse("reviews:review-list")).content.decode()
    assert "Child Q" in listing and "Child Z" not in listing
    assert client.get(reverse("reviews:notification-list")).status_code == 403


def test_the_commissioned_reviewer_sees_the_recommendations_and_their_reviews_on_the_dashboard(
    client, partnership, case
):
    reviewer = user_with_role(Role.REVIEWER, partnership=partnership)
    case["review"].reviewer = reviewer
    case["review"].save()
    first = RecommendationFactory(review=case["review"], number=1, text="Discuss every bruise.")
    RecommendationFactory(review=case["review"], number=2, text="Ask who lives at home.")
    RecommendationFactory(review=ReviewFactory(partnership=partnership), number=1, text="Other.")
    client.force_login(reviewer)
    page = client.get(detail_urls(case)["review"]).content.decode()
    assert "No recommendations yet" not in page
    assert "Discuss every bruise." in page and "Ask who lives at home." in page
    assert "Other." not in page
    detail = reverse("reviews:recommendation-detail", args=[first.pk])
    assert client.get(detail).status_code == 200
    dashboard = client.get(reverse("core:dashboard")).content.decode()
    assert "Reviews you are commissioned to write" in dashboard
    assert reverse("reviews:review-detail", args=[case["review"].pk]) in dashboard
    # Another reviewer sees neither the recommendations nor the review on their dashboard.
    client.force_login(user_with_role(Role.REVIEWER, partnership=partnership))
    assert client.get(detail).status_code == 404
    dashboard = client.get(reverse("core:dashboard")).content.decode()
    assert "Reviews you are commissioned to write" not in dashboard  # an empty panel is not shown
    assert "Child Q" not in dashboard
    # Staff do not get the reviewer's panel.
    staff = user_with_role(Role.BUSINESS_UNIT, partnership=partnership)
    client.force_login(staff)
    dashboard = client.get(reverse("core:dashboard")).content.decode()
    assert "Reviews you are commissioned to write" not in dashboard


def test_a_reviewer_not_commissioned_sees_nothing(signed_in, case):
    client = signed_in(Role.REVIEWER)
    for url in detail_urls(case).values():
        assert client.get(url).status_code == 404
    assert "Child Q" not in client.get(reverse("reviews:review-list")).content.decode()


def test_an_agency_lead_sees_only_recommendations_their_agency_owns(
    client, partnership, agency, other_agency, case
):
    lead = user_with_role(Role.AGENCY_LEAD, partnership=partnership, agency=agency)
    mine = RecommendationFactory(review=case["review"], owner_agency=agency, number=1)
    theirs = RecommendationFactory(review=case["review"], owner_agency=other_agency, number=2)
    client.force_login(lead)
    assert client.get(reverse("reviews:recommendation-detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("reviews:recommendation-detail", args=[theirs.pk])).status_code == 404
    assert client.get(detail_urls(case)["review"]).status_code == 404
    listing = client.get(reverse("reviews:recommendation-list")).content.decode()
    assert "number 1" in listing and "number 2" not in listing


def test_recommendations_are_scoped_by_partnership_agency_owner_reviewer_and_joint_review(
    partnership, agency, make_user
):
    """Who sees which recommendation, across two partnerships sharing an agency: the lead of
    the agency in one partnership sees its recommendations there only; the named owner
    theirs anywhere; the commissioned reviewer their review's; staff of a partnership a
    review is shared with see it; a stranger nothing."""
    from safeguarding.reviews.models import Recommendation

    elsewhere = PartnershipFactory(name="Elsewhere")
    agency.partnerships.add(elsewhere)
    owner = make_user(Role.PRACTITIONER, email="owner@test.example")
    reviewer = make_user(Role.REVIEWER, email="reviewer@test.example")
    here = ReviewFactory(partnership=partnership, title="Child H", reviewer=reviewer)
    there = ReviewFactory(partnership=elsewhere, title="Child T")
    shared = ReviewFactory(partnership=elsewhere, title="Child S")
    shared.other_partnerships.add(partnership)
    ours = RecommendationFactory(review=here, owner_agency=agency, number=1)
    theirs = RecommendationFactory(review=there, owner_agency=agency, number=1)
    owned = RecommendationFactory(review=there, owner_person=owner, number=2)
    joint = RecommendationFactory(review=shared, number=1)

    def seen(person) -> set:
        return set(Recommendation.objects.visible_to(person))

    lead = user_with_role(Role.AGENCY_LEAD, partnership=partnership, agency=agency)
    assert seen(lead) == {ours}
    assert seen(owner) == {owned}
    assert seen(reviewer) == {ours}
    assert seen(make_user(Role.BUSINESS_UNIT)) == {ours, joint}
    assert seen(user_with_role(Role.CHAIR, partnership=elsewhere)) == {theirs, owned, joint}
    assert seen(make_user(Role.PRACTITIONER)) == set()


def test_querysets_are_scoped_for_every_role(partnership, case, make_user):
    practitioner = make_user(Role.PRACTITIONER)
    lead = make_user(Role.AGENCY_LEAD)
    chair = make_user(Role.CHAIR)
    for nobody in (practitioner, lead):
        assert not Notification.objects.visible_to(nobody).exists()
        assert not Review.objects.visible_to(nobody).exists()
    assert Review.objects.visible_to(chair).count() == 1


def test_unpublished_reviews_are_not_in_the_public_library(client, partnership, case):
    published = ReviewFactory(
        partnership=partnership,
        title="Child P",
        status="published",
        published_on=date(2023, 5, 2),
        publication_url="https://www.example.org/p",
    )
    library = client.get(reverse("reviews:library")).content.decode()
    assert "Child P" in library and "Child Q" not in library
    assert (
        client.get(reverse("reviews:library-review", args=[case["review"].pk])).status_code == 404
    )
    assert client.get(reverse("reviews:library-review", args=[published.pk])).status_code == 200


def test_form_pages_about_a_confidential_record_log_the_view_too(bu_client, case, agency):
    """Edit, step and reason pages show the record as well: opening one is a logged view."""
    review, rapid = case["review"], case["rapid_review"]
    review.status = "in_progress"
    review.save()
    recommendation = RecommendationFactory(review=review, owner_agency=agency, number=1)
    pages = {
        "notification": [
            reverse("reviews:notification-edit", args=[case["notification"].pk]),
            reverse("reviews:notification-reason", args=[case["notification"].pk]),
        ],
        "rapid_review": [
            reverse("reviews:rapid-review-step", args=[rapid.pk, "meeting"]),
            reverse("reviews:rapid-review-step", args=[rapid.pk, "late-reason"]),
            reverse("reviews:summary-request", args=[rapid.pk]),
        ],
        "review": [
            reverse("reviews:review-edit", args=[review.pk]),
            reverse("reviews:review-move", args=[review.pk, "receive_draft"]),
            reverse("reviews:review-delay-reason", args=[review.pk]),
            reverse("reviews:practitioner-event-new", args=[review.pk]),
            reverse("reviews:briefing-edit", args=[review.pk]),
            reverse("reviews:author-briefing-new", args=[review.pk]),
            reverse("reviews:learning-link-new", args=[review.pk]),
        ],
        "recommendation": [
            reverse("reviews:recommendation-edit", args=[recommendation.pk]),
            reverse("reviews:recommendation-update", args=[recommendation.pk]),
            reverse("reviews:evidence-new", args=[recommendation.pk]),
        ],
    }
    for what, urls in pages.items():
        target = recommendation if what == "recommendation" else case[what]
        for url in urls:
            before = AuditEvent.objects.filter(event=f"reviews.{what}.viewed").count()
            assert bu_client.get(url).status_code == 200, url
            viewed = AuditEvent.objects.filter(event=f"reviews.{what}.viewed").order_by("pk")
            assert viewed.count() == before + 1, url
            assert viewed.last().target_id == str(target.pk)


def test_form_pages_of_a_published_review_are_not_logged(bu_client, partnership):
    published = ReviewFactory(
        partnership=partnership,
        status="published",
        published_on=date(2023, 5, 2),
        publication_url="https://www.example.org/p",
    )
    for name in ["reviews:briefing-edit", "reviews:author-briefing-new", "reviews:review-edit"]:
        assert bu_client.get(reverse(name, args=[published.pk])).status_code == 200, name
    assert not AuditEvent.objects.filter(event="reviews.review.viewed").exists()
