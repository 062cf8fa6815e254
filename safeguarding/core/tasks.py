"""Background tasks (django-tasks) of the platform itself: web-page imports (ADR 0033).

The task is defined beside what it runs and what queues it (``core.import_jobs``), so
nothing below this module imports it; this name stays for tasks queued before the move
(the database backend finds a queued task by its dotted path).
"""

from __future__ import annotations

from safeguarding.core.import_jobs import import_job_task

__all__ = ["import_job_task"]
