"""Context for the dashboard panels this app registers."""

from __future__ import annotations

from safeguarding.reviews import selectors


def clocks_context(request) -> dict:
    return {"board": selectors.clock_board(user=request.user), "today": selectors.today()}


def recommendations_context(request) -> dict:
    return {
        "overdue": selectors.recommendations_awaiting_update(user=request.user, limit=10),
        "today": selectors.today(),
    }


def summaries_context(request) -> dict:
    return {
        "summaries": selectors.agency_summary_list(user=request.user).filter(
            received_on__isnull=True
        )[:10],
        "today": selectors.today(),
    }


def referrals_context(request) -> dict:
    return {"referrals": selectors.referrals_awaiting_decision(user=request.user, limit=10)}
