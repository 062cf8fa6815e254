"""Recording refused attempts to open confidential records."""

from __future__ import annotations

from django.db import transaction

from safeguarding.core.audit import audit_record


@transaction.atomic
def access_refused_record(*, actor, what: str, pk, path: str) -> None:
    """Log that someone asked for a confidential record they may not see (or that does not
    exist). The record itself is not named, so the log does not leak it either."""
    audit_record(
        actor=actor,
        event=f"{what}.access_refused",
        after={"record": f"{what} {pk}", "path": path[:300]},
    )
