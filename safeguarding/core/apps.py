from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class CoreConfig(AppConfig):
    name = "safeguarding.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        # Each app declares what it adds (navigation, dashboard panels, tracker source, priority
        # links, scheduled jobs, offers) in its own capabilities.py; import them all once.
        autodiscover_modules("capabilities")
