"""What governance offers the published safeguarding arrangements (``reports``), through
``core.offers`` as ``governance.arrangements``: the partnership's bodies with their chairs,
and the relevant agencies. Public facts only (names of bodies, chairs and organisations)."""

from __future__ import annotations

from django.utils import timezone

from safeguarding.accounts.models import Agency
from safeguarding.governance.models import Body, MemberRole


def arrangements_facts(*, partnership_id: int) -> dict:
    today = timezone.localdate()
    bodies = (
        Body.objects.filter(partnerships=partnership_id, is_active=True)
        .prefetch_related("memberships__person")
        .order_by("name")
    )
    rows = []
    for body in bodies:
        chairs = sorted(
            str(m.person)
            for m in body.memberships.all()
            if m.role == MemberRole.CHAIR
            and m.starts_on <= today
            and (m.ends_on is None or m.ends_on >= today)
        )
        rows.append({"name": body.name, "type": body.get_type_display(), "chairs": chairs})
    agencies = list(
        Agency.objects.filter(partnerships=partnership_id)
        .order_by("name")
        .values_list("name", flat=True)
    )
    return {"bodies": rows, "relevant_agencies": agencies}
