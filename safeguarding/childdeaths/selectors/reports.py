"""An agency lead's view: the reports asked of their agencies, and nothing of the death
beyond its reference and dates."""

from __future__ import annotations

from django.db.models import QuerySet

from safeguarding.childdeaths.models import AgencyReport


def reports_for_lead(*, user) -> QuerySet[AgencyReport]:
    return (
        AgencyReport.objects.requested_of(user)
        .select_related("child_death", "agency")
        .order_by("submitted_on", "due_on", "pk")
    )


def report_get_for_lead(*, user, pk: int) -> AgencyReport | None:
    return reports_for_lead(user=user).filter(pk=pk).first()
