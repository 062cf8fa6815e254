"""Background tasks (django-tasks) for accounts: the invitations of imported people (the
imports themselves run as core import jobs, ADR 0033)."""

from __future__ import annotations

from django_tasks import task


@task()
def person_invitation_task(
    *, person_id: int, partnership_id: int, role: str, inviter_id: int | None = None
) -> None:
    """Email a newly imported person their invitation, with a signed link to choose their
    password (made now, so it is valid for the whole reset timeout from sending)."""
    from safeguarding.accounts.services import person_invitation_send

    person_invitation_send(
        person_id=person_id, partnership_id=partnership_id, role=role, inviter_id=inviter_id
    )
