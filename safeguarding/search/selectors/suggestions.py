"""Tag what exists: records of every capability that carry no theme yet, each with the
themes its text suggests and why (issue 17, item 6).

The records are read from the search index, so every app's taggable kinds come through
``core.searching`` and no domain app is imported; a kind is taggable when its model carries
``themes`` itself (a briefing takes its review's themes, so it is not). Suggestions come
from the vocabulary rules (``planning.suggestions``), active themes only, leaving out those a
person has already rejected for that record. The number of queries for a page is fixed: the
rows, the themes for the rules and the rejections of the rows shown."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from safeguarding.core import searching
from safeguarding.core.permissions import partnerships_where
from safeguarding.core.roles import Role
from safeguarding.planning.models import Theme
from safeguarding.planning.suggestions import Suggestion, build_rules, suggest_from_rules
from safeguarding.search.models import SearchDocument, ThemeSuggestionDecision
from safeguarding.search.selectors.search import visible_documents

PER_PAGE = 20


@dataclass
class RecordSuggestions:
    document: SearchDocument
    kind_label: str
    suggestions: list[Suggestion] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.document.kind}|{self.document.object_id}"


def untagged_documents(
    *, partnership_ids: Iterable[int], kind_key: str = "", user=None
) -> QuerySet[SearchDocument]:
    """Index rows of the partnerships' own records that carry no theme, newest first. With a
    ``user``, only the rows that person may see (the same rules as search)."""
    keys = [kind.key for kind in searching.taggable_kinds()]
    if kind_key:
        keys = [key for key in keys if key == kind_key]
    rows = visible_documents(user) if user is not None else SearchDocument.objects.all()
    return (
        rows.filter(
            partnership_id__in=list(partnership_ids),
            kind__in=keys,
            themes__isnull=True,
            is_external=False,
        )
        .order_by("-date", "-pk")
        .only("kind", "object_id", "title", "body", "url", "date", "partnership_id")
    )


def suggest_for_documents(
    documents: list[SearchDocument], *, rules=None, limit: int = 4
) -> list[RecordSuggestions]:
    """The suggested themes of each row, without the ones already rejected for its record."""
    if rules is None:
        rules = build_rules(Theme.objects.active().only("name", "slug", "synonyms"))
    rejected: dict[tuple[str, int], set[int]] = {}
    if documents:
        decisions = ThemeSuggestionDecision.objects.filter(
            accepted=False,
            kind__in={d.kind for d in documents},
            object_id__in={d.object_id for d in documents},
        ).values_list("kind", "object_id", "theme_id")
        for kind_key, object_id, theme_id in decisions:
            rejected.setdefault((kind_key, object_id), set()).add(theme_id)
    labels = {kind.key: kind.label for kind in searching.kinds()}
    out = []
    for document in documents:
        refused = rejected.get((document.kind, document.object_id), set())
        found = suggest_from_rules(f"{document.title}\n{document.body}", rules, limit=limit + 4)
        out.append(
            RecordSuggestions(
                document=document,
                kind_label=labels.get(document.kind, document.kind),
                suggestions=[s for s in found if s.theme_id not in refused][:limit],
            )
        )
    return out


@dataclass
class SuggestionQueue:
    page: Page
    records: list[RecordSuggestions]
    kinds: list[tuple[str, str]]
    kind_key: str


def suggestion_queue(*, user, kind_key: str = "", page: int | str = 1) -> SuggestionQueue:
    """One page of the business unit's untagged records with their suggested themes."""
    partnership_ids = partnerships_where(user, [Role.BUSINESS_UNIT])
    rows = untagged_documents(partnership_ids=partnership_ids, kind_key=kind_key, user=user)
    shown = Paginator(rows, PER_PAGE).get_page(page)
    return SuggestionQueue(
        page=shown,
        records=suggest_for_documents(list(shown.object_list)),
        kinds=[(kind.key, kind.plural) for kind in searching.taggable_kinds()],
        kind_key=kind_key,
    )
