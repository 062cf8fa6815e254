"""The two full-text backends behind one interface, chosen by the database vendor.

``matching(queryset, parsed)`` narrows a queryset of ``SearchDocument`` to the rows that match
and annotates ``rank`` (higher is better) and ``snippet`` (text with the matched words
between ``MARK_START`` and ``MARK_END``). PostgreSQL uses the weighted vector (title A,
body B, ``english``; stored in a column since migration 0005), ``websearch_to_tsquery`` for
each word or phrase, ``ts_rank`` and ``ts_headline``; SQLite uses the FTS5 table of migration
0002 with ``bm25`` and ``snippet``.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Expression, F, QuerySet

from safeguarding.search.query import ParsedQuery, fts5_expression

MARK_START = "\ue000"
MARK_END = "\ue001"
SNIPPET_WORDS = 30


def document_vector():
    from django.contrib.postgres.search import SearchVector

    return SearchVector("title", weight="A", config="english") + SearchVector(
        "body", weight="B", config="english"
    )


class StoredVector(Expression):
    """The row's weighted vector as PostgreSQL stores it (migration 0005: a column generated
    from ``document_vector()``'s expression, with the GIN index), so ranking reads it
    instead of rebuilding it from the title and body for every match. Not a model field:
    the database writes it, and only PostgreSQL has it."""

    def __init__(self):
        from django.contrib.postgres.search import SearchVectorField

        super().__init__(output_field=SearchVectorField())

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f"{table}.{connection.ops.quote_name(STORED_VECTOR)}", []


STORED_VECTOR = "search_vector"


def _postgres_query(parsed: ParsedQuery):
    from django.contrib.postgres.search import SearchQuery

    def alternative(words: tuple[str, ...]):
        text = " ".join(words)
        if len(words) > 1:
            text = f'"{text}"'
        return SearchQuery(text, search_type="websearch", config="english")

    def clause(c):
        combined: SearchQuery | None = None
        for words in c.alternatives:
            part = alternative(words)
            combined = part if combined is None else combined | part
        if combined is None:
            # parse_query never makes a clause without an alternative.
            raise ValueError("A search clause needs at least one word or phrase.")
        return ~combined if c.negated else combined

    result = None
    for c in parsed.clauses:
        part = clause(c)
        result = part if result is None else result & part
    return result


def postgres_matching(queryset: QuerySet, parsed: ParsedQuery) -> QuerySet:
    from django.contrib.postgres.search import SearchHeadline, SearchRank

    query = _postgres_query(parsed)
    return (
        queryset.annotate(search_vector=StoredVector())
        .filter(search_vector=query)
        .annotate(
            rank=SearchRank(F("search_vector"), query),
            snippet=SearchHeadline(
                "body",
                query,
                config="english",
                start_sel=MARK_START,
                stop_sel=MARK_END,
                max_words=SNIPPET_WORDS,
                min_words=12,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
    )


def sqlite_matching(queryset: QuerySet, parsed: ParsedQuery) -> QuerySet:
    expression = fts5_expression(parsed)
    return queryset.extra(
        tables=["search_document_fts"],
        where=[
            "search_document_fts.rowid = search_searchdocument.id",
            "search_document_fts MATCH %s",
        ],
        params=[expression],
        select={
            # bm25 is lower for better matches; the title counts four times the body.
            "rank": "-bm25(search_document_fts, 4.0, 1.0)",
            "snippet": "snippet(search_document_fts, 1, %s, %s, ' … ', %s)",
        },
        select_params=[MARK_START, MARK_END, SNIPPET_WORDS // 2],
    )


def matching(queryset: QuerySet, parsed: ParsedQuery) -> QuerySet:
    if connection.vendor == "postgresql":
        return postgres_matching(queryset, parsed)
    if connection.vendor == "sqlite":
        return sqlite_matching(queryset, parsed)
    raise NotImplementedError(f"Search does not support the {connection.vendor} database.")


def facet_base(_matched, queryset: QuerySet, parsed: ParsedQuery) -> QuerySet:
    """The matching rows without ranking or snippets, for counting facets cheaply."""
    if connection.vendor == "sqlite":
        return queryset.extra(
            tables=["search_document_fts"],
            where=[
                "search_document_fts.rowid = search_searchdocument.id",
                "search_document_fts MATCH %s",
            ],
            params=[fts5_expression(parsed)],
        )
    return queryset.annotate(search_vector=StoredVector()).filter(
        search_vector=_postgres_query(parsed)
    )
