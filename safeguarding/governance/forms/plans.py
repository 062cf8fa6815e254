"""Forms for business plans, priorities and themes."""

from __future__ import annotations

from django import forms

from safeguarding.core.forms import DateInput
from safeguarding.planning.models import Theme
from safeguarding.planning.theme_fields import ThemesField
from safeguarding.planning.themes import NATIONAL_THEMES


class BusinessPlanForm(forms.Form):
    partnership = forms.ModelChoiceField(queryset=None, label="Partnership", empty_label=None)
    title = forms.CharField(
        label="Title",
        max_length=200,
        error_messages={"required": "Enter the title of the business plan"},
    )
    starts_on = forms.DateField(
        label="Starts on", widget=DateInput, error_messages={"required": "Enter when it starts"}
    )
    ends_on = forms.DateField(
        label="Ends on", widget=DateInput, error_messages={"required": "Enter when it ends"}
    )
    summary = forms.CharField(
        label="Summary", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, partnerships=None, **kwargs):
        super().__init__(*args, **kwargs)
        if partnerships is None:
            del self.fields["partnership"]
        else:
            self.fields["partnership"].queryset = partnerships


class PriorityForm(forms.Form):
    title = forms.CharField(
        label="Priority", max_length=200, error_messages={"required": "Enter the priority"}
    )
    description = forms.CharField(
        label="Why it matters", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    lead_body = forms.ModelChoiceField(
        queryset=None, label="Lead body", required=False, empty_label="Not a recorded body"
    )
    lead_body_name = forms.CharField(
        label="Lead (if not a recorded body)", max_length=200, required=False
    )
    measures = forms.CharField(
        label="How progress is measured",
        required=False,
        help_text="One measure on each line",
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    themes = ThemesField()

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_body"].queryset = bodies


class ThemeForm(forms.Form):
    name = forms.CharField(
        label="Name", max_length=100, error_messages={"required": "Enter the name of the theme"}
    )
    description = forms.CharField(
        label="Description",
        required=False,
        help_text="One sentence saying what the theme covers",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    synonyms = forms.CharField(
        label="Synonyms",
        required=False,
        help_text="Other words and abbreviations for the theme, one a line, for example CSE",
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    national_themes = forms.MultipleChoiceField(
        label="National themes",
        required=False,
        choices=NATIONAL_THEMES,
        help_text="The national Child Safeguarding Practice Review Panel's themes it belongs to",
        widget=forms.CheckboxSelectMultiple,
    )
    parent = forms.ModelChoiceField(
        label="Broader theme (optional)",
        required=False,
        queryset=Theme.objects.none(),
        empty_label="None: a top-level theme",
        help_text="Place this theme under a broader one, for example “Neglect” under "
        "“Whole-family approach”",
    )
    is_active = forms.BooleanField(
        label="In use (untick to retire it: old records keep it)", required=False, initial=True
    )

    def __init__(self, *args, editing: bool = False, theme: Theme | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = Theme.objects.active().order_by("name")
        if theme is not None:
            choices = (choices | Theme.objects.filter(pk=theme.parent_id)).exclude(pk=theme.pk)
        self.fields["parent"].queryset = choices
        if not editing:
            del self.fields["is_active"]
