"""What the childdeaths app adds to the platform: navigation, the tracker source and the
report chasers. Core imports this module once every app is loaded (``core.apps``)."""

from safeguarding.childdeaths import jobs, tracker  # noqa: F401 - registers the chasers
from safeguarding.core import navigation, public_cache
from safeguarding.core import tracker as core_tracker

navigation.register(
    navigation.NavItem(
        "Child deaths",
        "childdeaths:list",
        permission="childdeaths.view_childdeaths",
        section="reviews",
    )
)

navigation.register(
    navigation.NavItem(
        "Child death reports asked of you",
        "childdeaths:reports",
        permission="childdeaths.view_agency_reports",
        section="reviews",
    )
)

navigation.register(
    navigation.NavItem("Child death figures", "childdeaths:public-figures", section="reviews")
)

core_tracker.register(tracker.SOURCE)

# The public figures are aggregates only, the same for every visitor (ADR 0030).
public_cache.register("childdeaths:public-figures")
