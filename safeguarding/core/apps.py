from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "safeguarding.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from safeguarding.core import approvals, dashboard, jobs, navigation  # noqa: F401
        from safeguarding.core.selectors import recent_activity

        navigation.register(
            navigation.NavItem("Dashboard", "core:dashboard", order=10, signed_in=True)
        )
        navigation.register(
            navigation.NavItem(
                "Actions and recommendations",
                "core:tracker",
                order=35,
                permission="core.view_tracker",
            )
        )
        navigation.register(
            navigation.NavItem(
                "Audit log", "core:audit-log", order=90, permission="core.view_audit_log"
            )
        )
        dashboard.register(
            dashboard.Panel(
                key="waiting-for-approval",
                title="Waiting for your approval",
                template="core/panels/waiting.html",
                order=0,
                context=_waiting_context,
                applies_to=approvals.applies_to,
                group=dashboard.NEEDS_YOU,
                items="waiting",
                link=("See everything waiting for your approval", "core:approvals"),
            )
        )
        dashboard.register(
            dashboard.Panel(
                key="recent-activity",
                title="Recent activity",
                template="core/panels/recent_activity.html",
                order=90,
                context=lambda request: {"events": recent_activity(user=request.user)},
                items="events",
                link=("See the full audit log", "core:audit-log", "core.view_audit_log"),
            )
        )


PANEL_LIMIT = 5


def _waiting_context(request) -> dict:
    from safeguarding.core import approvals

    waiting = approvals.waiting_for(request.user)
    return {"waiting": waiting[:PANEL_LIMIT], "more": max(0, len(waiting) - PANEL_LIMIT)}
