from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "safeguarding.demo"
    label = "demo"
    verbose_name = "Demo partnership"
