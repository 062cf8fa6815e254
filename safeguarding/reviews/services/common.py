"""Helpers every case-review service uses: the edit-version check, and the date and
required-value checks (kept in ``reviews.validation``, below the services, because the
workflow's step validators use them too)."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from safeguarding.reviews.validation import not_before, not_in_future, required, today

__all__ = [
    "ConcurrentEditError",
    "lock",
    "not_before",
    "not_in_future",
    "required",
    "save_new_version",
    "today",
]


class ConcurrentEditError(ValidationError):
    """Someone else saved the record after this person opened it."""

    def __init__(self, instance, expected: int | None):
        self.current_version = instance.version
        super().__init__(
            f"Someone else changed this {instance._meta.verbose_name} while you were working on "
            "it, so your changes have not been saved. Open it again to see their changes, then "
            "make yours.",
            code="concurrent_edit",
        )


def lock(model, instance, expected_version: int | None):
    """The record re-read under a row lock, refused if it changed since ``expected_version``.

    ``expected_version`` is the version the person's form was built from; None (scripts,
    the demo loader, scheduled jobs) skips the check.
    """
    locked = model.objects.select_for_update().get(pk=instance.pk)
    if expected_version is not None and int(expected_version) != locked.version:
        raise ConcurrentEditError(locked, expected_version)
    return locked


def save_new_version(instance, *, update_fields: list[str] | None = None) -> None:
    instance.version += 1
    instance.full_clean()
    if update_fields is not None:
        instance.save(update_fields=[*update_fields, "version", "updated_at"])
    else:
        instance.save()
