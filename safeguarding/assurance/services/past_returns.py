"""Import organisations' past returns (answers from before the platform) for a campaign.

The rows (organisation, question reference, answer, evidence) become submitted returns in a
closed "previous cycle" campaign linked to the campaign as its previous cycle. Carry-forward
then copies each organisation's answers into its new return when it starts, and the results
page compares each standard with the previous cycle, from the first campaign on the platform.

All or nothing: a file with any bad row writes nothing. Importing the same file again changes
nothing (answers are compared by their fingerprint).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from safeguarding.accounts.models import Agency
from safeguarding.assurance.answers import answer_signature
from safeguarding.assurance.importing.files import Row, find_header, read
from safeguarding.assurance.models import (
    Answer,
    AnswerType,
    AuditReturn,
    Campaign,
    CampaignStatus,
    ReturnStatus,
    TemplateQuestion,
)
from safeguarding.core.audit import audit_record
from safeguarding.core.import_jobs import import_job_progress

IMPORT_EVENT = "assurance.past_return.import"
PROGRESS_EVERY = 500  # answers written (or compared) between two reports of the progress
COLUMNS = {
    "organisation": ("organisation", "organization", "agency", "organisation name", "name"),
    "reference": (
        "question reference",
        "reference",
        "ref",
        "question ref",
        "standard reference",
        "question",
        "standard",
    ),
    "answer": ("answer", "rating", "score", "response", "grade"),
    "evidence": ("evidence", "comments", "comment", "evidence and comments"),
}
REQUIRED = ("organisation", "reference", "answer")
NOT_APPLICABLE = {"n/a", "na", "not applicable"}


class _DryRun(Exception):
    pass


@dataclass
class _Value:
    rating: object = None
    yes_no: bool | None = None
    number: Decimal | None = None
    text: str = ""
    not_applicable: bool = False


def find_campaign(reference: str, queryset=None) -> Campaign:
    """A campaign by its number or the slug of its title."""
    from django.utils.text import slugify

    queryset = queryset if queryset is not None else Campaign.objects.all()
    reference = (reference or "").strip()
    if reference.isdigit():
        found = queryset.filter(pk=int(reference)).first()
        if found is not None:
            return found
    matches = [c for c in queryset.filter(imported=False) if slugify(c.title) == reference]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise ValidationError(
            f"More than one campaign is called “{reference}”: give its number instead "
            f"({', '.join(str(c.pk) for c in matches)})."
        )
    raise ValidationError(f"There is no campaign “{reference}”. Give its number or title slug.")


def _value(question: TemplateQuestion, raw: str, levels: list) -> _Value:
    word = raw.strip()
    if word.lower() in NOT_APPLICABLE:
        if not question.allows_not_applicable:
            raise ValueError(f"{question.reference} cannot be answered “not applicable”.")
        return _Value(not_applicable=True)
    kind = question.answer_type
    if kind == AnswerType.RATING:
        for level in levels:
            if word.lower() == level.label.lower() or (
                re.fullmatch(r"-?\d+", word) and int(word) == level.value
            ):
                return _Value(rating=level)
        choices = ", ".join(f"{lvl.value} {lvl.label}" for lvl in levels)
        raise ValueError(f"“{raw}” is not on {question.reference}'s scale ({choices}).")
    if kind == AnswerType.YES_NO:
        value = {"yes": True, "y": True, "no": False, "n": False}.get(word.lower())
        if value is None:
            raise ValueError(f"{question.reference} is answered yes or no, not “{raw}”.")
        return _Value(yes_no=value)
    if kind == AnswerType.NUMBER:
        try:
            return _Value(number=Decimal(word.replace(",", "")))
        except InvalidOperation:
            raise ValueError(
                f"{question.reference} is answered with a number, not “{raw}”."
            ) from None
    if kind == AnswerType.TEXT:
        return _Value(text=word)
    raise ValueError(f"{question.reference} asks for a file, which cannot be imported.")


def _previous_campaign(campaign: Campaign, actor) -> tuple[Campaign, bool]:
    if campaign.previous_id:
        previous = campaign.previous
        if not previous.imported:
            raise ValidationError(
                f"“{campaign.title}” already has a previous cycle on the platform "
                f"(“{previous.title}”), so its answers are carried forward from there."
            )
        return previous, False
    year = dt.timedelta(days=365)
    previous = Campaign.objects.create(
        partnership=campaign.partnership,
        title=f"{campaign.title}: previous cycle (imported)"[:200],
        description="Organisations' returns from before the platform, imported from a file.",
        version=campaign.version,
        opens_on=campaign.opens_on - year,
        closes_on=campaign.closes_on - year,
        status=CampaignStatus.CLOSED,
        imported=True,
        created_by=actor,
        closed_at=timezone.now(),
    )
    previous.joint_partnerships.set(campaign.joint_partnerships.all())
    campaign.previous = previous
    campaign.save(update_fields=["previous", "updated_at"])
    return previous, True


def past_returns_import(
    *,
    actor=None,
    job: str | None = None,
    campaign: Campaign,
    content: bytes,
    filename: str = "",
    dry_run: bool = False,
    on_rows: Callable[[int, int], None] | None = None,
    every: int | None = None,
) -> dict:
    """Returns ``{"campaign", "previous_campaign", "organisations", "created", "updated",
    "skipped", "changes", "errors", "dry_run", "written"}``. ``on_rows(done, total)`` is
    told how many of the table's rows under its headings have been written (or compared):
    none once the heading row is found, then every ``every`` rows (``PROGRESS_EVERY``
    unless given) and at the end — also when rows with problems stop the import, since
    every row was checked."""
    document = read(content, filename)
    if not document.rows:
        raise ValidationError(
            "Past returns are read from a table (CSV or Excel) with the columns Organisation, "
            "Question reference, Answer and Evidence."
        )
    header = find_header(document.rows, COLUMNS, REQUIRED)
    if header is None:
        first = document.rows[0].cells
        raise ValidationError(
            "The table needs the columns Organisation, Question reference and Answer "
            f"(Evidence is optional). The first row has: {', '.join(c for c in first if c)}. "
            "Add the missing column headings and import again."
        )
    start, columns = header
    total = len(document.rows) - start - 1

    def report(done: int) -> None:
        if on_rows is not None and (done in (0, total) or done % (every or PROGRESS_EVERY) == 0):
            on_rows(done, total)

    report(0)

    def get(row: Row, column: str) -> str:
        index = columns.get(column)
        return row.cells[index] if index is not None and index < len(row.cells) else ""

    partnership_ids = campaign.partnership_ids_for_rules()
    agencies: dict[str, Agency] = {}
    for agency in Agency.objects.filter(partnerships__in=partnership_ids).distinct():
        agencies.setdefault(agency.name.strip().lower(), agency)
    questions = {
        q.reference: q
        for q in campaign.version.questions.select_related("scale").prefetch_related(
            "scale__levels"
        )
    }
    summary = {
        "campaign": campaign.title,
        "previous_campaign": None,
        "organisations": 0,
        "created": 0,
        "updated": 0,
        "skipped": 0,
        "changes": [],
        "errors": [],
        "dry_run": dry_run,
        "written": False,
    }
    parsed, seen = [], {}
    for row in document.rows[start + 1 :]:
        name, reference = get(row, "organisation"), get(row, "reference")
        agency = agencies.get(name.strip().lower())
        question = questions.get(reference.strip())
        if agency is None:
            summary["errors"].append(
                {
                    "row": row.where,
                    "reason": f"no organisation called “{name}” takes part in this campaign's "
                    "partnerships: check the spelling matches the organisation's name here.",
                }
            )
            continue
        if question is None:
            summary["errors"].append(
                {
                    "row": row.where,
                    "reason": f"the template has no question {reference or '(empty)'}: use the "
                    "references shown on the template.",
                }
            )
            continue
        if (agency.pk, question.pk) in seen:
            summary["errors"].append(
                {
                    "row": row.where,
                    "reason": f"{agency.name} answers {reference} twice (also at "
                    f"{seen[agency.pk, question.pk]}): keep one row.",
                }
            )
            continue
        seen[agency.pk, question.pk] = row.where
        levels = list(question.scale.levels.all()) if question.scale_id else []
        try:
            value = _value(question, get(row, "answer"), levels)
        except ValueError as error:
            summary["errors"].append({"row": row.where, "reason": str(error)})
            continue
        parsed.append((row, agency, question, value, get(row, "evidence")))
    if summary["errors"]:
        report(total)
        return summary
    if not parsed:
        raise ValidationError("The file has a heading row but no answers under it.")
    try:
        with transaction.atomic():
            _write(summary, campaign, parsed, actor, job, report)
            if dry_run or not (summary["created"] or summary["updated"]):
                raise _DryRun
    except _DryRun:
        pass
    else:
        summary["written"] = True
    report(total)
    return summary


def _write(summary, campaign, parsed, actor, job, report) -> None:
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    previous, _ = _previous_campaign(campaign, actor)
    summary["previous_campaign"] = previous.title
    submitted = timezone.make_aware(dt.datetime.combine(previous.closes_on, dt.time(12)))
    returns: dict[int, AuditReturn] = {}
    for _row, agency, *_ in parsed:
        if agency.pk not in returns:
            returns[agency.pk], _made = AuditReturn.objects.get_or_create(
                campaign=previous,
                agency=agency,
                case=None,
                defaults={
                    "status": ReturnStatus.SUBMITTED,
                    "first_submitted_at": submitted,
                    "submitted_at": submitted,
                },
            )
    summary["organisations"] = len(returns)
    existing = {
        (a.audit_return_id, a.question_id): a
        for a in Answer.objects.filter(audit_return__in=returns.values()).select_related("rating")
    }
    new: list[Answer] = []
    now = timezone.now()
    for done, (row, agency, question, value, evidence) in enumerate(parsed, start=1):
        if done < len(parsed):  # the end is reported once, by the caller
            report(done)
        audit_return = returns[agency.pk]
        answer = existing.get((audit_return.pk, question.pk))
        action = "skipped"
        if answer is None:
            answer = Answer(audit_return=audit_return, question=question)
            action = "created"
        before = answer_signature(answer)
        answer.rating = value.rating
        answer.yes_no = value.yes_no
        answer.number = value.number
        answer.text = value.text
        answer.not_applicable = value.not_applicable
        answer.not_applicable_reason = (
            (evidence.strip() or "Not applicable") if value.not_applicable else ""
        )
        answer.evidence = evidence.strip()
        if action == "skipped" and answer_signature(answer) != before:
            action = "updated"
        if action != "skipped":
            answer.updated_at = now
        if action == "created":
            new.append(answer)
        elif action == "updated":
            answer.save()
        summary[action] += 1
        summary["changes"].append(
            {
                "row": row.where,
                "organisation": agency.name,
                "reference": question.reference,
                "action": action,
            }
        )
    Answer.objects.bulk_create(new, batch_size=1000)
    # Returns already sent out for this campaign, and not yet started, carry these forward.
    for audit_return in campaign.returns.filter(
        previous__isnull=True, case__isnull=True, agency_id__in=list(returns)
    ):
        audit_return.previous = returns[audit_return.agency_id]
        audit_return.save(update_fields=["previous", "updated_at"])
    audit_record(
        actor=actor,
        job=job,
        event=IMPORT_EVENT,
        target=previous,
        after={
            "campaign": campaign.title,
            "organisations": summary["organisations"],
            "created": summary["created"],
            "updated": summary["updated"],
            "skipped": summary["skipped"],
        },
    )


PAST_RETURNS_IMPORT = "assurance.past_returns"  # the kind of the page's jobs (ADR 0033)


def past_returns_import_job(*, job, content: bytes) -> dict:
    """The worker's side of the import page (``core.import_jobs``): the check (a dry run,
    every row) and then, once confirmed, the import into the campaign's previous cycle."""
    campaign = Campaign.objects.get(pk=job.options["campaign"], partnership=job.partnership)
    summary = past_returns_import(
        actor=job.uploaded_by,
        campaign=campaign,
        content=content,
        filename=job.original_name,
        dry_run=job.dry_run,
        on_rows=lambda done, total: import_job_progress(job=job, rows_done=done, rows_total=total),
    )
    return summary | {"campaign_id": campaign.pk}
