from django.apps import AppConfig


class AssuranceConfig(AppConfig):
    name = "safeguarding.assurance"
    label = "assurance"
    verbose_name = "Assurance: audits and self-assessments"

    def ready(self) -> None:
        from safeguarding.assurance import jobs  # noqa: F401 - registers the scheduled jobs
        from safeguarding.assurance.panels import register_panels
        from safeguarding.core import navigation

        navigation.register(
            navigation.NavItem(
                "Audits",
                "assurance:index",
                order=50,
                permission="assurance.use_assurance",
                section="audits",
            )
        )
        register_panels()
        from safeguarding.assurance import approvals

        approvals.register()
        from safeguarding.assurance import tracker
        from safeguarding.core import tracker as core_tracker

        core_tracker.register(tracker.SOURCE)
        from safeguarding.assurance.models import Campaign, CaseAudit
        from safeguarding.planning import priority_links

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
