from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "safeguarding.reports"
    label = "reports"
    verbose_name = "Yearly reports, arrangements and inspections"
