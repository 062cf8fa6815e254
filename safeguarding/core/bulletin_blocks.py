"""Sources of bulletin blocks: what each capability can put in a bulletin edition.

The bulletin (comms) composes an edition from blocks; a block can hold content another
capability publishes — key messages just published, newly published learning, courses
with places left, resources, campaigns. Each app registers its sources in its own
``capabilities.py``, so comms never imports them::

    bulletin_blocks.register(
        bulletin_blocks.BlockSource(
            key="training.courses-with-places",
            title="Courses with places left",
            order=30,
            items=lambda partnership, since: [...],   # -> list[BlockItem]
        )
    )

``items`` receives the partnership the edition belongs to and the date from which content
counts as new (the last edition's sending date, or a month ago), and returns only what the
public may read: the items are copied into the edition when the block is added, so an
edition never changes after it is sent. ``url`` is a site path such as ``/learning/12/``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class BlockItem:
    title: str
    url: str
    summary: str = ""


@dataclass(frozen=True)
class BlockSource:
    key: str
    title: str
    order: int
    items: Callable[[object, date], list[BlockItem]]  # (partnership, since) -> items
    description: str = ""


_SOURCES: dict[str, BlockSource] = {}


def register(source: BlockSource) -> None:
    _SOURCES[source.key] = source


def registered() -> list[BlockSource]:
    return sorted(_SOURCES.values(), key=lambda s: (s.order, s.key))


def get(key: str) -> BlockSource | None:
    return _SOURCES.get(key)
