"""Template helpers for statutory clocks and review status tags."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def clock_tag(clock, today):
    text, colour = clock.tag(today)
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, text)


@register.simple_tag
def clock_left(clock, today) -> str:
    return clock.time_left(today)


@register.filter
def needs_reason(clock, today) -> bool:
    return clock.needs_reason(today)


@register.filter
def breached(clock, today) -> bool:
    return clock.is_breached(today)


@register.filter
def lines(text: str) -> list[str]:
    """Non-empty lines of a text field (one finding per line)."""
    return [line.strip(" -•\t") for line in (text or "").splitlines() if line.strip(" -•\t")]
