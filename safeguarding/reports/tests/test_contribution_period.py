"""Agency contributions started for a yearly report must be for a period within the report's
(issue 16): the report shows only contributions for its own period, so answers collected for
any other period would silently never reach it. The page, and the service behind it (so any
other caller too), refuse such a period naming both periods; nothing is half-written.

Every way a contribution's period is set goes through ``contribution_campaign_start``: the
contribution page (from a report, or on its own) and the demo. Neither a contribution
campaign's period nor a report's period can be changed afterwards (no page, API or command
edits them)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from safeguarding.accounts.tests.factories import AgencyFactory
from safeguarding.assurance.models import Campaign, ContributionCampaign
from safeguarding.assurance.services.contributions import contribution_campaign_start
from safeguarding.assurance.services.templates import template_library_load
from safeguarding.core import reporting
from safeguarding.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def agencies(partnership):
    return [
        AgencyFactory(
            name="Testshire County Council", type="local_authority", partnerships=[partnership]
        ),
        AgencyFactory(name="Testshire Police", type="police", partnerships=[partnership]),
    ]


@pytest.fixture
def loaded(db):
    template_library_load(job="test")


def _post(client, report, agencies, start, end):
    return client.post(
        f"{reverse('assurance:contribution-new')}?report={report.pk}",
        {
            "title": "Agency contributions",
            "period_start": start,
            "period_end": end,
            "opens_on": timezone.localdate().isoformat(),
            "closes_on": "2099-07-12",
            "agencies": [a.pk for a in agencies],
        },
    )


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2022-04-01", "2024-03-31"),  # starts a year before the report
        ("2023-04-01", "2024-06-30"),  # runs past the report's end
        ("2024-04-01", "2025-03-31"),  # the next year altogether
    ],
)
def test_a_period_outside_the_reports_is_refused_naming_both(
    bu_client, draft, agencies, loaded, start, end
):
    page = bu_client.get(f"{reverse('assurance:contribution-new')}?report={draft.pk}")
    assert "The report covers 1 April 2023 to 31 March 2024" in page.content.decode()

    response = _post(bu_client, draft, agencies, start, end)

    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "is outside the period of the report they are for, “Yearly report 2023–24”" in html
    assert "1 April 2023 to 31 March 2024" in html
    shown = f"{date.fromisoformat(start):%-d %B %Y} to {date.fromisoformat(end):%-d %B %Y}"
    assert shown in html
    # Nothing was written: no campaign, no returns, no invitations, no audit event.
    assert not Campaign.objects.exists()
    assert not ContributionCampaign.objects.exists()
    assert not AuditEvent.objects.filter(event="assurance.contribution_campaign.start").exists()


def test_the_reports_period_or_a_part_of_it_is_accepted(bu_client, draft, agencies, loaded):
    """An interim part of the report's period is within it, so the report shows it."""
    response = _post(bu_client, draft, agencies, "2023-10-01", "2024-03-31")
    assert response.status_code == 302, response.content.decode()[:2000]
    lock = ContributionCampaign.objects.get()
    assert (lock.period_start, lock.period_end) == (date(2023, 10, 1), date(2024, 3, 31))
    event = AuditEvent.objects.get(event="assurance.contribution_campaign.start")
    assert event.after["report"] == "Yearly report 2023–24"


def test_the_service_refuses_it_for_any_caller(bu, draft, agencies, loaded):
    scope = reporting.report_scope(user=bu, report_id=draft.pk)
    assert scope is not None
    with pytest.raises(ValidationError) as refused:
        contribution_campaign_start(
            actor=bu,
            partnership=draft.partnership,
            title="Agency contributions",
            period_start=date(2023, 1, 1),
            period_end=date(2023, 12, 31),
            opens_on=timezone.localdate(),
            closes_on=date(2099, 1, 1),
            agencies=agencies,
            report=scope,
        )
    (message,) = refused.value.message_dict["period_start"]
    assert message.startswith(
        "The contributions' period, 1 January 2023 to 31 December 2023, is outside the period "
        "of the report they are for, “Yearly report 2023–24”: 1 April 2023 to 31 March 2024."
    )
    assert not Campaign.objects.exists()


def test_contributions_started_on_their_own_keep_any_period(
    bu_client, partnership, agencies, loaded
):
    """Without a report there is no report period to respect: a report later shows them when
    their period lies within its own."""
    response = bu_client.post(
        f"{reverse('assurance:contribution-new')}?partnership={partnership.slug}",
        {
            "title": "Agency contributions 2022–24",
            "period_start": "2022-04-01",
            "period_end": "2024-03-31",
            "opens_on": timezone.localdate().isoformat(),
            "closes_on": "2099-07-12",
            "agencies": [a.pk for a in agencies],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ContributionCampaign.objects.get().period_start == date(2022, 4, 1)
