"""Small display helpers for training pages."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django import template

register = template.Library()

STATUS_COLOURS = {
    "booked": "green",
    "requested": "yellow",
    "waiting": "blue",
    "offered": "purple",
    "cancelled": "grey",
    "declined": "red",
    "offer_expired": "grey",
    "session_cancelled": "red",
}
ATTENDANCE_COLOURS = {"attended": "green", "late": "turquoise", "absent": "red"}


@register.filter
def status_colour(status: str) -> str:
    return STATUS_COLOURS.get(status, "grey")


@register.filter
def attendance_colour(attendance: str) -> str:
    return ATTENDANCE_COLOURS.get(attendance, "grey")


@register.filter
def percent(value) -> str:
    """Whole per cent, halves rounded up (12.5 → 13%)."""
    if value is None:
        return "–"
    rounded = Decimal(str(value)).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    return f"{rounded}%"


@register.filter
def one_decimal(value) -> str:
    if value is None:
        return "–"
    return f"{value:.1f}"


@register.filter
def number(value) -> str:
    """1,753 (thousands separated, as GOV.UK writes numbers)."""
    if value is None or value == "":
        return "–"
    return f"{value:,}"
