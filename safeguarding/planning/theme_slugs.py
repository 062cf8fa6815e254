"""Theme slugs that must never be given to a theme.

A theme's page is ``/themes/<slug>/``, but fixed pages live beside it (``/themes/merge/``,
``/themes/suggestions/``): a theme whose slug was "merge" would have a page nobody could
reach. The reserved slugs are read from the URL configuration, so a fixed page added under
``/themes/`` later is reserved without anyone remembering to list it; the few below are
reserved whatever the URLs say.
"""

from __future__ import annotations

from functools import lru_cache

from django.urls import URLPattern, URLResolver, get_resolver

ALWAYS_RESERVED = frozenset({"merge", "suggestions", "new", "edit", "search", "api"})
PREFIX = "themes/"


def _fixed_routes(patterns, prefix: str = ""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _fixed_routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route


@lru_cache(maxsize=1)
def reserved_theme_slugs() -> frozenset[str]:
    """Every slug a theme may not take: fixed paths directly under ``/themes/``."""
    reserved = set(ALWAYS_RESERVED)
    for route in _fixed_routes(get_resolver().url_patterns):
        route = route.lstrip("^")
        if not route.startswith(PREFIX):
            continue
        rest = route[len(PREFIX) :].rstrip("$").strip("/")
        first = rest.split("/", 1)[0]
        if first and "<" not in first and "(" not in first:
            reserved.add(first)
    return frozenset(reserved)


def free_theme_slug(slug: str, taken=lambda slug: False) -> str:
    """``slug`` itself, or if it is reserved or ``taken(slug)``, the first free one of
    ``<slug>-theme``, ``<slug>-theme-2``, ``<slug>-theme-3``…"""
    if slug not in reserved_theme_slugs() and not taken(slug):
        return slug
    base = f"{slug}-theme"[:100]
    candidate, number = base, 1
    while candidate in reserved_theme_slugs() or taken(candidate):
        number += 1
        suffix = f"-{number}"
        candidate = base[: 100 - len(suffix)] + suffix
    return candidate
