"""The audit log and the catalogue of audit events pass axe, and the log links to the
catalogue, which explains each code the log shows."""

from __future__ import annotations

from django.db import transaction

from safeguarding.accounts.tests.factories import user_with_role
from safeguarding.core.roles import Role


def test_the_business_unit_reads_what_an_audit_event_means(browse, partnership):
    from safeguarding.accounts.services import agency_create

    business_unit = user_with_role(Role.BUSINESS_UNIT, partnership=partnership)
    with transaction.atomic():
        agency_create(
            actor=business_unit,
            partnerships=[partnership],
            name="Riverside Youth Project",
            type="voluntary",
            sector="voluntary",
        )
    browse.sign_in(business_unit)
    browse.goto("/audit-log/")
    page = browse.page
    assert page.locator("strong.govuk-tag", has_text="accounts.agency.created").is_visible()
    assert page.get_by_text("Someone created an agency.").is_visible()
    page.get_by_role("link", name="What each event means").click()
    browse.check()
    assert page.get_by_role("heading", name="Audit events", exact=True).is_visible()
    assert page.get_by_role("heading", name="People, partnerships and agencies").is_visible()
    row = page.locator("tr", has=page.locator("code", has_text="accounts.agency.created"))
    assert row.locator("td").nth(1).inner_text() == "Someone created an agency."
