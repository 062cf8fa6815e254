"""Amounts of money, shown one way everywhere: £1,234.56, a negative amount in brackets."""

from __future__ import annotations

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def money(value) -> str:
    """£1,234.56; a negative amount in brackets, as in the partnership's accounts: (£1,234.56)."""
    if value is None or value == "":
        return ""
    amount = Decimal(str(value))
    text = f"£{abs(amount):,.2f}"
    return f"({text})" if amount < 0 else text
