"""What the performance app adds to the platform: navigation, dashboard panels and the other
registries core keeps. Core imports this module once every app is loaded (``core.apps``).
"""

from safeguarding.core import dashboard, navigation, searching
from safeguarding.performance import jobs, panels, search_documents  # noqa: F401 - registers the job
from safeguarding.performance.models import Indicator
from safeguarding.planning import priority_links

navigation.register(
    navigation.NavItem(
        "Performance",
        "performance:indicator-list",
        permission="performance.view_indicators",
        section="governance",
    )
)

dashboard.register(
    dashboard.Panel(
        key="indicators-off-target",
        title="Indicators off target",
        template="performance/panels/off_target.html",
        context=panels.off_target_context,
        permission="performance.view_indicators",
        items="items",
        link=("See all indicators", "performance:indicator-list"),
    )
)

dashboard.register(
    dashboard.Panel(
        key="data-returns-due",
        title="Data returns due",
        template="performance/panels/returns_due.html",
        context=panels.returns_due_context,
        permission="performance.view_data_returns",
        group=dashboard.NEEDS_YOU,
        items="returns",
        link=("See all data returns", "performance:return-list"),
    )
)

priority_links.register_model(
    key="indicators",
    title="Indicators",
    order=70,
    queryset=lambda user: Indicator.objects.visible_to(user),
    url_name="performance:indicator-detail",
)


def _register_yearly_report_figures() -> None:
    from safeguarding.core import reporting
    from safeguarding.performance.reporting import (
        area_profile_figures,
        finance_figures,
        key_data_figures,
    )

    reporting.register(
        reporting.FigureSource(
            key="key_data", section="key_data", order=60, figures=key_data_figures
        )
    )
    reporting.register(
        reporting.FigureSource(key="finance", section="finance", order=130, figures=finance_figures)
    )
    reporting.register(
        reporting.FigureSource(
            key="area_profile", section="area", order=5, figures=area_profile_figures
        )
    )


_register_yearly_report_figures()
searching.register(search_documents.INDICATORS)
