from django.apps import AppConfig


class CommsConfig(AppConfig):
    name = "safeguarding.comms"
    label = "comms"
    verbose_name = "Communications, resources and the voice of children"
