"""Business plans and priority pages, theme management, calendars, the governance API and
the dashboard panels."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from icalendar import Calendar

from safeguarding.accounts.tests.factories import PartnershipFactory
from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.governance.services import plans as services
from safeguarding.governance.tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    BodyFactory,
    BusinessPlanFactory,
    KeyMessageFactory,
    MeetingFactory,
    MembershipFactory,
    PriorityFactory,
)
from safeguarding.planning.models import Priority, Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(partnership, settings):
    settings.DEFAULT_PARTNERSHIP = partnership.slug
    return partnership


@pytest.fixture
def body(partnership):
    return BodyFactory(name="Essex Executive", partnerships=[partnership])


# Business plan and priorities ----------------------------------------------------------------


def test_business_unit_builds_a_plan_with_priorities(client, site, body, make_user):
    client.force_login(make_user(Role.BUSINESS_UNIT))
    response = client.post(
        "/governance/business-plans/new/",
        {
            "partnership": site.pk,
            "title": "Business plan 2022–2027",
            "starts_on": "2022-04-01",
            "ends_on": "2027-03-31",
        },
    )
    plan = site.business_plans.get()
    assert response["Location"] == f"/business-plan/{plan.pk}/"
    client.post(
        f"/governance/business-plans/{plan.pk}/priorities/new/",
        {
            "title": "Neglect",
            "lead_body": body.pk,
            "measures": "Fewer repeat child protection plans\nGraded care profile used",
            "themes": [Theme.objects.get(slug="neglect").pk],
        },
    )
    response = client.post(
        f"/governance/business-plans/{plan.pk}/priorities/new/", {"title": "neglect"}
    )
    assert "already has a priority with that title" in response.content.decode()
    priority = Priority.objects.get()
    assert priority.lead_body_name == "Essex Executive"
    client.logout()
    page = client.get("/business-plan/").content.decode()
    assert (
        "Business plan 2022–2027" in page and "Neglect" in page and "led by Essex Executive" in page
    )


def test_a_plan_must_end_after_it_starts(site):
    with pytest.raises(ValidationError, match="must end after it starts"):
        services.business_plan_create(
            job="t",
            partnership=site,
            title="Backwards",
            starts_on=datetime.date(2027, 1, 1),
            ends_on=datetime.date(2022, 1, 1),
        )


def test_priority_page_lists_everything_linked_and_progress(client, site, body, make_user):
    priority = PriorityFactory(plan=BusinessPlanFactory(partnership=site), title="Neglect")
    meeting = MeetingFactory(body=body)
    AgendaItemFactory(meeting=meeting, title="Neglect strategy update", priority=priority)
    AgendaItemFactory(meeting=meeting, title="Child Q", priority=priority, is_confidential=True)
    ActionFactory(meeting=meeting, title="Train 200 staff", priority=priority, status="done")
    ActionFactory(meeting=meeting, title="Launch toolkit", priority=priority)
    KeyMessageFactory(partnership=site, title="Neglect strategy launched", priority=priority)

    page = client.get(f"/business-plan/priorities/{priority.pk}/").content.decode()
    assert "Neglect strategy launched" in page  # public: published key messages only
    assert "Train 200 staff" not in page and "Neglect strategy update" not in page

    client.force_login(make_user(Role.BUSINESS_UNIT))
    page = client.get(f"/business-plan/priorities/{priority.pk}/").content.decode()
    for text in ("Train 200 staff", "Launch toolkit", "Neglect strategy update", "Child Q"):
        assert text in page
    assert "1 of 2 linked actions done" in page

    client.force_login(make_user(Role.PRACTITIONER))
    page = client.get(f"/business-plan/priorities/{priority.pk}/").content.decode()
    assert "Neglect strategy update" in page and "Child Q" not in page


def test_a_priority_page_shows_its_sections_in_their_declared_order(client, site, make_user):
    """planning.priority_links.LINK_ORDER: governance's own records first, then the other
    apps' (each section shown, with "None." when empty)."""
    priority = PriorityFactory(plan=BusinessPlanFactory(partnership=site))
    client.force_login(make_user(Role.BUSINESS_UNIT))
    page = client.get(f"/business-plan/priorities/{priority.pk}/").content.decode()
    linked = page.split("Linked work</h2>", 1)[1]
    assert re.findall(r'<h3 class="govuk-heading-m">([^<]+)</h3>', linked) == [
        "Actions",
        "Discussed at meetings",
        "Decisions",
        "Key messages",
        "Case reviews",
        "Review recommendations",
        "Audits",
        "Multi-agency case audits",
        "Training courses",
        "Indicators",
        "Campaigns",
    ]


def test_other_apps_can_add_sections_to_a_priority_page(client, site):
    from safeguarding.planning import priority_links

    priority = PriorityFactory(plan=BusinessPlanFactory(partnership=site))
    priority_links.register(
        priority_links.Provider(
            key="test-courses",
            title="Training courses",
            items=lambda p, user: [priority_links.Item(title="Neglect level 2", url="/training/")],
        )
    )
    try:
        page = client.get(f"/business-plan/priorities/{priority.pk}/").content.decode()
    finally:
        priority_links._PROVIDERS.pop("test-courses")
    assert "Training courses" in page and "Neglect level 2" in page


# Themes ------------------------------------------------------------------------------------


def test_business_unit_manages_themes(client, make_user):
    client.force_login(make_user(Role.BUSINESS_UNIT))
    page = client.get("/governance/themes/").content.decode()
    assert "SUDI and safer sleep" in page
    client.post("/governance/themes/new/", {"name": "Female genital mutilation"})
    theme = Theme.objects.get(name="Female genital mutilation")
    assert theme.slug == "female-genital-mutilation"
    response = client.post("/governance/themes/new/", {"name": "neglect"})
    assert "There is already a theme called “neglect”" in response.content.decode()
    client.post(
        f"/governance/themes/{theme.pk}/edit/", {"name": "FGM", "description": "", "is_active": ""}
    )
    theme.refresh_from_db()
    assert (theme.name, theme.slug, theme.is_active) == ("FGM", "female-genital-mutilation", False)
    assert AuditEvent.objects.filter(event="planning.theme.updated").exists()


@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.CHAIR, Role.AGENCY_LEAD])
def test_only_the_business_unit_manages_themes(signed_in, role):
    client = signed_in(role)
    assert client.get("/governance/themes/").status_code == 403
    assert client.post("/governance/themes/new/", {"name": "X"}).status_code == 403


def test_theme_list_query_count_does_not_grow(client, make_user, django_assert_max_num_queries):
    client.force_login(make_user(Role.BUSINESS_UNIT))
    with django_assert_max_num_queries(25) as few:
        client.get("/governance/themes/")
    for n in range(30):
        services.theme_create(job="t", name=f"Theme {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/governance/themes/").status_code == 200


# Calendars ---------------------------------------------------------------------------------


def test_meeting_ics_download(client, body, make_user):
    meeting = MeetingFactory(
        body=body,
        starts_at=timezone.now() + datetime.timedelta(days=3),
        location="County Hall",
        online_link="https://teams.example/meet/1",
    )
    client.force_login(make_user(Role.PRACTITIONER))
    response = client.get(f"/governance/meetings/{meeting.pk}/meeting.ics")
    assert response["Content-Type"].startswith("text/calendar")
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Essex Executive"
    assert str(event["LOCATION"]) == "County Hall"
    assert "teams.example" not in str(event["DESCRIPTION"])  # not a member
    member = make_user(Role.PRACTITIONER)
    MembershipFactory(body=body, person=member)
    client.force_login(member)
    response = client.get(f"/governance/meetings/{meeting.pk}/meeting.ics")
    assert "teams.example" in response.content.decode()


def test_body_calendar_feed_needs_its_private_token(client, body, make_user):
    MeetingFactory(body=body)
    MeetingFactory(body=body, starts_at=timezone.now() + datetime.timedelta(days=30))
    assert client.get(f"/governance/bodies/{body.pk}/calendar/wrong.ics").status_code == 404
    other = BodyFactory()
    response = client.get(f"/governance/bodies/{body.pk}/calendar/{other.calendar_token}.ics")
    assert response.status_code == 404
    response = client.get(f"/governance/bodies/{body.pk}/calendar/{body.calendar_token}.ics")
    assert response.status_code == 200
    assert len(list(Calendar.from_ical(response.content).walk("VEVENT"))) == 2
    member = make_user(Role.PRACTITIONER)
    MembershipFactory(body=body, person=member)
    client.force_login(member)
    assert body.calendar_token in client.get(f"/governance/bodies/{body.pk}/").content.decode()
    client.force_login(make_user(Role.PRACTITIONER))
    assert body.calendar_token not in client.get(f"/governance/bodies/{body.pk}/").content.decode()


# API -----------------------------------------------------------------------------------------


def test_api_meetings_give_public_fields_to_non_members(client, body, make_user):
    meeting = MeetingFactory(body=body, online_link="https://teams.example/meet/1")
    AgendaItemFactory(meeting=meeting, title="Open item")
    AgendaItemFactory(meeting=meeting, title="Secret item", is_confidential=True)
    client.force_login(make_user(Role.PRACTITIONER))
    data = client.get("/api/v1/meetings/").json()
    assert data["count"] == 1
    result = data["results"][0]
    assert result["online_link"] == ""
    assert [item["title"] for item in result["agenda"]] == ["Open item"]
    client.force_login(make_user(Role.CHAIR))
    result = client.get(f"/api/v1/meetings/{meeting.pk}/").json()
    assert result["online_link"] == "https://teams.example/meet/1"
    assert [item["title"] for item in result["agenda"]] == ["Open item", "Secret item"]
    client.force_login(make_user(Role.CHAIR, partnership=PartnershipFactory()))
    assert client.get(f"/api/v1/meetings/{meeting.pk}/").status_code == 404
    client.logout()
    assert client.get("/api/v1/meetings/").status_code in (401, 403)


def test_api_bodies_themes_and_priorities(client, site, body, make_user):
    PriorityFactory(plan=BusinessPlanFactory(partnership=site), title="Neglect")
    themes = client.get("/api/v1/themes/").json()
    assert themes["count"] >= 20 and "name" in themes["results"][0]
    priorities = client.get(f"/api/v1/priorities/?partnership={site.slug}").json()
    assert [p["title"] for p in priorities["results"]] == ["Neglect"]
    assert client.get("/api/v1/bodies/").status_code in (401, 403)
    client.force_login(make_user(Role.AGENCY_LEAD))
    bodies = client.get("/api/v1/bodies/").json()
    assert [b["name"] for b in bodies["results"]] == ["Essex Executive"]


def test_api_actions_are_scoped_and_owners_add_updates(client, body, make_user):
    owner = make_user(Role.PRACTITIONER)
    meeting = MeetingFactory(body=body)
    mine = ActionFactory(meeting=meeting, owner=owner, title="Mine")
    ActionFactory(meeting=meeting, title="Not mine")
    client.force_login(owner)
    data = client.get("/api/v1/actions/").json()
    assert [a["title"] for a in data["results"]] == ["Mine"]
    response = client.post(
        f"/api/v1/actions/{mine.pk}/updates/",
        {"text": "Halfway there", "status": "in_progress"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    mine.refresh_from_db()
    assert mine.status == "in_progress"
    response = client.post(
        f"/api/v1/actions/{mine.pk}/updates/",
        {"text": "", "status": "done"},
        content_type="application/json",
    )
    assert response.status_code == 400
    other = make_user(Role.SAFEGUARDING_PARTNER)
    client.force_login(other)
    assert client.get("/api/v1/actions/").json()["count"] == 2
    response = client.post(
        f"/api/v1/actions/{mine.pk}/updates/",
        {"text": "Not my action", "status": "done"},
        content_type="application/json",
    )
    assert response.status_code == 403
    mine.refresh_from_db()
    assert mine.status == "in_progress"


# Dashboard panels --------------------------------------------------------------------------


def test_dashboard_shows_my_actions_overdue_actions_and_next_meetings(client, body, make_user):
    chair = make_user(Role.CHAIR)
    meeting = MeetingFactory(body=body)
    ActionFactory(meeting=meeting, owner=chair, title="Chair's own action")
    ActionFactory(meeting=meeting, title="Long overdue", due_on=datetime.date(2020, 1, 1))
    MeetingFactory(body=body, starts_at=timezone.now() + datetime.timedelta(days=5))
    client.force_login(chair)
    page = client.get("/dashboard/").content.decode()
    assert "Your actions" in page and "Chair&#x27;s own action" in page
    assert "Overdue actions" in page and "Long overdue" in page
    assert "Next meetings" in page and "Essex Executive" in page
    client.force_login(make_user(Role.PRACTITIONER))
    page = client.get("/dashboard/").content.decode()
    assert "Overdue actions" not in page


def test_a_member_resets_the_calendar_link_and_the_old_link_stops_working(client, body, make_user):

    MeetingFactory(body=body, starts_at=timezone.now() + datetime.timedelta(days=30))
    old_url = f"/governance/bodies/{body.pk}/calendar/{body.calendar_token}.ics"
    assert client.get(old_url).status_code == 200
    member = make_user(Role.PRACTITIONER)
    MembershipFactory(body=body, person=member)
    client.force_login(member)
    page = client.get(f"/governance/bodies/{body.pk}/").content.decode()
    assert "Reset the calendar link" in page
    response = client.post(f"/governance/bodies/{body.pk}/calendar/reset/")
    assert response["Location"] == f"/governance/bodies/{body.pk}/"
    old_token = body.calendar_token
    body.refresh_from_db()
    assert body.calendar_token != old_token
    page = client.get(f"/governance/bodies/{body.pk}/").content.decode()
    assert body.calendar_token in page and old_token not in page
    assert "The calendar link has been reset" in page
    assert client.get(old_url).status_code == 404
    new_url = f"/governance/bodies/{body.pk}/calendar/{body.calendar_token}.ics"
    assert client.get(new_url).status_code == 200
    event = AuditEvent.objects.get(event="governance.body.calendar_link_reset")
    assert event.actor == member and old_token not in str(event.after)


def test_the_calendar_link_is_reset_only_by_post_and_only_by_those_shown_it(
    client, body, make_user
):
    token = body.calendar_token
    client.force_login(make_user(Role.PRACTITIONER))  # not a member
    assert (
        "Reset the calendar link"
        not in client.get(f"/governance/bodies/{body.pk}/").content.decode()
    )
    assert client.post(f"/governance/bodies/{body.pk}/calendar/reset/").status_code == 403
    client.force_login(make_user(Role.BUSINESS_UNIT))
    assert client.get(f"/governance/bodies/{body.pk}/calendar/reset/").status_code == 405
    body.refresh_from_db()
    assert body.calendar_token == token
