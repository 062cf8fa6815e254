"""Keeping the search index current.

Every registered kind is followed: when one of its records is saved, its themes change, or
a record it depends on changes, the record's row is written again in the same transaction
(so a rolled-back change leaves the index as it was); a deleted record's row goes. This is
index upkeep, not business logic, which is why it may listen to signals (ADR 0026): bulk
writes escape signals, and ``safeguarding reindex`` rebuilds everything from the records.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from safeguarding.core import searching
from safeguarding.core.audit import audit_record
from safeguarding.search import audit_events
from safeguarding.search.models import SearchDocument

BATCH = 2000
_FOLLOWED: set[str] = set()


def _row(kind: searching.Kind, doc: searching.Document) -> SearchDocument:
    return SearchDocument(
        kind=kind.key,
        object_id=doc.object_id,
        title=doc.title[:300],
        body=doc.body,
        url=doc.url[:300],
        date=doc.date,
        year=doc.date.year if doc.date else None,
        partnership_id=doc.partnership_id,
        is_public=doc.public,
        is_external=doc.external,
        detail=doc.detail[:200],
    )


def _write(kind: searching.Kind, docs: list[searching.Document]) -> None:
    rows = SearchDocument.objects.bulk_create([_row(kind, d) for d in docs], batch_size=BATCH)
    if connection_returns_ids(rows):
        ids = {row.object_id: row.pk for row in rows}
    else:
        ids = dict(
            SearchDocument.objects.filter(
                kind=kind.key, object_id__in=[d.object_id for d in docs]
            ).values_list("object_id", "pk")
        )
    through = SearchDocument.themes.through
    through.objects.bulk_create(
        [
            through(searchdocument_id=ids[d.object_id], theme_id=theme_id)
            for d in docs
            for theme_id in set(d.theme_ids)
        ],
        batch_size=BATCH,
    )
    joint = SearchDocument.joint_partnerships.through
    joint.objects.bulk_create(
        [
            joint(searchdocument_id=ids[d.object_id], partnership_id=partnership_id)
            for d in docs
            for partnership_id in set(d.joint_partnership_ids) - {d.partnership_id}
        ],
        batch_size=BATCH,
    )


def connection_returns_ids(rows: list[SearchDocument]) -> bool:
    return all(row.pk is not None for row in rows)


def index_records(kind: searching.Kind, pks: Iterable[int]) -> int:
    """Write the rows of these records again (or remove them when the kind no longer
    indexes them). Returns how many rows are now in the index for them."""
    pks = list(pks)
    with transaction.atomic():
        docs = list(kind.documents(kind.records().filter(pk__in=pks)))
        SearchDocument.objects.filter(kind=kind.key, object_id__in=pks).delete()
        _write(kind, docs)
    return len(docs)


def remove_records(kind: searching.Kind, pks: Iterable[int]) -> None:
    SearchDocument.objects.filter(kind=kind.key, object_id__in=list(pks)).delete()


def reindex(*, kind_keys: list[str] | None = None, job: str = "reindex", progress=None) -> dict:
    """Rebuild the index from the records, one kind at a time; rows of kinds no longer
    registered go. Returns ``{kind: rows}``."""
    counts: dict[str, int] = {}
    wanted = [k for k in searching.kinds() if kind_keys is None or k.key in kind_keys]
    with transaction.atomic():
        if kind_keys is None:
            SearchDocument.objects.exclude(kind__in=[k.key for k in wanted]).delete()
        for kind in wanted:
            SearchDocument.objects.filter(kind=kind.key).delete()
            total = 0
            batch: list[searching.Document] = []
            for doc in kind.documents(kind.records().iterator(chunk_size=BATCH)):
                batch.append(doc)
                if len(batch) >= BATCH:
                    _write(kind, batch)
                    total += len(batch)
                    batch = []
            if batch:
                _write(kind, batch)
                total += len(batch)
            counts[kind.key] = total
            if progress:
                progress(kind, total)
        audit_record(
            job=job,
            event=audit_events.INDEX_REBUILD,
            target=None,
            after={"rows": counts},
        )
    return counts


def follow(kind: searching.Kind) -> None:
    """Keep ``kind``'s rows current as its records change (connected once per kind)."""
    if kind.key in _FOLLOWED:
        return
    _FOLLOWED.add(kind.key)
    _follow_links(kind)

    def saved(sender, instance, raw=False, **kwargs):
        if not raw:
            index_records(kind, [instance.pk])

    def deleted(sender, instance, **kwargs):
        remove_records(kind, [instance.pk])

    def themes_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
        if action not in {"post_add", "post_remove", "post_clear"}:
            return
        if not reverse:
            index_records(kind, [instance.pk])
        elif pk_set:  # a theme's records changed from the theme's side (a merge)
            index_records(kind, pk_set)

    uid = f"search-index-{kind.key}"
    post_save.connect(saved, sender=kind.model, weak=False, dispatch_uid=uid + "-save")
    post_delete.connect(deleted, sender=kind.model, weak=False, dispatch_uid=uid + "-delete")
    themes = getattr(kind.model, "themes", None)
    if themes is not None and hasattr(themes, "through"):
        m2m_changed.connect(
            themes_changed, sender=themes.through, weak=False, dispatch_uid=uid + "-themes"
        )
    for model, path in kind.depends_on:
        get = operator.attrgetter(path)

        def pks_of(instance, _get=get) -> list[int]:
            try:
                value = _get(instance)
            except (ObjectDoesNotExist, AttributeError):
                return []  # nothing of this kind hangs on the changed record
            if value is None:
                return []
            if hasattr(value, "values_list"):  # a path to many records (a related manager)
                return list(value.values_list("pk", flat=True))
            return [value]

        def dependency_changed(sender, instance, raw=False, _pks=pks_of, **kwargs):
            if raw:
                return
            pks = _pks(instance)
            if pks:
                index_records(kind, pks)

        def dependency_themes_changed(
            sender, instance, action, reverse, _pks=pks_of, _model=model, **kwargs
        ):
            # A record this kind takes its themes from was tagged (e.g. a decision takes its
            # agenda item's themes, a rapid review its notification's).
            if action in {"post_add", "post_remove", "post_clear"} and not reverse:
                pks = _pks(instance)
                if pks:
                    index_records(kind, pks)

        dep_uid = f"{uid}-{model._meta.label_lower}-{path}"
        post_save.connect(dependency_changed, sender=model, weak=False, dispatch_uid=dep_uid)
        post_delete.connect(
            dependency_changed, sender=model, weak=False, dispatch_uid=dep_uid + "-delete"
        )
        dep_themes = getattr(model, "themes", None)
        if dep_themes is not None and hasattr(dep_themes, "through"):
            m2m_changed.connect(
                dependency_themes_changed,
                sender=dep_themes.through,
                weak=False,
                dispatch_uid=dep_uid + "-themes",
            )


def _follow_links(kind: searching.Kind) -> None:
    """Index again the records of ``kind`` whose linked record's links changed (a joint
    body's partnerships: the actions of its meetings are filed under each)."""
    for through, lookup in kind.depends_on_links:

        def links_changed(sender, instance, action, reverse, pk_set, _lookup=lookup, **kwargs):
            if action not in {"post_add", "post_remove", "post_clear"}:
                return
            if not reverse:
                holders = [instance.pk]
            elif pk_set:  # changed from the other side (a partnership's bodies)
                holders = list(pk_set)
            else:
                return
            pks = list(
                kind.model._default_manager.filter(**{f"{_lookup}__in": holders}).values_list(
                    "pk", flat=True
                )
            )
            if pks:
                index_records(kind, pks)

        m2m_changed.connect(
            links_changed,
            sender=through,
            weak=False,
            dispatch_uid=f"search-index-{kind.key}-links-{through._meta.label_lower}",
        )
