"""Searching the index as one person may: public rows for everyone, and the rows of records
the app's own ``visible_to(user)`` lets this person see (ADR 0026)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL
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
                # The kind's own scoped queryset, compiled to SQL once here rather than again
                # in every query that reuses the condition (count, facets, page, theme
                # chain): the same subquery, so the same rows, for much less Python.
                try:
                    sql, params = kind.visible(user).values("pk").query.sql_with_params()
                except EmptyResultSet:  # the person may see none of this kind
                    continue
                condition |= Q(kind=kind.key, object_id__in=RawSQL(sql, params))  # noqa: S611
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
    # More partnerships matched than the partnership facet lists (the ones with most results).
    more_partnerships: bool = False


@dataclass(frozen=True)
class _Vocabulary:
    name: str
    synonyms: str


@lru_cache(maxsize=4)
def _abbreviations(vocabulary: tuple[_Vocabulary, ...]) -> dict[str, list[str]]:
    return abbreviation_map(vocabulary)


def parse_query(text: str | None) -> ParsedQuery:
    # The vocabulary is read on every search (one small query) so a renamed theme or a new
    # synonym counts at once; the abbreviations made from it are kept while it is unchanged.
    vocabulary = tuple(
        _Vocabulary(name, synonyms or "")
        for name, synonyms in Theme.objects.order_by("name", "pk").values_list("name", "synonyms")
    )
    return parse(text, _abbreviations(vocabulary))


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
        # A subquery, not a join: SQLite then reads the full-text matches first and checks
        # each one's theme, instead of probing the full-text index once per tagged row.
        tagged = SearchDocument.themes.through.objects.filter(
            searchdocument_id=OuterRef("pk"), theme__slug=theme
        )
        base = base.filter(Exists(tagged))
    if year:
        base = base.filter(year=year)
    if partnership:
        # Filed under the partnership, or under it as one of a joint record's partnerships.
        joint = SearchDocument.joint_partnerships.through.objects.filter(
            searchdocument_id=OuterRef("pk"), partnership_id=partnership
        )
        base = base.filter(Q(partnership_id=partnership) | Exists(joint))
    counted = backends.facet_base(None, base, parsed)
    matched = backends.matching(base, parsed)
    if order == "date":
        matched = matched.order_by("-date", "-pk")
    else:
        matched = matched.order_by("-rank", "-date", "-pk")
    matched = matched.prefetch_related(
        Prefetch("themes", queryset=Theme.objects.only("slug", "name"))
    ).defer("body")
    labels = {k.key: k.label for k in searching.kinds()}
    counts = _counts(counted)
    outcome.total = counts.total
    # With nothing found there is no page to read: the empty list stands in for it.
    rows: QuerySet[SearchDocument] = matched if counts.total else matched.none()
    paginator: Paginator[Any] = Paginator(rows, per_page)  # rows carry rank and snippet
    paginator.count = counts.total
    outcome.page = paginator.get_page(page)
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
        outcome.facets = _facets(counts, kinds or [], theme, year, partnership, labels)
        outcome.more_partnerships = counts.more_partnerships
    return outcome


THEME_FACETS = 15
# The partnerships with most matches: at national scale a common word matches every
# partnership's records, and a list of 150 helps nobody (nor does rendering it).
PARTNERSHIP_FACETS = 10


@dataclass
class _Counts:
    """How many rows matched, and how many of them by type, year, partnership and theme."""

    total: int = 0
    kinds: list[tuple[str, int]] = field(default_factory=list)
    years: list[tuple[int, int]] = field(default_factory=list)
    partnerships: list[tuple[int, str, int]] = field(default_factory=list)
    more_partnerships: bool = False  # more partnerships matched than the facet lists
    themes: list[tuple[str, str, int]] = field(default_factory=list)


def _counts(counted: QuerySet[SearchDocument]) -> _Counts:
    """The total and every facet's counts in one query.

    The matching rows are found once (a common table expression, which SQLite and PostgreSQL
    both compute once because it is used more than once) and counted five ways, instead of
    running the full-text match and the visibility subqueries again for each count. A row
    filed under several partnerships (a joint body's action) counts once under each."""
    sql, params = (
        counted.order_by().values("pk", "kind", "year", "partnership_id").query.sql_with_params()
    )
    q = connection.ops.quote_name
    through = SearchDocument.themes.through._meta
    joint = SearchDocument.joint_partnerships.through._meta
    theme_table = q(Theme._meta.db_table)
    partnership_table = q(
        SearchDocument._meta.get_field("partnership").related_model._meta.db_table
    )
    statement = f"""
        WITH matched (id, kind, year, partnership_id) AS ({sql})
        SELECT 'total', NULL, NULL, COUNT(*) FROM matched
        UNION ALL
        SELECT 'kind', kind, NULL, COUNT(*) FROM matched GROUP BY kind
        UNION ALL
        SELECT 'year', CAST(year AS TEXT), NULL, COUNT(*) FROM matched
        WHERE year IS NOT NULL GROUP BY year
        UNION ALL
        SELECT * FROM (
            SELECT 'partnership', CAST(filed.partnership_id AS TEXT), p.{q("name")},
                COUNT(*) AS n
            FROM (
                SELECT partnership_id FROM matched WHERE partnership_id IS NOT NULL
                UNION ALL
                SELECT jp.{q("partnership_id")} FROM matched
                JOIN {q(joint.db_table)} jp ON jp.{q("searchdocument_id")} = matched.id
            ) filed
            LEFT JOIN {partnership_table} p ON p.{q("id")} = filed.partnership_id
            GROUP BY filed.partnership_id, p.{q("name")}
            ORDER BY n DESC, p.{q("name")} ASC
            LIMIT {PARTNERSHIP_FACETS + 1}
        ) top_partnerships
        UNION ALL
        SELECT * FROM (
            SELECT 'theme', t.{q("slug")}, t.{q("name")}, COUNT(*) AS n
            FROM matched
            JOIN {q(through.db_table)} st ON st.{q("searchdocument_id")} = matched.id
            JOIN {theme_table} t ON t.{q("id")} = st.{q("theme_id")}
            GROUP BY t.{q("slug")}, t.{q("name")}
            ORDER BY n DESC, t.{q("name")} ASC
            LIMIT {THEME_FACETS}
        ) top_themes
    """  # noqa: S608 - table and column names are the models' own; values are parameters
    counts = _Counts()
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        for facet, value, label, n in cursor.fetchall():
            if facet == "total":
                counts.total = n
            elif facet == "kind":
                counts.kinds.append((value, n))
            elif facet == "year":
                counts.years.append((int(value), n))
            elif facet == "partnership":
                counts.partnerships.append((int(value), label or "", n))
            else:
                counts.themes.append((value, label, n))
    counts.years.sort(reverse=True)
    counts.partnerships.sort(key=lambda r: (-r[2], r[1], r[0]))
    counts.more_partnerships = len(counts.partnerships) > PARTNERSHIP_FACETS
    del counts.partnerships[PARTNERSHIP_FACETS:]
    return counts


def _facets(counts: _Counts, kinds, theme, year, partnership, labels) -> dict[str, list[Facet]]:
    by_kind = sorted(counts.kinds, key=lambda r: (-r[1], labels.get(r[0], r[0])))
    return {
        "type": [Facet(k, labels.get(k, k), n, k in kinds) for k, n in by_kind],
        "theme": [Facet(slug, name, n, slug == theme) for slug, name, n in counts.themes],
        "year": [Facet(str(y), str(y), n, y == year) for y, n in counts.years],
        "partnership": [
            Facet(str(pk), name, n, pk == partnership) for pk, name, n in counts.partnerships
        ],
    }
