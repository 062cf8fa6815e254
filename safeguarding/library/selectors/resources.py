"""Resources: the public list with filters, one resource, and the usage report."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, IntegerField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from safeguarding.accounts.models import Partnership
from safeguarding.core.permissions import partnerships_where
from safeguarding.core.roles import Role
from safeguarding.library.models import AUDIENCE_LABELS, Resource, ResourceUsage
from safeguarding.planning.models import Theme


@dataclass(frozen=True)
class ResourceFilter:
    kind: str = ""
    theme: str = ""
    audience: str = ""
    query: str = ""

    @property
    def active(self) -> bool:
        return bool(self.kind or self.theme or self.audience or self.query)


def _usage_total(counter: str):
    totals = (
        ResourceUsage.objects.filter(resource=OuterRef("pk"))
        .values("resource")
        .annotate(total=Sum(counter))
        .values("total")
    )
    return Coalesce(Subquery(totals, output_field=IntegerField()), Value(0))


def with_usage(queryset: QuerySet[Resource]) -> QuerySet[Resource]:
    """Each resource with its all-time views, downloads and plays (one query, no N+1)."""
    return queryset.annotate(
        total_views=_usage_total("views"),
        total_downloads=_usage_total("downloads"),
        total_plays=_usage_total("plays"),
    )


def resource_list(*, user, partnership=None, filters: ResourceFilter | None = None):
    """The resources the person may see (the public ones for everyone), filtered."""
    found = Resource.objects.visible_to(user)
    if partnership is not None:
        found = found.filter(partnership=partnership)
    filters = filters or ResourceFilter()
    if filters.kind:
        found = found.filter(kind=filters.kind)
    if filters.theme:
        tagged = Resource.themes.through.objects.filter(
            resource_id=OuterRef("pk"), theme__slug=filters.theme
        )
        found = found.filter(Exists(tagged))
    if filters.audience:
        found = found.filter(audiences__icontains=f'"{filters.audience}"')
    if filters.query:
        found = found.filter(title__icontains=filters.query)
    return (
        found.select_related("owner_agency", "priority")
        .prefetch_related("themes")
        .order_by("title", "pk")
    )


def resource_get(*, user, pk: int) -> Resource | None:
    return (
        Resource.objects.visible_to(user)
        .select_related("owner_agency", "priority", "partnership")
        .prefetch_related("themes", "campaigns")
        .filter(pk=pk)
        .first()
    )


@dataclass
class UsageRow:
    label: str
    views: int = 0
    downloads: int = 0
    plays: int = 0

    @property
    def total(self) -> int:
        return self.views + self.downloads + self.plays


@dataclass
class UsageReport:
    start: date
    end: date
    totals: UsageRow
    most_used: list[tuple[Resource, UsageRow]]
    by_theme: list[UsageRow]
    by_audience: list[UsageRow]
    by_kind: list[UsageRow]


def usage_report(*, partnerships, start: date, end: date, top: int = 10) -> UsageReport:
    """Views, downloads and plays between two dates (inclusive) for these partnerships'
    resources: in total, the most-used items, and by theme, audience and type."""
    per_resource = (
        ResourceUsage.objects.filter(
            resource__partnership__in=partnerships, day__gte=start, day__lte=end
        )
        .values("resource")
        .annotate(views=Sum("views"), downloads=Sum("downloads"), plays=Sum("plays"))
    )
    figures = {
        row["resource"]: UsageRow("", row["views"], row["downloads"], row["plays"])
        for row in per_resource
    }
    resources = (
        Resource.objects.filter(pk__in=figures)
        .prefetch_related("themes")
        .only("pk", "title", "kind", "audiences", "partnership_id")
    )
    totals = UsageRow("All resources")
    themes: dict[str, UsageRow] = defaultdict(lambda: UsageRow(""))
    audiences: dict[str, UsageRow] = defaultdict(lambda: UsageRow(""))
    kinds: dict[str, UsageRow] = defaultdict(lambda: UsageRow(""))
    ranked = []
    for resource in resources:
        row = figures[resource.pk]
        row.label = resource.title
        ranked.append((resource, row))
        groups = [(totals, None), (kinds[resource.get_kind_display()], None)]
        groups += [(themes[t.name], None) for t in resource.themes.all()]
        groups += [(audiences[AUDIENCE_LABELS.get(a, a)], None) for a in resource.audiences]
        for group, _ in groups:
            group.views += row.views
            group.downloads += row.downloads
            group.plays += row.plays
    ranked.sort(key=lambda pair: (-pair[1].total, pair[0].title))

    def ordered(groups: dict[str, UsageRow]) -> list[UsageRow]:
        for label, row in groups.items():
            row.label = label
        return sorted(groups.values(), key=lambda r: (-r.total, r.label))

    return UsageReport(
        start=start,
        end=end,
        totals=totals,
        most_used=ranked[:top],
        by_theme=ordered(themes),
        by_audience=ordered(audiences),
        by_kind=ordered(kinds),
    )


def filter_themes() -> QuerySet[Theme]:
    """The active themes of the taxonomy (public), for the filter."""
    return Theme.objects.active().order_by("name")


def managed_partnership(*, user, site=None) -> Partnership | None:
    """The partnership the business unit person manages: the site's when they manage it,
    otherwise the first they manage; None when they manage none."""
    own = partnerships_where(user, [Role.BUSINESS_UNIT])
    if site is not None and site.pk in own:
        return site
    return Partnership.objects.filter(pk__in=own).order_by("pk").first()
