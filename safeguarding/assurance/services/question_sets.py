"""Import a question set from another partnership's file into a draft template.

All or nothing: a file with any bad row writes nothing, and a dry run reports exactly what a
real import would do (it runs the import and rolls it back). Questions are matched by their
reference within the template's draft, so importing the same file again changes nothing; if
the template has no draft and the file says nothing new, no draft is started either.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify

from safeguarding.assurance.importing.question_sets import ParsedQuestion, parse_question_set
from safeguarding.assurance.models import (
    AnswerType,
    AuditTemplate,
    ExtraField,
    ExtraFieldKind,
    RatingLevel,
    RatingScale,
    ScaleKind,
    TemplateKind,
    TemplateQuestion,
    TemplateSection,
    TemplateVersion,
    VersionStatus,
)
from safeguarding.assurance.scales import PRESETS, parse_scale
from safeguarding.assurance.services.templates import _copy_contents
from safeguarding.core.audit import audit_record
from safeguarding.core.import_jobs import import_job_progress
from safeguarding.core.services import model_update

IMPORT_EVENT = "assurance.question_set.import"
PROGRESS_EVERY = 25  # questions written (or compared) between two reports of the progress
COMPARED = [
    "text",
    "guidance",
    "evidence_expected",
    "answer_type",
    "scale_id",
    "moderated",
    "required",
    "section_id",
]


class _DryRun(Exception):
    """Raised to roll back a dry run once its summary is known."""


def parse_extra_fields(lines: list[str] | str) -> list[tuple[str, str]]:
    """[(label, kind)] from lines like ``Deadline: date`` (kind text, date or link)."""
    if isinstance(lines, str):
        lines = lines.splitlines()
    fields, problems = [], []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        label, _, kind = line.rpartition(":")
        label, kind = label.strip(), kind.strip().lower()
        if not label or kind not in ExtraFieldKind.values:
            problems.append(
                f"“{line}”: write each extra field as its label, a colon and text, date or "
                "link, like “Deadline: date”."
            )
            continue
        fields.append((label[:100], kind))
    if problems:
        raise ValidationError({"extra_fields": problems})
    return fields


def _scale_for(version: TemplateVersion, spec: dict) -> tuple[RatingScale, bool]:
    """The version's scale of that name with exactly the spec's levels (made or changed if
    needed; a draft has no answers yet). Returns it and whether anything changed."""
    scale = version.scales.filter(name=spec["name"]).first()
    wanted = [tuple(level) for level in spec["levels"]]
    if scale is not None:
        have = [
            (lvl.value, lvl.label, lvl.colour, lvl.outcome, lvl.description)
            for lvl in scale.levels.order_by("value")
        ]
        if have == wanted and scale.kind == spec["kind"]:
            return scale, False
        scale.levels.all().delete()
        scale.kind = spec["kind"]
        scale.description = spec.get("description", "")
        scale.save(update_fields=["kind", "description"])
    else:
        scale = RatingScale.objects.create(
            version=version,
            name=spec["name"],
            description=spec.get("description", ""),
            kind=spec["kind"],
        )
    RatingLevel.objects.bulk_create(
        [
            RatingLevel(
                scale=scale, value=v, label=label, colour=colour, outcome=outcome, description=d
            )
            for v, label, colour, outcome, d in wanted
        ]
    )
    return scale, True


def _rating_scale(version: TemplateVersion, spec: dict | None) -> tuple[RatingScale, bool]:
    if spec is not None:
        return _scale_for(version, spec)
    existing = (
        version.scales.filter(kind__in=[ScaleKind.SCORE, ScaleKind.MATURITY]).order_by("pk").first()
    )
    if existing is not None:
        return existing, False
    return _scale_for(version, PRESETS["met"])


def _draft_for(template: AuditTemplate) -> tuple[TemplateVersion, bool]:
    draft = template.versions.filter(status=VersionStatus.DRAFT).first()
    if draft is not None:
        return draft, False
    latest = template.versions.order_by("-number").first()
    number = (template.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    draft = TemplateVersion.objects.create(
        template=template, number=number, notes="Imported from a question set file."
    )
    if latest is not None:
        _copy_contents(latest, draft)
    return draft, True


def _question_key(version: TemplateVersion, reference: str) -> str:
    base = f"q-{slugify(reference.replace('.', '-'))}"[:55] or "q"
    key, n = base, 2
    while version.questions.filter(key=key).exists():
        key, n = f"{base}-{n}", n + 1
    return key


def _apply_question(
    version: TemplateVersion, parsed: ParsedQuestion, section, scales: dict, order: int
) -> str:
    """created, updated or skipped."""
    if parsed.kind in ("rating", "yes_no", "yes_no_partly"):
        answer_type, scale = AnswerType.RATING, scales[parsed.kind]
    else:
        answer_type, scale = parsed.kind, None
    values = {
        "text": parsed.text,
        "guidance": parsed.guidance,
        "evidence_expected": parsed.evidence_expected,
        "answer_type": answer_type,
        "scale_id": scale.pk if scale else None,
        "moderated": parsed.moderated and scale is not None,
        "required": parsed.required,
        "section_id": section.pk,
    }
    question = version.questions.filter(reference=parsed.reference).first()
    if question is None:
        question = TemplateQuestion(
            version=version,
            reference=parsed.reference,
            key=_question_key(version, parsed.reference),
            order=order,
            **values,
        )
        question.full_clean(exclude=["version", "section", "scale"])
        question.save()
        return "created"
    _, changed = model_update(
        question,
        fields=list(values),
        data=values,
        exclude=["version", "section", "scale"],
        event=None,  # the import records one event for the whole file
    )
    return "updated" if changed else "skipped"


def question_set_import(
    *,
    actor=None,
    job: str | None = None,
    partnership,
    content: bytes,
    filename: str = "",
    name: str = "",
    kind: str = TemplateKind.THEMATIC,
    scale: str = "",
    extra_fields: list[str] | str = (),
    dry_run: bool = False,
    on_rows: Callable[[int, int], None] | None = None,
    every: int | None = None,
) -> dict:
    """Import the file's questions into the named template's draft (made if needed).

    Returns ``{"template", "version", "format", "questions", "created", "updated",
    "skipped", "changes": [{"row", "reference", "action"}], "errors": [{"row", "reason"}],
    "dry_run", "written"}``. Raises ValidationError for a file that cannot be read at all.
    ``on_rows(done, total)`` is told how many of the file's questions have been written (or
    compared): none once the file is read, then every ``every`` questions
    (``PROGRESS_EVERY`` unless given) and at the end."""
    parsed = parse_question_set(content, filename)
    total = len(parsed.questions)
    report = _progress(on_rows, total, every or PROGRESS_EVERY)
    report(0)
    spec = parse_scale(scale, name="Rating scale") if scale and scale.strip() else None
    extras = parse_extra_fields(extra_fields)
    if kind not in TemplateKind.values:
        raise ValidationError({"kind": "Choose what kind of audit the question set is for."})
    name = name or parsed.title or Path(filename).stem.replace("-", " ").replace("_", " ")
    name = name.strip()[:200]
    if not name:
        raise ValidationError({"name": "Give the template a name."})
    summary = {
        "template": name,
        "version": None,
        "version_id": None,
        "format": parsed.format,
        "questions": len(parsed.questions),
        "created": 0,
        "updated": 0,
        "skipped": 0,
        "changes": [],
        "errors": list(parsed.errors),
        "dry_run": dry_run,
        "written": False,
    }
    if not summary["errors"]:
        try:
            with transaction.atomic():
                _import(summary, parsed, actor, job, partnership, name, kind, spec, extras, report)
                if dry_run or not (summary["created"] or summary["updated"]):
                    raise _DryRun
        except _DryRun:
            pass
        else:
            summary["written"] = True
    report(total)
    return summary


def _progress(
    on_rows: Callable[[int, int], None] | None, total: int, every: int
) -> Callable[[int], None]:
    """``report(done)``: tells ``on_rows`` at the start, every ``every`` and at the end."""

    def report(done: int) -> None:
        if on_rows is not None and (done in (0, total) or done % every == 0):
            on_rows(done, total)

    return report


def _import(summary, parsed, actor, job, partnership, name, kind, spec, extras, report) -> None:
    template = AuditTemplate.objects.select_for_update().filter(name__iexact=name).first()
    changed_template = False
    if template is None:
        slug = slugify(name)[:90] or "template"
        base, n = slug, 2
        while AuditTemplate.objects.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        template = AuditTemplate.objects.create(
            name=name, slug=slug, kind=kind, imported_by_partnership=partnership
        )
        changed_template = True
    version, new_draft = _draft_for(template)
    summary["template"] = template.name
    summary["version"] = version.number
    summary["version_id"] = version.pk
    rating, scale_changed = _rating_scale(version, spec)
    scales = {"rating": rating}
    for checklist, preset in (("yes_no", "yes-no"), ("yes_no_partly", "yes-no-partly")):
        if any(q.kind == checklist for q in parsed.questions):
            scales[checklist], changed = _scale_for(version, PRESETS[preset])
            scale_changed = scale_changed or changed
    extras_changed = False
    next_order = (version.extra_fields.aggregate(n=Max("order"))["n"] or 0) + 1
    for label, field_kind in extras:
        key = slugify(label)[:60] or "field"
        field = version.extra_fields.filter(key=key).first()
        if field is None:
            ExtraField.objects.create(
                version=version, key=key, label=label, kind=field_kind, order=next_order
            )
            next_order += 1
            extras_changed = True
        elif (field.label, field.kind) != (label, field_kind):
            field.label, field.kind = label, field_kind
            field.save(update_fields=["label", "kind"])
            extras_changed = True
    sections = {s.title.lower(): s for s in version.sections.all()}
    orders: dict[int, int] = {}
    for done, question in enumerate(parsed.questions, start=1):
        section = sections.get(question.section.lower())
        if section is None:
            number = (version.sections.aggregate(n=Max("number"))["n"] or 0) + 1
            section = TemplateSection.objects.create(
                version=version, number=number, title=question.section[:200]
            )
            sections[question.section.lower()] = section
        orders[section.pk] = orders.get(section.pk, 0) + 1
        action = ""
        try:
            action = _apply_question(version, question, section, scales, orders[section.pk])
        except ValidationError as error:
            summary["errors"].append({"row": question.where, "reason": " ".join(error.messages)})
        if done < len(parsed.questions):  # the end is reported once, by the caller
            report(done)
        if not action:
            continue
        summary[action] += 1
        summary["changes"].append(
            {"row": question.where, "reference": question.reference, "action": action}
        )
    if summary["errors"]:
        summary["created"] = summary["updated"] = summary["skipped"] = 0
        summary["changes"] = []
        raise _DryRun
    if not (summary["created"] or summary["updated"]) and (
        changed_template or scale_changed or extras_changed
    ):
        # The questions are the same but the scale or extra fields changed: that is an update.
        summary["updated"] += 0 if changed_template else 1
        summary["changes"].append(
            {"row": "scale and extra fields", "reference": "", "action": "updated"}
        )
    if new_draft and not (summary["created"] or summary["updated"]):
        return
    audit_record(
        actor=actor,
        job=job,
        event=IMPORT_EVENT,
        target=version,
        partnerships=[partnership] if partnership is not None else None,
        after={
            "template": template.name,
            "version": version.number,
            "format": summary["format"],
            "created": summary["created"],
            "updated": summary["updated"],
            "skipped": summary["skipped"],
        },
    )


QUESTION_SET_IMPORT = "assurance.question_set"  # the kind of the page's jobs (ADR 0033)


def question_set_options_check(*, kind: str, scale: str, extra_fields: str) -> None:
    """What the page asked beside the file, checked at once (ValidationError by field), so
    the background job fails only on the file itself."""
    if kind not in TemplateKind.values:
        raise ValidationError({"kind": "Choose what kind of audit the question set is for."})
    if scale and scale.strip():
        parse_scale(scale, name="Rating scale")
    parse_extra_fields(extra_fields)


def question_set_import_job(*, job, content: bytes) -> dict:
    """The worker's side of the import page (``core.import_jobs``): the page's check (a dry
    run, every row) and then, once confirmed, the import into the draft."""
    options = job.options
    return question_set_import(
        actor=job.uploaded_by,
        partnership=job.partnership,
        content=content,
        filename=job.original_name,
        name=options.get("name", ""),
        kind=options.get("kind", TemplateKind.THEMATIC),
        scale=options.get("scale", ""),
        extra_fields=options.get("extra_fields", ""),
        dry_run=job.dry_run,
        on_rows=lambda done, total: import_job_progress(job=job, rows_done=done, rows_total=total),
    )
