"""What the training app adds to the platform: navigation, dashboard panels and the other
registries core keeps. Core imports this module once every app is loaded (``core.apps``).
"""

from types import SimpleNamespace

from safeguarding.core import bulletin_blocks, dashboard, navigation, offers, searching
from safeguarding.planning import priority_links
from safeguarding.training import jobs, panels, search_documents  # noqa: F401 - registers the jobs
from safeguarding.training.bulletin_blocks import courses_with_places
from safeguarding.training.models import Course
from safeguarding.training.selectors import briefings as session_selectors
from safeguarding.training.services import session_create

offers.offer(
    "training.sessions",
    SimpleNamespace(
        linkable_sessions=session_selectors.linkable_sessions,
        linkable_courses=session_selectors.linkable_courses,
        session_figures=session_selectors.session_figures,
        attended_counts=session_selectors.attended_counts,
        session_create=session_create,
    ),
)

navigation.register(
    navigation.NavItem("Training courses", "training:catalogue", section="training")
)

navigation.register(
    navigation.NavItem(
        "Manage training",
        "training:manage",
        permission="training.manage_training",
        section="training",
    )
)

navigation.register(
    navigation.NavItem(
        "Training reports",
        "training:reports",
        permission="training.view_reports",
        section="training",
    )
)

dashboard.register(
    dashboard.Panel(
        key="training-my-bookings",
        title="Your training",
        template="training/panels/my_bookings.html",
        context=panels.my_bookings,
        permission="training.view_own_training",
        items="bookings",
        link=("See all your training", "training:my-training"),
        cacheable=True,
    )
)

dashboard.register(
    dashboard.Panel(
        key="training-agency",
        title="Your staff's training",
        template="training/panels/agency.html",
        context=panels.agency,
        permission="training.view_agency_training",
        items="booking_count",
        link=("See your staff's training", "training:agency-training"),
        cacheable=True,
    )
)

dashboard.register(
    dashboard.Panel(
        key="training-this-week",
        title="Training sessions this week",
        template="training/panels/this_week.html",
        context=panels.this_week,
        permission="training.manage_training",
        items="sessions",
        link=("See all courses and sessions", "training:manage"),
        cacheable=True,
    )
)

dashboard.register(
    dashboard.Panel(
        key="training-waiting-lists",
        title="Training waiting lists",
        template="training/panels/waiting_lists.html",
        context=panels.waiting_lists,
        permission="training.manage_training",
        items="sessions",
        link=("See all waiting lists", "training:manage"),
        cacheable=True,
    )
)

priority_links.register_model(
    key="training-courses",
    title="Training courses",
    queryset=lambda user: Course.objects.visible_to(user),
    url_name="training:course",
)

bulletin_blocks.register(
    bulletin_blocks.BlockSource(
        key="training.courses-with-places",
        title="Training courses with places left",
        items=courses_with_places,
    )
)


def _register_yearly_report_figures() -> None:
    from safeguarding.core import reporting
    from safeguarding.training.reporting import training_figures

    reporting.register(
        reporting.FigureSource(key="training", section="training", figures=training_figures)
    )


_register_yearly_report_figures()
searching.register(search_documents.COURSES)
