"""A theme's chain — from incident to impact — read from the search index, so every app's
part comes through the kinds it registers (``core.searching``) and the same visibility
rules as search: an anonymous visitor sees only public records (ADR 0026).

The number of queries is fixed: one for the counts of every kind by year, and one per kind
for its latest records; it does not grow with the number of records."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count

from safeguarding.core import searching
from safeguarding.planning.models import Theme
from safeguarding.search.models import SearchDocument
from safeguarding.search.selectors.search import visible_documents

ITEMS_PER_SECTION = 10


@dataclass
class ChainSection:
    key: str
    title: str
    total: int
    by_year: dict[int | None, int]
    items: list[SearchDocument] = field(default_factory=list)
    year_counts: list[int] = field(default_factory=list)


@dataclass
class ThemeChain:
    theme: Theme
    years: list[int]
    sections: list[ChainSection]
    # Counts only, from capabilities whose records never appear here (child deaths)
    figures: list[searching.ThemeFigures] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(s.total for s in self.sections)


def theme_chain(*, user, theme: Theme) -> ThemeChain:
    base = visible_documents(user).filter(themes=theme)
    counts: dict[str, dict[int | None, int]] = {}
    years: set[int | None] = set()
    for row in base.values("kind", "year").annotate(n=Count("pk")).order_by():
        counts.setdefault(row["kind"], {})[row["year"]] = row["n"]
        years.add(row["year"])
    sections = []
    for kind in searching.kinds():
        by_year = counts.get(kind.key)
        if not by_year:
            continue
        items = list(
            base.filter(kind=kind.key).defer("body").order_by("-date", "-pk")[:ITEMS_PER_SECTION]
        )
        sections.append(
            ChainSection(
                key=kind.key,
                title=kind.plural,
                total=sum(by_year.values()),
                by_year=by_year,
                items=items,
            )
        )
    ordered_years: list[int] = sorted((y for y in years if y is not None), reverse=True)[:8]
    for section in sections:
        section.year_counts = [section.by_year.get(year, 0) for year in ordered_years]
    return ThemeChain(
        theme=theme,
        years=ordered_years,
        sections=sections,
        figures=searching.theme_figures(user=user, theme=theme),
    )


def themes_with_counts(*, user) -> list[tuple[Theme, int]]:
    counts = dict(
        visible_documents(user)
        .filter(themes__isnull=False)
        .values("themes")
        .annotate(n=Count("pk"))
        .values_list("themes", "n")
    )
    return [(theme, counts.get(theme.pk, 0)) for theme in Theme.objects.active()]


def theme_hierarchy(*, theme: Theme) -> tuple[list[Theme], list[Theme]]:
    """(broader themes, broadest last; narrower themes in use) for a theme page."""
    narrower = list(theme.narrower.active().only("name", "slug").order_by("name"))
    return theme.broader_chain(), narrower


def theme_for_page(*, user, slug: str) -> tuple[Theme | None, Theme | None]:
    """(the theme, the theme it was merged into) for a theme page; (None, None) if unknown."""
    from safeguarding.search.models import ThemeMerge

    theme = Theme.objects.visible_to(user).filter(slug=slug).select_related("parent").first()
    if theme is None:
        return None, None
    merge = ThemeMerge.objects.filter(merged=theme).select_related("into").first()
    return theme, (merge.into if merge else None)


def external_review_for(*, user, pk: int):
    """An imported review from elsewhere, if this person may read it (None otherwise)."""
    from safeguarding.search.models import ExternalReview

    return ExternalReview.objects.visible_to(user).filter(pk=pk).first()
