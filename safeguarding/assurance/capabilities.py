"""What the assurance app adds to the platform: navigation, dashboard panels and the other
registries core keeps. Core imports this module once every app is loaded (``core.apps``).
"""

from safeguarding.assurance import (
    approvals,
    jobs,  # noqa: F401 - registers the scheduled jobs
    search_documents,
    tracker,
)
from safeguarding.assurance.models import Campaign, CaseAudit
from safeguarding.assurance.panels import register_panels
from safeguarding.core import navigation, searching
from safeguarding.core import tracker as core_tracker
from safeguarding.planning import priority_links

navigation.register(
    navigation.NavItem(
        "Audits",
        "assurance:index",
        permission="assurance.use_assurance",
        section="audits",
    )
)

register_panels()

approvals.register()

core_tracker.register(tracker.SOURCE)

priority_links.register_model(
    key="audit-campaigns",
    title="Audits",
    order=55,
    queryset=lambda user: Campaign.objects.visible_to(user),
    url_name="assurance:campaign-detail",
    status=lambda c: c.get_status_display(),
)

priority_links.register_model(
    key="case-audits",
    title="Multi-agency case audits",
    order=56,
    queryset=lambda user: CaseAudit.objects.visible_to(user),
    url_name="assurance:case-audit-detail",
    status=lambda c: c.get_status_display(),
)


def _register_yearly_report_figures() -> None:
    from safeguarding.assurance.reporting import assurance_figures
    from safeguarding.assurance.reporting_contributions import agency_contribution_figures
    from safeguarding.assurance.services.contributions import contributions_freeze
    from safeguarding.core import reporting

    reporting.register(
        reporting.FigureSource(
            key="assurance", section="assurance", order=40, figures=assurance_figures
        )
    )
    reporting.register(
        reporting.FigureSource(
            key="agency_contributions",
            section="contributions",
            order=15,
            figures=agency_contribution_figures,
            on_freeze=contributions_freeze,
        )
    )


_register_yearly_report_figures()
searching.register(search_documents.CAMPAIGNS)
