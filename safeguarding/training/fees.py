"""What a place costs: the sector's fee (or the standard fee), less a member-group discount."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

PENNY = Decimal("0.01")


def fee_for(course, *, sector: str, member_group=None) -> Decimal:
    """Reads ``course.fees`` and ``course.discount_groups`` (prefetch them for lists)."""
    amount = course.standard_fee
    for fee in course.fees.all():
        if fee.sector == sector:
            amount = fee.amount
            break
    if member_group is not None and amount > 0:
        if any(group.pk == member_group.pk for group in course.discount_groups.all()):
            amount = amount * (100 - member_group.discount_percent) / 100
    return Decimal(amount).quantize(PENNY, rounding=ROUND_HALF_UP)


def fee_summary(course) -> str:
    """One line for the catalogue, such as “£40; £30 for ECVYS members” or “Free”."""
    amounts = [course.standard_fee, *(fee.amount for fee in course.fees.all())]
    if not any(amounts):
        return "Free"
    parts = []
    if course.standard_fee:
        parts.append(f"£{course.standard_fee:,.2f}")
    else:
        parts.append("Free for most sectors")
    for fee in course.fees.all():
        if fee.amount != course.standard_fee:
            shown = "free" if not fee.amount else f"£{fee.amount:,.2f}"
            parts.append(f"{shown} for {fee.get_sector_display().lower()}")
    for group in course.discount_groups.all():
        parts.append(f"{group.discount_percent}% off for {group.name}")
    return "; ".join(parts)
