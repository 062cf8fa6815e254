"""The tracker of actions and recommendations: meeting actions, review recommendations and
audit actions in one list, scoped to what each person may see."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from safeguarding.accounts.tests.factories import AgencyFactory, PartnershipFactory
from safeguarding.assurance.models import AuditAction
from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.governance.tests.factories import ActionFactory, BodyFactory, MeetingFactory
from safeguarding.reviews.tests.factories import RecommendationFactory, ReviewFactory

pytestmark = pytest.mark.django_db

URL = reverse("core:tracker")


def _today() -> date:
    return timezone.localdate()


@pytest.fixture
def agencies(partnership):
    return (
        AgencyFactory(name="Northshire Police", partnerships=[partnership]),
        AgencyFactory(name="Riverside Health", partnerships=[partnership]),
    )


@pytest.fixture
def meeting(partnership):
    body = BodyFactory(name="Executive board", partnerships=[partnership])
    return MeetingFactory(body=body)


@pytest.fixture
def draft_review(partnership):
    return ReviewFactory(partnership=partnership, title="Child Q", status="draft")


@pytest.fixture
def published_review(partnership):
    return ReviewFactory(
        partnership=partnership,
        title="Child P",
        status="published",
        published_on=date(2024, 1, 10),
    )


def _meeting_action(meeting, agency, title, due_on, **fields):
    return ActionFactory(meeting=meeting, owner_agency=agency, title=title, due_on=due_on, **fields)


def _recommendation(review, agency, text, target_on, **fields):
    return RecommendationFactory(
        review=review, owner_agency=agency, text=text, target_on=target_on, **fields
    )


def _audit_action(partnership, agency, title, due_on, **fields):
    return AuditAction.objects.create(
        partnership=partnership, agency=agency, title=title, due_on=due_on, **fields
    )


@pytest.fixture
def one_of_each(partnership, agencies, meeting, draft_review, published_review):
    police, health = agencies
    today = _today()
    return {
        "action": _meeting_action(
            meeting, police, "Refresh the escalation policy", today - timedelta(days=3)
        ),
        "recommendation": _recommendation(
            draft_review,
            health,
            "Discuss bruising with a paediatrician",
            today + timedelta(days=20),
        ),
        "published": _recommendation(
            published_review, police, "Publish the neglect toolkit", today + timedelta(days=40)
        ),
        "audit": _audit_action(
            partnership, health, "Evidence the training figures", today - timedelta(days=1)
        ),
    }


def test_the_business_unit_sees_open_items_from_all_three_sources_overdue_first(
    signed_in, one_of_each
):
    client = signed_in(Role.BUSINESS_UNIT)
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    rows = page.split('<tbody class="govuk-table__body">')[2]
    order = [
        rows.index("Refresh the escalation policy"),  # overdue by 3 days
        rows.index("Evidence the training figures"),  # overdue by 1 day
        rows.index("Recommendation"),  # due in 20 days
        rows.index("Publish the neglect toolkit"),  # due in 40 days
    ]
    assert order == sorted(order)
    assert rows.count("govuk-tag--red") == 2
    for label in ("Meeting action", "Review recommendation", "Audit action"):
        assert label in rows
    action, recommendation, audit = (
        one_of_each["action"],
        one_of_each["recommendation"],
        one_of_each["audit"],
    )
    assert reverse("governance:action-detail", args=[action.pk]) in rows
    assert reverse("reviews:recommendation-detail", args=[recommendation.pk]) in rows
    assert reverse("assurance:action-detail", args=[audit.pk]) in rows
    assert "Child Q" in rows and "Executive board" in rows
    assert "Northshire Police" in rows and "Riverside Health" in rows
    summary = response.context["summary"]
    assert (summary["open"], summary["overdue"]) == (4, 2)
    by_source = {r["source"].key: (r["open"], r["overdue"]) for r in summary["sources"]}
    assert [key for key in by_source if by_source[key] != (0, 0)] == [
        "meeting-actions",
        "review-recommendations",
        "audit-actions",
    ]
    assert by_source["meeting-actions"] == (1, 1)
    assert by_source["review-recommendations"] == (2, 0)
    assert by_source["audit-actions"] == (1, 1)
    # The other sources the business unit may see (inspections' action plans, child death
    # recommendations) are listed with nothing open.
    assert set(by_source) >= {"meeting-actions", "review-recommendations", "audit-actions"}


def test_closed_items_are_not_listed(signed_in, partnership, agencies, meeting, draft_review):
    police, _ = agencies
    today = _today()
    _meeting_action(meeting, police, "Done meeting action", today, status="done")
    _meeting_action(meeting, police, "Cancelled meeting action", today, status="cancelled")
    _recommendation(draft_review, police, "Closed recommendation", today, status="closed")
    _audit_action(partnership, police, "Closed audit action", today, status="closed")
    _audit_action(partnership, police, "Evidence sent", today, status="evidence_submitted")
    page = signed_in(Role.BUSINESS_UNIT).get(URL).content.decode()
    for title in (
        "Done meeting action",
        "Cancelled meeting action",
        "Closed recommendation",
        "Closed audit action",
    ):
        assert title not in page
    assert "Evidence sent" in page


def test_each_item_names_its_owner_where_it_came_from_and_its_status(
    signed_in, partnership, agencies, meeting, draft_review, make_user
):
    """The columns of every source, read for all open items at once: the owner (or "No
    named owner"), the meeting, review, campaign or case audit, and the status."""
    from safeguarding.assurance.models import AuditReturn, CaseAudit
    from safeguarding.assurance.tests.factories import campaign, library

    police, health = agencies
    today = _today()
    owner = make_user(Role.PRACTITIONER, agency=police, full_name="Priya Nolan")
    survey = campaign(partnership=partnership, title="Section 11 audit 2026")
    audit_return, _ = AuditReturn.objects.get_or_create(campaign=survey, agency=police)
    case_audit = CaseAudit.objects.create(
        partnership=partnership,
        title="Neglect case audit",
        cohort="Child protection plans",
        version=library("case_audit"),
        audits_due_on=today + timedelta(days=30),
    )
    _audit_action(
        partnership,
        police,
        "Gap from the return",
        today + timedelta(days=5),
        audit_return=audit_return,
        owner=owner,
        status="evidence_submitted",
    )
    _audit_action(
        partnership,
        health,
        "Gap from the case audit",
        today + timedelta(days=6),
        case_audit=case_audit,
    )
    _meeting_action(meeting, police, "Meeting follow-up", today + timedelta(days=7), owner=owner)
    _recommendation(draft_review, health, "Review the pathway", today + timedelta(days=8))

    rows = signed_in(Role.BUSINESS_UNIT).get(URL).content.decode()
    rows = rows.split('<tbody class="govuk-table__body">')[2].split("</tr>")
    row = {
        title: next(r for r in rows if title in r)
        for title in (
            "Gap from the return",
            "Gap from the case audit",
            "Meeting follow-up",
            "Review the pathway",
        )
    }
    assert "Section 11 audit 2026" in row["Gap from the return"]
    assert "Priya Nolan" in row["Gap from the return"]
    assert "Evidence submitted" in row["Gap from the return"]
    assert "Case audit: Neglect case audit" in row["Gap from the case audit"]
    assert "No named owner" in row["Gap from the case audit"]
    assert "Riverside Health" in row["Gap from the case audit"]
    assert "Executive board" in row["Meeting follow-up"]
    assert "Priya Nolan" in row["Meeting follow-up"]
    assert "Child Q" in row["Review the pathway"]


def test_an_agency_lead_sees_only_their_agencys_items(signed_in, one_of_each, agencies):
    police, _ = agencies
    page = signed_in(Role.AGENCY_LEAD, agency=police).get(URL).content.decode()
    assert "Refresh the escalation policy" in page
    assert "Publish the neglect toolkit" in page
    assert "Discuss bruising" not in page  # Riverside Health's, of an unpublished review
    assert "Evidence the training figures" not in page  # Riverside Health's


@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.REVIEWER])
def test_practitioners_and_reviewers_are_refused(signed_in, one_of_each, role):
    assert signed_in(role).get(URL).status_code == 403


def test_the_navigation_link_shows_only_for_those_who_may_use_it(signed_in):
    # The tracker sits in the Governance section's navigation (ADR 0016).
    page = signed_in(Role.CHAIR).get(reverse("governance:hub")).content.decode()
    assert f'href="{URL}"' in page
    page = signed_in(Role.PRACTITIONER).get(reverse("core:dashboard")).content.decode()
    assert f'href="{URL}"' not in page


def test_confidential_recommendations_stay_hidden_and_their_sight_is_logged(
    client, signed_in, make_user, one_of_each, agencies
):
    recommendation = one_of_each["recommendation"]  # unpublished review, Riverside Health
    elsewhere = make_user(Role.BUSINESS_UNIT, partnership=PartnershipFactory())
    client.force_login(elsewhere)
    page = client.get(URL).content.decode()
    assert "Discuss bruising" not in page and "Child Q" not in page
    assert not AuditEvent.objects.filter(event="reviews.recommendations.tracker_viewed").exists()

    police, health = agencies
    client.force_login(make_user(Role.AGENCY_LEAD, agency=police))
    assert "Child Q" not in client.get(URL).content.decode()
    assert not AuditEvent.objects.filter(event="reviews.recommendations.tracker_viewed").exists()

    lead = make_user(Role.AGENCY_LEAD, agency=health)
    client.force_login(lead)
    assert (
        "Discuss bruising" in client.get(URL, {"source": "review-recommendations"}).content.decode()
    )
    event = AuditEvent.objects.get(event="reviews.recommendations.tracker_viewed")
    assert event.actor == lead
    # The recommendation of the published review is public: only the confidential one.
    assert event.after["ids"] == [recommendation.pk]
    assert event.after["path"] == URL
    assert event.after["filters"] == {"source": "review-recommendations"}


def test_the_filters_narrow_the_list(signed_in, one_of_each, agencies):
    client = signed_in(Role.BUSINESS_UNIT)
    police, health = agencies

    page = client.get(URL, {"source": "audit-actions"}).content.decode()
    assert "Evidence the training figures" in page
    assert "Refresh the escalation policy" not in page and "Discuss bruising" not in page

    page = client.get(URL, {"agency": police.pk}).content.decode()
    assert "Refresh the escalation policy" in page and "Publish the neglect toolkit" in page
    assert "Evidence the training figures" not in page and "Discuss bruising" not in page

    page = client.get(URL, {"overdue": "on"}).content.decode()
    assert "Refresh the escalation policy" in page and "Evidence the training figures" in page
    assert "Publish the neglect toolkit" not in page and "Discuss bruising" not in page
    assert "2 open items match the filter" in page

    page = client.get(URL, {"overdue": "on", "agency": health.pk, "source": "meeting-actions"})
    assert "No open actions or recommendations match the filter." in page.content.decode()


def test_the_summary_lists_the_sources_in_their_declared_order(signed_in):
    """core.tracker.SOURCE_ORDER: meeting actions, review recommendations, child death panel
    recommendations, audit actions, inspection actions (each for whoever may see it)."""
    page = signed_in(Role.BUSINESS_UNIT).get(URL).content.decode()
    summary = page.split('<tbody class="govuk-table__body">', 1)[1].split("</tbody>", 1)[0]
    rows = re.findall(r'<th scope="row" class="govuk-table__header">([^<]+)</th>', summary)
    assert rows == [
        "Meeting actions",
        "Review recommendations",
        "Audit actions",
        "Inspection actions",
        "All",
    ]


def test_the_empty_state(signed_in):
    page = signed_in(Role.SAFEGUARDING_PARTNER).get(URL).content.decode()
    assert "There are no open actions or recommendations for you to follow up." in page


def test_the_list_pages_in_25s(signed_in, partnership, agencies, meeting):
    police, _ = agencies
    for n in range(30):
        _audit_action(
            partnership, police, f"Audit action number {n:02d}", _today() + timedelta(days=n)
        )
    client = signed_in(Role.BUSINESS_UNIT)
    first = client.get(URL).content.decode()
    assert "Audit action number 24" in first and "Audit action number 25" not in first
    second = client.get(URL, {"page": 2}).content.decode()
    assert "Audit action number 25" in second and "Page 2 of 2" in second


def test_the_query_count_does_not_grow_with_the_items(
    signed_in, count_queries, partnership, agencies, meeting, draft_review, published_review
):
    police, health = agencies
    client = signed_in(Role.BUSINESS_UNIT)
    today = _today()

    def add(count: int, start: int) -> None:
        for n in range(start, start + count):
            due = today + timedelta(days=n - 5)
            _meeting_action(meeting, police, f"Meeting action {n}", due)
            _recommendation(draft_review, health, f"Recommendation text {n}", due)
            _audit_action(partnership, health, f"Audit action {n}", due)

    add(3, 0)
    few = count_queries(lambda: client.get(URL))
    add(27, 3)
    many = count_queries(lambda: client.get(URL))
    assert client.get(URL).context["summary"]["open"] == 90
    assert many == few
