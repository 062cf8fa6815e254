"""Reads for actions: lists, the overdue view, one action with its timeline, reminders."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from safeguarding.core.working_days import add_working_days
from safeguarding.governance.models import CLOSED_STATUSES, Action, ActionUpdate


@dataclass(frozen=True)
class ActionFilter:
    mine: bool = False
    overdue: bool = False
    status: str = ""  # a status, or "open" for every status not done or cancelled
    body: int | None = None
    query: str = ""


def _listed(actions: QuerySet[Action]) -> QuerySet[Action]:
    return actions.select_related(
        "owner", "owner_agency", "meeting__body", "priority", "agenda_item"
    )


def action_list(*, user, filters: ActionFilter | None = None) -> QuerySet[Action]:
    filters = filters or ActionFilter()
    actions = Action.objects.visible_to(user)
    if filters.mine:
        actions = actions.filter(owner=user)
    if filters.overdue:
        actions = actions.overdue()
    if filters.status == "open":
        actions = actions.open()
    elif filters.status:
        actions = actions.filter(status=filters.status)
    if filters.body:
        actions = actions.filter(meeting__body_id=filters.body)
    if filters.query:
        actions = actions.filter(
            Q(title__icontains=filters.query) | Q(description__icontains=filters.query)
        )
    return _listed(actions).order_by("due_on", "pk")


def action_get(*, user, pk: int) -> Action | None:
    updates = Prefetch(
        "updates", queryset=ActionUpdate.objects.select_related("author").order_by("-created_at")
    )
    return (
        _listed(Action.objects.visible_to(user))
        .prefetch_related(updates, "themes")
        .filter(pk=pk)
        .first()
    )


def _panel(actions: QuerySet[Action]) -> QuerySet[Action]:
    """What a short list of actions shows (title, due date, owner and agency): fewer joins
    than a full list, for the dashboard's panels."""
    return actions.select_related("owner", "owner_agency")


def my_open_actions(*, user, limit: int = 10) -> list[Action]:
    return list(_panel(Action.objects.open().filter(owner=user)).order_by("due_on")[:limit])


def overdue_actions(*, user, limit: int = 10) -> list[Action]:
    return list(_panel(Action.objects.visible_to(user).overdue()).order_by("due_on")[:limit])


def actions_for_reminders(*, today: datetime.date, within_working_days: int) -> QuerySet[Action]:
    """Open actions that are overdue or due within the next few working days."""
    horizon = add_working_days(today, within_working_days)
    return (
        Action.objects.exclude(status__in=CLOSED_STATUSES)
        .filter(due_on__lte=horizon)
        .select_related("owner", "meeting__body")
        .order_by("due_on", "pk")
    )


def actions_of_meeting(*, user, meeting) -> list[Action]:
    return list(_listed(Action.objects.visible_to(user).filter(meeting=meeting)).order_by("due_on"))
