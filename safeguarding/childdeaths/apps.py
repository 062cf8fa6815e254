from django.apps import AppConfig


class ChildDeathsConfig(AppConfig):
    name = "safeguarding.childdeaths"
    label = "childdeaths"
    verbose_name = "Child death overview"
