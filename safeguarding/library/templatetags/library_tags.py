"""Template filters for the library pages."""

from django import template

register = template.Library()


@register.filter
def thousands(value) -> str:
    """1140 -> "1,140"; anything that is not a number is shown as it is."""
    try:
        return f"{int(value):,}"
    except (TypeError, ValueError):
        return str(value)
