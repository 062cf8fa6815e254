"""The CDOP's reads: the list with its clocks, one record, and the figures."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.utils import timezone

from safeguarding.accounts.models import Agency, Partnership
from safeguarding.childdeaths.models import (
    AgeBand,
    AgencyReport,
    Category,
    CdopRecommendation,
    ChildDeath,
    Status,
)
from safeguarding.core.permissions import partnerships_where
from safeguarding.core.roles import CHILD_DEATH_REVIEW

SMALL_NUMBER = 5
SUPPRESSED = "fewer than 5"


@dataclass(frozen=True)
class DeathFilter:
    status: str = ""
    year: int | None = None
    partnership: int | None = None
    overdue_reports: bool = False


def death_list(*, user, filters: DeathFilter | None = None) -> QuerySet[ChildDeath]:
    """The deaths the user may see, with what the list's clocks need, in a fixed number of
    queries whatever the number of rows."""
    filters = filters or DeathFilter()
    today = timezone.localdate()
    deaths = ChildDeath.objects.visible_to(user)
    if filters.status:
        deaths = deaths.filter(status=filters.status)
    if filters.year:
        deaths = deaths.filter(died_on__year=filters.year)
    if filters.partnership:
        deaths = deaths.filter(partnerships__id=filters.partnership)
    deaths = deaths.annotate(
        reports_asked=Count("agency_reports", distinct=True),
        reports_in=Count(
            "agency_reports", filter=Q(agency_reports__submitted_on__isnull=False), distinct=True
        ),
        reports_overdue=Count(
            "agency_reports",
            filter=Q(agency_reports__submitted_on__isnull=True, agency_reports__due_on__lt=today),
            distinct=True,
        ),
    )
    if filters.overdue_reports:
        deaths = deaths.filter(
            Exists(
                AgencyReport.objects.filter(
                    child_death=OuterRef("pk"), submitted_on__isnull=True, due_on__lt=today
                )
            )
        )
    return deaths.prefetch_related(
        Prefetch("partnerships", queryset=Partnership.objects.order_by("name"))
    ).order_by("-died_on", "reference")


def death_get(*, user, pk: int) -> ChildDeath | None:
    return (
        ChildDeath.objects.visible_to(user)
        .select_related("notifying_agency", "recorded_by")
        .prefetch_related(
            "partnerships",
            "modifiable_factors",
            Prefetch(
                "agency_reports",
                queryset=AgencyReport.objects.select_related("agency", "submitted_by"),
            ),
            "recommendations__owner_agency",
        )
        .filter(pk=pk)
        .first()
    )


def suppress(count: int) -> int | str:
    """Small numbers never leave the CDOP: fewer than 5 is shown as “fewer than 5”."""
    return SUPPRESSED if 0 < count < SMALL_NUMBER else count


def _rows(qs, field: str, labels: dict) -> list[dict]:
    found = {
        row[field]: row["n"] for row in qs.values(field).annotate(n=Count("pk", distinct=True))
    }
    return [
        {"key": key, "label": label, "count": found.get(key, 0)} for key, label in labels.items()
    ]


def _breakdowns(deaths: QuerySet[ChildDeath]) -> dict:
    reviewed = deaths.filter(status__in=[Status.REVIEWED, Status.CLOSED])
    return {
        "total": deaths.count(),
        "by_category": _rows(reviewed, "category", dict(Category.choices)),
        "by_age_band": _rows(deaths, "age_band", dict(AgeBand.choices)),
        "by_expected": _rows(deaths, "expected", {True: "Expected", False: "Unexpected"}),
        "by_modifiable": _rows(
            reviewed,
            "modifiable",
            {True: "Modifiable factors identified", False: "No modifiable factors"},
        ),
    }


def _years(deaths: QuerySet[ChildDeath]) -> list[int]:
    return sorted(
        {
            row["year"]
            for row in deaths.annotate(year=ExtractYear("died_on")).values("year").distinct()
        },
        reverse=True,
    )


def figures(*, user, year: int | None = None, partnership: int | None = None) -> dict:
    """The CDOP's own figures (exact: they see the records anyway), scoped to their
    partnerships, for a year of death and a partnership if chosen."""
    deaths = ChildDeath.objects.visible_to(user)
    years = _years(deaths)
    if year:
        deaths = deaths.filter(died_on__year=year)
    if partnership:
        deaths = deaths.filter(partnerships__id=partnership)
    by_year = list(
        deaths.annotate(year=ExtractYear("died_on"))
        .values("year")
        .annotate(
            n=Count("pk", distinct=True),
            unexpected=Count("pk", filter=Q(expected=False), distinct=True),
            modifiable=Count("pk", filter=Q(modifiable=True), distinct=True),
        )
        .order_by("-year")
    )
    by_partnership = list(
        deaths.values("partnerships__id", "partnerships__name")
        .annotate(n=Count("pk", distinct=True))
        .order_by("partnerships__name")
    )
    return {
        **_breakdowns(deaths),
        "years": years,
        "by_year": by_year,
        "by_partnership": by_partnership,
    }


def public_figures(*, year: int | None = None) -> dict:
    """Aggregate figures for everyone: deaths reviewed by the panel, every count below 5
    shown as “fewer than 5”, and nothing else."""
    deaths = ChildDeath.objects.filter(status__in=[Status.REVIEWED, Status.CLOSED])
    years = _years(deaths)
    if year:
        deaths = deaths.filter(died_on__year=year)
    found = _breakdowns(deaths)
    public = {"years": years, "year": year, "total": suppress(found["total"])}
    for key in ("by_category", "by_age_band", "by_expected", "by_modifiable"):
        public[key] = [
            {"label": row["label"], "count": suppress(row["count"])} for row in found[key]
        ]
    return public


def clock_today() -> datetime.date:
    return timezone.localdate()


def recommendation_get(*, user, pk: int) -> CdopRecommendation | None:
    return (
        CdopRecommendation.objects.visible_to(user)
        .select_related("child_death", "owner_agency")
        .filter(pk=pk)
        .first()
    )


def cdop_partnerships(*, user) -> QuerySet[Partnership]:
    """The partnerships whose child deaths the user reviews."""
    return Partnership.objects.filter(pk__in=partnerships_where(user, CHILD_DEATH_REVIEW)).order_by(
        "name"
    )


def agencies_of(*, partnership_ids) -> QuerySet[Agency]:
    return Agency.objects.filter(partnerships__in=list(partnership_ids)).distinct().order_by("name")


def panel_pack(*, user, meeting_id: int) -> list[ChildDeath]:
    """The deaths the user may see that are queued for (or reviewed at) one panel meeting,
    with their agency reports, for the meeting's pack."""
    return list(
        ChildDeath.objects.visible_to(user)
        .filter(panel_meeting_id=meeting_id)
        .select_related("notifying_agency")
        .prefetch_related(
            "modifiable_factors",
            Prefetch("agency_reports", queryset=AgencyReport.objects.select_related("agency")),
        )
        .order_by("reference")
    )
