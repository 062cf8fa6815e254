"""Infrastructure models: the base model every record extends, and the audit log."""

from __future__ import annotations

from contextvars import ContextVar

from django.conf import settings
from django.db import models

# Set only by ``core.audit.archive_audit_events`` while it removes archived events.
audit_log_archiving: ContextVar[bool] = ContextVar("audit_log_archiving", default=False)

APPEND_ONLY_MESSAGE = (
    "The audit log is append-only: events are never changed or deleted. Old events are "
    "removed only by `safeguarding archive-audit-log`, which writes them to a file first."
)


class AuditLogIsAppendOnly(Exception):
    """Raised by any attempt to change or delete an audit event."""

    def __init__(self, message: str = APPEND_ONLY_MESSAGE) -> None:
        super().__init__(message)


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class AppendOnlyQuerySet(models.QuerySet):
    """No update at all; delete only inside the archiving command."""

    def update(self, **kwargs):
        raise AuditLogIsAppendOnly()

    def delete(self):
        if not audit_log_archiving.get():
            raise AuditLogIsAppendOnly()
        return super().delete()


class AuditEventQuerySet(AppendOnlyQuerySet):
    def visible_to(self, user) -> AuditEventQuerySet:
        """Events about the partnerships where the person is business unit or chair.

        Those two roles see every record of their partnership, so they see every event about
        one; an event about another partnership's record is not theirs to read. Events with
        no partnership (system-wide: the shared template library, archiving) are read by
        superusers only, who read everything.
        """
        from safeguarding.core.permissions import partnerships_where
        from safeguarding.core.roles import Role

        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        partnership_ids = partnerships_where(user, [Role.BUSINESS_UNIT, Role.CHAIR])
        if not partnership_ids:
            return self.none()
        return self.filter(
            models.Exists(
                AuditEventPartnership.objects.filter(
                    event=models.OuterRef("pk"), partnership_id__in=partnership_ids
                )
            )
        )


class AuditChannel(models.TextChoices):
    """How the change came in: the code says what happened, the channel says through what
    (the values are core.channels.CHANNELS)."""

    PAGE = "page", "Page"
    API = "api", "API"
    COMMAND = "command", "Command line"
    SCHEDULE = "schedule", "Scheduled job"


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
        on_delete=models.PROTECT,  # deactivate people; their history stays theirs
        related_name="audit_events",
    )
    actor_label = models.CharField(
        max_length=200, help_text="The person's email, or the name of the system job."
    )
    event = models.CharField(max_length=100, db_index=True)
    channel = models.CharField(
        max_length=20,
        choices=AuditChannel.choices,
        blank=True,
        help_text="Pages, the API, the command line or a scheduled job; blank before it was kept.",
    )
    target_type = models.CharField(max_length=100, blank=True, db_index=True)
    target_id = models.CharField(max_length=64, blank=True)
    target_label = models.CharField(max_length=300, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    partnerships = models.ManyToManyField(
        "accounts.Partnership",
        through="AuditEventPartnership",
        related_name="+",
        blank=True,
        help_text="The partnerships of the record the event is about; none means system-wide.",
    )

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_label} {self.event}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AuditLogIsAppendOnly()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditLogIsAppendOnly()

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


class AuditEventPartnership(models.Model):
    """One partnership an audit event belongs to (the partnership of the record it is about).

    A partnership with audit events cannot be deleted: its history would lose its owner.
    """

    event = models.ForeignKey(AuditEvent, on_delete=models.CASCADE, related_name="+")
    partnership = models.ForeignKey(
        "accounts.Partnership", on_delete=models.PROTECT, related_name="+"
    )

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["event", "partnership"], name="unique_audit_event_partnership"
            )
        ]

    def __str__(self) -> str:
        return f"{self.event_id} in {self.partnership_id}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AuditLogIsAppendOnly()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditLogIsAppendOnly()


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


# Each import job keeps what its importer returns; lists of problems are cut to this length.
IMPORT_JOB_ROWS_KEPT = 500


class ImportJobStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Reading the file"
    DONE = "done", "Finished"
    FAILED = "failed", "Failed"


class ImportJobQuerySet(models.QuerySet):
    def visible_to(self, user) -> ImportJobQuerySet:
        """Only the business unit of the partnership the file was uploaded for sees the job."""
        from safeguarding.core.permissions import partnerships_where
        from safeguarding.core.roles import Role

        return self.filter(partnership_id__in=partnerships_where(user, [Role.BUSINESS_UNIT]))


class ImportJob(TimeStampedModel):
    """A file uploaded on an import page, imported by the background worker (ADR 0033).

    ``kind`` names the importer in ``core.import_jobs`` (its app registers it); ``options``
    are what the page asked (a dry run, a template name); ``result`` is the importer's summary
    (JSON), shown by the importer's own result template once the job is done. Progress is
    saved outside the import's transaction, so the progress page can show it."""

    partnership = models.ForeignKey(
        "accounts.Partnership", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=50)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    file = models.FileField(upload_to="imports/%Y/%m/", max_length=300, blank=True)
    original_name = models.CharField(max_length=255)
    options = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=10, choices=ImportJobStatus.choices, default=ImportJobStatus.QUEUED
    )
    rows_total = models.PositiveIntegerField(null=True, blank=True)
    rows_done = models.PositiveIntegerField(default=0)
    result = models.JSONField(default=dict, blank=True)
    failure = models.TextField(blank=True, help_text="Why the import could not run")
    finished_at = models.DateTimeField(null=True, blank=True)
    # When the housekeeping job deleted the stored file of a check never imported (or of a
    # job that never finished): the job can no longer be confirmed.
    file_deleted_at = models.DateTimeField(null=True, blank=True)
    # When the job's page first sent the person on to the result (with its message): going
    # back to the page later sends them on without the message again.
    result_shown_at = models.DateTimeField(null=True, blank=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["partnership", "kind", "-created_at"])]

    def __str__(self) -> str:
        return f"Import of {self.original_name}"

    @property
    def is_finished(self) -> bool:
        return self.status in (ImportJobStatus.DONE, ImportJobStatus.FAILED)

    @property
    def dry_run(self) -> bool:
        return bool(self.options.get("dry_run"))

    @property
    def percent(self) -> int:
        if self.status == ImportJobStatus.DONE:
            return 100
        if not self.rows_total:
            return 0
        return min(100, self.rows_done * 100 // self.rows_total)
