"""The service navigation: each app registers its items; each user sees the ones they may use."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    order: int
    permission: str | None = None  # None: shown to everyone, signed in or not
    signed_in: bool | None = None  # True: only when signed in; False: only when signed out


_ITEMS: list[NavItem] = []


def register(item: NavItem) -> None:
    if item not in _ITEMS:
        _ITEMS.append(item)


def items_for(request) -> list[dict]:
    user = request.user
    path = request.path
    result = []
    for item in sorted(_ITEMS, key=lambda i: i.order):
        if item.signed_in is True and not user.is_authenticated:
            continue
        if item.signed_in is False and user.is_authenticated:
            continue
        if item.permission and not user.has_perm(item.permission):
            continue
        href = reverse(item.url_name)
        current = path == href if href == "/" else path.startswith(href)
        result.append({"label": item.label, "href": href, "current": current})
    return result
