"""What links to a business-plan priority, from every app.

Governance shows its own records (agenda items, decisions, actions, key messages) on a
priority's page. Other apps register a provider in their ``capabilities.py`` so their
records (reviews, audits, courses, indicators…) appear there too, scoped by their own
selectors::

    from safeguarding.planning import priority_links

    priority_links.register(priority_links.Provider(
        key="reviews", title="Case reviews",
        items=lambda priority, user: [
            priority_links.Item(title=r.title, url=r.get_absolute_url(), status=r.status_label)
            for r in reviews_selectors.reviews_for_priority(user=user, priority=priority)
        ],
    ))

and places its key in ``LINK_ORDER`` below (core.ordering): the order of the page's sections.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from safeguarding.core import ordering


@dataclass(frozen=True)
class Item:
    title: str
    url: str
    status: str = ""
    detail: str = ""
    done: bool | None = None  # counted towards the priority's progress when not None


@dataclass(frozen=True)
class Provider:
    key: str
    title: str
    items: Callable[[object, object], list[Item]]  # (priority, user) -> items


# The order of the sections of a priority's page, in one place (core.ordering): governance's
# own records first, then what other apps link to the priority.
LINK_ORDER: tuple[str, ...] = (
    "governance-actions",
    "governance-agenda",
    "governance-decisions",
    "governance-key-messages",
    "reviews",
    "recommendations",
    "audit-campaigns",
    "case-audits",
    "training-courses",
    "indicators",
    "library-campaigns",
)

_PROVIDERS: dict[str, Provider] = {}


def register(provider: Provider) -> None:
    _PROVIDERS[provider.key] = provider


def sections_for(priority, user) -> list[tuple[Provider, list[Item]]]:
    return [
        (provider, provider.items(priority, user))
        for provider in ordering.in_order(_PROVIDERS.values(), LINK_ORDER, lambda p: p.key)
    ]


def register_model(
    *,
    key: str,
    title: str,
    queryset: Callable[[Any], QuerySet],
    url_name: str,
    status: Callable[[object], str] = lambda obj: "",
    done: Callable[[object], bool | None] = lambda obj: None,
    limit: int = 50,
) -> None:
    """Register a provider for a model with a ``priority`` foreign key.

    ``queryset(user)`` must be the app's own ``visible_to(user)`` queryset, so the priority
    page never shows a record the person could not open.
    """
    from django.urls import reverse

    def items(priority, user) -> list[Item]:
        records = queryset(user).filter(priority=priority).order_by("pk")[:limit]
        return [
            Item(
                title=str(obj),
                url=reverse(url_name, args=[obj.pk]),
                status=status(obj),
                done=done(obj),
            )
            for obj in records
        ]

    register(Provider(key=key, title=title, items=items))
