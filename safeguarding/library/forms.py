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
