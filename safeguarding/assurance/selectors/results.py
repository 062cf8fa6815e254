"""Results of a campaign: per standard (% fully, partly and not met, "not applicable" left
out), by type of organisation and by locality, and the change since the previous cycle.

Only returns that have been submitted count. Where a moderator has scored a standard, the
moderated score counts; otherwise the self-assessment does. Each figure is one GROUP BY
query over the answers, so the number of queries does not grow with the number of
organisations or answers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count

from safeguarding.accounts.models import AgencyType, SchoolPhase
from safeguarding.assurance.models import (
    Answer,
    AnswerType,
    Campaign,
    Outcome,
    ReturnStatus,
    TemplateQuestion,
)

# Groups smaller than this are not shown in the anonymised schools report.
SMALL_GROUP = 3


@dataclass
class Tally:
    label: str = ""
    met: int = 0
    partly: int = 0
    not_met: int = 0
    not_applicable: int = 0
    returns: int = 0

    @property
    def rated(self) -> int:
        return self.met + self.partly + self.not_met

    def pct(self, count: int) -> float | None:
        return round(100 * count / self.rated, 1) if self.rated else None

    @property
    def pct_met(self) -> float | None:
        return self.pct(self.met)

    @property
    def pct_partly(self) -> float | None:
        return self.pct(self.partly)

    @property
    def pct_not_met(self) -> float | None:
        return self.pct(self.not_met)

    def add(self, outcome: str | None, not_applicable: bool, n: int) -> None:
        if not_applicable:
            self.not_applicable += n
        elif outcome == Outcome.MET:
            self.met += n
        elif outcome == Outcome.PARTLY:
            self.partly += n
        elif outcome == Outcome.NOT_MET:
            self.not_met += n


@dataclass
class StandardResult:
    question: TemplateQuestion
    tally: Tally
    previous_pct_met: float | None = None

    @property
    def change(self) -> float | None:
        if self.previous_pct_met is None or self.tally.pct_met is None:
            return None
        return round(self.tally.pct_met - self.previous_pct_met, 1)

    @property
    def change_words(self) -> str:
        change = self.change
        if change is None:
            return "–"
        if change == 0:
            return "no change"
        return f"{'up' if change > 0 else 'down'} {abs(change):g} points"


@dataclass
class Results:
    campaign: Campaign
    returns: int
    standards: list[StandardResult]
    sections: list[tuple[str, Tally]]
    by_type: list[Tally]
    by_locality: list[Tally]
    by_phase: list[Tally]
    overall: Tally
    previous: Campaign | None = None
    suppressed: list[str] = field(default_factory=list)


def _rows(campaign: Campaign, *extra: str):
    return (
        Answer.objects.filter(
            audit_return__campaign=campaign,
            audit_return__first_submitted_at__isnull=False,
            question__answer_type=AnswerType.RATING,
        )
        .exclude(audit_return__status=ReturnStatus.EXEMPT)
        .values("not_applicable", "rating__outcome", "moderated_rating__outcome", *extra)
        .annotate(n=Count("id"))
        .order_by()
    )


def _outcome(row: dict) -> str | None:
    return row["moderated_rating__outcome"] or row["rating__outcome"]


def _grouped(campaign: Campaign, key: str, names: dict | None = None, blank: str = "") -> list:
    tallies: dict[str, Tally] = {}
    counts = dict(
        campaign.returns.filter(first_submitted_at__isnull=False)
        .exclude(status=ReturnStatus.EXEMPT)
        .values_list(key.removeprefix("audit_return__"))
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in _rows(campaign, key):
        raw = row[key]
        label = (names or {}).get(raw, raw) or blank
        tally = tallies.setdefault(label, Tally(label=label, returns=counts.get(raw, 0)))
        tally.add(_outcome(row), row["not_applicable"], row["n"])
    return sorted(tallies.values(), key=lambda t: t.label)


def _per_question(campaign: Campaign) -> dict[int, Tally]:
    tallies: dict[int, Tally] = {}
    for row in _rows(campaign, "question_id"):
        tallies.setdefault(row["question_id"], Tally()).add(
            _outcome(row), row["not_applicable"], row["n"]
        )
    return tallies


def _previous_by_key(previous: Campaign) -> dict[str, float | None]:
    tallies = _per_question(previous)
    keys = dict(previous.version.questions.values_list("pk", "key"))
    return {keys[pk]: tally.pct_met for pk, tally in tallies.items() if pk in keys}


def campaign_results(*, campaign: Campaign, schools_only: bool = False) -> Results:
    questions = list(
        TemplateQuestion.objects.filter(version=campaign.version_id, answer_type=AnswerType.RATING)
        .select_related("section")
        .order_by("section__number", "order", "pk")
    )
    tallies = _per_question(campaign)
    previous = campaign.previous
    previous_pct = _previous_by_key(previous) if previous else {}
    standards = [
        StandardResult(
            question=q,
            tally=tallies.get(q.pk, Tally(label=q.reference)),
            previous_pct_met=previous_pct.get(q.key),
        )
        for q in questions
    ]
    sections: dict[int, tuple[str, Tally]] = {}
    overall = Tally(label="All standards")
    for result in standards:
        section = result.question.section
        _, tally = sections.setdefault(section.pk, (section.title, Tally(label=section.title)))
        for target in (tally, overall):
            target.met += result.tally.met
            target.partly += result.tally.partly
            target.not_met += result.tally.not_met
            target.not_applicable += result.tally.not_applicable
    returned = (
        campaign.returns.filter(first_submitted_at__isnull=False)
        .exclude(status=ReturnStatus.EXEMPT)
        .count()
    )
    overall.returns = returned
    by_type = _grouped(campaign, "audit_return__agency__type", dict(AgencyType.choices))
    by_locality = _grouped(campaign, "audit_return__agency__locality__name", blank="No locality")
    by_phase = _grouped(
        campaign, "audit_return__agency__school_phase", dict(SchoolPhase.choices), "Not a school"
    )
    suppressed = []
    if schools_only:
        # Anonymised: no organisation names anywhere, and groups too small to hide who they
        # are are left out.
        kept = []
        for tally in by_phase:
            if tally.returns < SMALL_GROUP:
                suppressed.append(tally.label)
            else:
                kept.append(tally)
        by_phase = kept
        kept = []
        for tally in by_locality:
            if tally.returns < SMALL_GROUP:
                suppressed.append(tally.label)
            else:
                kept.append(tally)
        by_locality = kept
        by_type = []
    return Results(
        campaign=campaign,
        returns=returned,
        standards=standards,
        sections=list(sections.values()),
        by_type=by_type,
        by_locality=by_locality,
        by_phase=by_phase,
        overall=overall,
        previous=previous,
        suppressed=suppressed,
    )


def extra_field_rows(*, campaign: Campaign) -> list[list]:
    """The extra fields' values in submitted returns: a header row, then one row per answer
    that has any (organisation, reference, self-assessment, moderated, then each field).
    Empty (no header) when the template has no extra fields."""
    from safeguarding.assurance.models import ExtraField

    fields = list(ExtraField.objects.filter(version_id=campaign.version_id))
    if not fields:
        return []
    rows: list[list] = [
        ["Organisation", "Reference", "Self-assessment", "Moderated", *(f.label for f in fields)]
    ]
    answers = (
        Answer.objects.filter(
            audit_return__campaign=campaign, audit_return__first_submitted_at__isnull=False
        )
        .exclude(extra={})
        .select_related("audit_return__agency", "question", "rating", "moderated_rating")
        .order_by("audit_return__agency__name", "question__section__number", "question__order")
    )
    for answer in answers:
        rows.append(
            [
                answer.audit_return.agency.name,
                answer.question.reference,
                answer.rating.label if answer.rating_id else "",
                answer.moderated_rating.label if answer.moderated_rating_id else "",
                *(answer.extra.get(f.key, "") for f in fields),
            ]
        )
    return rows
