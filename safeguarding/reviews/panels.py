"""Context for the dashboard panels this app registers.

Each panel that names confidential records (pseudonyms, titles of unpublished reviews)
writes one audit event each time it is shown, like the list pages do."""

from __future__ import annotations

from safeguarding.reviews import selectors, services


def _log(request, event: str, ids) -> None:
    services.list_view_record(
        actor=request.user,
        event=event,
        ids=ids,
        filters=services.query_filters(request.GET),
        path=request.path,
    )


def clocks_context(request) -> dict:
    board = selectors.clock_board(user=request.user)
    _log(request, "reviews.clocks.panel_viewed", selectors.clock_board_pks(board))
    return {
        "board": board,
        "clocks": [*board.breached, *board.due_soon],
        "today": selectors.today(),
    }


def recommendations_context(request) -> dict:
    overdue = list(selectors.recommendations_awaiting_update(user=request.user, limit=10))
    _log(request, "reviews.recommendations.panel_viewed", selectors.confidential_pks(overdue))
    return {"overdue": overdue, "today": selectors.today()}


def summaries_context(request) -> dict:
    summaries = list(selectors.agency_summary_list(user=request.user).outstanding()[:10])
    _log(request, "reviews.agency_summaries.panel_viewed", selectors.confidential_pks(summaries))
    return {"summaries": summaries, "today": selectors.today()}


def referrals_context(request) -> dict:
    referrals = list(selectors.referrals_awaiting_decision(user=request.user, limit=10))
    _log(request, "reviews.referrals.panel_viewed", selectors.confidential_pks(referrals))
    return {"referrals": referrals}


def commissioned_context(request) -> dict:
    reviews = list(selectors.reviews_commissioned(user=request.user))
    _log(request, "reviews.reviews.commissioned_panel_viewed", selectors.confidential_pks(reviews))
    return {"commissioned": reviews, "today": selectors.today()}
