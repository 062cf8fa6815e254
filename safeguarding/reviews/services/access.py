"""Recording who saw confidential records, and refused attempts to open them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.db import transaction

from safeguarding.core.audit import audit_record
from safeguarding.core.models import AuditEvent
from safeguarding.reviews.audit_events import ACCESS_REFUSED_EVENTS


@transaction.atomic
def access_refused_record(*, actor, what: str, pk, path: str) -> None:
    """Log that someone asked for a confidential record they may not see (or that does not
    exist). The record itself is not named, so the log does not leak it either."""
    audit_record(
        actor=actor,
        event=ACCESS_REFUSED_EVENTS[what],
        after={"record": f"{what} {pk}", "path": path[:300]},
    )


def query_filters(params: Mapping) -> dict:
    """A page's query parameters as they go into the log: one value, or a list of several."""
    getlist = getattr(params, "getlist", None)
    filters = {}
    for key in params:
        values = getlist(key) if getlist else [params[key]]
        filters[key] = values[0] if len(values) == 1 else list(values)
    return filters


def list_view_record(
    *,
    actor,
    event: str,
    ids: Iterable[int] | Mapping[str, Iterable[int]],
    filters: Mapping,
    path: str = "",
    extra: Mapping | None = None,
) -> AuditEvent | None:
    """Log that someone saw a page (or panel, or API response) listing confidential records:
    one event for the page, naming the records shown on it and the filters used.

    ``ids`` is the list of the records' keys, or for a page mixing kinds of record (the
    statutory clocks) a mapping of kind to keys; ``extra`` adds other confidential records
    the page names (such as the reviews in a filter's choices). Nothing is written when the
    page shows no confidential record."""
    if isinstance(ids, Mapping):
        shown: list | dict = {kind: list(keys) for kind, keys in ids.items() if keys}
    else:
        shown = list(ids)
    more = {key: list(value) for key, value in (extra or {}).items() if value}
    if not shown and not more:
        return None
    after = {"ids": shown, "filters": dict(filters), **more}
    if path:
        after["path"] = path[:300]
    with transaction.atomic():
        return audit_record(actor=actor, event=event, after=after)
