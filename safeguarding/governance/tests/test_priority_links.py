"""A priority's page shows what every capability links to it, within what the reader may see."""

from safeguarding.core.roles import Role
from safeguarding.governance.tests.factories import BusinessPlanFactory, PriorityFactory
from safeguarding.performance.tests.factories import IndicatorFactory
from safeguarding.training.tests.factories import CourseFactory


def test_priority_page_lists_linked_courses_and_indicators(signed_in, partnership):
    priority = PriorityFactory(plan=BusinessPlanFactory(partnership=partnership), title="Neglect")
    CourseFactory(
        partnership=partnership, title="Recognising neglect", priority=priority, is_published=True
    )
    CourseFactory(partnership=partnership, title="Unlinked course", is_published=True)
    IndicatorFactory(
        partnership=partnership, name="Child protection plans for neglect", priority=priority
    )
    page = signed_in(Role.CHAIR).get(f"/business-plan/priorities/{priority.pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Training courses" in html and "Recognising neglect" in html
    assert "Unlinked course" not in html
    assert "Child protection plans for neglect" in html
