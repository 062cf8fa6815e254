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
                "Audits", "assurance:index", order=50, permission="assurance.use_assurance"
            )
        )
        register_panels()
