"""Agency contributions to the yearly report, end to end (ADR 0032): the business unit starts
a contribution campaign from the report, three agency leads answer through the return pages,
the report's "What our partners did" section shows them, sign-off freezes them, and a later
change is refused with the reason."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from safeguarding.accounts.tests.factories import AgencyFactory, user_with_role
from safeguarding.assurance.models import (
    AuditReturn,
    CampaignStatus,
    ContributionCampaign,
    ReturnStatus,
)
from safeguarding.assurance.services.campaigns import campaign_reopen
from safeguarding.assurance.services.moderation import answer_request_evidence
from safeguarding.assurance.services.templates import template_library_load
from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.reports import services
from safeguarding.reports.tests.conftest import sign_all

pytestmark = pytest.mark.django_db

AGENCIES = [
    ("Testshire County Council", "local_authority"),
    ("Testshire Integrated Care Board", "icb"),
    ("Testshire Police", "police"),
]


@pytest.fixture
def agencies(partnership):
    return [
        AgencyFactory(name=name, type=kind, partnerships=[partnership]) for name, kind in AGENCIES
    ]


@pytest.fixture
def leads(agencies, partnership):
    return [
        user_with_role(Role.AGENCY_LEAD, partnership=partnership, agency=agency)
        for agency in agencies
    ]


@pytest.fixture
def loaded(db):
    template_library_load(job="test")


def _start(client, report, agencies):
    detail = client.get(reverse("reports:report-detail", args=[report.pk])).content.decode()
    # The report's page names only the report: the page reads the rest from it.
    url = f"{reverse('assurance:contribution-new')}?report={report.pk}"
    assert f'href="{url}"' in detail
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Agency contributions to “Yearly report 2023–24”" in html
    assert 'value="2023-04-01"' in html and 'value="2024-03-31"' in html
    response = client.post(
        url,
        {
            "title": "Agency contributions 2023–24",
            "period_start": "2023-04-01",
            "period_end": "2024-03-31",
            "opens_on": "2024-06-01",
            "closes_on": "2024-07-12",
            "agencies": [a.pk for a in agencies],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return ContributionCampaign.objects.get(campaign__title="Agency contributions 2023–24")


def _answer(client, lead, audit_return, prefix: str):
    client.force_login(lead)
    assert client.post(reverse("assurance:return-start", args=[audit_return.pk])).status_code == 302
    section = audit_return.campaign.version.sections.get()
    data = {
        f"q{q.pk}": f"{prefix}: {q.text}" for q in section.questions.all() if q.key != "yrc-example"
    }
    response = client.post(
        reverse("assurance:return-section", args=[audit_return.pk, section.pk]), data
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    response = client.post(reverse("assurance:return-check", args=[audit_return.pk]))
    assert response.status_code == 302, response.content.decode()[:3000]


def test_contributions_end_to_end(client, bu, draft, agencies, leads, loaded):
    client.force_login(bu)
    lock = _start(client, draft, agencies)
    campaign = lock.campaign
    assert campaign.status == CampaignStatus.OPEN
    assert lock.period_start == date(2023, 4, 1) and lock.period_end == date(2024, 3, 31)
    returns = {r.agency.name: r for r in campaign.returns.select_related("agency")}
    assert sorted(returns) == sorted(name for name, _ in AGENCIES)

    for (name, _), lead in zip(AGENCIES, leads, strict=True):
        _answer(client, lead, returns[name], prefix=f"{name} said")
    assert set(campaign.returns.values_list("status", flat=True)) == {ReturnStatus.SUBMITTED}

    client.force_login(bu)
    client.post(reverse("reports:report-refresh", args=[draft.pk]))
    page = client.get(reverse("reports:report-detail", args=[draft.pk])).content.decode()
    assert "What our partners did" in page
    for name, _ in AGENCIES:
        assert f"{name} said: What did your agency do this year to keep children safe?" in page
    draft.refresh_from_db()
    (stored,) = draft.figures["contributions"]
    figures = {f["label"]: f["value"] for f in stored["figures"]}
    assert figures["Agencies asked for a contribution"] == 3
    assert figures["Contributions received"] == 3
    assert figures["Contribution return rate"] == 100.0
    assert sorted(stored["facts"]["return_ids"]) == sorted(r.pk for r in returns.values())

    report = services.report_share(actor=bu, report=draft)
    report = sign_all(report, bu)
    assert report.is_frozen
    lock.refresh_from_db()
    campaign.refresh_from_db()
    assert lock.is_locked and "Yearly report 2023–24" in lock.locked_reason
    assert campaign.status == CampaignStatus.CLOSED
    assert AuditEvent.objects.filter(
        event="assurance.contribution_campaign.lock", target_id=str(campaign.pk)
    ).exists()

    # A change after the report froze is refused with the reason.
    police = AuditReturn.objects.get(campaign=campaign, agency__name="Testshire Police")
    answer = police.answers.first()
    with pytest.raises(ValidationError) as refused:
        answer_request_evidence(actor=bu, answer=answer, request="Say more")
    assert "was signed off on" in " ".join(refused.value.messages)
    with pytest.raises(ValidationError) as refused:
        campaign_reopen(actor=bu, campaign=campaign, closes_on=date(2024, 8, 1))
    assert "Yearly report 2023–24" in " ".join(refused.value.messages)
    client.force_login(leads[2])
    section = campaign.version.sections.get()
    response = client.get(
        reverse("assurance:return-section", args=[police.pk, section.pk]), follow=True
    )
    assert "was signed off on" in response.content.decode()
    # The frozen report keeps the answers as they stood.
    report.refresh_from_db()
    assert "Testshire Police said" in str(report.figures["contributions"])


def test_a_contribution_sent_back_for_more_evidence_leaves_the_draft(
    client, bu, draft, agencies, leads, loaded
):
    client.force_login(bu)
    campaign = _start(client, draft, agencies).campaign
    police = campaign.returns.get(agency__name="Testshire Police")
    _answer(client, leads[2], police, prefix="Police said")
    answer_request_evidence(actor=bu, answer=police.answers.first(), request="An example, please")
    report = services.report_refresh(actor=bu, report=draft)
    (stored,) = report.figures["contributions"]
    assert stored["tables"] == []
    assert {f["label"]: f["value"] for f in stored["figures"]}["Contributions received"] == 1


def test_only_the_partnerships_agencies_can_be_asked_and_schools_are_not_offered(
    bu, partnership, agencies, loaded
):
    from safeguarding.assurance.services.contributions import (
        contribution_agencies,
        contribution_campaign_start,
    )

    school = AgencyFactory(name="Oak Primary", type="school", partnerships=[partnership])
    stranger = AgencyFactory(name="Elsewhere Police", type="police")
    assert school not in contribution_agencies(partnership=partnership)
    common = {
        "actor": bu,
        "partnership": partnership,
        "title": "Contributions",
        "period_start": date(2023, 4, 1),
        "period_end": date(2024, 3, 31),
        "opens_on": date(2024, 6, 1),
        "closes_on": date(2024, 7, 1),
    }
    with pytest.raises(ValidationError) as refused:
        contribution_campaign_start(agencies=[stranger], **common)
    assert "Elsewhere Police" in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        contribution_campaign_start(agencies=[], **common)
    assert "at least one agency" in str(refused.value)
    contribution_campaign_start(agencies=agencies, **common)
    with pytest.raises(ValidationError) as refused:
        contribution_campaign_start(agencies=agencies, **common)
    assert "already collects contributions" in str(refused.value)


def test_the_contribution_page_is_for_the_business_unit_only(client, make_user, loaded):
    url = reverse("assurance:contribution-new")
    client.force_login(make_user(Role.AGENCY_LEAD))
    assert client.get(url).status_code == 403
    client.force_login(make_user(Role.SAFEGUARDING_PARTNER))
    assert client.get(url).status_code == 403
    client.force_login(make_user(Role.BUSINESS_UNIT))
    assert client.get(url).status_code == 200


def test_a_joint_report_asks_the_statutory_partners_of_every_partnership_in_it(
    client, bu, partnership, agencies, loaded
):
    from safeguarding.accounts.tests.factories import PartnershipFactory

    neighbour = PartnershipFactory(slug="otherford", name="Otherford Partnership")
    theirs = [
        AgencyFactory(name=name, type=kind, partnerships=[neighbour])
        for name, kind in [
            ("Otherford Council", "local_authority"),
            ("Otherford Police", "police"),
            ("Otherford Youth Club", "voluntary"),
        ]
    ]
    elsewhere = AgencyFactory(name="Elsewhere Police", type="police")
    report = services.report_create(
        actor=bu,
        partnership=partnership,
        title="Joint yearly report 2023–24",
        period_start=date(2023, 4, 1),
        period_end=date(2024, 3, 31),
        joint_partnerships=[neighbour],
    )
    client.force_login(bu)
    detail = client.get(reverse("reports:report-detail", args=[report.pk])).content.decode()
    url = f"{reverse('assurance:contribution-new')}?report={report.pk}"
    assert f'href="{url}"' in detail
    assert "joint=" not in detail
    page = client.get(url)
    html = page.content.decode()
    assert "Otherford Partnership" in html
    offered = {a.name for a in page.context["form"].fields["agencies"].queryset}
    assert offered == {name for name, _ in AGENCIES} | {a.name for a in theirs}
    assert "Elsewhere Police" not in html
    # The statutory partners of both partnerships are chosen for you.
    chosen = set(page.context["form"].initial["agencies"])
    assert chosen == {a.pk for a in agencies} | {theirs[0].pk, theirs[1].pk}
    assert f'name="report" value="{report.pk}"' in html

    response = client.post(
        url,
        {
            "title": "Joint contributions 2023–24",
            "period_start": "2023-04-01",
            "period_end": "2024-03-31",
            "opens_on": "2024-06-01",
            "closes_on": "2024-07-12",
            "agencies": sorted(chosen),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    lock = ContributionCampaign.objects.get(campaign__title="Joint contributions 2023–24")
    campaign = lock.campaign
    assert list(campaign.joint_partnerships.all()) == [neighbour]
    assert sorted(campaign.returns.values_list("agency__name", flat=True)) == sorted(
        [name for name, _ in AGENCIES] + ["Otherford Council", "Otherford Police"]
    )
    # The report counts the joint campaign's agencies; the check names those still to answer.
    report = services.report_refresh(actor=bu, report=report)
    (stored,) = report.figures["contributions"]
    assert {f["label"]: f["value"] for f in stored["figures"]}[
        "Agencies asked for a contribution"
    ] == 5
    assert "Otherford Police" in stored["facts"]["agencies_not_submitted"]

    # An agency of a partnership outside the report cannot be asked.
    from safeguarding.assurance.services.contributions import contribution_campaign_start

    with pytest.raises(ValidationError) as refused:
        contribution_campaign_start(
            actor=bu,
            partnership=partnership,
            joint_partnerships=[neighbour],
            title="Another",
            period_start=date(2022, 4, 1),
            period_end=date(2023, 3, 31),
            opens_on=date(2024, 6, 1),
            closes_on=date(2024, 7, 1),
            agencies=[elsewhere],
        )
    assert "the report's partnerships'" in str(refused.value)


@pytest.fixture
def joint_setup(bu, partnership, agencies, loaded):
    """A joint report of Testshire and Otherford, and Elsewhere: a partnership outside it with
    its own police, that police's lead, its business unit and its own report."""
    from safeguarding.accounts.tests.factories import PartnershipFactory

    neighbour = PartnershipFactory(slug="otherford", name="Otherford Partnership")
    AgencyFactory(name="Otherford Council", type="local_authority", partnerships=[neighbour])
    elsewhere = PartnershipFactory(slug="elsewhere", name="Elsewhere Partnership")
    police = AgencyFactory(name="Elsewhere Police", type="police", partnerships=[elsewhere])
    their_bu = user_with_role(Role.BUSINESS_UNIT, partnership=elsewhere)
    report = services.report_create(
        actor=bu,
        partnership=partnership,
        title="Joint yearly report 2023–24",
        period_start=date(2023, 4, 1),
        period_end=date(2024, 3, 31),
        joint_partnerships=[neighbour],
    )
    their_report = services.report_create(
        actor=their_bu,
        partnership=elsewhere,
        title="Elsewhere yearly report 2023–24",
        period_start=date(2023, 4, 1),
        period_end=date(2024, 3, 31),
    )
    return {
        "report": report,
        "elsewhere": elsewhere,
        "police": police,
        "lead": user_with_role(Role.AGENCY_LEAD, partnership=elsewhere, agency=police),
        "their_bu": their_bu,
        "their_report": their_report,
    }


def test_a_tampered_address_does_not_widen_a_joint_reports_contributions(
    client, bu, partnership, joint_setup
):
    report, police = joint_setup["report"], joint_setup["police"]
    base = reverse("assurance:contribution-new")
    tampered = f"{base}?report={report.pk}&partnership=elsewhere&joint=elsewhere"
    client.force_login(bu)
    page = client.get(tampered)
    assert page.status_code == 200
    html = page.content.decode()
    offered = {a.name for a in page.context["form"].fields["agencies"].queryset}
    assert "Elsewhere Police" not in offered and "Otherford Council" in offered
    assert "Elsewhere Partnership" not in html
    assert page.context["partnership"] == partnership
    assert [p.slug for p in page.context["joint"]] == ["otherford"]

    # Posting the outsider's police, and naming its partnership, asks nobody.
    response = client.post(
        tampered,
        {
            "partnership": "elsewhere",
            "joint": "elsewhere",
            "title": "Tampered contributions",
            "period_start": "2023-04-01",
            "period_end": "2024-03-31",
            "opens_on": "2024-06-01",
            "closes_on": "2024-07-12",
            "agencies": [police.pk],
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not ContributionCampaign.objects.exists()

    # Without a report, the address cannot name joint partnerships at all.
    page = client.get(f"{base}?partnership={partnership.slug}&joint=elsewhere&joint=otherford")
    offered = {a.name for a in page.context["form"].fields["agencies"].queryset}
    assert offered == {name for name, _ in AGENCIES}
    assert page.context["joint"] == []

    # Another partnership's report, or one that does not exist, is not found.
    for other in (joint_setup["their_report"].pk, 999999, "x"):
        assert client.get(f"{base}?report={other}").status_code == 404
        response = client.post(
            f"{base}?report={other}",
            {"title": "T", "period_start": "2023-04-01", "period_end": "2024-03-31"},
        )
        assert response.status_code == 404
    assert not ContributionCampaign.objects.exists()


def test_people_outside_a_joint_report_cannot_start_or_answer_its_contributions(
    client, bu, agencies, joint_setup
):
    report, lead = joint_setup["report"], joint_setup["lead"]
    url = f"{reverse('assurance:contribution-new')}?report={report.pk}"
    # The business unit of a partnership outside the report: changing the slug is no help.
    client.force_login(joint_setup["their_bu"])
    assert client.get(url).status_code == 404
    assert client.get(f"{url}&partnership=elsewhere&joint=elsewhere").status_code == 404
    assert client.get(reverse("reports:report-detail", args=[report.pk])).status_code == 404
    # The lead of an agency in that partnership.
    client.force_login(lead)
    assert client.get(url).status_code == 403
    assert client.get(f"{url}&partnership=elsewhere").status_code == 403
    assert client.get(reverse("reports:report-detail", args=[report.pk])).status_code in (
        403,
        404,
    )

    # The report's business unit starts the contributions: the outsider's agency has no
    # return, and the lead cannot open any of the campaign's.
    client.force_login(bu)
    response = client.post(
        url,
        {
            "title": "Joint contributions 2023–24",
            "period_start": "2023-04-01",
            "period_end": "2024-03-31",
            "opens_on": "2024-06-01",
            "closes_on": "2024-07-12",
            "agencies": [a.pk for a in agencies],
        },
    )
    assert response.status_code == 302
    campaign = ContributionCampaign.objects.get().campaign
    assert not campaign.returns.filter(agency=joint_setup["police"]).exists()
    assert sorted(p.slug for p in campaign.joint_partnerships.all()) == ["otherford"]
    client.force_login(lead)
    for audit_return in campaign.returns.all():
        for name in ("assurance:return-detail", "assurance:return-start"):
            method = client.get if name.endswith("detail") else client.post
            assert method(reverse(name, args=[audit_return.pk])).status_code in (403, 404)
    assert client.get(reverse("assurance:campaign-detail", args=[campaign.pk])).status_code in (
        403,
        404,
    )
    my_returns = client.get(reverse("assurance:my-returns")).content.decode()
    assert "Joint contributions 2023–24" not in my_returns
