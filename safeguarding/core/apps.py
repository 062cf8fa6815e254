from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "safeguarding.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from safeguarding.core import dashboard, jobs, navigation  # noqa: F401
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
                key="recent-activity",
                title="Recent activity",
                template="core/panels/recent_activity.html",
                order=90,
                context=lambda request: {
                    "events": recent_activity(user=request.user),
                    "show_audit_link": request.user.has_perm("core.view_audit_log"),
                },
            )
        )
