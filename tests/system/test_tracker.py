"""The tracker of actions and recommendations: the business unit sees meeting actions,
review recommendations and audit actions together and filters them — checked with axe."""

from datetime import timedelta

from django.utils import timezone

from safeguarding.accounts.tests.factories import AgencyFactory, PartnershipFactory, user_with_role
from safeguarding.assurance.models import AuditAction
from safeguarding.core.roles import Role
from safeguarding.governance.tests.factories import ActionFactory, BodyFactory, MeetingFactory
from safeguarding.reviews.tests.factories import RecommendationFactory, ReviewFactory


def test_the_business_unit_follows_up_everything_open_in_one_place(browse, settings):
    partnership = PartnershipFactory(slug="testshire", name="Testshire Partnership")
    settings.DEFAULT_PARTNERSHIP = "testshire"
    police = AgencyFactory(name="Northshire Police", partnerships=[partnership])
    health = AgencyFactory(name="Riverside Health", partnerships=[partnership])
    today = timezone.localdate()
    meeting = MeetingFactory(body=BodyFactory(name="Executive board", partnerships=[partnership]))
    ActionFactory(
        meeting=meeting,
        owner_agency=police,
        title="Refresh the escalation policy",
        due_on=today - timedelta(days=3),
    )
    RecommendationFactory(
        review=ReviewFactory(partnership=partnership, title="Child Q", status="draft"),
        owner_agency=health,
        text="Discuss bruising in non-mobile babies with a paediatrician",
        target_on=today + timedelta(days=20),
    )
    AuditAction.objects.create(
        partnership=partnership,
        agency=health,
        title="Evidence the training figures",
        due_on=today + timedelta(days=10),
    )
    officer = user_with_role(Role.BUSINESS_UNIT, partnership=partnership, full_name="Bea Unit")

    browse.sign_in(officer)
    browse.goto("/dashboard/")
    browse.page.get_by_role("link", name="See every open action and recommendation").click()
    browse.check()
    table = browse.page.get_by_role("table", name="Open actions and recommendations")
    text = table.inner_text()
    assert "Refresh the escalation policy" in text
    assert "Discuss bruising" in text
    assert "Evidence the training figures" in text
    assert "Overdue" in text

    browse.page.get_by_label("Owner agency").select_option(label="Riverside Health")
    browse.page.get_by_role("button", name="Apply filter").click()
    browse.check()
    assert "2 open items match the filter" in browse.page.locator("#result-count").inner_text()
    text = table.inner_text()
    assert "Refresh the escalation policy" not in text
    assert "Evidence the training figures" in text

    browse.page.get_by_label("Only overdue").check()
    browse.page.get_by_role("button", name="Apply filter").click()
    browse.check()
    assert "No open actions or recommendations match the filter." in browse.page.content()
