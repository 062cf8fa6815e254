from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "safeguarding.library"
    label = "library"
    verbose_name = "Resources, procedures, campaigns and the voice of children"
