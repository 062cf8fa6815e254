"""The order of what apps register, declared once beside each registry.

Every registry that shows what several apps add (navigation, dashboard panels, tracker
sources, priority links, footer pages, yearly-report and theme figures, approvals, bulletin
blocks, search kinds) keeps one tuple of keys in the order shown, next to the registry
(``core.dashboard.PANEL_ORDER``, ``core.tracker.SOURCE_ORDER``, ...). Apps register without
numbers. A key the tuple does not list is shown after the listed ones, in the order it was
registered (never an error at run time: a new app must still work), and
``core/tests/test_registry_order.py`` fails naming it, so a new app cannot forget to place
itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

T = TypeVar("T")


def position(order: Sequence[str], key: str) -> int:
    """Where ``key`` comes in ``order``; an unlisted key comes after every listed one."""
    try:
        return order.index(key)
    except ValueError:
        return len(order)


def in_order(items: Iterable[T], order: Sequence[str], key: Callable[[T], str]) -> list[T]:
    """``items`` in the declared order (a stable sort: unlisted ones keep the order they were
    registered in, after the listed ones)."""
    positions = {name: index for index, name in enumerate(order)}
    return sorted(items, key=lambda item: positions.get(key(item), len(order)))


def unplaced(keys: Iterable[str], order: Sequence[str]) -> list[str]:
    """Registered keys the declared order does not list."""
    return sorted(set(keys) - set(order))


def stale(keys: Iterable[str], order: Sequence[str]) -> list[str]:
    """Keys the declared order lists that nothing registers."""
    return sorted(set(order) - set(keys))
