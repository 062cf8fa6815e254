"""The yearly report's "What our partners did" section: each agency's contribution, from the
contribution campaigns for the report period (ADR 0032).

A contribution appears once its return has been submitted and while it stands submitted: a
return a moderator sent back for more evidence leaves the report until it is resubmitted.
Moderators' comments are internal and never appear. The facts carry the campaign and return
ids, so the report's snapshot records exactly which answers it froze, and the campaign is
locked when the report is signed off (``on_freeze``)."""

from __future__ import annotations

from datetime import date

from django.db.models import Prefetch, Q
from django.urls import reverse

from safeguarding.assurance.models import (
    Answer,
    AuditReturn,
    Campaign,
    ContributionCampaign,
    ReturnStatus,
)
from safeguarding.assurance.selectors.campaigns import return_rate
from safeguarding.core.reporting import Contribution, Figure, Table


def contribution_campaigns(partnership_ids: list[int], start: date, end: date):
    """Launched contribution campaigns of these partnerships whose period lies in the report's."""
    joint = Campaign.joint_partnerships.through.objects.filter(
        partnership_id__in=partnership_ids
    ).values("campaign_id")
    return (
        ContributionCampaign.objects.filter(
            Q(campaign__partnership_id__in=partnership_ids) | Q(campaign_id__in=joint),
            period_start__gte=start,
            period_end__lte=end,
            campaign__launched_at__isnull=False,
        )
        .select_related("campaign")
        .order_by("period_start", "pk")
    )


def agency_contribution_figures(partnership_ids: list[int], start: date, end: date) -> Contribution:
    locks = list(contribution_campaigns(partnership_ids, start, end))
    campaigns = [lock.campaign for lock in locks]
    invited = returned = 0
    for campaign in campaigns:
        rate = return_rate(campaign=campaign).total
        invited += rate.invited
        returned += rate.returned
    returns = list(
        AuditReturn.objects.filter(
            campaign__in=campaigns, case__isnull=True, status=ReturnStatus.SUBMITTED
        )
        .select_related("agency", "campaign")
        .prefetch_related(
            Prefetch(
                "answers",
                queryset=Answer.objects.select_related("question__section").order_by(
                    "question__section__number", "question__order", "question_id"
                ),
            )
        )
        .order_by("agency__name", "campaign__opens_on", "pk")
    )
    several = len(campaigns) > 1
    tables = []
    for audit_return in returns:
        rows = [
            [answer.question.text, answer.text.strip()]
            for answer in audit_return.answers.all()
            if answer.text.strip()
        ]
        if not rows:
            continue
        caption = audit_return.agency.name
        if several:
            caption = f"{caption} ({audit_return.campaign.title})"
        tables.append(Table(caption=caption, headers=["Question", "Their answer"], rows=rows))
    # Invited agencies whose contribution is not (or no longer) submitted, for the report's
    # quality check: they are named there so the business unit can chase them.
    waiting = sorted(
        set(
            AuditReturn.objects.filter(campaign__in=campaigns, case__isnull=True)
            .exclude(status__in=[ReturnStatus.SUBMITTED, ReturnStatus.EXEMPT])
            .values_list("agency__name", flat=True)
        )
    )
    rate = round(100 * returned / invited, 1) if invited else None
    return Contribution(
        title="Agency contributions",
        figures=[
            Figure("Agencies asked for a contribution", invited),
            Figure("Contributions received", returned),
            Figure("Contribution return rate", rate, "%"),
        ],
        tables=tables,
        facts={
            "campaign_ids": [c.pk for c in campaigns],
            "return_ids": [r.pk for r in returns],
            "contributions": len(tables),
            "agencies_asked": invited,
            "agencies_not_submitted": waiting,
            "contribution_return_rate": rate,
        },
        source_link=reverse("assurance:campaign-list"),
    )
