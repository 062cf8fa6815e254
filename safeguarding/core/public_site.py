"""What every public page shows beyond its own content: the "Concerned about a child?"
panel and the public pages listed in the footer.

Apps fill these from their ``capabilities.py``: ``register_footer_page`` adds a link to the
footer of every page; ``register_concern_panel`` names the function that gives the
partnership's own contact numbers (the comms app keeps them). Core's context processor
reads both, so the base template shows them without knowing which app provides them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from safeguarding.core import ordering


@dataclass(frozen=True)
class FooterPage:
    label: str
    url_name: str


# The order of the footer's links, by URL name, in one place (core.ordering).
FOOTER_ORDER: tuple[str, ...] = ("comms:subscribe", "comms:bulletin-archive")


_FOOTER: dict[str, FooterPage] = {}
_CONCERN: list[Callable[[object], dict | None]] = []


def register_footer_page(page: FooterPage) -> None:
    _FOOTER[page.url_name] = page


def footer_pages() -> list[FooterPage]:
    return ordering.in_order(_FOOTER.values(), FOOTER_ORDER, lambda p: p.url_name)


def register_concern_panel(provider: Callable[[object], dict | None]) -> None:
    """``provider(partnership)`` returns the panel's numbers, or None to show the default."""
    _CONCERN[:] = [provider]


def concern_panel(partnership) -> dict | None:
    if not _CONCERN or not partnership:  # no partnership (a lazy None on an empty site)
        return None
    return _CONCERN[0](partnership)
