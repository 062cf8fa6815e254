"""Reads for business plans, priorities (with everything linked to them) and themes."""

from __future__ import annotations

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse

from safeguarding.accounts.models import Partnership
from safeguarding.governance.models import Action, ActionStatus, AgendaItem, Decision, KeyMessage
from safeguarding.planning import priority_links
from safeguarding.planning.models import BusinessPlan, Priority, Theme


def business_plan_list(*, partnership: Partnership | None) -> QuerySet[BusinessPlan]:
    if partnership is None:
        return BusinessPlan.objects.none()
    priorities = Prefetch(
        "priorities",
        queryset=Priority.objects.select_related("lead_body").prefetch_related("themes"),
    )
    return (
        BusinessPlan.objects.visible_to(None)
        .filter(partnership=partnership)
        .prefetch_related(priorities)
        .order_by("-starts_on")
    )


def business_plan_get(*, pk: int) -> BusinessPlan | None:
    priorities = Prefetch(
        "priorities",
        queryset=Priority.objects.select_related("lead_body").prefetch_related("themes"),
    )
    return (
        BusinessPlan.objects.visible_to(None)
        .select_related("partnership")
        .prefetch_related(priorities)
        .filter(pk=pk)
        .first()
    )


def priority_get(*, pk: int) -> Priority | None:
    return (
        Priority.objects.visible_to(None)
        .select_related("plan__partnership", "lead_body")
        .prefetch_related("themes")
        .filter(pk=pk)
        .first()
    )


def priority_api_list(*, partnership_slug: str = "") -> QuerySet[Priority]:
    priorities = Priority.objects.visible_to(None).select_related("plan__partnership", "lead_body")
    if partnership_slug:
        priorities = priorities.filter(plan__partnership__slug=partnership_slug)
    return priorities.prefetch_related("themes").order_by("-plan__starts_on", "order", "title")


def priority_sections(*, priority: Priority, user) -> list:
    """Everything linked to the priority that the user may see, section by section."""
    return priority_links.sections_for(priority, user)


def priority_progress(*, sections) -> tuple[int, int]:
    """(done, counted) over the linked items that count towards progress."""
    counted = [item for _, items in sections for item in items if item.done is not None]
    return sum(1 for item in counted if item.done), len(counted)


# Governance's own links to a priority (other apps register theirs) ---------------------------


def linked_actions(priority: Priority, user) -> list[priority_links.Item]:
    actions = Action.objects.visible_to(user).filter(priority=priority).select_related("owner")
    return [
        priority_links.Item(
            title=a.title,
            url=reverse("governance:action-detail", args=[a.pk]),
            status=("Overdue" if a.is_overdue else a.get_status_display()),
            detail=f"{a.owner.full_name}, due {a.due_on.day} {a.due_on:%B %Y}",
            done=a.status == ActionStatus.DONE if a.status != ActionStatus.CANCELLED else None,
        )
        for a in actions.order_by("due_on")
    ]


def linked_agenda_items(priority: Priority, user) -> list[priority_links.Item]:
    items = AgendaItem.objects.visible_to(user).filter(priority=priority)
    return [
        priority_links.Item(
            title=i.title,
            url=reverse("governance:meeting-detail", args=[i.meeting_id]),
            detail=str(i.meeting),
        )
        for i in items.select_related("meeting__body").order_by("-meeting__starts_at")
    ]


def linked_decisions(priority: Priority, user) -> list[priority_links.Item]:
    decisions = Decision.objects.visible_to(user).filter(priority=priority)
    return [
        priority_links.Item(
            title=d.title,
            url=reverse("governance:meeting-detail", args=[d.meeting_id]),
            detail=str(d.meeting),
        )
        for d in decisions.select_related("meeting__body").order_by("-meeting__starts_at")
    ]


def linked_key_messages(priority: Priority, user) -> list[priority_links.Item]:
    messages = KeyMessage.objects.published().filter(priority=priority)
    return [
        priority_links.Item(
            title=m.title,
            url=reverse("governance:key-message-detail", args=[m.pk]),
            detail=m.meeting_label,
        )
        for m in messages.order_by("-meeting_date")
    ]


def register_governance_links() -> None:
    for key, title, function in [
        ("governance-actions", "Actions", linked_actions),
        ("governance-agenda", "Discussed at meetings", linked_agenda_items),
        ("governance-decisions", "Decisions", linked_decisions),
        ("governance-key-messages", "Key messages", linked_key_messages),
    ]:
        priority_links.register(priority_links.Provider(key=key, title=title, items=function))


# Themes --------------------------------------------------------------------------------------


def _count(model, field: str):
    return Coalesce(
        Subquery(
            model.objects.filter(**{field: OuterRef("pk")})
            .order_by()
            .values(field)
            .annotate(n=Count("pk"))
            .values("n")
        ),
        0,
    )


def theme_list(*, include_retired: bool = True) -> QuerySet[Theme]:
    """Themes with how often governance records use them."""
    themes = Theme.objects.visible_to(None)
    if not include_retired:
        themes = themes.active()
    return themes.annotate(
        key_message_count=_count(KeyMessage, "themes"),
        agenda_item_count=_count(AgendaItem, "themes"),
        priority_count=_count(Priority, "themes"),
    ).order_by("-is_active", "name")


def theme_get(*, pk: int) -> Theme | None:
    return Theme.objects.visible_to(None).filter(pk=pk).first()
