"""Journeys through case reviews: notification → rapid review → review → recommendations →
learning, as the business unit, an agency lead, a reviewer, a practitioner and the public.
Every page visited is checked with axe (WCAG 2.2 AA)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from safeguarding.accounts.models import Partnership
from safeguarding.accounts.tests.factories import AgencyFactory, PartnershipFactory, user_with_role
from safeguarding.core.models import AuditEvent
from safeguarding.core.periods import financial_year_label, financial_year_of
from safeguarding.core.roles import Role
from safeguarding.core.working_days import add_working_days
from safeguarding.demo import reviews as demo_reviews
from safeguarding.demo.loader import DemoResult, load_demo
from safeguarding.planning.models import Theme
from safeguarding.reviews import services
from safeguarding.reviews.models import (
    AuthorBriefing,
    Notification,
    Recommendation,
    Referral,
    Review,
    ReviewStatus,
)


@pytest.fixture
def essex(transactional_db):
    partnership = PartnershipFactory(
        slug="essex",
        name="Essex Safeguarding Children Board",
        contact_line="Concerned about a child or young person? Call 0345 603 7627",
        brand_colour="#5b2d6e",
    )
    return partnership


@pytest.fixture
def people(essex):
    police = AgencyFactory(
        name="Essex Police",
        type="police",
        sector="police",
        is_statutory_partner=True,
        partnerships=[essex],
    )
    school = AgencyFactory(
        name="Oakfield Primary School", type="voluntary", sector="education", partnerships=[essex]
    )
    return {
        "police": police,
        "school": school,
        "bu": user_with_role(Role.BUSINESS_UNIT, partnership=essex, full_name="Bea Unit"),
        "lead": user_with_role(
            Role.AGENCY_LEAD, partnership=essex, agency=school, full_name="Lee Lead"
        ),
        "reviewer": user_with_role(Role.REVIEWER, partnership=essex, full_name="Ida Pendent"),
        "practitioner": user_with_role(Role.PRACTITIONER, partnership=essex),
    }


def _theme(name: str) -> Theme:
    # Browser tests flush the database, migrated themes included.
    theme, _ = Theme.objects.get_or_create(
        name=name, defaults={"slug": name.lower().replace(" ", "-")}
    )
    return theme


def _review(essex, bu, reviewer, *, title, status_steps, decided_days_ago=200):
    today = timezone.localdate()
    decided = today - timedelta(days=decided_days_ago)
    review = services.review_create(
        actor=bu,
        partnership=essex,
        kind="local",
        title=title,
        decided_on=decided,
        themes=[_theme("Non-accidental injury")],
    )
    d = lambda n: add_working_days(decided, n)  # noqa: E731
    facts = {
        "agree_terms": {"terms_agreed_on": d(5), "terms_of_reference": "Scope of the review"},
        "commission_reviewer": {"reviewer": reviewer, "commissioned_on": d(10)},
        "start": {"started_on": d(15)},
        "receive_draft": {"draft_received_on": d(60)},
        "agree_final": {"final_agreed_on": d(80), "planned_publication_on": d(100)},
        "send_advance_copy": {
            "advance_copy_sent_on": d(90),
            "sent_to_ofsted": True,
            "planned_publication_on": d(100),
        },
        "publish": {
            "published_on": d(100),
            "publication_url": "https://www.example.org/r",
            "target_breach_reason": "Inquest",
        },
    }
    for step in status_steps:
        review = services.STEP_SERVICES[step](
            actor=bu, review=review, version=review.version, **facts[step]
        )
    return review


def test_business_unit_journey_through_notifications_and_rapid_reviews(browse, essex, people):
    browse.sign_in(people["bu"])
    browse.goto("/reviews/")
    browse.goto("/reviews/notifications/")
    browse.page.get_by_role("link", name="Record a notification").click()
    browse.check()
    browse.page.get_by_role("button", name="Save").click()
    browse.check()
    assert (
        "Enter the pseudonym used for the child"
        in browse.page.locator(".govuk-error-summary").inner_text()
    )
    aware = add_working_days(timezone.localdate(), -2)
    browse.page.get_by_label("Child's pseudonym").fill("Child Q")
    browse.page.get_by_label("Age", exact=True).select_option("under_1")
    browse.page.get_by_label("Male", exact=True).check()
    browse.page.get_by_label("Serious harm", exact=True).check()
    browse.page.get_by_label("Essex Police").check()
    browse.page.get_by_label("Date the local authority became aware").fill(aware.isoformat())
    browse.page.get_by_label("Date notified to the Panel").fill(aware.isoformat())
    browse.page.get_by_role("button", name="Save").click()
    browse.check()
    assert browse.page.get_by_role("heading", level=1).inner_text() == "Child Q"
    notification = Notification.objects.get()
    browse.goto(f"/reviews/notifications/{notification.pk}/edit/")
    browse.page.get_by_role("button", name="Save").click()
    browse.check()
    browse.page.get_by_role("button", name="Start the rapid review").click()
    browse.check()
    rapid = notification.rapid_review
    browse.page.get_by_role("link", name="Request agency summaries").click()
    browse.check()
    browse.page.get_by_role("button", name="Send the requests").click()
    browse.check()
    for step in [
        "meeting",
        "sign-off",
        "decision",
        "sent-to-panel",
        "panel-response",
        "late-reason",
    ]:
        browse.goto(f"/reviews/rapid-reviews/{rapid.pk}/{step}/")
    browse.goto(f"/reviews/rapid-reviews/{rapid.pk}/meeting/")
    browse.page.get_by_label("Date of the rapid review meeting").fill(aware.isoformat())
    browse.page.get_by_role("button", name="Save").click()
    browse.check()
    assert "Meeting" in browse.page.locator("main").inner_text()
    browse.goto("/reviews/rapid-reviews/")
    browse.goto("/reviews/agency-summaries/")
    summary = rapid.summaries.first()
    browse.goto(f"/reviews/agency-summaries/{summary.pk}/")
    browse.goto(f"/reviews/notifications/{notification.pk}/late-reason/")
    browse.goto(f"/reviews/settings/{essex.slug}/")
    browse.page.get_by_label("The date the local authority became aware of the incident").check()
    browse.page.get_by_role("button", name="Save").click()
    browse.check()
    # The clocks are on the section's home page (the dashboard shows them only when one is
    # due soon or breached).
    browse.goto("/reviews/")
    assert "Statutory clocks" in browse.page.locator("main").inner_text()


def test_business_unit_journey_through_reviews_recommendations_and_learning(browse, essex, people):
    bu, reviewer = people["bu"], people["reviewer"]
    decided = _review(essex, bu, reviewer, title="Child D", status_steps=[])
    in_progress = _review(
        essex,
        bu,
        reviewer,
        title="Child P",
        status_steps=["agree_terms", "commission_reviewer", "start"],
    )
    published = _review(
        essex,
        bu,
        reviewer,
        title="Child Q",
        status_steps=[
            "agree_terms",
            "commission_reviewer",
            "start",
            "receive_draft",
            "agree_final",
            "send_advance_copy",
            "publish",
        ],
    )
    recommendation = services.recommendation_add(
        actor=bu,
        review=published,
        text="Relaunch the bruising protocol.",
        owner_agency=people["school"],
        owner_person=people["lead"],
        target_on=timezone.localdate() + timedelta(days=90),
    )
    services.impact_evidence_submit(
        actor=people["lead"], recommendation=recommendation, description="Re-audit: 19 of 20 cases."
    )
    browse.sign_in(bu)
    browse.goto("/reviews/all/")
    browse.page.get_by_role("link", name="Record a thematic or joint review").click()
    browse.check()
    browse.page.get_by_role("button", name="Save").click()
    browse.check()
    browse.goto(f"/reviews/{decided.pk}/")
    assert "Reason needed" in browse.page.locator("main").inner_text()
    browse.goto(f"/reviews/{decided.pk}/delay-reason/")
    browse.page.get_by_label("Reason the 6-month target was missed").fill("Reviewer unwell.")
    browse.page.get_by_role("button", name="Save the reason").click()
    browse.check()
    for action in [
        "agree_terms",
        "commission_reviewer",
        "start",
        "receive_draft",
        "agree_final",
        "send_advance_copy",
        "publish",
        "defer",
        "embed_learning",
    ]:
        browse.goto(f"/reviews/{decided.pk}/step/{action}/")
    browse.goto(f"/reviews/{decided.pk}/step/agree_terms/")
    browse.page.get_by_role("button", name="Save").click()
    browse.check()
    assert "There is a problem" in browse.page.locator("main").inner_text()
    browse.goto(f"/reviews/{decided.pk}/edit/")
    browse.goto(f"/reviews/{in_progress.pk}/")
    browse.goto(f"/reviews/{in_progress.pk}/practitioner-events/new/")
    browse.goto(f"/reviews/{published.pk}/")
    browse.goto(f"/reviews/{published.pk}/recommendations/new/")
    browse.goto("/reviews/recommendations/")
    for grouping in ["agency", "review", "theme"]:
        browse.goto(f"/reviews/recommendations/by/{grouping}/")
    browse.goto(f"/reviews/recommendations/{recommendation.pk}/")
    browse.page.get_by_label("Strong evidence of impact").check()
    browse.page.get_by_role("button", name="Save the grade").click()
    browse.check()
    browse.page.get_by_role("button", name="Close the recommendation").click()
    browse.check()
    assert "is closed" in browse.page.locator("main").inner_text()
    browse.goto(f"/reviews/recommendations/{recommendation.pk}/edit/")
    browse.goto(f"/reviews/{published.pk}/briefing/")
    browse.page.get_by_role("button", name="Save").click()
    browse.check()
    browse.goto(f"/reviews/{published.pk}/author-briefings/new/")
    browse.goto(f"/reviews/{published.pk}/links/new/")
    browse.goto("/reviews/figures/")
    browse.sign_out()
    browse.goto("/learning/")
    assert "Child Q" in browse.page.locator("main").inner_text()
    assert "Child D" not in browse.page.locator("main").inner_text()
    browse.goto(f"/learning/{published.pk}/")
    assert "7-minute briefing: Child Q" in browse.page.locator("main").inner_text()


def test_owners_reviewers_and_practitioners_see_only_what_they_may(browse, essex, people):
    bu, reviewer, lead = people["bu"], people["reviewer"], people["lead"]
    review = _review(
        essex,
        bu,
        reviewer,
        title="Child R",
        status_steps=[
            "agree_terms",
            "commission_reviewer",
            "start",
            "receive_draft",
        ],
    )
    recommendation = services.recommendation_add(
        actor=bu,
        review=review,
        text="Share concerns the same day.",
        owner_agency=people["school"],
        owner_person=lead,
        target_on=timezone.localdate() + timedelta(days=90),
    )
    browse.sign_in(lead)
    browse.goto(f"/reviews/recommendations/{recommendation.pk}/")
    browse.goto(f"/reviews/recommendations/{recommendation.pk}/update/")
    browse.page.get_by_label("On track").check()
    browse.page.get_by_label("What has happened since the last update").fill("Briefed staff.")
    browse.page.get_by_role("button", name="Add the update").click()
    browse.check()
    assert "Briefed staff." in browse.page.locator("main").inner_text()
    browse.goto(f"/reviews/recommendations/{recommendation.pk}/evidence/")
    response = browse.goto(f"/reviews/{review.pk}/", expect=404)
    assert response.status == 404
    browse.sign_out()

    browse.sign_in(reviewer)
    dashboard = browse.page.locator("main").inner_text()
    assert "Reviews you are commissioned to write" in dashboard and "Child R" in dashboard
    browse.goto(f"/reviews/{review.pk}/")
    assert "Child R" in browse.page.get_by_role("heading", level=1).inner_text()
    main = browse.page.locator("main").inner_text()
    assert "Share concerns the same day." in main and "No recommendations yet" not in main
    browse.sign_out()

    browse.sign_in(people["practitioner"])
    response = browse.goto(f"/reviews/{review.pk}/", expect=404)
    assert response.status == 404
    assert "Child R" not in browse.page.content()
    response = browse.goto("/reviews/all/", expect=403)
    assert response.status == 403
    assert Review.objects.count() == 1


def test_an_agency_lead_refers_a_case_and_the_business_unit_decides(browse, essex, people):
    _theme("Non-accidental injury")
    browse.sign_in(people["lead"])
    browse.goto("/reviews/referrals/")
    browse.page.get_by_role("link", name="Refer a case for review").click()
    browse.check()
    browse.page.get_by_label("Child's pseudonym").fill("Child born 03/04/2015")
    browse.page.get_by_label("Date of the incident").fill(
        add_working_days(timezone.localdate(), -3).isoformat()
    )
    browse.page.get_by_label("What happened").fill(
        "A baby in the nursery class was seen with bruising to the face."
    )
    browse.page.get_by_label("Why it may meet the criteria for a review").fill(
        "Abuse is suspected, the baby was seriously harmed and three agencies knew the family."
    )
    browse.page.get_by_label("Non-accidental injury").check()
    browse.page.get_by_label("Essex Police").check()
    browse.page.get_by_role("button", name="Send the referral").click()
    browse.check()
    assert "contains a date" in browse.page.locator(".govuk-error-summary").inner_text()
    assert not Referral.objects.exists()
    browse.page.get_by_label("Child's pseudonym").fill("Child N")
    browse.page.get_by_role("button", name="Send the referral").click()
    browse.check()
    assert browse.page.get_by_role("heading", level=1).inner_text() == "Child N"
    referral = Referral.objects.get()
    assert referral.referring_agency == people["school"]
    browse.sign_out()

    browse.sign_in(people["bu"])
    browse.goto("/dashboard/")
    browse.page.get_by_role("link", name="Child N: referred by Oakfield Primary School").click()
    browse.check()
    browse.page.get_by_role("button", name="Start considering").click()
    browse.check()
    browse.page.get_by_role("button", name="Record the decision").click()
    browse.check()
    assert (
        "Give the reason for the decision"
        in browse.page.locator(".govuk-error-summary").inner_text()
    )
    browse.page.get_by_label("Other learning route").check()
    browse.page.get_by_label("Reason for the decision").fill(
        "A multi-agency learning event on bruising in non-mobile babies will capture the learning."
    )
    browse.page.get_by_role("button", name="Record the decision").click()
    browse.check()
    assert "Decided" in browse.page.locator("#referral-status").inner_text()
    referral.refresh_from_db()
    assert referral.outcome == "other_learning"
    browse.goto("/reviews/referrals/?status=decided")
    year = financial_year_of(timezone.localdate())
    browse.page.get_by_label("Theme", exact=True).select_option(label="Non-accidental injury")
    browse.page.get_by_label("Year received (April to March)").select_option(
        label=financial_year_label(year)
    )
    browse.page.get_by_label("Referring agency").select_option(label="Oakfield Primary School")
    browse.page.get_by_role("button", name="Apply filter").click()
    browse.check()
    assert browse.page.locator("#result-count").inner_text() == "1 referral"
    assert "Child N" in browse.page.locator("main").inner_text()
    # Every view of the list is logged with the referrals it showed.
    logged = AuditEvent.objects.filter(event="reviews.referrals.list_viewed", actor=people["bu"])
    assert logged.count() == 2
    assert logged.latest("pk").after["ids"] == [referral.pk]
    browse.sign_out()

    browse.sign_in(people["practitioner"])
    assert browse.goto(f"/reviews/referrals/{referral.pk}/", expect=404).status == 404
    assert "Child N" not in browse.page.content()
    assert browse.goto("/reviews/referrals/", expect=403).status == 403


# The demo data (no browser needed; it lives here because production code and app tests may
# not import safeguarding.demo).


@pytest.mark.django_db
def test_the_demo_follows_the_seed_report_and_is_idempotent(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    load_demo(password="demo password for tests")
    essex = Partnership.objects.get(slug="essex")
    demo_reviews.load(essex=essex, result=DemoResult(password=""))
    counts = (Notification.objects.count(), Review.objects.count(), Recommendation.objects.count())
    demo_reviews.load(essex=essex, result=DemoResult(password=""))
    assert (
        Notification.objects.count(),
        Review.objects.count(),
        Recommendation.objects.count(),
    ) == counts
    ongoing_in_april_2021 = Review.objects.filter(kind="local", decided_on__lt="2021-04-01")
    assert ongoing_in_april_2021.count() == 8
    # As the seed report tells it: by the end of its period (March 2023) four were published
    # and three deferred for criminal proceedings; the demo then carries them on to today,
    # so a deferred review is published later, with its reason recorded.
    assert ongoing_in_april_2021.filter(published_on__lte="2023-03-31").count() == 4
    deferred = ongoing_in_april_2021.filter(deferred_on__isnull=False)
    assert deferred.count() == 3
    assert all(
        review.status != ReviewStatus.DEFERRED or review.deferral_review_on for review in deferred
    )
    referrals = Notification.objects.filter(became_aware_on__range=("2021-10-01", "2023-03-31"))
    assert referrals.count() == 8
    assert Review.objects.get(kind="joint").lead_partnership_name == "London Borough of Havering"
    assert sum(AuthorBriefing.objects.values_list("attended", flat=True)) == 198
    assert sum(AuthorBriefing.objects.values_list("slides_requested", flat=True)) == 95
    assert Recommendation.objects.filter(status="closed").count() == 2
    assert all(
        " " in n.child_pseudonym and n.child_pseudonym.startswith("Child ")
        for n in Notification.objects.all()
    )
