"""Accepting or rejecting suggested themes for existing records, in one transaction.

An accepted theme is added to the record's own ``themes`` (the index follows through its
``m2m_changed`` handler); a rejected one is remembered so it is not suggested again. Each
answer writes its audit event inside the same transaction, so nothing is half-done. The
record is reached through its kind in ``core.searching``, so no domain app is imported, and
only when the person is the business unit of the record's partnership and may see it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from safeguarding.core import searching
from safeguarding.core.audit import audit_record
from safeguarding.core.permissions import partnerships_where
from safeguarding.core.roles import Role
from safeguarding.planning.models import Theme
from safeguarding.search import audit_events
from safeguarding.search.models import SearchDocument, ThemeSuggestionDecision


@dataclass(frozen=True)
class Answer:
    kind: str
    object_id: int
    theme_id: int
    accept: bool

    @classmethod
    def parse(cls, value: str, *, accept: bool) -> Answer:
        """``"reviews.notification|12|7"`` (kind, record id, theme id) from a form."""
        try:
            kind, object_id, theme_id = value.split("|")
            return cls(kind, int(object_id), int(theme_id), accept)
        except ValueError:
            raise ValidationError("That suggestion is not recognised. Reload the page.") from None


@dataclass
class Outcome:
    accepted: int = 0
    rejected: int = 0


def theme_suggestions_answer(*, actor, answers: Iterable[Answer]) -> Outcome:
    """Accept or reject each suggested theme; all or nothing."""
    answers = list(dict.fromkeys(answers))
    if not answers:
        raise ValidationError("Choose at least one suggested theme to accept or reject.")
    allowed = partnerships_where(actor, [Role.BUSINESS_UNIT])
    themes = Theme.objects.in_bulk({a.theme_id for a in answers})
    outcome = Outcome()
    with transaction.atomic():
        for answer in answers:
            kind = searching.kind(answer.kind)
            theme = themes.get(answer.theme_id)
            if kind is None or not kind.taggable or theme is None:
                raise ValidationError("That suggestion is not recognised. Reload the page.")
            row = (
                SearchDocument.objects.filter(kind=kind.key, object_id=answer.object_id)
                .only("partnership_id", "title")
                .first()
            )
            visible = kind.visible(actor) if kind.visible is not None else None
            record = (
                visible.filter(pk=answer.object_id).first()
                if visible is not None and row is not None and row.partnership_id in allowed
                else None
            )
            if record is None or row is None:
                raise ValidationError(
                    "One of the records is not one your business unit can tag. Reload the page."
                )
            if answer.accept and not theme.is_active:
                raise ValidationError(
                    f"“{theme.name}” is retired, so it cannot be added to records any more."
                )
            ThemeSuggestionDecision.objects.update_or_create(
                kind=kind.key,
                object_id=answer.object_id,
                theme=theme,
                defaults={
                    "accepted": answer.accept,
                    "decided_by": actor,
                    "partnership_id": row.partnership_id,
                },
            )
            if answer.accept:
                record.themes.add(theme)
                outcome.accepted += 1
            else:
                outcome.rejected += 1
            audit_record(
                actor=actor,
                event=(
                    audit_events.THEME_SUGGESTION_ACCEPT
                    if answer.accept
                    else audit_events.THEME_SUGGESTION_REJECT
                ),
                target=record,
                after={"kind": kind.key, "theme": theme.slug},
                partnerships=[row.partnership_id],
            )
    return outcome
