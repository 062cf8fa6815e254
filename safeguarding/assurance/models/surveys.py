"""Surveys and consultations on the audit question engine.

A survey is an audit template of kind "survey": its questions, sections and lists of
answers (scales) are edited with the template pages and frozen by publishing a version,
exactly like an audit tool. The survey adds who it is for, the consent text shown before
the questions, the dates it is open and an unguessable public link. Responses are
anonymous: a response stores its answers and the day it was sent, nothing else (no name,
email, address, IP or user).
"""

from __future__ import annotations

import secrets

from django.db import models
from django.utils import timezone

from safeguarding.core.models import TimeStampedModel


def new_survey_token() -> str:
    return secrets.token_urlsafe(24)


class SurveyAudience(models.TextChoices):
    YOUNG_PEOPLE = "young_people", "Children and young people"
    PRACTITIONERS = "practitioners", "Practitioners (a consultation)"
    PARENTS = "parents", "Parents and carers"


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", "Questions not published"
    SCHEDULED = "scheduled", "Not open yet"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


SURVEY_STATUS_TAGS = {
    "draft": "govuk-tag--grey",
    "scheduled": "govuk-tag--blue",
    "open": "govuk-tag--green",
    "closed": "govuk-tag--grey",
}


class SurveyQuerySet(models.QuerySet):
    def visible_to(self, user) -> SurveyQuerySet:
        """A partnership's surveys and their results are its staff's; nobody else's."""
        from safeguarding.assurance.scoping import staff_partnership_ids

        ids = staff_partnership_ids(user)
        if not ids:
            return self.none()
        return self.filter(partnership_id__in=ids)


class Survey(TimeStampedModel):
    partnership = models.ForeignKey(
        "accounts.Partnership", on_delete=models.PROTECT, related_name="surveys"
    )
    template = models.OneToOneField(
        "assurance.AuditTemplate", on_delete=models.PROTECT, related_name="survey"
    )
    title = models.CharField(max_length=200)
    audience = models.CharField(max_length=20, choices=SurveyAudience.choices)
    introduction = models.TextField(
        blank=True, help_text="Shown at the top of the survey: what it is about, in plain words"
    )
    consent_text = models.TextField(
        help_text="What taking part means; people agree to it before they see the questions"
    )
    opens_on = models.DateField()
    closes_on = models.DateField()
    themes = models.ManyToManyField("planning.Theme", blank=True, related_name="surveys")
    token = models.CharField(max_length=64, unique=True, default=new_survey_token, editable=False)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_on", "title"]

    def __str__(self) -> str:
        return self.title

    def status(self, *, today=None, published: bool | None = None) -> str:
        """Where the survey is, for the list and the public link. ``published`` may be passed
        in when the caller already knows (the list annotates it)."""
        today = today or timezone.localdate()
        if published is None:
            published = self.template.versions.filter(status="published").exists()
        if not published:
            return SurveyStatus.DRAFT
        if today < self.opens_on:
            return SurveyStatus.SCHEDULED
        if today > self.closes_on:
            return SurveyStatus.CLOSED
        return SurveyStatus.OPEN

    def partnership_ids_for_rules(self) -> list[int]:
        return [self.partnership_id]


class SurveyResponse(models.Model):
    """One person's answers. Only the day it was sent is kept, so responses cannot be matched
    to a time of day, a device or a person."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    version = models.ForeignKey(
        "assurance.TemplateVersion", on_delete=models.PROTECT, related_name="survey_responses"
    )
    submitted_on = models.DateField()

    class Meta:
        ordering = ["-submitted_on", "-pk"]
        indexes = [models.Index(fields=["survey", "submitted_on"], name="survey_response_day")]

    def __str__(self) -> str:
        return f"Response to {self.survey_id} on {self.submitted_on}"


class SurveyAnswer(models.Model):
    """An answer to one question: a level of the question's scale (a rating or an option; a
    question with "any answers" has one row per option chosen) or free text."""

    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(
        "assurance.TemplateQuestion", on_delete=models.PROTECT, related_name="survey_answers"
    )
    level = models.ForeignKey(
        "assurance.RatingLevel",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="survey_answers",
    )
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["response", "question", "pk"]
        indexes = [models.Index(fields=["question", "level"], name="survey_answer_count")]

    def __str__(self) -> str:
        return f"Answer to {self.question_id}"
