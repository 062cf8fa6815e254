"""Reads for learning and development, always scoped to what the caller may see."""

from safeguarding.training.selectors.bookings import *  # noqa: F403
from safeguarding.training.selectors.briefings import *  # noqa: F403
from safeguarding.training.selectors.catalogue import *  # noqa: F403
from safeguarding.training.selectors.charges import *  # noqa: F403
from safeguarding.training.selectors.evaluation import *  # noqa: F403
from safeguarding.training.selectors.links import *  # noqa: F403
from safeguarding.training.selectors.manage import *  # noqa: F403
from safeguarding.training.selectors.member_groups import *  # noqa: F403
from safeguarding.training.selectors.reports import *  # noqa: F403
