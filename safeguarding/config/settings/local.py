"""Development on a laptop: debug on by default, tasks run immediately, emails printed."""

from safeguarding.config.env import ENV
from safeguarding.config.settings.base import *  # noqa: F403
from safeguarding.config.settings.base import TASKS

DEBUG = True if ENV.debug is None else ENV.debug
SECRET_KEY = ENV.development_secret_key()
ALLOWED_HOSTS = ENV.allowed_hosts or ["127.0.0.1", "localhost", "[::1]"]
if ENV.tasks_immediate is None:
    TASKS["default"]["BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
