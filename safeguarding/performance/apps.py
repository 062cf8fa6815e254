from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "safeguarding.performance"
    label = "performance"
    verbose_name = "Performance data and finance"

    def ready(self) -> None:
        from safeguarding.core import dashboard, navigation
        from safeguarding.performance import jobs, panels  # noqa: F401 - registers the job

        navigation.register(
            navigation.NavItem(
                "Performance",
                "performance:indicator-list",
                order=60,
                permission="performance.view_indicators",
                section="governance",
            )
        )
        dashboard.register(
            dashboard.Panel(
                key="indicators-off-target",
                title="Indicators off target",
                template="performance/panels/off_target.html",
                order=40,
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
                order=41,
                context=panels.returns_due_context,
                permission="performance.view_data_returns",
                group=dashboard.NEEDS_YOU,
                items="returns",
                link=("See all data returns", "performance:return-list"),
            )
        )
        from safeguarding.performance.models import Indicator
        from safeguarding.planning import priority_links

        priority_links.register_model(
            key="indicators",
            title="Indicators",
            order=70,
            queryset=lambda user: Indicator.objects.visible_to(user),
            url_name="performance:indicator-detail",
        )
