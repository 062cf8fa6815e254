"""Merging one practice theme into another without losing what is tagged (ADR 0026).

Renaming, retiring and synonyms are governance's theme pages (``theme_update``); a merge
moves every record of every app from one theme to the other. It finds the tags through the
``Theme`` model's many-to-many relations, so it needs no domain app, moves the merged theme's
narrower themes under the other, retires the merged theme and remembers the merge — a merge
that would make a loop (of merges, or in the broader/narrower hierarchy) is refused."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ManyToManyField

from safeguarding.core import searching
from safeguarding.core.audit import audit_record
from safeguarding.planning.models import Theme
from safeguarding.search import audit_events
from safeguarding.search.models import ThemeMerge
from safeguarding.search.services.index import index_records


def _tag_relations():
    """(through model, record column, theme column, record model) for every theme tag."""
    for relation in Theme._meta.related_objects:
        if not relation.many_to_many:
            continue
        field = relation.field
        if not isinstance(field, ManyToManyField):
            raise TypeError(f"{field!r} tags themes but is not a many-to-many field.")
        through = field.remote_field.through
        record_model = field.model
        record_column = field.m2m_field_name() + "_id"
        theme_column = field.m2m_reverse_field_name() + "_id"
        yield through, record_column, theme_column, record_model


def theme_merge(*, actor, merged: Theme, into: Theme) -> int:
    """Move every record tagged ``merged`` to ``into``; returns how many records moved."""
    if merged.pk == into.pk:
        raise ValidationError("Choose two different themes: a theme cannot be merged into itself.")
    with transaction.atomic():
        merged = Theme.objects.select_for_update().get(pk=merged.pk)
        into = Theme.objects.select_for_update().get(pk=into.pk)
        step: Theme | None = into
        seen: set[int] = set()
        while step is not None and step.pk not in seen:
            if step.pk == merged.pk:
                raise ValidationError(
                    f"“{into.name}” was itself merged into “{merged.name}”, so merging "
                    f"“{merged.name}” into it would make a loop. Merge the other way round."
                )
            seen.add(step.pk)
            link = ThemeMerge.objects.filter(merged=step).select_related("into").first()
            step = link.into if link else None
        if any(broader.pk == merged.pk for broader in into.broader_chain()):
            raise ValidationError(
                f"“{into.name}” is narrower than “{merged.name}”, so merging “{merged.name}” "
                f"into it would make a loop in the hierarchy. Merge “{into.name}” into "
                f"“{merged.name}” instead, or first give “{into.name}” another broader theme."
            )
        if ThemeMerge.objects.filter(merged=merged).exists():
            raise ValidationError(f"“{merged.name}” has already been merged into another theme.")
        moved = 0
        for through, record_column, theme_column, record_model in _tag_relations():
            records = set(
                through.objects.filter(**{theme_column: merged.pk}).values_list(
                    record_column, flat=True
                )
            )
            if not records:
                continue
            already = set(
                through.objects.filter(
                    **{theme_column: into.pk, f"{record_column}__in": records}
                ).values_list(record_column, flat=True)
            )
            through.objects.bulk_create(
                [through(**{record_column: pk, theme_column: into.pk}) for pk in records - already]
            )
            through.objects.filter(**{theme_column: merged.pk}).delete()
            moved += len(records)
            for kind in searching.kind_for_model(record_model):
                index_records(kind, records)
        narrower = list(Theme.objects.filter(parent=merged).values_list("slug", flat=True))
        Theme.objects.filter(parent=merged).update(parent=into)
        merged.is_active = False
        merged.save(update_fields=["is_active", "updated_at"])
        ThemeMerge.objects.create(merged=merged, into=into, records_moved=moved)
        audit_record(
            actor=actor,
            event=audit_events.THEME_MERGE,
            target=into,
            before={"merged": merged.slug},
            after={"into": into.slug, "records_moved": moved, "narrower_moved": narrower},
        )
    return moved
