"""The load benchmark's floor: the production settings and middleware, one bare view."""

from safeguarding.config.settings.production import *  # noqa: F403

ROOT_URLCONF = "floor_urls"
