"""What the childdeaths app adds to the platform: navigation, the tracker source and the
report chasers. Core imports this module once every app is loaded (``core.apps``)."""

from safeguarding.childdeaths import jobs, panels, tracker  # noqa: F401 - registers the chasers
from safeguarding.core import dashboard, navigation, public_cache
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

dashboard.register(
    dashboard.Panel(
        key="childdeaths-awaiting-panel",
        title="Child deaths: cases awaiting the panel and reports overdue",
        template="childdeaths/panels/cdop.html",
        context=panels.cdop_context,
        permission="childdeaths.view_childdeaths",
        group=dashboard.NEEDS_YOU,
        items="items",
        link=("Go to child deaths", "childdeaths:list"),
        cacheable=True,
    )
)

# The public figures are aggregates only, the same for every visitor (ADR 0030).
public_cache.register("childdeaths:public-figures")


def _register_yearly_report_figures() -> None:
    from safeguarding.childdeaths.reporting import child_death_figures
    from safeguarding.core import reporting

    reporting.register(
        reporting.FigureSource(
            key="child_deaths", section="child_deaths", figures=child_death_figures
        )
    )


_register_yearly_report_figures()


def _theme_figures(user, theme):
    """Child deaths on a practice theme's page: counts by year, small numbers withheld, for
    the child death review partners only (``selectors.themes``)."""
    from django.urls import reverse

    from safeguarding.childdeaths import disclosure
    from safeguarding.childdeaths.selectors.themes import ALL_YEARS, theme_death_counts
    from safeguarding.core import searching

    found = theme_death_counts(user=user, theme=theme)
    if found is None:
        return None
    years, shown = found
    return searching.ThemeFigures(
        key="childdeaths.deaths",
        title="Child deaths",
        years=tuple(years),
        counts={year: shown[year] for year in years},
        total=shown[ALL_YEARS],
        note="Only the child death review partners see these figures, never the cases. "
        + disclosure.WITHHELD_NOTE,
        link_text="Child death figures",
        link_url=reverse("childdeaths:figures"),
    )


def _register_theme_figures() -> None:
    from safeguarding.core import searching

    searching.register_theme_figures(
        searching.ThemeFigureSource(key="childdeaths.deaths", figures=_theme_figures)
    )


_register_theme_figures()
