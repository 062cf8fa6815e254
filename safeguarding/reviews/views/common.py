"""What every case-review page shares: loading confidential records, showing refusals."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from safeguarding.core.access import object_loader
from safeguarding.core.audit import audit_read
from safeguarding.reviews import selectors, services
from safeguarding.reviews.audit_events import LIST_VIEWED_EVENTS, VIEWED_EVENTS

PAGE_SIZE = 25


def message_error(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


def confidential_loader(what: str, getter: Callable) -> Callable:
    """``core.access.object_loader`` for a confidential record: a record the person may not
    see is answered with 404 (so its existence is not confirmed) and the refused attempt is
    written to the audit log."""

    def refused(request: HttpRequest, pk) -> None:
        services.access_refused_record(actor=request.user, what=what, pk=pk, path=request.path)

    return object_loader(getter, what, on_missing=refused)


def log_read(request: HttpRequest, record, what: str) -> None:
    """Every view of a confidential record is logged."""
    audit_read(actor=request.user, target=record, event=VIEWED_EVENTS[what])


def log_form_read(request: HttpRequest, record, what: str) -> None:
    """A form page about a confidential record (edit, step, reason, add-to) shows the record
    too: opening it is logged as a view, like its detail page."""
    if request.method == "GET" and selectors.is_confidential(record):
        log_read(request, record, what)


def log_list(request: HttpRequest, records, what: str, *, extra: dict | None = None) -> None:
    """Every page listing confidential records writes one event, ``reviews.<what>.list_viewed``,
    naming the confidential records shown (published material is public and left out) and
    the query parameters. Nothing is written when no confidential record is shown."""
    services.list_view_record(
        actor=request.user,
        event=LIST_VIEWED_EVENTS[what],
        ids=selectors.confidential_pks(records),
        filters=services.query_filters(request.GET),
        path=request.path,
        extra=extra,
    )


def log_clock_board(
    request: HttpRequest, board, *, event: str = "reviews.clocks.list_viewed"
) -> None:
    """The statutory clocks name their notifications, rapid reviews and reviews: one event
    for the board, with the records behind its clocks by kind."""
    services.list_view_record(
        actor=request.user,
        event=event,
        ids=selectors.clock_board_pks(board),
        filters=services.query_filters(request.GET),
        path=request.path,
    )
