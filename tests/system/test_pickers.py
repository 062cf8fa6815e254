"""Choosing people and organisations: the select becomes an accessible autocomplete (type part
of a name, pick it), and two people with the same name are told apart by their email."""

import datetime

from django.utils import timezone

from safeguarding.accounts.tests.factories import AgencyFactory, PartnershipFactory, user_with_role
from safeguarding.core.roles import Role
from safeguarding.governance.models import Action
from safeguarding.governance.tests.factories import BodyFactory, MeetingFactory


def test_the_owner_of_an_action_is_found_by_typing_part_of_a_name(browse, transactional_db):
    essex = PartnershipFactory(slug="essex", name="Essex Safeguarding Children Board")
    police = AgencyFactory(name="Essex Police", type="police", partnerships=[essex])
    school = AgencyFactory(name="Oakfield Primary School", type="school", partnerships=[essex])
    officer = user_with_role(Role.BUSINESS_UNIT, partnership=essex, full_name="Bea Unit")
    user_with_role(
        Role.AGENCY_LEAD,
        partnership=essex,
        agency=police,
        full_name="Sam Taylor",
        email="sam.taylor@police.example",
    )
    teacher = user_with_role(
        Role.AGENCY_LEAD,
        partnership=essex,
        agency=school,
        full_name="Sam Taylor",
        email="sam.taylor@oakfield.example",
    )
    meeting = MeetingFactory(
        body=BodyFactory(partnerships=[essex]),
        starts_at=timezone.now() - datetime.timedelta(days=3),
    )
    page = browse.page
    browse.sign_in(officer)
    browse.goto(f"/governance/meetings/{meeting.pk}/actions/new/")
    owner = page.get_by_label("Owner", exact=True)
    assert owner.get_attribute("role") == "combobox"  # the select was enhanced
    owner.press_sequentially("sam tay")
    suggestions = page.locator(".autocomplete__menu--visible").get_by_role("option")
    assert suggestions.count() == 2
    assert "Sam Taylor (sam.taylor@oakfield.example)" in suggestions.all_inner_texts()
    browse.check()  # the open list of suggestions passes axe too
    suggestions.filter(has_text="sam.taylor@oakfield.example").click()
    browse.choose("Owner's agency", "Oak", "Oakfield Primary School")
    page.get_by_label("Action").fill("Share the neglect toolkit with every class teacher")
    page.get_by_label("Due on").fill(
        (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    )
    page.get_by_role("button", name="Raise action").click()
    browse.check()
    action = Action.objects.get()
    assert action.owner == teacher and action.owner_agency == school
