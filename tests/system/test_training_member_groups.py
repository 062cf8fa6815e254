"""The business unit keeps the member groups that get training discounts (such as ECVYS
members): list, add, change and remove, every page checked with axe (WCAG 2.2 AA)."""

from __future__ import annotations

import pytest

from safeguarding.accounts.tests.factories import (
    AgencyFactory,
    PartnershipFactory,
    user_with_role,
)
from safeguarding.core.roles import Role
from safeguarding.training.models import MemberGroup
from safeguarding.training.tests.factories import CourseFactory, MemberGroupFactory


@pytest.fixture
def essex(transactional_db):
    return PartnershipFactory(slug="essex", name="Essex Safeguarding Children Board")


def test_the_business_unit_keeps_member_groups(browse, essex):
    AgencyFactory(partnerships=[essex], name="Riverside Youth Project")
    AgencyFactory(partnerships=[essex], name="Harbour Lights Family Support")
    for n in range(14):  # enough schools for their checkboxes to start folded away
        AgencyFactory(
            partnerships=[essex], name=f"School {n:02}", type="school", sector="education"
        )
    existing = MemberGroupFactory(partnership=essex, name="Early years network")
    course = CourseFactory(partnership=essex, title="Level 3 Designated Safeguarding Lead")
    course.discount_groups.set([existing])
    bu = user_with_role(Role.BUSINESS_UNIT, partnership=essex, full_name="Morgan Ellis")

    browse.sign_in(bu)
    page = browse.page
    browse.goto("/manage-training/")
    page.get_by_role("link", name="Member groups").click()
    browse.check()
    assert "Level 3 Designated Safeguarding Lead" in page.locator("main").inner_text()

    page.get_by_role("link", name="Add a member group").click()
    browse.check()
    page.get_by_label("Name", exact=True).fill("Early years network")
    page.get_by_label("Discount (%)", exact=True).fill("25")
    page.get_by_role("button", name="Save the member group").click()
    browse.check()  # the error summary is accessible too
    assert "There is already a member group called" in page.locator("main").inner_text()

    page.get_by_label("Name", exact=True).fill("ECVYS members")
    page.get_by_label("Riverside Youth Project", exact=True).check()
    page.get_by_text("School or college (14 agencies, none chosen)").click()
    page.get_by_label("School 03", exact=True).check()
    page.get_by_role("button", name="Save the member group").click()
    browse.check()
    assert "“ECVYS members” has been added" in page.locator("main").inner_text()
    group = MemberGroup.objects.get(name="ECVYS members")
    assert sorted(a.name for a in group.agencies.all()) == ["Riverside Youth Project", "School 03"]

    page.get_by_role("link", name="Change ECVYS members").click()
    browse.check()
    page.get_by_label("Harbour Lights Family Support", exact=True).check()
    page.get_by_role("button", name="Save the member group").click()
    browse.check()
    assert group.agencies.count() == 3

    page.get_by_role("link", name="Remove Early years network").click()
    browse.check()
    assert "Level 3 Designated Safeguarding Lead" in page.locator("main").inner_text()
    page.get_by_role("button", name="Remove the member group").click()
    browse.check()
    assert "“Early years network” has been removed." in page.locator("main").inner_text()
    assert not MemberGroup.objects.filter(name="Early years network").exists()

    browse.goto(f"/manage-training/courses/{course.pk}/edit/")
    page.get_by_role("link", name="Manage member groups").click()
    browse.check()
