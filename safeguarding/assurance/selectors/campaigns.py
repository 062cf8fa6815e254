"""Reads for campaigns: lists with live return rates, one campaign, its returns, the return
rate broken down by type, phase, locality and trust, and the non-returners."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from safeguarding.accounts.models import AgencyType, SchoolPhase
from safeguarding.assurance.models import (
    AuditReturn,
    Campaign,
    CampaignStatus,
    ReturnStatus,
)

RETURNED = Q(first_submitted_at__isnull=False)


def _with_counts(campaigns: QuerySet[Campaign]) -> QuerySet[Campaign]:
    not_exempt = ~Q(returns__status=ReturnStatus.EXEMPT)
    return campaigns.annotate(
        invited_count=Count("returns", filter=not_exempt, distinct=True),
        returned_count=Count(
            "returns",
            filter=not_exempt & Q(returns__first_submitted_at__isnull=False),
            distinct=True,
        ),
    )


def rate(returned: int, invited: int) -> float | None:
    return round(100 * returned / invited, 1) if invited else None


def campaign_list(*, user, status: str = "", include_case_audits: bool = False):
    campaigns = Campaign.objects.visible_to(user)
    if not include_case_audits:
        campaigns = campaigns.filter(case_audit__isnull=True)
    if status:
        campaigns = campaigns.filter(status=status)
    campaigns = (
        _with_counts(campaigns)
        .select_related("partnership", "version__template")
        .prefetch_related("joint_partnerships")
        .order_by("-opens_on", "title")
    )
    return campaigns


def campaign_get(*, user, pk: int) -> Campaign | None:
    return (
        _with_counts(Campaign.objects.visible_to(user).filter(pk=pk))
        .select_related("partnership", "version__template", "previous", "priority")
        .prefetch_related("joint_partnerships", "themes")
        .first()
    )


@dataclass
class RateRow:
    label: str
    invited: int = 0
    returned: int = 0
    exempt: int = 0

    @property
    def rate(self) -> float | None:
        return rate(self.returned, self.invited)

    @property
    def outstanding(self) -> int:
        return self.invited - self.returned


@dataclass
class ReturnRate:
    total: RateRow
    by_status: list[tuple[str, str, int]] = field(default_factory=list)
    breakdowns: dict[str, list[RateRow]] = field(default_factory=dict)


BREAKDOWNS = {
    "type": "Type of organisation",
    "phase": "School phase",
    "locality": "Locality",
    "trust": "Trust",
}


def return_rate(*, campaign: Campaign) -> ReturnRate:
    """The live return rate (returned ÷ invited, exempt organisations left out), in one query."""
    type_names = dict(AgencyType.choices)
    phase_names = dict(SchoolPhase.choices)
    rows = (
        campaign.returns.values(
            "status",
            "agency__type",
            "agency__school_phase",
            "agency__locality__name",
            "agency__parent__name",
        )
        .annotate(
            n=Count("id"),
            returned=Count("id", filter=RETURNED),
        )
        .order_by()
    )
    total = RateRow("All organisations")
    statuses: dict[str, int] = {}
    groups: dict[str, dict[str, RateRow]] = {key: {} for key in BREAKDOWNS}
    for row in rows:
        keys = {
            "type": type_names.get(row["agency__type"], row["agency__type"]),
            "phase": phase_names.get(row["agency__school_phase"], "Not a school"),
            "locality": row["agency__locality__name"] or "No locality",
            "trust": row["agency__parent__name"] or "Not in a trust",
        }
        statuses[row["status"]] = statuses.get(row["status"], 0) + row["n"]
        for name, label in keys.items():
            target = groups[name].setdefault(label, RateRow(label))
            _add(target, row)
        _add(total, row)
    return ReturnRate(
        total=total,
        by_status=[(value, label, statuses.get(value, 0)) for value, label in ReturnStatus.choices],
        breakdowns={
            name: sorted(found.values(), key=lambda r: r.label) for name, found in groups.items()
        },
    )


def _add(target: RateRow, row: dict) -> None:
    if row["status"] == ReturnStatus.EXEMPT:
        target.exempt += row["n"]
        return
    target.invited += row["n"]
    target.returned += row["returned"]


def campaign_returns(
    *, campaign: Campaign, status: str = "", query: str = ""
) -> QuerySet[AuditReturn]:
    returns = campaign.returns.select_related(
        "agency__locality", "agency__parent", "lead", "case"
    ).order_by("agency__name", "case__reference")
    if status == "outstanding":
        returns = returns.filter(first_submitted_at__isnull=True).exclude(
            status=ReturnStatus.EXEMPT
        )
    elif status:
        returns = returns.filter(status=status)
    if query:
        returns = returns.filter(agency__name__icontains=query)
    return returns


def non_returners(*, campaign: Campaign) -> QuerySet[AuditReturn]:
    return campaign_returns(campaign=campaign, status="outstanding")


def previous_cycle_choices(*, user, version=None):
    campaigns = Campaign.objects.visible_to(user).filter(case_audit__isnull=True)
    if version is not None:
        campaigns = campaigns.filter(version__template_id=version.template_id)
    return campaigns.select_related("version__template").order_by("-opens_on")


def open_campaigns_with_rates(*, user, limit: int = 5):
    return campaign_list(user=user, status=CampaignStatus.OPEN)[:limit]


def agencies_without_return(*, campaign: Campaign):
    """Organisations of the campaign's partnerships not yet invited (to invite one more)."""
    from safeguarding.accounts.models import Agency

    invited = AuditReturn.objects.filter(
        campaign=campaign, agency=OuterRef("pk"), case__isnull=True
    )
    return (
        Agency.objects.filter(
            pk__in=Agency.partnerships.through.objects.filter(
                partnership_id__in=campaign.partnership_ids_for_rules()
            ).values("agency_id")
        )
        .exclude(Exists(invited))
        .order_by("name")
    )
