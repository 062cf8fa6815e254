from django.apps import AppConfig


class AssuranceConfig(AppConfig):
    name = "safeguarding.assurance"
    label = "assurance"
    verbose_name = "Assurance: audits and self-assessments"
