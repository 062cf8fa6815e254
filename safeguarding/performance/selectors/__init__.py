"""Reads for performance data and finance, always scoped to what the user may see."""

from .finance import *  # noqa: F403
from .imports import *  # noqa: F403
from .indicators import *  # noqa: F403
