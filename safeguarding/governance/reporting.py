"""What governance contributes to the yearly report: the partnership's bodies, their chairs
and members, the relevant agencies, and the business plan's priorities with the progress of
the actions against each (those with none done are flagged as little or no progress)."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q
from django.urls import reverse

from safeguarding.accounts.models import Agency
from safeguarding.core.reporting import Contribution, Figure, Table
from safeguarding.governance.models import Action, ActionStatus, Body, MemberRole
from safeguarding.planning.models import Priority


def arrangements_figures(partnership_ids: list[int], start: date, end: date) -> Contribution:
    bodies = list(
        Body.objects.filter(partnerships__in=partnership_ids, is_active=True)
        .distinct()
        .prefetch_related("memberships__person", "memberships__agency")
        .order_by("name")
    )
    rows = []
    members = 0
    for body in bodies:
        current = [
            m
            for m in body.memberships.all()
            if m.starts_on <= end and (m.ends_on is None or m.ends_on >= end)
        ]
        chairs = [str(m.person) for m in current if m.role == MemberRole.CHAIR]
        members += len(current)
        rows.append([body.name, body.get_type_display(), ", ".join(chairs) or "–", len(current)])
    agencies = Agency.objects.filter(partnerships__in=partnership_ids).distinct().order_by("name")
    agency_names = list(agencies.values_list("name", flat=True))
    return Contribution(
        title="Bodies and members",
        figures=[
            Figure("Partnership bodies", len(bodies)),
            Figure("Members at the end of the period", members),
            Figure("Relevant agencies and partners", len(agency_names)),
        ],
        tables=[
            Table(
                caption="The partnership's bodies",
                headers=["Body", "Type", "Chair", "Members"],
                rows=rows,
            )
        ]
        if rows
        else [],
        facts={"bodies": len(bodies), "agencies": len(agency_names)},
        source_link=reverse("governance:body-list"),
    )


def priority_figures(partnership_ids: list[int], start: date, end: date) -> Contribution:
    priorities = list(
        Priority.objects.filter(
            plan__partnership_id__in=partnership_ids,
            plan__starts_on__lte=end,
            plan__ends_on__gte=start,
        )
        .select_related("plan")
        .order_by("plan__starts_on", "order", "pk")
    )
    counts = {
        row["priority"]: row
        for row in Action.objects.filter(priority__in=priorities)
        .exclude(status=ActionStatus.CANCELLED)
        .values("priority")
        .annotate(
            total=Count("pk"),
            done=Count("pk", filter=Q(status=ActionStatus.DONE, completed_on__lte=end)),
        )
    }
    rows = []
    without, little = [], []
    for priority in priorities:
        row = counts.get(priority.pk, {"total": 0, "done": 0})
        share = round(100 * row["done"] / row["total"]) if row["total"] else 0
        rows.append([priority.title, row["total"], row["done"], share])
        if not row["total"]:
            without.append(priority.title)
        elif row["done"] == 0:
            little.append(priority.title)
    return Contribution(
        title="Business plan priorities",
        figures=[
            Figure("Priorities", len(priorities)),
            Figure("Priorities with little or no progress", len(little) + len(without)),
        ],
        tables=[
            Table(
                caption="Progress against each priority (actions done)",
                headers=["Priority", "Actions", "Done", "Done (%)"],
                rows=rows,
                chart_column=3,
            )
        ]
        if rows
        else [],
        facts={
            "priorities_without_evidence": without if priorities else None,
            "priorities_little_progress": little,
        },
        source_link=reverse("governance:business-plan-list"),
    )
