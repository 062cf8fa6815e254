"""Reads for audit templates and their versions."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from safeguarding.assurance.models import (
    AuditTemplate,
    RatingScale,
    TemplateKind,
    TemplateQuestion,
    TemplateSection,
    TemplateVersion,
    VersionStatus,
)


def template_list(*, user) -> QuerySet[AuditTemplate]:
    return (
        AuditTemplate.objects.visible_to(user)
        .annotate(
            version_count=Count("versions", distinct=True),
            published_number=Count(
                "versions", filter=Q(versions__status=VersionStatus.PUBLISHED), distinct=True
            ),
        )
        .prefetch_related(
            Prefetch("versions", queryset=TemplateVersion.objects.order_by("-number"))
        )
        .order_by("name")
    )


def template_get(*, user, pk: int) -> AuditTemplate | None:
    return template_list(user=user).filter(pk=pk).first()


def version_get(*, user, pk: int) -> TemplateVersion | None:
    """One version with its scales, sections and questions, for the template pages."""
    templates = AuditTemplate.objects.visible_to(user)
    return (
        TemplateVersion.objects.filter(template__in=templates, pk=pk)
        .select_related("template")
        .prefetch_related(
            Prefetch("scales", queryset=RatingScale.objects.prefetch_related("levels")),
            Prefetch(
                "sections",
                queryset=TemplateSection.objects.order_by("number").prefetch_related(
                    Prefetch(
                        "questions",
                        queryset=TemplateQuestion.objects.select_related("scale").order_by(
                            "order", "pk"
                        ),
                    )
                ),
            ),
        )
        .first()
    )


def published_versions(*, kind: str | None = None, exclude_kind: str | None = None):
    versions = TemplateVersion.objects.filter(status=VersionStatus.PUBLISHED).select_related(
        "template"
    )
    if kind:
        versions = versions.filter(template__kind=kind)
    if kind != TemplateKind.SURVEY:  # a survey's questions are never an audit campaign's
        versions = versions.exclude(template__kind=TemplateKind.SURVEY)
    if exclude_kind:
        versions = versions.exclude(template__kind=exclude_kind)
    return versions.order_by("template__name", "-number")


def question_in_version(*, version: TemplateVersion, pk: int) -> TemplateQuestion | None:
    return version.questions.filter(pk=pk).select_related("section", "scale").first()


def section_in_version(*, version: TemplateVersion, pk: int) -> TemplateSection | None:
    return version.sections.filter(pk=pk).first()


def version_with_questions(*, pk: int) -> TemplateVersion:
    """One template version with its sections, standards and their rating scales, as the
    API shows a template the caller may already see."""
    return (
        TemplateVersion.objects.filter(pk=pk)
        .prefetch_related(
            "extra_fields",
            Prefetch(
                "sections",
                queryset=TemplateSection.objects.order_by("number").prefetch_related(
                    Prefetch(
                        "questions",
                        queryset=TemplateQuestion.objects.select_related("scale")
                        .prefetch_related("scale__levels")
                        .order_by("order", "pk"),
                    )
                ),
            ),
        )
        .get()
    )


def import_partnership_for(*, user):
    """The partnership a business unit member imports question sets for (their first)."""
    from safeguarding.accounts.models import Partnership
    from safeguarding.assurance.scoping import business_unit_partnership_ids

    return (
        Partnership.objects.filter(pk__in=business_unit_partnership_ids(user))
        .order_by("pk")
        .first()
    )
