"""Resources: adding one, and counting its use without cookies or personal data."""

from __future__ import annotations

import re
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from safeguarding.core.services import model_update
from safeguarding.core.uploads import DOCUMENT_FILE_RULES, FileRules, uploaded_file_check
from safeguarding.library.audit_events import RESOURCE_CREATE, RESOURCE_UPDATE
from safeguarding.library.models import Resource, ResourceUsage

RESOURCE_FILE_RULES = FileRules(
    extensions=DOCUMENT_FILE_RULES.extensions | {".png", ".jpg", ".jpeg"},
    max_bytes=DOCUMENT_FILE_RULES.max_bytes,
)
RESOURCE_FIELDS = [
    "title",
    "title_key",
    "kind",
    "summary",
    "audiences",
    "themes",
    "priority",
    "owner_agency",
    "owner_name",
    "link",
    "status",
    "published_on",
    "review_on",
]
USAGE_COUNTERS = ("views", "downloads", "plays")


def title_key(title: str) -> str:
    """A title normalised for matching re-imports: case, spaces and punctuation ignored."""
    return re.sub(r"[^a-z0-9]+", " ", title.lower()).strip()[:200]


def resource_create(*, actor=None, job: str | None = None, partnership, data: dict, upload=None):
    """Add a resource; a file is checked (type from its bytes, no active content) first."""
    with transaction.atomic():
        resource = Resource(partnership=partnership)
        data = {**data, "title_key": title_key(data.get("title", ""))}
        if upload is not None:
            checked = uploaded_file_check(upload, rules=RESOURCE_FILE_RULES)
            resource.file_content_type = checked.content_type
            resource.file.save(checked.name, upload, save=False)
        resource, _ = model_update(
            resource,
            fields=RESOURCE_FIELDS,
            data=data,
            actor=actor,
            job=job,
            event=RESOURCE_CREATE,
            strip=True,
        )
        return resource


def resource_update(
    *, actor=None, job: str | None = None, resource: Resource, data: dict, upload=None
):
    """Change a resource's details (and its file, when a new one is given, checked first)."""
    with transaction.atomic():
        if "title" in data:
            data = {**data, "title_key": title_key(data["title"])}
        if upload is not None:
            checked = uploaded_file_check(upload, rules=RESOURCE_FILE_RULES)
            resource.file_content_type = checked.content_type
            resource.file.save(checked.name, upload, save=False)
            resource.save(update_fields=["file", "file_content_type", "updated_at"])
        resource, _ = model_update(
            resource,
            fields=RESOURCE_FIELDS,
            data=data,
            actor=actor,
            job=job,
            event=RESOURCE_UPDATE,
            strip=True,
        )
        return resource


def resource_usage_count(*, resource_id: int, counter: str, day: date | None = None) -> None:
    """Add one view, download or play to the resource's row for the day.

    One row per resource per day, incremented in the database (``F() + 1``), so two visits
    at the same moment both count. Nothing about the visitor is stored."""
    if counter not in USAGE_COUNTERS:
        raise ValueError(f"Unknown usage counter {counter!r}")
    day = day or timezone.localdate()
    rows = ResourceUsage.objects.filter(resource_id=resource_id, day=day)
    if rows.update(**{counter: F(counter) + 1}):
        return
    try:
        with transaction.atomic():
            ResourceUsage.objects.create(resource_id=resource_id, day=day, **{counter: 1})
    except IntegrityError:  # another request created the day's row first
        rows.update(**{counter: F(counter) + 1})
