"""What the performance app adds to the platform: navigation, dashboard panels and the other
registries core keeps. Core imports this module once every app is loaded (``core.apps``).
"""

from safeguarding.core import dashboard, import_jobs, navigation, searching
from safeguarding.performance import jobs, panels, search_documents  # noqa: F401 - registers the job
from safeguarding.performance.models import Indicator
from safeguarding.performance.services import import_runs
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
        cacheable=True,
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
        cacheable=True,
    )
)

priority_links.register_model(
    key="indicators",
    title="Indicators",
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
        reporting.FigureSource(key="key_data", section="key_data", figures=key_data_figures)
    )
    reporting.register(
        reporting.FigureSource(key="finance", section="finance", figures=finance_figures)
    )
    reporting.register(
        reporting.FigureSource(key="area_profile", section="area", figures=area_profile_figures)
    )


_register_yearly_report_figures()
searching.register(search_documents.INDICATORS)


def _figures_form(job) -> str:
    from django.urls import reverse

    return f"{reverse('performance:import')}?partnership={job.partnership.slug}"


import_jobs.register(
    import_jobs.Importer(
        kind=import_runs.FIGURES_IMPORT,
        title="Import of figures",
        permission="performance.import_indicators",
        run=import_runs.figures_import_job,
        result_template="performance/_import_result.html",
        form_url=_figures_form,
        can_confirm=import_runs.figures_import_can_confirm,
        confirm_label="Import the figures",
        outcome=import_runs.figures_import_outcome,
        asked=import_runs.figures_import_asked,
    )
)
