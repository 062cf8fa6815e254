"""Referrals for review: an agency refers, the statutory partners consider and decide."""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from safeguarding.accounts.tests.factories import AgencyFactory
from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.planning.models import Theme
from safeguarding.reviews import selectors, services
from safeguarding.reviews.models import Notification, Referral, ReferralStatus
from safeguarding.reviews.tests.factories import ReferralFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(make_user, agency):
    return make_user(Role.AGENCY_LEAD, agency=agency, full_name="Lee Lead")


def _form(agency, **overrides):
    return {
        "referring_agency": agency.pk,
        "child_pseudonym": "Child M",
        "incident_on": "2023-05-22",
        "what_happened": "A four-month-old baby was taken to hospital with a fractured arm.",
        "why_criteria": "Abuse is suspected and the baby was seriously harmed.",
        **overrides,
    }


def _referral(lead, agency, partnership, **overrides):
    fields = {
        "partnership": partnership,
        "referring_agency": agency,
        "child_pseudonym": "Child M",
        "what_happened": "Fractured arm at four months.",
        "why_criteria": "Serious harm, abuse suspected.",
        "incident_on": date(2023, 5, 22),
        "received_on": date(2023, 5, 24),
        **overrides,
    }
    return services.referral_submit(actor=lead, **fields)


# Referring ------------------------------------------------------------------------------


def test_an_agency_lead_refers_a_case_from_the_form(client, lead, agency, other_agency, theme):
    client.force_login(lead)
    response = client.post(
        reverse("reviews:referral-new"),
        _form(agency, themes=[theme.pk], agencies_involved=[other_agency.pk]),
        follow=True,
    )
    referral = Referral.objects.get()
    assert response.redirect_chain[-1][0] == reverse("reviews:referral-detail", args=[referral.pk])
    assert "has been sent to the safeguarding partners" in response.content.decode()
    assert referral.status == ReferralStatus.SUBMITTED
    assert referral.referred_by == lead
    assert referral.received_on == date(2023, 6, 1)
    assert list(referral.themes.all()) == [theme]
    assert list(referral.agencies_involved.all()) == [other_agency]
    assert AuditEvent.objects.filter(event="reviews.referral.submitted").count() == 1


@pytest.mark.parametrize(
    ("pseudonym", "message"),
    [("Child born 03/04/2015", "contains a date"), ("Child CM2 6AB", "contains a postcode")],
)
def test_a_pseudonym_with_identifying_details_is_refused(client, lead, agency, pseudonym, message):
    client.force_login(lead)
    response = client.post(
        reverse("reviews:referral-new"), _form(agency, child_pseudonym=pseudonym)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Referral.objects.exists()


def test_a_lead_cannot_refer_for_another_agency(lead, partnership, other_agency):
    with pytest.raises(ValidationError, match="not one of your agencies"):
        _referral(lead, other_agency, partnership)
    assert not Referral.objects.exists()


def test_an_incident_in_the_future_is_refused(client, lead, agency):
    client.force_login(lead)
    response = client.post(reverse("reviews:referral-new"), _form(agency, incident_on="2023-07-01"))
    assert "The date of the incident cannot be in the future" in response.content.decode()
    assert not Referral.objects.exists()


# Considering and deciding ------------------------------------------------------------------


def test_the_business_unit_considers_and_decides_and_the_referrer_is_emailed(
    bu_client, lead, agency, partnership, django_capture_on_commit_callbacks
):
    referral = _referral(lead, agency, partnership)
    detail = reverse("reviews:referral-detail", args=[referral.pk])
    assert "Start considering" in bu_client.get(detail).content.decode()
    bu_client.post(
        reverse("reviews:referral-consider", args=[referral.pk]), {"version": referral.version}
    )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.UNDER_CONSIDERATION
    with django_capture_on_commit_callbacks(execute=True):
        response = bu_client.post(
            reverse("reviews:referral-decide", args=[referral.pk]),
            {
                "version": referral.version,
                "outcome": "other_learning",
                "decision_reason": "A single-agency review by the hospital will capture "
                "the learning.",
                "decided_on": "2023-05-31",
            },
            follow=True,
        )
    assert "has been recorded" in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DECIDED
    assert referral.outcome == "other_learning"
    assert referral.decided_on == date(2023, 5, 31)
    assert referral.notification is None
    assert [m.to for m in mail.outbox] == [[lead.email]]
    assert "Other learning route" in mail.outbox[0].body
    assert "single-agency review" in mail.outbox[0].body


def test_deciding_a_referral_not_yet_under_consideration_is_refused(bu, lead, agency, partnership):
    referral = _referral(lead, agency, partnership)
    with pytest.raises(ValidationError, match="only possible when the referral is: under"):
        services.referral_decide(
            actor=bu,
            referral=referral,
            version=None,
            outcome="no_further_action",
            decision_reason="Reason",
            decided_on=date(2023, 5, 31),
        )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SUBMITTED


def test_a_decided_referral_cannot_be_considered_again(bu, lead, agency, partnership):
    referral = _referral(lead, agency, partnership)
    referral = services.referral_consider(actor=bu, referral=referral, version=None)
    referral = services.referral_decide(
        actor=bu,
        referral=referral,
        version=None,
        outcome="no_further_action",
        decision_reason="Single-agency matter, already addressed.",
        decided_on=date(2023, 5, 31),
    )
    with pytest.raises(ValidationError, match="while it is “decided”"):
        services.referral_consider(actor=bu, referral=referral, version=None)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"decided_on": "2023-05-20"}, "cannot be dated before the referral was received"),
        ({"decision_reason": ""}, "Give the reason for the decision"),
        ({"decision_reason": "   "}, "Give the reason for the decision"),
    ],
)
def test_bad_decisions_are_refused_with_a_message_and_nothing_written(
    bu_client, bu, lead, agency, partnership, data, message, django_capture_on_commit_callbacks
):
    referral = _referral(lead, agency, partnership)
    referral = services.referral_consider(actor=bu, referral=referral, version=None)
    with django_capture_on_commit_callbacks(execute=True):
        response = bu_client.post(
            reverse("reviews:referral-decide", args=[referral.pk]),
            {
                "version": referral.version,
                "outcome": "no_further_action",
                "decision_reason": "Reason",
                "decided_on": "2023-05-31",
                **data,
            },
        )
    assert response.status_code == 200
    assert message in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.UNDER_CONSIDERATION
    assert referral.decided_on is None
    assert mail.outbox == []


def test_proceeding_records_a_notification_filled_in_from_the_referral(
    bu_client, bu, lead, agency, other_agency, partnership, theme
):
    referral = _referral(
        lead, agency, partnership, themes=[theme], agencies_involved=[other_agency]
    )
    referral = services.referral_consider(actor=bu, referral=referral, version=None)
    response = bu_client.post(
        reverse("reviews:referral-decide", args=[referral.pk]),
        {
            "version": referral.version,
            "outcome": "proceed",
            "decision_reason": "Serious harm with abuse suspected: the criteria are met.",
            "decided_on": "2023-05-31",
            "create_notification": "on",
            "nature": "serious_harm",
        },
    )
    notification = Notification.objects.get()
    assert response.url == reverse("reviews:notification-detail", args=[notification.pk])
    assert notification.child_pseudonym == "Child M"
    assert notification.became_aware_on == date(2023, 5, 24)
    assert notification.outline == "Fractured arm at four months."
    assert set(notification.agencies_involved.all()) == {agency, other_agency}
    assert list(notification.themes.all()) == [theme]
    referral.refresh_from_db()
    assert referral.notification == notification


def test_a_notification_needs_the_decision_to_proceed(bu, lead, agency, partnership):
    referral = _referral(lead, agency, partnership)
    referral = services.referral_consider(actor=bu, referral=referral, version=None)
    with pytest.raises(ValidationError, match="only recorded when the decision is to proceed"):
        services.referral_decide(
            actor=bu,
            referral=referral,
            version=None,
            outcome="no_further_action",
            decision_reason="Reason",
            decided_on=date(2023, 5, 31),
            create_notification=True,
            nature="death",
        )
    assert not Notification.objects.exists()


def test_the_referrer_cannot_decide(client, lead, agency, partnership, bu):
    referral = services.referral_consider(
        actor=bu, referral=_referral(lead, agency, partnership), version=None
    )
    client.force_login(lead)
    response = client.get(reverse("reviews:referral-detail", args=[referral.pk]))
    assert response.status_code == 200
    assert "Record the decision" not in response.content.decode()
    response = client.post(
        reverse("reviews:referral-decide", args=[referral.pk]),
        {"outcome": "no_further_action", "decision_reason": "x", "decided_on": "2023-05-31"},
    )
    assert response.status_code == 403


# Confidentiality ----------------------------------------------------------------------------


def test_referrals_are_seen_only_by_staff_and_the_referring_agency(
    client, make_user, lead, agency, other_agency, partnership
):
    referral = _referral(lead, agency, partnership)
    url = reverse("reviews:referral-detail", args=[referral.pk])
    colleague_lead = make_user(Role.AGENCY_LEAD, agency=agency)
    for user in (lead, colleague_lead, make_user(Role.CHAIR), make_user(Role.SAFEGUARDING_PARTNER)):
        client.force_login(user)
        assert client.get(url).status_code == 200
        assert AuditEvent.objects.filter(event="reviews.referral.viewed", actor=user).exists()
    for user in (
        make_user(Role.AGENCY_LEAD, agency=other_agency),
        make_user(Role.PRACTITIONER),
        make_user(Role.BUSINESS_UNIT, partnership=AgencyFactory().partnerships.first()),
    ):
        client.force_login(user)
        assert client.get(url).status_code in (403, 404)
        assert "Child M" not in client.get(reverse("reviews:referral-list")).content.decode()
        assert not Referral.objects.visible_to(user).exists()


def test_the_api_lists_referrals_scoped_as_the_pages(
    client, make_user, lead, agency, other_agency, partnership
):
    _referral(lead, agency, partnership)
    client.force_login(lead)
    body = client.get("/api/v1/referrals/").json()
    assert body["count"] == 1
    assert body["results"][0]["child_pseudonym"] == "Child M"
    assert body["results"][0]["referring_agency"] == agency.name
    assert body["results"][0]["status"] == "submitted"
    client.force_login(make_user(Role.AGENCY_LEAD, agency=other_agency))
    assert client.get("/api/v1/referrals/").json()["count"] == 0


# Pages, panel and figures ---------------------------------------------------------------------


def test_the_list_filters_by_status_and_does_not_grow_in_queries(
    bu_client, partnership, count_queries
):
    ReferralFactory.create_batch(2, partnership=partnership)
    ReferralFactory(partnership=partnership, status="decided", child_pseudonym="Child Z")
    url = reverse("reviews:referral-list")
    page = bu_client.get(url, {"status": "decided"}).content.decode()
    assert "Child Z" in page and "1 referral<" in page
    few = count_queries(lambda: bu_client.get(url))
    ReferralFactory.create_batch(27, partnership=partnership)
    assert count_queries(lambda: bu_client.get(url)) == few
    assert "30 referrals" in bu_client.get(url).content.decode()


@pytest.fixture
def referrals_to_filter(partnership, agency, other_agency):
    injury = Theme.objects.get(name="Non-accidental injury")
    neglect = Theme.objects.get(name="Neglect")
    made = {
        "Child A": ReferralFactory(
            partnership=partnership, referring_agency=agency, received_on=date(2022, 4, 1)
        ),
        "Child B": ReferralFactory(
            partnership=partnership, referring_agency=agency, received_on=date(2023, 3, 31)
        ),
        "Child C": ReferralFactory(
            partnership=partnership, referring_agency=other_agency, received_on=date(2023, 4, 1)
        ),
        "Child D": ReferralFactory(
            partnership=partnership, referring_agency=other_agency, received_on=date(2022, 3, 31)
        ),
    }
    for name, referral in made.items():
        referral.child_pseudonym = name
        referral.save()
    made["Child A"].themes.set([injury])
    made["Child C"].themes.set([injury, neglect])
    made["Child D"].themes.set([neglect])
    return made


def _shown(client, **params) -> set[str]:
    page = client.get(reverse("reviews:referral-list"), params).content.decode()
    return {name for name in ("Child A", "Child B", "Child C", "Child D") if name in page}


def test_the_list_filters_by_theme_financial_year_and_referring_agency(
    bu_client, referrals_to_filter, agency, other_agency
):
    assert _shown(bu_client) == {"Child A", "Child B", "Child C", "Child D"}
    assert _shown(bu_client, theme="non-accidental-injury") == {"Child A", "Child C"}
    # Financial years run April to March: 1 April 2022 to 31 March 2023.
    assert _shown(bu_client, year="2022") == {"Child A", "Child B"}
    assert _shown(bu_client, year="2021") == {"Child D"}
    assert _shown(bu_client, agency=str(other_agency.pk)) == {"Child C", "Child D"}
    assert _shown(bu_client, theme="neglect", year="2023", agency=str(other_agency.pk)) == {
        "Child C"
    }
    assert _shown(bu_client, theme="neglect", agency=str(agency.pk)) == set()


def test_the_filter_offers_financial_years_and_agencies_of_the_referrals(
    bu_client, referrals_to_filter
):
    page = bu_client.get(reverse("reviews:referral-list")).content.decode()
    assert '<option value="2023">2023–24</option>' in page
    assert '<option value="2022">2022–23</option>' in page
    assert '<option value="2021">2021–22</option>' in page
    assert "2020–21" not in page
    assert "Testshire Police</option>" in page and "Testshire Hospital</option>" in page
    assert "Year received (April to March)" in page


def test_the_filtered_list_is_paginated_without_more_queries(
    bu_client, partnership, agency, count_queries
):
    url = reverse("reviews:referral-list")
    params = {"agency": str(agency.pk), "year": "2023", "theme": "neglect"}
    neglect = Theme.objects.get(name="Neglect")

    def make(count):
        for _ in range(count):
            ReferralFactory(partnership=partnership, referring_agency=agency).themes.set([neglect])

    make(3)
    few = count_queries(lambda: bu_client.get(url, params))
    make(27)
    assert count_queries(lambda: bu_client.get(url, params)) == few
    page = bu_client.get(url, params).content.decode()
    assert "30 referrals" in page and "page=2" in page and "theme=neglect" in page


def test_the_dashboard_shows_referrals_awaiting_a_decision(bu_client, partnership):
    ReferralFactory(partnership=partnership, child_pseudonym="Child W")
    ReferralFactory(partnership=partnership, child_pseudonym="Child X", status="decided")
    page = bu_client.get(reverse("core:dashboard")).content.decode()
    assert "Referrals awaiting a decision" in page
    assert "Child W" in page and "Child X" not in page


def test_figures_count_referrals_for_the_period(bu, partnership):
    ReferralFactory(partnership=partnership, received_on=date(2023, 5, 15))
    ReferralFactory(
        partnership=partnership,
        received_on=date(2023, 4, 3),
        status="decided",
        outcome="no_further_action",
        decided_on=date(2023, 4, 20),
    )
    ReferralFactory(partnership=partnership, received_on=date(2022, 1, 3))
    figures = selectors.figures_for_period(
        user=bu, partnership=partnership, start=date(2023, 4, 1), end=date(2023, 5, 31)
    )
    assert figures.referrals == 2
    assert figures.referral_outcomes["No further action"] == 1
