"""One way to change some fields of a record (ADR 0020).

:func:`model_update` sets the named fields that are present in ``data`` – many-to-many
fields too, after the save – validates the record, saves only what changed and writes one
audit event with before and after snapshots. When nothing changed nothing is written and
no event is recorded; the caller learns that from the empty list it gets back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.db import models, transaction

from safeguarding.core.audit import audit_record, snapshot

M = TypeVar("M", bound=models.Model)


def _same(current: Any, value: Any) -> bool:
    if isinstance(current, models.Model) or isinstance(value, models.Model):
        cur = current.pk if isinstance(current, models.Model) else current
        new = value.pk if isinstance(value, models.Model) else value
        return cur == new and (current is None) == (value is None)
    return current == value


def _members(value: Iterable) -> set:
    return {v.pk if isinstance(v, models.Model) else v for v in value}


def save_validated(instance: models.Model, *, exclude: list[str] | None = None) -> None:
    """Validate the whole record (``full_clean``, skipping ``exclude``) and save it: for a
    service that builds a record itself rather than updating named fields."""
    instance.full_clean(exclude=exclude)
    instance.save()


def model_update(
    instance: M,
    *,
    fields: Iterable[str],
    data: dict[str, Any],
    actor=None,
    job: str | None = None,
    event: str | None,
    full_clean: bool = True,
    exclude: list[str] | None = None,
    audit_fields: Iterable[str] | None = None,
    before: dict | None = None,
    save: Callable[[M, list[str]], None] | None = None,
    validate: Callable[[M], None] | None = None,
    target: models.Model | None = None,
    strip: bool = False,
    describe: Callable[[M], dict] | None = None,
    always: bool = False,
    then: Callable[[M], None] | None = None,
    partnerships: Iterable | None = None,
) -> tuple[M, list[str]]:
    """Set the ``fields`` given in ``data`` on ``instance``; return it and the names changed.

    * Only names listed in ``fields`` are taken from ``data``; others in ``data`` are ignored.
    * ``full_clean`` (default) validates the record before saving (``exclude`` skips fields).
    * Only changed concrete fields are saved (plus any ``auto_now`` field), then the
      many-to-many fields are set.
    * With ``event``, an audit event records the snapshot of ``audit_fields`` (default:
      ``fields``) before and after; ``before`` overrides the before snapshot.
    * ``save(instance, update_fields)`` replaces the plain save (to bump a version, say).
    * ``validate(instance)`` runs the service's own rules on the changed record before
      ``full_clean`` (raise ``ValidationError`` to refuse); ``target`` is the record the
      audit event is about when it is not ``instance``; ``strip`` trims text values.
    * ``describe(instance)`` gives the audit snapshot (before and after) when the event
      records more than the plain fields – related records, members by slug.
    * ``then(instance)`` writes what follows the save in the same change (child records, a
      dependent record) before the audit event's "after" is taken.
    * ``always`` validates, saves and records the event even when no field changed: for a
      save that is itself the act (it bumps a version, or the edit is recorded as such).
    * ``partnerships`` names the partnerships the audit event belongs to when the target's
      own cannot be worked out (see ``audit_record``).

    Runs inside the caller's transaction. Nothing is written when nothing changed (unless
    ``always``)."""
    fields = list(fields)
    audit_fields = list(audit_fields) if audit_fields is not None else fields
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("model_update must run inside the service's transaction.")
    many = {f.name for f in instance._meta.many_to_many}

    def describe_now() -> dict:
        return describe(instance) if describe is not None else snapshot(instance, audit_fields)

    if before is None:
        before = describe_now()
    changed: list[str] = []
    m2m: dict[str, set] = {}
    for name in fields:
        if name not in data:
            continue
        value = data[name]
        if strip and isinstance(value, str):
            value = value.strip()
        if name in many:
            wanted = _members(value or ())
            current = set() if instance.pk is None else _members(getattr(instance, name).all())
            if wanted != current:
                m2m[name] = wanted
                changed.append(name)
        elif not _same(getattr(instance, name), value):
            setattr(instance, name, value)
            changed.append(name)
    if not changed and not always:
        return instance, []
    concrete = [n for n in changed if n not in many]
    if validate is not None:
        validate(instance)
    if full_clean:
        instance.full_clean(exclude=exclude)
    if concrete or instance.pk is None or always:
        auto = [
            f.name
            for f in instance._meta.concrete_fields
            if getattr(f, "auto_now", False) and f.name not in concrete
        ]
        update_fields = [*concrete, *auto]
        if save is not None:
            save(instance, update_fields)
        elif instance.pk is None:
            instance.save()
        else:
            instance.save(update_fields=update_fields)
    for name, wanted in m2m.items():
        getattr(instance, name).set(wanted)
    if then is not None:
        then(instance)
    if event:
        audit_record(
            actor=actor,
            job=job,
            event=event,
            target=target if target is not None else instance,
            before=before,
            after=describe_now(),
            partnerships=partnerships,
        )
    return instance, changed
