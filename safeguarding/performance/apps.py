from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "safeguarding.performance"
    label = "performance"
    verbose_name = "Performance data and finance"
