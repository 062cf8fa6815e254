"""Searching the index as one person may: public rows for everyone, and the rows of records
the app's own ``visible_to(user)`` lets this person see (ADR 0026)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from safeguarding.core import searching
from safeguarding.planning.models import Theme
from safeguarding.search import backends
from safeguarding.search.models import SearchDocument
from safeguarding.search.query import ParsedQuery, QueryError, abbreviation_map, parse

PER_PAGE = 20
ORDERS = {"relevance": "Most relevant", "date": "Newest first"}


def visible_documents(user) -> QuerySet[SearchDocument]:
    """Rows this person may see: public ones, and for a signed-in person the rows of records
    in each kind's own ``visible_to(user)``. Fails closed: a kind without a visibility rule
    shows only its public rows."""
    condition = Q(is_public=True)
    if user is not None and user.is_authenticated and user.is_active:
        for kind in searching.kinds():
            if kind.visible is not None:
                condition |= Q(kind=kind.key, object_id__in=kind.visible(user).values("pk"))
    return SearchDocument.objects.filter(condition)


def highlight(snippet: str, fallback: str) -> SafeString:
    text = snippet or " ".join(fallback.split()[: backends.SNIPPET_WORDS])
    html: str = escape(text)
    html = html.replace(backends.MARK_START, "<mark>").replace(backends.MARK_END, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped above; only our own markers become tags


@dataclass(frozen=True)
class Result:
    title: str
    kind: str
    kind_label: str
    url: str
    snippet: SafeString
    themes: list[Theme]
    date: date | None
    detail: str
    external: bool
    public: bool


@dataclass
class Facet:
    value: str
    label: str
    count: int
    selected: bool = False
    href: str = ""


@dataclass
class SearchOutcome:
    text: str
    error: str = ""
    notes: list[str] = field(default_factory=list)
    expansions: dict[str, list[str]] = field(default_factory=dict)
    page: Page | None = None
    results: list[Result] = field(default_factory=list)
    total: int = 0
    facets: dict[str, list[Facet]] = field(default_factory=dict)


def parse_query(text: str | None) -> ParsedQuery:
    themes = Theme.objects.only("name", "synonyms")
    return parse(text, abbreviation_map(themes))


def search(
    *,
    user,
    text: str | None,
    kinds: list[str] | None = None,
    theme: str = "",
    year: int | None = None,
    partnership: int | None = None,
    order: str = "relevance",
    page: int | str = 1,
    per_page: int = PER_PAGE,
) -> SearchOutcome:
    outcome = SearchOutcome(text=" ".join((text or "").split()))
    try:
        parsed = parse_query(text)
    except QueryError as error:
        outcome.error = str(error)
        return outcome
    outcome.notes = parsed.notes
    outcome.expansions = parsed.expansions
    base = visible_documents(user)
    if kinds:
        base = base.filter(kind__in=kinds)
    if theme:
        base = base.filter(themes__slug=theme)
    if year:
        base = base.filter(year=year)
    if partnership:
        base = base.filter(partnership_id=partnership)
    counted = backends.facet_base(None, base, parsed)
    matched = backends.matching(base, parsed)
    if order == "date":
        matched = matched.order_by("-date", "-pk")
    else:
        matched = matched.order_by("-rank", "-date", "-pk")
    matched = matched.prefetch_related(
        Prefetch("themes", queryset=Theme.objects.only("slug", "name"))
    ).defer("body")
    paginator = Paginator(matched, per_page)
    outcome.total = paginator.count = counted.count()
    outcome.page = paginator.get_page(page)
    labels = {k.key: k.label for k in searching.kinds()}
    outcome.results = [
        Result(
            title=row.title,
            kind=row.kind,
            kind_label=labels.get(row.kind, row.kind),
            url=row.url,
            snippet=highlight(row.snippet, ""),
            themes=list(row.themes.all()),
            date=row.date,
            detail=row.detail,
            external=row.is_external,
            public=row.is_public,
        )
        for row in outcome.page.object_list
    ]
    if outcome.total:
        outcome.facets = _facets(counted, kinds or [], theme, year, partnership, labels)
    return outcome


def _facets(counted, kinds, theme, year, partnership, labels) -> dict[str, list[Facet]]:
    from safeguarding.accounts.models import Partnership

    by_kind = counted.values("kind").annotate(n=Count("pk", distinct=True)).order_by("-n")
    by_year = (
        counted.exclude(year=None).values("year").annotate(n=Count("pk", distinct=True))
    ).order_by("-year")
    by_theme = (
        counted.filter(themes__isnull=False)
        .values("themes__slug", "themes__name")
        .annotate(n=Count("pk", distinct=True))
        .order_by("-n", "themes__name")[:15]
    )
    by_partnership = (
        counted.exclude(partnership=None)
        .values("partnership")
        .annotate(n=Count("pk", distinct=True))
        .order_by("-n")
    )
    partnership_rows = list(by_partnership)
    names = dict(
        Partnership.objects.filter(pk__in=[r["partnership"] for r in partnership_rows]).values_list(
            "pk", "name"
        )
    )
    return {
        "type": [
            Facet(r["kind"], labels.get(r["kind"], r["kind"]), r["n"], r["kind"] in kinds)
            for r in by_kind
        ],
        "theme": [
            Facet(r["themes__slug"], r["themes__name"], r["n"], r["themes__slug"] == theme)
            for r in by_theme
        ],
        "year": [Facet(str(r["year"]), str(r["year"]), r["n"], r["year"] == year) for r in by_year],
        "partnership": [
            Facet(
                str(r["partnership"]),
                names.get(r["partnership"], ""),
                r["n"],
                r["partnership"] == partnership,
            )
            for r in partnership_rows
        ],
    }
