"""Context for the dashboard panels this app registers.

Each panel names confidential records (pseudonyms, titles of unpublished reviews), so each
writes one audit event every time it is shown, like the list pages do: its context says what
it read under ``dashboard.READ`` and the dashboard calls ``log_read``, whether the panel was
computed afresh or kept for the person (core/dashboard.py, ADR 0038)."""

from __future__ import annotations

from safeguarding.core.dashboard import READ
from safeguarding.reviews import selectors, services


def log_read(request, event: str, ids) -> None:
    services.list_view_record(
        actor=request.user,
        event=event,
        ids=ids,
        filters=services.query_filters(request.GET),
        path=request.path,
    )


def clocks_context(request) -> dict:
    board = selectors.clock_board(user=request.user)
    return {
        READ: ("reviews.clocks.panel_viewed", selectors.clock_board_pks(board)),
        "board": board,
        "clocks": [*board.breached, *board.due_soon],
        "today": selectors.today(),
    }


def recommendations_context(request) -> dict:
    overdue = list(selectors.recommendations_awaiting_update(user=request.user, limit=10))
    return {
        READ: ("reviews.recommendations.panel_viewed", selectors.confidential_pks(overdue)),
        "overdue": overdue,
        "today": selectors.today(),
    }


def summaries_context(request) -> dict:
    summaries = list(selectors.agency_summary_list(user=request.user).outstanding()[:10])
    return {
        READ: ("reviews.agency_summaries.panel_viewed", selectors.confidential_pks(summaries)),
        "summaries": summaries,
        "today": selectors.today(),
    }


def referrals_context(request) -> dict:
    referrals = list(selectors.referrals_awaiting_decision(user=request.user, limit=10))
    return {
        READ: ("reviews.referrals.panel_viewed", selectors.confidential_pks(referrals)),
        "referrals": referrals,
    }


def commissioned_context(request) -> dict:
    reviews = list(selectors.reviews_commissioned(user=request.user))
    return {
        READ: ("reviews.reviews.commissioned_panel_viewed", selectors.confidential_pks(reviews)),
        "commissioned": reviews,
        "today": selectors.today(),
    }
