"""Infrastructure models: the base model every record extends, and the audit log."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class AuditEventQuerySet(models.QuerySet):
    def visible_to(self, user) -> AuditEventQuerySet:
        """Only the business unit and chairs read the audit log; everyone else sees nothing."""
        from safeguarding.core.permissions import can_read_audit_log

        if not can_read_audit_log(user):
            return self.none()
        return self


class AuditEvent(models.Model):
    """One thing that happened: who (or which job) did what to which record, and when.

    Written by services inside the same transaction as the change it records, so a change
    without its audit event (or an event without its change) cannot exist.
    """

    occurred_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events",
    )
    actor_label = models.CharField(
        max_length=200, help_text="The person's email, or the name of the system job."
    )
    event = models.CharField(max_length=100, db_index=True)
    target_type = models.CharField(max_length=100, blank=True, db_index=True)
    target_id = models.CharField(max_length=64, blank=True)
    target_label = models.CharField(max_length=300, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_label} {self.event}"

    @property
    def changes(self) -> list[tuple[str, object, object]]:
        before = self.before or {}
        after = self.after or {}
        keys = sorted(set(before) | set(after))
        return [
            (key, before.get(key), after.get(key))
            for key in keys
            if before.get(key) != after.get(key)
        ]


class ScheduledJobRun(models.Model):
    """Remembers that a scheduled job has done one piece of work, so it is never done twice.

    ``key`` names the piece of work (e.g. "reminder:action:42:2026-11-24"); the unique
    constraint makes `run-schedule` idempotent even when two runs overlap.
    """

    job = models.CharField(max_length=100)
    key = models.CharField(max_length=300)
    ran_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "key"], name="unique_job_run")]

    def __str__(self) -> str:
        return f"{self.job}: {self.key}"


class Heartbeat(models.Model):
    """When a background process last showed it was alive ("schedule", "worker").

    ``safeguarding run-schedule`` beats "schedule" each time it runs and queues a tiny task
    that beats "worker" when the task worker runs it; ``/healthz`` reports both.
    """

    name = models.CharField(max_length=50, unique=True)
    beat_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name}: {self.beat_at:%Y-%m-%d %H:%M}"


class RateLimitHit(models.Model):
    """One counted request for a rate limit (e.g. password-reset requests per address).

    Kept in the database so every web worker shares the count; ``key`` is a keyed hash of
    the address, never the address itself, and rows older than the window are deleted.
    """

    scope = models.CharField(max_length=50)
    key = models.CharField(max_length=64)
    created_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["scope", "key", "created_at"], name="rate_limit_lookup")]

    def __str__(self) -> str:
        return f"{self.scope} {self.created_at:%Y-%m-%d %H:%M}"
