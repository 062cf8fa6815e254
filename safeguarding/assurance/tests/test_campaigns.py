"""Campaigns: audiences, launching, the live return rate, exemptions, non-returners."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from safeguarding.accounts.models import Locality
from safeguarding.accounts.tests.factories import AgencyFactory, PartnershipFactory, user_with_role
from safeguarding.assurance import workflow
from safeguarding.assurance.audience import Audience, audience_agencies
from safeguarding.assurance.models import AuditReturn, Campaign, ReturnStatus
from safeguarding.assurance.selectors.campaigns import return_rate
from safeguarding.assurance.services import campaigns as services
from safeguarding.assurance.tests.factories import campaign, school, small_template
from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def area(partnership):
    """Schools in two localities, one trust, and some agencies."""
    north = Locality.objects.create(partnership=partnership, name="North")
    south = Locality.objects.create(partnership=partnership, name="South")
    trust = AgencyFactory(
        name="Estuary Trust", type="trust", sector="education", partnerships=[partnership]
    )
    schools = [
        school(partnership, name="Oak Primary", locality=north),
        school(
            partnership, name="Ash Primary", locality=north, parent=trust, school_type="academy"
        ),
        school(
            partnership,
            name="Elm Secondary",
            phase="secondary",
            locality=south,
            parent=trust,
            school_type="academy",
        ),
        school(partnership, name="Birch Secondary", phase="secondary", locality=south),
    ]
    police = AgencyFactory(
        name="Testshire Police",
        type="police",
        sector="police",
        partnerships=[partnership],
        is_statutory_partner=True,
        email="safeguarding@police.test",
    )
    charity = AgencyFactory(name="Youth Project", partnerships=[partnership], locality=north)
    return {
        "north": north,
        "south": south,
        "trust": trust,
        "schools": schools,
        "police": police,
        "charity": charity,
    }


def _names(agencies):
    return sorted(a.name for a in agencies)


def test_audience_presets_and_filters(partnership, area):
    ids = [partnership.pk]
    assert _names(audience_agencies(partnership_ids=ids, audience=Audience("schools"))) == [
        "Ash Primary",
        "Birch Secondary",
        "Elm Secondary",
        "Oak Primary",
    ]
    assert _names(audience_agencies(partnership_ids=ids, audience=Audience("agencies"))) == [
        "Testshire Police",
        "Youth Project",
    ]
    by_phase = Audience("schools", phases=("secondary",))
    assert _names(audience_agencies(partnership_ids=ids, audience=by_phase)) == [
        "Birch Secondary",
        "Elm Secondary",
    ]
    by_trust = Audience("schools", trusts=(area["trust"].pk,))
    assert _names(audience_agencies(partnership_ids=ids, audience=by_trust)) == [
        "Ash Primary",
        "Elm Secondary",
    ]
    by_place = Audience("everyone", localities=(area["north"].pk,))
    assert _names(audience_agencies(partnership_ids=ids, audience=by_place)) == [
        "Ash Primary",
        "Oak Primary",
        "Youth Project",
    ]
    by_type = Audience("everyone", types=("police",))
    assert _names(audience_agencies(partnership_ids=ids, audience=by_type)) == ["Testshire Police"]
    assert "North" in by_place.describe()


def test_a_joint_campaign_invites_the_joint_partnerships_organisations(partnership, area):
    southend = PartnershipFactory(slug="southend-test")
    AgencyFactory(name="Southend Youth", partnerships=[southend])
    joint = campaign(
        partnership=partnership, audience=Audience("agencies"), joint_partnerships=[southend]
    )
    invited = _names(r.agency for r in joint.returns.all())
    assert invited == ["Southend Youth", "Testshire Police", "Youth Project"]


def test_launching_invites_each_organisation_by_email(
    partnership, area, make_user, django_capture_on_commit_callbacks
):
    lead = make_user(Role.AGENCY_LEAD, agency=area["police"])
    with django_capture_on_commit_callbacks(execute=True):
        schools_campaign = campaign(partnership=partnership, audience=Audience("agencies"))
    assert schools_campaign.status == "open"
    assert schools_campaign.returns.count() == 2
    police_mail = [m for m in mail.outbox if "safeguarding@police.test" in m.to]
    assert len(police_mail) == 1
    assert lead.email in police_mail[0].to
    assert "Please complete the Section 11 audit 2024" == police_mail[0].subject
    assert AuditEvent.objects.filter(event="assurance.audit_campaign.launched").exists()
    with pytest.raises(ValidationError, match="already been launched"):
        services.campaign_launch(actor=lead, campaign=schools_campaign)


def test_launch_refuses_an_audience_of_nobody_and_writes_nothing(partnership, make_user):
    actor = make_user(Role.BUSINESS_UNIT)
    draft = campaign(partnership=partnership, audience=Audience("schools"), launch=False)
    with pytest.raises(ValidationError, match="No organisations match"):
        services.campaign_launch(actor=actor, campaign=draft)
    draft.refresh_from_db()
    assert draft.status == "draft" and not draft.returns.exists()
    assert mail.outbox == []


def test_campaign_input_is_checked(partnership, make_user):
    actor = make_user(Role.BUSINESS_UNIT)
    draft_version = small_template(status="draft")
    today = timezone.localdate()
    base = {
        "actor": actor,
        "partnership": partnership,
        "title": "Audit",
        "opens_on": today,
        "closes_on": today + timedelta(days=30),
        "audience": Audience(),
    }
    with pytest.raises(ValidationError) as refused:
        services.campaign_create(version=draft_version, **base)
    assert "still a draft" in str(refused.value)
    version = small_template()
    with pytest.raises(ValidationError) as refused:
        services.campaign_create(version=version, **{**base, "closes_on": today})
    assert "closing date must be after the opening date" in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        services.campaign_create(version=version, reminder_days="14,seven", **base)
    assert "like 14,7,1" in str(refused.value)
    other = services.campaign_create(version=small_template(), **base)
    with pytest.raises(ValidationError) as refused:
        services.campaign_create(version=version, previous=other, **base)
    assert "same audit template" in str(refused.value)
    assert Campaign.objects.count() == 1


def _set(audit_return, status, submitted=False):
    audit_return.status = status
    audit_return.first_submitted_at = timezone.now() if submitted else None
    audit_return.save()


def test_return_rate_leaves_out_exempt_and_breaks_down(partnership, area):
    running = campaign(partnership=partnership, audience=Audience("schools"))
    oak, ash, elm, birch = (running.returns.get(agency=s) for s in area["schools"])
    _set(oak, ReturnStatus.SUBMITTED, submitted=True)
    _set(ash, ReturnStatus.RETURNED, submitted=True)
    _set(elm, ReturnStatus.EXEMPT)
    rate = return_rate(campaign=running)
    assert (rate.total.invited, rate.total.returned, rate.total.exempt) == (3, 2, 1)
    assert rate.total.rate == 66.7
    by_trust = {row.label: (row.invited, row.returned) for row in rate.breakdowns["trust"]}
    assert by_trust == {"Estuary Trust": (1, 1), "Not in a trust": (2, 1)}
    by_phase = {row.label: row.rate for row in rate.breakdowns["phase"]}
    assert by_phase == {"Primary": 100.0, "Secondary": 0.0}
    by_locality = {row.label: row.rate for row in rate.breakdowns["locality"]}
    assert by_locality == {"North": 100.0, "South": 0.0}
    statuses = {value: count for value, _, count in rate.by_status}
    assert statuses["submitted"] == 1 and statuses["exempt"] == 1 and statuses["returned"] == 1


def test_the_seed_return_rate_of_83_3_percent(partnership):
    for _ in range(18):
        school(partnership)
    running = campaign(partnership=partnership, audience=Audience("schools"))
    for item in running.returns.all()[:15]:
        _set(item, ReturnStatus.SUBMITTED, submitted=True)
    assert return_rate(campaign=running).total.rate == 83.3


def test_the_state_machine_refuses_illegal_moves_with_a_reason():
    with pytest.raises(ValidationError) as refused:
        workflow.RETURNS.check(ReturnStatus.NOT_STARTED, "submit")
    assert "has not been started" in refused.value.messages[0]
    with pytest.raises(ValidationError) as refused:
        workflow.RETURNS.check(ReturnStatus.SUBMITTED, "exempt")
    assert "cannot be exempted" in refused.value.messages[0]
    with pytest.raises(ValidationError, match="You cannot reopen a return that is submitted"):
        workflow.RETURNS.check(ReturnStatus.SUBMITTED, "reopen")
    assert workflow.RETURNS.check(ReturnStatus.LATE, "submit").target == ReturnStatus.SUBMITTED
    assert workflow.CAMPAIGNS.check("closed", "reopen").target == "open"


def test_exempting_needs_a_reason_and_is_refused_after_submission(partnership, area, make_user):
    actor = make_user(Role.BUSINESS_UNIT)
    running = campaign(partnership=partnership, audience=Audience("schools"))
    oak = running.returns.get(agency=area["schools"][0])
    with pytest.raises(ValidationError) as refused:
        services.return_exempt(actor=actor, audit_return=oak, reason=" ")
    assert "Give the reason" in str(refused.value)
    services.return_exempt(actor=actor, audit_return=oak, reason="Closed in December")
    oak.refresh_from_db()
    assert oak.status == "exempt" and oak.exempt_reason == "Closed in December"
    services.return_reinstate(actor=actor, audit_return=oak)
    oak.refresh_from_db()
    assert oak.status == "not_started"
    _set(oak, ReturnStatus.SUBMITTED, submitted=True)
    with pytest.raises(ValidationError, match="already been submitted"):
        services.return_exempt(actor=actor, audit_return=oak, reason="Too late")


def test_escalating_non_returners_emails_the_chair(
    partnership, area, make_user, django_capture_on_commit_callbacks
):
    actor = make_user(Role.BUSINESS_UNIT)
    chair = make_user(Role.CHAIR)
    running = campaign(partnership=partnership, audience=Audience("schools"))
    _set(running.returns.get(agency=area["schools"][0]), ReturnStatus.SUBMITTED, submitted=True)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.campaign_escalate_non_returners(actor=actor, campaign=running) == 3
    (message,) = mail.outbox
    assert message.to == [chair.email]
    assert "Ash Primary" in message.body and "Oak Primary" not in message.body


def test_challenge_events_are_recorded_with_presenting_organisations(partnership, area, make_user):
    actor = make_user(Role.BUSINESS_UNIT)
    running = campaign(partnership=partnership, audience=Audience("agencies"))
    with pytest.raises(ValidationError) as refused:
        services.challenge_event_record(
            actor=actor,
            campaign=running,
            title="Challenge day",
            held_on=date(2024, 5, 14),
            attendees="Chair",
            outcomes="Agreed",
            agencies_presenting=[area["schools"][0]],
        )
    assert "Not invited to this campaign: Oak Primary" in str(refused.value)
    event = services.challenge_event_record(
        actor=actor,
        campaign=running,
        title="Challenge day",
        held_on=date(2024, 5, 14),
        attendees="Independent chair\nPolice lead",
        outcomes="Police to evidence training",
        agencies_presenting=[area["police"]],
    )
    assert list(event.agencies_presenting.all()) == [area["police"]]


# Pages ---------------------------------------------------------------------------------


def test_the_business_unit_starts_and_launches_a_campaign_through_the_pages(
    signed_in, partnership, area
):
    client = signed_in(Role.BUSINESS_UNIT)
    version = small_template(kind="schools")
    today = timezone.localdate()
    response = client.post(
        reverse("assurance:campaign-new"),
        {
            "title": "Schools audit 2024",
            "partnership": partnership.pk,
            "version": version.pk,
            "opens_on": today.isoformat(),
            "closes_on": (today + timedelta(days=60)).isoformat(),
            "preset": "schools",
            "phases": ["primary"],
            "reminder_days": "14, 7, 1",
            "chase_every_days": 5,
        },
    )
    assert response.status_code == 302
    created = Campaign.objects.get(title="Schools audit 2024")
    assert created.reminder_days == "14,7,1"
    page = client.get(response["Location"]).content.decode()
    assert "Launch and email 2 organisations" in page
    client.post(reverse("assurance:campaign-launch", args=[created.pk]))
    created.refresh_from_db()
    assert created.status == "open"
    assert _names(r.agency for r in created.returns.all()) == ["Ash Primary", "Oak Primary"]
    page = client.get(reverse("assurance:campaign-detail", args=[created.pk])).content.decode()
    assert "0 of 2 organisations" in page


def test_campaign_form_errors_are_shown_and_nothing_is_saved(signed_in, partnership):
    client = signed_in(Role.BUSINESS_UNIT)
    version = small_template()
    response = client.post(
        reverse("assurance:campaign-new"),
        {
            "title": "Bad dates",
            "partnership": partnership.pk,
            "version": version.pk,
            "opens_on": "2024-05-01",
            "closes_on": "2024-04-01",
            "preset": "schools",
            "chase_every_days": 5,
        },
    )
    assert response.status_code == 200
    assert "The closing date must be after the opening date." in response.content.decode()
    assert not Campaign.objects.exists()


def test_agency_leads_cannot_see_campaigns(signed_in, partnership, area):
    running = campaign(partnership=partnership, audience=Audience("schools"))
    lead = signed_in(Role.AGENCY_LEAD, agency=area["schools"][0])
    assert lead.get(reverse("assurance:campaign-list")).status_code == 403
    assert lead.get(reverse("assurance:campaign-detail", args=[running.pk])).status_code == 404


def test_staff_of_another_partnership_cannot_see_the_campaign(client, partnership, area):
    running = campaign(partnership=partnership, audience=Audience("schools"))
    elsewhere = user_with_role(Role.BUSINESS_UNIT, partnership=PartnershipFactory())
    client.force_login(elsewhere)
    assert client.get(reverse("assurance:campaign-detail", args=[running.pk])).status_code == 404


def test_non_returners_page_and_csv(signed_in, partnership, area):
    running = campaign(partnership=partnership, audience=Audience("schools"))
    _set(running.returns.get(agency=area["schools"][0]), ReturnStatus.SUBMITTED, submitted=True)
    client = signed_in(Role.CHAIR)
    page = client.get(reverse("assurance:campaign-non-returners", args=[running.pk]))
    text = page.content.decode()
    assert "Birch Secondary" in text and "Oak Primary" not in text
    assert "Escalate to the chair" not in text  # the chair reads; the business unit escalates
    response = client.get(reverse("assurance:campaign-non-returners-csv", args=[running.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "Organisation"
    assert sorted(r[0] for r in rows[1:]) == ["Ash Primary", "Birch Secondary", "Elm Secondary"]


def test_inviting_one_more_organisation(
    signed_in, partnership, area, django_capture_on_commit_callbacks
):
    running = campaign(partnership=partnership, audience=Audience("schools"))
    client = signed_in(Role.BUSINESS_UNIT)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("assurance:campaign-invite", args=[running.pk]),
            {"agency": area["police"].pk},
        )
    assert response.status_code == 302
    assert running.returns.filter(agency=area["police"]).exists()
    assert len(mail.outbox) == 1
    response = client.post(
        reverse("assurance:campaign-invite", args=[running.pk]), {"agency": area["police"].pk}
    )
    assert response.status_code == 200  # no longer offered: the form refuses it
    assert running.returns.filter(agency=area["police"]).count() == 1


def test_campaign_list_and_detail_query_counts_do_not_grow(
    signed_in, partnership, django_assert_max_num_queries
):
    client = signed_in(Role.BUSINESS_UNIT)
    version = small_template()
    for _ in range(3):
        school(partnership)
    first = campaign(partnership=partnership, version=version, audience=Audience("schools"))
    detail = reverse("assurance:campaign-detail", args=[first.pk])
    listing = reverse("assurance:campaign-list")
    with django_assert_max_num_queries(40) as few_detail:
        assert client.get(detail).status_code == 200
    with django_assert_max_num_queries(40) as few_list:
        assert client.get(listing).status_code == 200
    for _ in range(27):
        school(partnership)
    for _ in range(5):
        campaign(partnership=partnership, version=version, audience=Audience("schools"))
    AuditReturn.objects.filter(campaign=first).update(status="in_progress")
    with django_assert_max_num_queries(len(few_detail.captured_queries)):
        response = client.get(detail)
    assert response.content.decode().count("Test School") >= 3
    with django_assert_max_num_queries(len(few_list.captured_queries)):
        client.get(listing)


def test_non_returners_csv_neutralises_a_formula_in_an_organisation_name(
    signed_in, partnership, area
):
    formula = '=HYPERLINK("https://evil.example/","Click")'
    running = campaign(partnership=partnership, audience=Audience("schools"))
    area["schools"][0].name = formula
    area["schools"][0].save()
    client = signed_in(Role.CHAIR)
    response = client.get(reverse("assurance:campaign-non-returners-csv", args=[running.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    names = [r[0] for r in rows[1:]]
    assert "'" + formula in names and formula not in names


def test_the_non_returners_page_query_count_does_not_grow(signed_in, partnership, count_queries):
    """Every outstanding return is listed with its school's locality and trust, in the same
    number of queries for 3 schools as for 30 (issue 20)."""
    client = signed_in(Role.BUSINESS_UNIT)
    version = small_template()
    north = Locality.objects.create(partnership=partnership, name="North")
    trust = AgencyFactory(name="Estuary Trust", type="trust", partnerships=[partnership])

    def schools(n):
        for _ in range(n):
            school(partnership, locality=north, parent=trust)
        running = campaign(partnership=partnership, version=version, audience=Audience("schools"))
        return reverse("assurance:campaign-non-returners", args=[running.pk])

    few_url = schools(3)
    assert client.get(few_url).status_code == 200
    few = count_queries(lambda: client.get(few_url))
    many_url = schools(27)
    response = client.get(many_url)
    assert response.status_code == 200
    assert response.content.decode().count("Test School") == 30
    assert count_queries(lambda: client.get(many_url)) == few
