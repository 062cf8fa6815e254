from django.apps import AppConfig


class PlanningConfig(AppConfig):
    """The theme taxonomy, business plans and their priorities, shared by every domain app.

    Domain apps (governance, reviews, assurance, training, performance…) depend on planning,
    accounts and core, never on each other.
    """

    name = "safeguarding.planning"
    label = "planning"
    verbose_name = "Themes and priorities"
