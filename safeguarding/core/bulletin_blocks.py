"""Sources of bulletin blocks: what each capability can put in a bulletin edition.

The bulletin (comms) composes an edition from blocks; a block can hold content another
capability publishes — key messages just published, newly published learning, courses
with places left, resources, campaigns. Each app registers its sources in its own
``capabilities.py``, so comms never imports them::

    bulletin_blocks.register(
        bulletin_blocks.BlockSource(
            key="training.courses-with-places",
            title="Courses with places left",
            items=lambda partnership, since: [...],   # -> list[BlockItem]
        )
    )

``items`` receives the partnership the edition belongs to and the date from which content
counts as new (the last edition's sending date, or a month ago), and returns only what the
public may read: the items are copied into the edition when the block is added, so an
edition never changes after it is sent. ``url`` is a site path such as ``/learning/12/``.
The order in which sources are offered is ``SOURCE_ORDER`` below (core.ordering).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from safeguarding.core import ordering


@dataclass(frozen=True)
class BlockItem:
    title: str
    url: str
    summary: str = ""


@dataclass(frozen=True)
class BlockSource:
    key: str
    title: str
    items: Callable[[object, date], list[BlockItem]]  # (partnership, since) -> items
    description: str = ""


# The order in which an edition's editor is offered the sources, in one place (core.ordering).
SOURCE_ORDER: tuple[str, ...] = (
    "governance.key-messages",
    "reviews.learning",
    "training.courses-with-places",
    "library.resources",
    "library.campaigns",
)

_SOURCES: dict[str, BlockSource] = {}


def register(source: BlockSource) -> None:
    _SOURCES[source.key] = source


def registered() -> list[BlockSource]:
    return ordering.in_order(_SOURCES.values(), SOURCE_ORDER, lambda s: s.key)


def get(key: str) -> BlockSource | None:
    return _SOURCES.get(key)
