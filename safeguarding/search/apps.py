from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "safeguarding.search"
    label = "search"
    verbose_name = "Search and themes"
