"""Forms for the library: the public filters, the usage report's period and the import."""

from __future__ import annotations

from datetime import date, timedelta

from django import forms
from django.core.exceptions import ValidationError

from safeguarding.core.forms import DateInput
from safeguarding.core.uploads import MB, FileRules
from safeguarding.library.models import Audience, ProcedureStatus, ResourceKind
from safeguarding.library.selectors.resources import ResourceFilter

REGISTER_RULES = FileRules(
    extensions=frozenset({".csv", ".xlsx"}), max_bytes=10 * MB, match_extension=False
)


class ResourceFilterForm(forms.Form):
    q = forms.CharField(label="Search by title", required=False, max_length=100)
    kind = forms.ChoiceField(label="Type", required=False)
    theme = forms.ChoiceField(label="Theme", required=False)
    audience = forms.ChoiceField(label="Audience", required=False)

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "All types"), *ResourceKind.choices]
        self.fields["theme"].choices = [("", "All themes"), *[(t.slug, t.name) for t in themes]]
        self.fields["audience"].choices = [("", "Everyone"), *Audience.choices]

    def to_filter(self) -> ResourceFilter:
        data = self.cleaned_data if self.is_valid() else {}
        return ResourceFilter(
            kind=data.get("kind") or "",
            theme=data.get("theme") or "",
            audience=data.get("audience") or "",
            query=(data.get("q") or "").strip(),
        )


class ProcedureFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Any status")]
        + [c for c in ProcedureStatus.choices if c[0] != ProcedureStatus.DRAFT],
    )


class UsagePeriodForm(forms.Form):
    start = forms.DateField(
        label="From", widget=DateInput, error_messages={"invalid": "Enter the start date"}
    )
    end = forms.DateField(
        label="To", widget=DateInput, error_messages={"invalid": "Enter the end date"}
    )

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise ValidationError("The end date must be on or after the start date.")
        return data

    @staticmethod
    def default_period(today: date) -> tuple[date, date]:
        return today - timedelta(days=364), today


class RegisterImportForm(forms.Form):
    file = forms.FileField(
        label="Document register",
        help_text="A CSV or Excel (.xlsx) file whose first row names the columns: title, "
        "type, owner, date, status, link (and optionally review date, audience, themes).",
        validators=[REGISTER_RULES],
        error_messages={"required": "Choose the CSV or Excel file of your document register"},
    )
    dry_run = forms.BooleanField(
        label="Check the file only: show what would change and write nothing", required=False
    )


class ProcedureStatusForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        choices=[c for c in ProcedureStatus.choices if c[0] != ProcedureStatus.DRAFT],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="Why (shown on the public page)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed when the document is under review or withdrawn",
    )


class ProcedureVersionForm(forms.Form):
    version = forms.CharField(
        label="Version", max_length=20, error_messages={"required": "Enter the version number"}
    )
    effective_on = forms.DateField(
        label="In force from",
        widget=DateInput,
        error_messages={
            "required": "Enter the date the version comes into force",
            "invalid": "Enter the date the version comes into force as a real date",
        },
    )
    change_summary = forms.CharField(
        label="What changed",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what changed in this version"},
    )
    approving_body = forms.CharField(label="Approved by", max_length=200, required=False)
    decision_id = forms.IntegerField(
        label="Decision number",
        required=False,
        min_value=1,
        help_text="The number of the approving decision in the decision register, if any",
    )
    link = forms.URLField(
        label="Link to the document", required=False, max_length=500, assume_scheme="https"
    )
