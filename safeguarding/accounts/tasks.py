"""Background tasks (django-tasks) for accounts: the invitations of imported people (the
imports themselves run as core import jobs, ADR 0033).

The task is defined beside the service it runs (``accounts.services``), so the people
import queues it without importing a higher module; this name stays for invitations
queued before the move (the database backend finds a queued task by its dotted path).
"""

from __future__ import annotations

from safeguarding.accounts.services import person_invitation_task

__all__ = ["person_invitation_task"]
