"""Audit templates: versioned tools of sections, standards (questions) and rating scales.

A template (the Section 11 tool, the schools audit...) has numbered versions. A draft
version can be edited; publishing freezes it, and campaigns only ever use a published
version, so a return is always read against the questions it was answered against. The
next cycle's changes go into a new draft copied from the last version. Each question
keeps a stable ``key`` across versions, which is how answers are carried forward from an
organisation's previous return.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from safeguarding.core.models import TimeStampedModel


class TemplateKind(models.TextChoices):
    SECTION_11 = "section_11", "Section 11 self-assessment"
    SCHOOLS = "schools", "Section 175/157 schools audit"
    CASE_AUDIT = "case_audit", "Multi-agency case audit (single-agency tool)"
    THEMATIC = "thematic", "Thematic audit"
    YEARLY_REPORT = "yearly_report", "Yearly report contribution"
    SURVEY = "survey", "Survey or consultation"


class TemplateQuerySet(models.QuerySet):
    def visible_to(self, user) -> TemplateQuerySet:
        """The template library is shared by every partnership on the platform (SET tools
        are agreed jointly); partnership staff read it. Agency leads read the questions
        inside their own returns instead."""
        from safeguarding.assurance.scoping import staff_partnership_ids

        ids = staff_partnership_ids(user)
        if not ids:
            return self.none()
        # A survey's question set belongs to the survey's partnership alone.
        return self.exclude(Q(kind=TemplateKind.SURVEY) & ~Q(survey__partnership_id__in=ids))


class AuditTemplate(TimeStampedModel):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField(max_length=20, choices=TemplateKind.choices)
    description = models.TextField(blank=True)
    imported_by_partnership = models.ForeignKey(
        "accounts.Partnership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The partnership whose question set was imported to make this template",
    )

    objects = TemplateQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class VersionStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    RETIRED = "retired", "Retired"


class TemplateVersion(TimeStampedModel):
    template = models.ForeignKey(AuditTemplate, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    status = models.CharField(
        max_length=10, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    notes = models.TextField(blank=True, help_text="What changed since the last version")
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["template__name", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["template", "number"], name="unique_version_number"),
            models.UniqueConstraint(
                fields=["template"],
                condition=Q(status="draft"),
                name="one_draft_version_per_template",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.template.name}, version {self.number}"

    @property
    def is_draft(self) -> bool:
        return self.status == VersionStatus.DRAFT


class RagColour(models.TextChoices):
    GREEN = "green", "Green"
    AMBER = "amber", "Amber"
    RED = "red", "Red"
    BLUE = "blue", "Blue"
    GREY = "grey", "Grey"


# GOV.UK Frontend tag modifiers for each colour.
TAG_CLASSES = {
    "green": "govuk-tag--green",
    "amber": "govuk-tag--yellow",
    "red": "govuk-tag--red",
    "blue": "govuk-tag--blue",
    "grey": "govuk-tag--grey",
}


class Outcome(models.TextChoices):
    """What a rating means for results and action plans."""

    MET = "met", "Fully met"
    PARTLY = "partly", "Partly met"
    NOT_MET = "not_met", "Not met"


class ScaleKind(models.TextChoices):
    """How a scale is shown: scores show their number beside the label; a maturity continuum
    shows each level's descriptor; yes/no scales show only the words."""

    SCORE = "score", "Score"
    MATURITY = "maturity", "Maturity continuum"
    YES_NO = "yes_no", "Yes or no"
    YES_NO_PARTLY = "yes_no_partly", "Yes, partly or no"
    OPTIONS = "options", "Answer options"


class RatingScale(models.Model):
    """A scale belongs to one template version, so it is frozen with it. Any number of levels,
    with or without 0; yes/no and yes/no/partly checklists are scales too, so they carry
    evidence, moderation and results like any rated standard."""

    version = models.ForeignKey(TemplateVersion, on_delete=models.CASCADE, related_name="scales")
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=15, choices=ScaleKind.choices, default=ScaleKind.SCORE)

    class Meta:
        ordering = ["version", "name"]
        constraints = [
            models.UniqueConstraint(fields=["version", "name"], name="unique_scale_name")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def shows_values(self) -> bool:
        return self.kind in (ScaleKind.SCORE, ScaleKind.MATURITY)


class RatingLevel(models.Model):
    scale = models.ForeignKey(RatingScale, on_delete=models.CASCADE, related_name="levels")
    value = models.SmallIntegerField()
    label = models.CharField(max_length=60)
    colour = models.CharField(max_length=10, choices=RagColour.choices)
    outcome = models.CharField(
        max_length=10,
        choices=Outcome.choices,
        help_text="How this rating counts in results; below “Fully met” creates an action",
    )
    description = models.TextField(blank=True, help_text="What this rating means")

    class Meta:
        ordering = ["scale", "value"]
        constraints = [
            models.UniqueConstraint(fields=["scale", "value"], name="unique_level_value"),
            models.UniqueConstraint(fields=["scale", "label"], name="unique_level_label"),
        ]

    def __str__(self) -> str:
        return f"{self.value} {self.label}"

    @property
    def answer_label(self) -> str:
        """The level as an answer ("2 Good"; "Yes" on a checklist)."""
        return level_choice_label(self, self.scale.kind, descriptor=False)

    @property
    def tag_class(self) -> str:
        return TAG_CLASSES.get(self.colour, "govuk-tag--grey")


def level_choice_label(level: RatingLevel, kind: str, *, descriptor: bool = True) -> str:
    """How a level reads as an answer option: "2 Good" on a score, "Yes" on a checklist, and
    with its descriptor on a maturity continuum. ``kind`` is the scale's kind (passed in, so
    a list of levels needs no query per level)."""
    if kind in (ScaleKind.YES_NO, ScaleKind.YES_NO_PARTLY, ScaleKind.OPTIONS):
        return level.label
    if descriptor and kind == ScaleKind.MATURITY and level.description:
        return f"{level.value} {level.label}: {level.description}"
    return f"{level.value} {level.label}"


class TemplateSection(models.Model):
    version = models.ForeignKey(TemplateVersion, on_delete=models.CASCADE, related_name="sections")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    is_domain = models.BooleanField(
        default=False,
        help_text="In a multi-agency case audit, the panel grades each case on this domain",
    )

    class Meta:
        ordering = ["version", "number"]
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="unique_section_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class AnswerType(models.TextChoices):
    RATING = "rating", "Rating on the scale"
    YES_NO = "yes_no", "Yes or no"
    NUMBER = "number", "Number"
    TEXT = "text", "Text"
    FILE = "file", "File upload"
    PICK_ONE = "pick_one", "One answer from a list (surveys)"
    PICK_MANY = "pick_many", "Any answers from a list (surveys)"


# Answer types whose answers are levels of a scale (a list of options for the pick types).
SCALED_ANSWER_TYPES = frozenset({AnswerType.RATING, AnswerType.PICK_ONE, AnswerType.PICK_MANY})
# What a survey may ask: plain-language questions, answered anonymously (no file uploads).
SURVEY_ANSWER_TYPES = frozenset(
    {AnswerType.RATING, AnswerType.PICK_ONE, AnswerType.PICK_MANY, AnswerType.TEXT}
)


class TemplateQuestion(models.Model):
    """A standard or question. ``key`` stays the same across versions of the template."""

    version = models.ForeignKey(TemplateVersion, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(TemplateSection, on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(max_length=60, help_text="Stable identifier across versions")
    reference = models.CharField(max_length=20, help_text="Shown as the number, such as 1.2")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.TextField("Standard or question")
    guidance = models.TextField(blank=True)
    evidence_expected = models.TextField(blank=True)
    answer_type = models.CharField(max_length=10, choices=AnswerType.choices)
    scale = models.ForeignKey(
        RatingScale, null=True, blank=True, on_delete=models.PROTECT, related_name="questions"
    )
    required = models.BooleanField(default=True)
    allows_not_applicable = models.BooleanField(
        default=False, help_text="The organisation may answer “Not applicable” with a reason"
    )
    evidence_required = models.BooleanField(
        default=False, help_text="A rating must be backed by a description of the evidence"
    )
    moderated = models.BooleanField(
        default=False, help_text="Moderators record their own score beside the self-assessment"
    )

    class Meta:
        ordering = ["section__number", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="unique_question_key"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.text[:80]}"

    def clean(self) -> None:
        is_survey = (
            self.version_id is not None and self.version.template.kind == TemplateKind.SURVEY
        )
        if is_survey and self.answer_type not in SURVEY_ANSWER_TYPES:
            raise ValidationError(
                {
                    "answer_type": "A survey asks for a rating, one or any answers from a list, "
                    "or free text."
                }
            )
        if not is_survey and self.answer_type in (AnswerType.PICK_ONE, AnswerType.PICK_MANY):
            raise ValidationError(
                {"answer_type": "Answers from a list are for surveys and consultations."}
            )
        if self.answer_type in SCALED_ANSWER_TYPES:
            if self.scale_id is None:
                message = (
                    "Choose the rating scale for this standard."
                    if self.answer_type == AnswerType.RATING
                    else "Choose the list of answers for this question."
                )
                raise ValidationError({"scale": message})
            if self.scale.version_id != self.version_id:
                raise ValidationError({"scale": "Choose a scale of this template version."})
        else:
            if self.scale_id is not None:
                raise ValidationError({"scale": "Only rated standards have a scale."})
        if self.moderated and self.answer_type != AnswerType.RATING:
            raise ValidationError({"moderated": "Only rated standards can be moderated."})
        if self.section_id and self.section.version_id != self.version_id:
            raise ValidationError({"section": "Choose a section of this template version."})

    @property
    def is_rating(self) -> bool:
        return self.answer_type == AnswerType.RATING


class ExtraFieldKind(models.TextChoices):
    TEXT = "text", "Text"
    DATE = "date", "Date"
    LINK = "link", "Link"


class ExtraField(models.Model):
    """A field the business unit adds beside every question of a template version (such as
    "Link to health audit", "Areas for improvement", "Deadline"). Organisations fill it in on
    the return; it is shown on the read-only copy and in the results export."""

    version = models.ForeignKey(
        TemplateVersion, on_delete=models.CASCADE, related_name="extra_fields"
    )
    key = models.SlugField(max_length=60)
    label = models.CharField(max_length=100)
    kind = models.CharField(max_length=10, choices=ExtraFieldKind.choices)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["version", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="unique_extra_field_key"),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.get_kind_display().lower()})"
