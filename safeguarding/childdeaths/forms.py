"""Forms of the child death pages (GOV.UK form layer: core.forms)."""

from __future__ import annotations

from django import forms

from safeguarding.accounts.models import Agency
from safeguarding.childdeaths.models import (
    Category,
    Domain,
    Ethnicity,
    ImpactGrade,
    PanelTheme,
    Place,
    Sex,
)
from safeguarding.core.forms import DateInput, searchable, set_choices, set_queryset
from safeguarding.planning.theme_fields import ThemesField

YES_NO = [("yes", "Yes"), ("no", "No")]


class DeathForm(forms.Form):
    reference = forms.CharField(
        label="Case reference",
        max_length=30,
        help_text="Such as CD-2025-014. Never the child's name, NHS number or other identifier.",
    )
    partnerships = forms.MultipleChoiceField(
        label="Partnerships the child belonged to",
        widget=forms.CheckboxSelectMultiple,
        help_text="The panel is shared: choose every partnership that reviews this death.",
    )
    age_at_death_days = forms.IntegerField(
        label="Age at death in days",
        min_value=0,
        max_value=18 * 366,
        help_text="For example 10 for a baby of 10 days, 3650 for a child of 10.",
    )
    sex = forms.ChoiceField(choices=Sex.choices, widget=forms.RadioSelect)
    ethnicity = forms.ChoiceField(choices=[("", "Choose")] + list(Ethnicity.choices))
    place = forms.ChoiceField(
        label="Place of death", choices=[("", "Choose")] + list(Place.choices)
    )
    died_on = forms.DateField(label="Date of death", widget=DateInput())
    notified_on = forms.DateField(label="Date notified", widget=DateInput())
    expected = forms.ChoiceField(
        label="Was the death expected?", choices=YES_NO, widget=forms.RadioSelect
    )
    notifying_agency: forms.ModelChoiceField[Agency] = forms.ModelChoiceField(
        queryset=None, label="Notifying agency"
    )
    serious_incident_notification = forms.TypedChoiceField(
        label="Serious incident notification also made",
        required=False,
        coerce=int,
        empty_value=None,
        help_text="Link it so the two processes never count the death twice.",
    )

    def __init__(self, *args, partnerships, agencies, notifications, **kwargs):
        super().__init__(*args, **kwargs)
        set_choices(self, "partnerships", [(p.pk, p.name) for p in partnerships])
        set_queryset(self, "notifying_agency", agencies)
        searchable(self.fields["notifying_agency"])
        set_choices(
            self,
            "serious_incident_notification",
            [("", "None")] + [(pk, label) for pk, label in notifications],
        )


class ResponseForm(forms.Form):
    started_on = forms.DateField(label="Date the joint agency response started", widget=DateInput())
    attendees = forms.CharField(
        label="Who attended",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Roles and agencies",
    )


class MeetingForm(forms.Form):
    meeting_on = forms.DateField(label="Date of the child death review meeting", widget=DateInput())
    attendees = forms.CharField(label="Who attended", widget=forms.Textarea(attrs={"rows": 3}))
    outcome = forms.CharField(label="Outcome", widget=forms.Textarea(attrs={"rows": 4}))


class ReportRequestForm(forms.Form):
    agencies: forms.ModelMultipleChoiceField[Agency] = forms.ModelMultipleChoiceField(
        queryset=None,
        label="Agencies that knew the child",
        widget=forms.CheckboxSelectMultiple,
    )
    due_on = forms.DateField(
        label="Reports due by",
        required=False,
        widget=DateInput(),
        help_text="Leave empty for the usual time allowed.",
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        set_queryset(self, "agencies", agencies)


class ReportSubmitForm(forms.Form):
    text = forms.CharField(
        label="Your agency's report",
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="What your agency knew of the child and family, and its involvement.",
    )


class QueueForm(forms.Form):
    meeting = forms.TypedChoiceField(label="Panel meeting", coerce=int)
    theme = forms.ChoiceField(
        label="Theme of the panel", choices=PanelTheme.choices, required=False
    )
    reason = forms.CharField(
        label="Why the panel should go ahead before every report is in",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only the CDOP chair can record this, and only while reports are outstanding.",
    )

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        set_choices(
            self,
            "meeting",
            [("", "Choose a meeting")] + [(pk, label) for pk, label, _date in meetings],
        )


class ReviewForm(forms.Form):
    category = forms.ChoiceField(
        label="Category of death", choices=Category.choices, widget=forms.RadioSelect
    )
    learning_points = forms.CharField(
        label="Learning points", required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    themes = ThemesField(
        label="Practice themes of the learning",
        help_text=(
            "Tick the themes the panel's learning touches, such as domestic abuse or parental "
            "mental health. The death already counts on the theme of its themed panel and of "
            "its category (for example SUDI and safer sleep); the theme pages show only counts, "
            "with small numbers withheld."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for domain, label in Domain.choices:
            self.fields[f"{domain}_modifiable"] = forms.ChoiceField(
                label=f"{label}: were there modifiable factors?",
                choices=YES_NO,
                widget=forms.RadioSelect,
            )
            self.fields[f"{domain}_note"] = forms.CharField(
                label=f"{label}: notes",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.fields["themes"] = self.fields.pop("themes")  # last, after the factors

    def factors(self) -> dict[str, tuple[bool, str]]:
        data = self.cleaned_data
        return {
            domain: (data[f"{domain}_modifiable"] == "yes", data.get(f"{domain}_note", ""))
            for domain in Domain.values
            if data.get(f"{domain}_modifiable")
        }


class RecommendationForm(forms.Form):
    text = forms.CharField(label="Recommendation", widget=forms.Textarea(attrs={"rows": 4}))
    owner_agency: forms.ModelChoiceField[Agency] = forms.ModelChoiceField(
        queryset=None, label="Agency responsible"
    )
    target_on = forms.DateField(label="Target date", widget=DateInput())

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        set_queryset(self, "owner_agency", agencies)
        searchable(self.fields["owner_agency"])


class GradeForm(forms.Form):
    evidence = forms.CharField(label="Evidence of impact", widget=forms.Textarea(attrs={"rows": 5}))
    grade = forms.ChoiceField(
        label="Grade",
        choices=ImpactGrade.choices,
        widget=forms.RadioSelect,
        help_text="Strong evidence of impact closes the recommendation.",
    )
