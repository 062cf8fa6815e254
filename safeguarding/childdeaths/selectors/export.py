"""The panel's findings in the shape of the national child mortality dataset, without
identifiers (ADR 0023): one row per death the panel reviewed, numbered 1, 2, 3… in the file
(never the case reference, the internal id or a hash of either, so no row can be linked back
to a record or across two exports), the month and year of death only, and no free text."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from safeguarding.accounts.models import Partnership
from safeguarding.childdeaths.models import ChildDeath, Domain, ModifiableFactor, Status
from safeguarding.core.permissions import partnerships_where
from safeguarding.core.roles import Role

HEADER = [
    "Row",
    "Month of death",
    "Age band",
    "Sex",
    "Expected death",
    "Category of death",
    "Modifiable factors identified",
    *(f"Modifiable: {label}" for label in Domain.labels),
    "Panel theme",
    "Panel review date",
    "Partnerships",
]


def export_partnerships(*, user) -> QuerySet[Partnership]:
    """The partnerships whose findings the person may export: those where they chair the
    CDOP (the export is row-level, so it is for the chair, not every member)."""
    return Partnership.objects.filter(pk__in=partnerships_where(user, [Role.CDOP_CHAIR])).order_by(
        "name"
    )


def findings_export(*, partnership_ids: list[int], year: int | None) -> list[ChildDeath]:
    """The deaths of the partnerships the panel reviewed (in the year of panel review, if
    given), in a fixed order, with what the rows need in three queries."""
    deaths = ChildDeath.objects.filter(
        status__in=[Status.REVIEWED, Status.CLOSED],
        pk__in=ChildDeath.partnerships.through.objects.filter(
            partnership_id__in=list(partnership_ids)
        ).values("childdeath_id"),
    )
    if year:
        deaths = deaths.filter(panel_reviewed_on__year=year)
    return list(
        deaths.prefetch_related(
            Prefetch("partnerships", queryset=Partnership.objects.order_by("name")),
            Prefetch("modifiable_factors", queryset=ModifiableFactor.objects.order_by("domain")),
        ).order_by("panel_reviewed_on", "died_on", "pk")
    )


def _yes_no(value: bool | None) -> str:
    return "Not recorded" if value is None else ("Yes" if value else "No")


def findings_rows(deaths: list[ChildDeath]) -> list[list[str | int]]:
    rows: list[list[str | int]] = []
    for number, death in enumerate(deaths, start=1):
        factors = {f.domain: f.modifiable for f in death.modifiable_factors.all()}
        rows.append(
            [
                number,
                f"{death.died_on:%Y-%m}",
                death.get_age_band_display(),
                death.get_sex_display(),
                _yes_no(death.expected),
                death.get_category_display() or "Not recorded",
                _yes_no(death.modifiable),
                *(
                    "Not assessed"
                    if domain not in factors
                    else ("Modifiable" if factors[domain] else "Not modifiable")
                    for domain in Domain.values
                ),
                death.get_panel_theme_display(),
                death.panel_reviewed_on.isoformat() if death.panel_reviewed_on else "",
                "; ".join(p.name for p in death.partnerships.all()),
            ]
        )
    return rows
