"""Writes for audit templates: loading the shipped library, drafting new versions, editing a
draft's sections, standards and scale, and publishing (which freezes the version)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from safeguarding.assurance import workflow
from safeguarding.assurance.library import LIBRARY, MET_SCALE
from safeguarding.assurance.models import (
    SCALED_ANSWER_TYPES,
    AnswerType,
    AuditTemplate,
    ExtraField,
    RatingLevel,
    RatingScale,
    TemplateKind,
    TemplateQuestion,
    TemplateSection,
    TemplateVersion,
    VersionStatus,
)
from safeguarding.assurance.services.common import required
from safeguarding.core.audit import audit_record, snapshot
from safeguarding.core.services import model_update, save_validated

LOAD_JOB = "assurance.load-audit-templates"
QUESTION_FIELDS = [
    "reference",
    "text",
    "guidance",
    "evidence_expected",
    "answer_type",
    "scale",
    "required",
    "allows_not_applicable",
    "evidence_required",
    "moderated",
    "order",
]
LEVEL_FIELDS = ["value", "label", "colour", "outcome", "description"]


def _build_scale(version: TemplateVersion, spec: dict) -> RatingScale:
    scale = RatingScale.objects.create(
        version=version, name=spec["name"], description=spec.get("description", "")
    )
    RatingLevel.objects.bulk_create(
        [
            RatingLevel(
                scale=scale,
                value=value,
                label=label,
                colour=colour,
                outcome=outcome,
                description=description,
            )
            for value, label, colour, outcome, description in spec["levels"]
        ]
    )
    return scale


def _build_version(template: AuditTemplate, spec: dict, *, status: str) -> TemplateVersion:
    version = TemplateVersion.objects.create(
        template=template,
        number=1,
        status=status,
        notes="First version, as shipped with the platform.",
        published_at=timezone.now() if status == VersionStatus.PUBLISHED else None,
    )
    scales = [_build_scale(version, scale_spec) for scale_spec in spec["scales"]]
    by_name = {scale.name: scale for scale in scales}
    for number, section_spec in enumerate(spec["sections"], start=1):
        section = TemplateSection.objects.create(
            version=version,
            number=number,
            title=section_spec["title"],
            description=section_spec.get("description", ""),
            is_domain=section_spec.get("is_domain", False),
        )
        questions = []
        for order, q in enumerate(section_spec["questions"], start=1):
            scale = None
            if q["answer_type"] == AnswerType.RATING:
                scale = by_name[q["scale"]] if q.get("scale") else scales[0]
            questions.append(
                TemplateQuestion(
                    version=version,
                    section=section,
                    order=order,
                    scale=scale,
                    **{k: v for k, v in q.items() if k != "scale"},
                )
            )
        for item in questions:
            item.full_clean(exclude=["version", "section", "scale"])
        TemplateQuestion.objects.bulk_create(questions)
    return version


@transaction.atomic
def template_library_load(*, job: str = LOAD_JOB, library: list[dict] | None = None) -> dict:
    """Create each shipped template that does not exist yet (by slug). Existing templates,
    and any edits made to them, are left alone, so running it again changes nothing."""
    created, skipped = [], []
    for spec in library if library is not None else LIBRARY:
        if AuditTemplate.objects.filter(slug=spec["slug"]).exists():
            skipped.append(spec["slug"])
            continue
        template = AuditTemplate.objects.create(
            name=spec["name"], slug=spec["slug"], kind=spec["kind"], description=spec["description"]
        )
        version = _build_version(template, spec, status=VersionStatus.PUBLISHED)
        audit_record(
            job=job,
            event="assurance.audit_template.loaded",
            target=template,
            after={
                "name": template.name,
                "version": version.number,
                "questions": version.questions.count(),
            },
        )
        created.append(spec["slug"])
    return {"created": created, "skipped": skipped}


@transaction.atomic
def template_create(*, actor, name: str, kind: str, description: str = "") -> AuditTemplate:
    """A new, empty template with a draft version 1 and the Met scale to start from."""
    name = (name or "").strip()
    required(name, "name", "Enter a name for the template.")
    if kind not in TemplateKind.values:
        raise ValidationError({"kind": "Choose what kind of audit this template is for."})
    if AuditTemplate.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": f"There is already a template called “{name}”."})
    slug = slugify(name)[:90] or "template"
    base, n = slug, 2
    while AuditTemplate.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    template = AuditTemplate.objects.create(
        name=name, slug=slug, kind=kind, description=description.strip()
    )
    version = TemplateVersion.objects.create(template=template, number=1)
    _build_scale(version, MET_SCALE)
    audit_record(
        actor=actor,
        event="assurance.audit_template.created",
        target=template,
        after={"name": name, "kind": kind},
    )
    return template


@transaction.atomic
def template_version_new_draft(*, actor, template: AuditTemplate) -> TemplateVersion:
    """Copy the latest version into a new draft: the next cycle's changes go there."""
    template = AuditTemplate.objects.select_for_update().get(pk=template.pk)
    if template.versions.filter(status=VersionStatus.DRAFT).exists():
        raise ValidationError(
            "This template already has a draft version. Edit that draft, or publish it first."
        )
    latest = template.versions.order_by("-number").first()
    number = (template.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    draft = TemplateVersion.objects.create(template=template, number=number)
    if latest is not None:
        _copy_contents(latest, draft)
    audit_record(
        actor=actor,
        event="assurance.audit_template.draft_started",
        target=draft,
        after={"from_version": latest.number if latest else None, "number": number},
    )
    return draft


def _copy_contents(source: TemplateVersion, target: TemplateVersion) -> None:
    scale_map = {}
    for scale in source.scales.prefetch_related("levels"):
        copy = RatingScale.objects.create(
            version=target, name=scale.name, description=scale.description, kind=scale.kind
        )
        RatingLevel.objects.bulk_create(
            [
                RatingLevel(scale=copy, **{f: getattr(level, f) for f in LEVEL_FIELDS})
                for level in scale.levels.all()
            ]
        )
        scale_map[scale.pk] = copy
    ExtraField.objects.bulk_create(
        [
            ExtraField(version=target, key=f.key, label=f.label, kind=f.kind, order=f.order)
            for f in source.extra_fields.all()
        ]
    )
    section_map = {}
    for section in source.sections.all():
        section_map[section.pk] = TemplateSection.objects.create(
            version=target,
            number=section.number,
            title=section.title,
            description=section.description,
            is_domain=section.is_domain,
        )
    TemplateQuestion.objects.bulk_create(
        [
            TemplateQuestion(
                version=target,
                section=section_map[q.section_id],
                key=q.key,
                scale=scale_map.get(q.scale_id),
                **{f: getattr(q, f) for f in QUESTION_FIELDS if f != "scale"},
            )
            for q in source.questions.all()
        ]
    )


def _check_draft(version: TemplateVersion) -> None:
    workflow.VERSIONS.check(version.status, "edit")


@transaction.atomic
def template_version_publish(*, actor, version: TemplateVersion) -> TemplateVersion:
    version = TemplateVersion.objects.select_for_update().get(pk=version.pk)
    target = workflow.VERSIONS.check(version.status, "publish").target
    if not version.questions.exists():
        raise ValidationError("Add at least one standard or question before publishing.")
    empty = [s.title for s in version.sections.all() if not s.questions.exists()]
    if empty:
        raise ValidationError(
            "These sections have no questions: "
            + "; ".join(empty)
            + ". Add a question to each section or remove the empty section."
        )
    version.status = target
    version.published_at = timezone.now()
    version.save(update_fields=["status", "published_at", "updated_at"])
    # Older published versions stay usable by the campaigns that already use them, but new
    # campaigns choose the latest: earlier versions are retired.
    for older in version.template.versions.filter(status=VersionStatus.PUBLISHED).exclude(
        pk=version.pk
    ):
        workflow.VERSIONS.apply(older, "retire")
        older.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        event="assurance.audit_template.published",
        target=version,
        after={"number": version.number, "questions": version.questions.count()},
    )
    return version


@transaction.atomic
def template_section_save(
    *,
    actor,
    version: TemplateVersion,
    section: TemplateSection | None = None,
    title: str,
    description: str = "",
    is_domain: bool = False,
) -> TemplateSection:
    version = TemplateVersion.objects.select_for_update().get(pk=version.pk)
    _check_draft(version)
    title = (title or "").strip()
    required(title, "title", "Enter the section's title.")
    before = snapshot(section, ["title", "description"]) if section else None
    if section is None:
        number = (version.sections.aggregate(n=Max("number"))["n"] or 0) + 1
        section = TemplateSection(version=version, number=number)
    section.title, section.description, section.is_domain = title, description.strip(), is_domain
    section.save()
    audit_record(
        actor=actor,
        event="assurance.audit_template.section_saved",
        target=version,
        before=before,
        after=snapshot(section, ["number", "title", "description"]),
    )
    return section


def _unique_key(version: TemplateVersion, text: str) -> str:
    base = f"{slugify(version.template.slug)[:20]}-{slugify(text)[:30]}".strip("-") or "q"
    key, n = base, 2
    while version.questions.filter(key=key).exists():
        key, n = f"{base}-{n}", n + 1
    return key


@transaction.atomic
def template_question_save(
    *,
    actor,
    section: TemplateSection,
    question: TemplateQuestion | None = None,
    **fields: Any,
) -> TemplateQuestion:
    """Add a standard to a draft section, or change one. Published versions are frozen."""
    version = TemplateVersion.objects.select_for_update().get(pk=section.version_id)
    _check_draft(version)
    unknown = set(fields) - set(QUESTION_FIELDS)
    if unknown:
        raise ValidationError(f"{', '.join(sorted(unknown))} cannot be changed here.")
    data = {
        name: value.strip() if isinstance(value, str) else value for name, value in fields.items()
    }
    if question is None:
        order = (section.questions.aggregate(n=Max("order"))["n"] or 0) + 1
        question = TemplateQuestion(version=version, section=section, **{"order": order, **data})
        question.key = _unique_key(version, fields.get("text", ""))
        if question.answer_type not in SCALED_ANSWER_TYPES:
            question.scale = None
        if question.answer_type != AnswerType.RATING:
            question.moderated, question.evidence_required = False, False
        _check_question(question)
        save_validated(question)
        audit_record(
            actor=actor,
            event="assurance.audit_template.question_saved",
            target=question,
            after=snapshot(question, QUESTION_FIELDS),
        )
        return question
    if question.section.version_id != version.pk:
        raise ValidationError("That question is not in this version.")
    answer_type = data.get("answer_type", question.answer_type)
    if answer_type not in SCALED_ANSWER_TYPES:
        data |= {"scale": None}
    if answer_type != AnswerType.RATING:
        data |= {"moderated": False, "evidence_required": False}
    question, _ = model_update(
        question,
        fields=QUESTION_FIELDS,
        data=data,
        validate=_check_question,
        always=True,
        actor=actor,
        event="assurance.audit_template.question_saved",
    )
    return question


def _check_question(question: TemplateQuestion) -> None:
    required(question.text, "text", "Enter the standard or question.")
    required(question.reference, "reference", "Enter the reference shown beside it, like 2.3.")


@transaction.atomic
def rating_level_save(*, actor, level: RatingLevel, **fields: Any) -> RatingLevel:
    """Change a rating level (label, value, colour, meaning) on a draft version's scale."""
    version = TemplateVersion.objects.select_for_update().get(pk=level.scale.version_id)
    _check_draft(version)
    for name in fields:
        if name not in LEVEL_FIELDS:
            raise ValidationError(f"{name} cannot be changed here.")
    level, _ = model_update(
        level,
        fields=LEVEL_FIELDS,
        data=fields,
        strip=True,
        validate=lambda level: required(
            level.label, "label", "Enter the rating's label, like Partly met."
        ),
        actor=actor,
        event="assurance.audit_template.rating_level_saved",
        target=version,
    )
    return level
