"""Context for the comms dashboard panel."""

from __future__ import annotations

from safeguarding.comms.selectors import bulletins as selectors


def next_bulletin(request) -> dict:
    bulletin = selectors.next_bulletin(user=request.user)
    last = None
    if bulletin is not None:
        trend = selectors.bulletin_trend(partnership=bulletin.partnership, limit=1)
        last = trend[0].open_rate if trend else None
    return {"next_bulletin": bulletin, "last_open_rate": last}


def concern_numbers(partnership) -> dict | None:
    """The "Concerned about a child?" panel's numbers for a partnership (None: not set)."""
    from safeguarding.comms.models import CommsSettings

    found = CommsSettings.objects.filter(partnership=partnership).first()
    if found is None or not found.has_numbers:
        return None
    numbers = []
    if found.front_door_phone:
        numbers.append(
            {
                "label": found.front_door_name or "Children's social care",
                "phone": found.front_door_phone,
                "tel": "".join(c for c in found.front_door_phone if c.isdigit() or c == "+"),
                "hours": found.front_door_hours,
            }
        )
    if found.out_of_hours_phone:
        numbers.append(
            {
                "label": "Out of hours",
                "phone": found.out_of_hours_phone,
                "tel": "".join(c for c in found.out_of_hours_phone if c.isdigit() or c == "+"),
                "hours": "Evenings, weekends and bank holidays",
            }
        )
    if found.police_non_emergency:
        numbers.append(
            {
                "label": "Police (not an emergency)",
                "phone": found.police_non_emergency,
                "tel": "".join(c for c in found.police_non_emergency if c.isdigit() or c == "+"),
                "hours": "",
            }
        )
    return {"numbers": numbers}
