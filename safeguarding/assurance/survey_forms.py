"""Forms for surveys: the business unit's details form, the preset questions, and the
public one-page form built from the survey's published questions."""

from __future__ import annotations

from django import forms

from safeguarding.assurance.models import AnswerType, SurveyAudience, TemplateQuestion
from safeguarding.assurance.services.surveys import PRESETS, SurveyAnswers
from safeguarding.core.forms import DateInput
from safeguarding.planning.theme_fields import ThemesField


class SurveyForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200)
    audience = forms.ChoiceField(
        label="Who is it for?", choices=SurveyAudience.choices, widget=forms.RadioSelect
    )
    introduction = forms.CharField(
        label="Introduction",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What the survey is about, in plain words. Shown above the questions.",
    )
    consent_text = forms.CharField(
        label="Consent text",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What taking part means: that it is anonymous, what the answers are used for. "
        "People agree to it before they answer.",
    )
    opens_on = forms.DateField(label="Opens on", widget=DateInput)
    closes_on = forms.DateField(label="Closes on", widget=DateInput)
    themes = ThemesField()

    def __init__(self, *args, with_preset: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if with_preset:
            self.fields["preset"] = forms.ChoiceField(
                label="Start with these questions",
                choices=[("", "No questions yet")]
                + [(key, spec["label"]) for key, spec in PRESETS.items()],
                required=False,
                widget=forms.RadioSelect,
            )

    def clean(self):
        data = super().clean()
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            self.add_error("closes_on", "The closing date must be on or after the opening date.")
        return data


class SurveyPresetForm(forms.Form):
    preset = forms.ChoiceField(
        label="Add these questions",
        choices=[(key, spec["label"]) for key, spec in PRESETS.items()],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose which questions to add."},
    )


class PublicSurveyForm(forms.Form):
    """Consent first, then one field per published question, named ``q<question id>``."""

    consent = forms.BooleanField(
        label="I agree to take part",
        error_messages={"required": "Tick the box to say you agree to take part."},
    )

    def __init__(self, *args, questions: list[TemplateQuestion], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[f"q{question.pk}"] = self._field(question)

    @staticmethod
    def _field(question: TemplateQuestion) -> forms.Field:
        label = question.text
        help_text = question.guidance
        missing = {"required": f"Answer “{question.text}”."}
        if question.answer_type == AnswerType.TEXT:
            return forms.CharField(
                label=label,
                help_text=help_text,
                required=question.required,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 4}),
                error_messages=missing,
            )
        choices = [(level.pk, level.answer_label) for level in question.scale.levels.all()]
        if question.answer_type == AnswerType.PICK_MANY:
            return forms.TypedMultipleChoiceField(
                label=label,
                help_text=help_text or "Choose all that apply.",
                choices=choices,
                coerce=int,
                required=question.required,
                widget=forms.CheckboxSelectMultiple,
                error_messages={
                    **missing,
                    "invalid_choice": f"Choose from the answers given for “{question.text}”.",
                },
            )
        return forms.TypedChoiceField(
            label=label,
            help_text=help_text,
            choices=choices,
            coerce=int,
            required=question.required,
            widget=forms.RadioSelect,
            error_messages={
                **missing,
                "invalid_choice": f"Choose from the answers given for “{question.text}”.",
            },
        )

    def answers(self) -> SurveyAnswers:
        result = SurveyAnswers()
        for question in self.questions:
            value = self.cleaned_data.get(f"q{question.pk}")
            if question.answer_type == AnswerType.TEXT:
                result.texts[question.pk] = value or ""
            elif isinstance(value, list):
                result.levels[question.pk] = value
            elif value not in (None, ""):
                result.levels[question.pk] = [value]
        return result
