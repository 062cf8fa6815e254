"""Forms for indicators, figures, narratives, imports, data returns and finance."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from safeguarding.core.forms import DateInput, searchable
from safeguarding.core.uploads import FileRules
from safeguarding.performance.importing.layouts import read_figure
from safeguarding.performance.models import Flag, Indicator
from safeguarding.performance.periods import EXAMPLES
from safeguarding.planning.theme_fields import ThemesField


class IndicatorFilterForm(forms.Form):
    query = forms.CharField(label="Name contains", required=False, max_length=100)
    theme = forms.ChoiceField(label="Theme", required=False)
    priority = forms.TypedChoiceField(
        label="Business plan priority", required=False, coerce=int, empty_value=None
    )
    kind = forms.ChoiceField(
        label="Kind of indicator",
        required=False,
        choices=[
            ("", "All indicators"),
            ("local", "Local figures"),
            ("official", "Official statistics (DfE)"),
            ("derived", "Derived (computed)"),
        ],
    )
    partnership = forms.ChoiceField(label="Partnership", required=False)

    def __init__(self, *args, themes, priorities, partnerships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", "Any theme"), *[(t.slug, t.name) for t in themes]]
        self.fields["priority"].choices = [
            ("", "Any priority"),
            *[(p.pk, p.title) for p in priorities],
        ]
        if len(partnerships) > 1:
            self.fields["partnership"].choices = [(p.slug, p.name) for p in partnerships]
        else:
            del self.fields["partnership"]


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = [
            "name",
            "key",
            "description",
            "unit",
            "polarity",
            "period_type",
            "source",
            "source_agency",
            "themes",
            "priority",
            "target",
            "amber_threshold",
            "formula",
            "decimal_places",
            "in_key_data",
            "key_data_order",
        ]
        labels = {
            "key": "Key",
            "description": "Definition",
            "polarity": "Which way is better",
            "period_type": "Counted by",
            "source_agency": "Agency that provides the figures",
            "priority": "Business plan priority",
            "amber_threshold": "Amber threshold",
            "formula": "Formula (derived indicators only)",
            "decimal_places": "Decimal places shown",
            "in_key_data": "Show in the key data table",
            "key_data_order": "Position in the key data table",
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "unit": forms.RadioSelect,
            "polarity": forms.RadioSelect,
            "themes": forms.CheckboxSelectMultiple,
        }
        field_classes = {"themes": ThemesField}

    def __init__(self, *args, agencies, priorities, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source_agency"].queryset = agencies
        self.fields["source_agency"].empty_label = "None (the business unit enters them)"
        self.fields["priority"].queryset = priorities
        self.fields["priority"].empty_label = "None"
        self.fields["themes"].queryset = themes
        self.fields["themes"].required = False

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("themes", None)
        return data


class FigureField(forms.CharField):
    """A figure as people type it: 1,124 or 83.1% — or a symbol such as c or x."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text", "A number, or c if suppressed, x if not available, z if not applicable"
        )
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None, ""
        try:
            number, flag, _ = read_figure(text)
        except ValueError as error:
            raise forms.ValidationError(f"Enter {str(error)[0].lower()}{str(error)[1:]}") from None
        return number, flag


FLAG_CHOICES = [("", "No flag")] + [(f.value, f.label) for f in Flag if f.value]


class ValueForm(forms.Form):
    area = forms.ChoiceField(label="Area")
    period = forms.CharField(label="Period", max_length=40)
    value = FigureField(label="Figure")
    flag = forms.ChoiceField(label="Data-quality flag", required=False, choices=FLAG_CHOICES)
    note = forms.CharField(
        label="Data-quality note", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, areas, period_type, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = areas
        self.fields["period"].help_text = f"For example {EXAMPLES[period_type]}"


class NarrativeForm(forms.Form):
    period = forms.ChoiceField(label="Period")
    text = forms.CharField(
        label="Narrative",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What the figures show and why. Leave empty to remove the narrative.",
    )

    def __init__(self, *args, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [(p.pk, p.label) for p in periods]


class ImportForm(forms.Form):
    file = forms.FileField(
        label="File",
        help_text="A CSV or Excel (.xlsx) file, up to 20 MB",
        error_messages={"required": "Choose the file to import"},
    )
    format = forms.ChoiceField(
        label="What the file holds",
        required=False,
        widget=forms.RadioSelect,
        initial="",
        choices=[
            ("", "Work it out from the file"),
            ("ees", "Official statistics from DfE Explore Education Statistics (CSV)"),
            ("csv", "The partnership's template, as CSV"),
            ("xlsx", "The partnership's template, as Excel"),
        ],
    )
    check_only = forms.BooleanField(label="Only check the file (write nothing)", required=False)
    skip_invalid = forms.BooleanField(
        label="Import the valid rows even if some rows are invalid",
        required=False,
        help_text="Invalid rows are listed and left out",
    )

    MAX_BYTES = 20 * 1024 * 1024

    # The importer reads the contents and explains a CSV/Excel mismatch in its own words;
    # this refuses other kinds of file and active content (macros) before anything is stored.
    RULES = FileRules(
        extensions=frozenset({".csv", ".xlsx", ".txt"}), max_bytes=MAX_BYTES, match_extension=False
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(
                "The file is larger than 20 MB: split it, or import it with the "
                "import-indicators command."
            )
        self.RULES(upload)
        return upload


class ColumnMappingForm(forms.Form):
    indicator = forms.ModelChoiceField(
        label="Indicator the column feeds",
        queryset=None,
        empty_label="Choose an indicator",
        error_messages={"required": "Choose the indicator the column feeds"},
    )

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = indicators


class DataReturnRequestForm(forms.Form):
    agency = forms.ModelChoiceField(label="Agency", queryset=None, empty_label="Choose an agency")
    indicators = forms.ModelMultipleChoiceField(
        label="Indicators the agency reports",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one indicator"},
    )
    period = forms.CharField(
        label="Period", max_length=40, help_text="For example 2023-24, or FY2023-24-Q1"
    )
    due_on = forms.DateField(label="Due by", widget=DateInput)

    def __init__(self, *args, agencies, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        searchable(self.fields["agency"])
        self.fields["indicators"].queryset = indicators


class DataReturnEntryForm(forms.Form):
    """One figure, flag and note per indicator of the return."""

    def __init__(self, *args, indicators, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = list(indicators)
        for indicator in self.indicators:
            entry = entries.get(indicator.pk)
            self.fields[f"value_{indicator.pk}"] = FigureField(
                label=f"{indicator.name} ({indicator.get_unit_display().lower()})",
                help_text=indicator.description or None,
                initial=_initial_figure(entry),
            )
            self.fields[f"flag_{indicator.pk}"] = forms.ChoiceField(
                label=f"Data-quality flag for {indicator.name.lower()}",
                required=False,
                choices=FLAG_CHOICES,
                initial=entry.flag if entry else "",
            )
            self.fields[f"note_{indicator.pk}"] = forms.CharField(
                label=f"Note on {indicator.name.lower()}",
                required=False,
                initial=entry.note if entry else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def groups(self):
        for indicator in self.indicators:
            yield (
                indicator,
                self[f"value_{indicator.pk}"],
                self[f"flag_{indicator.pk}"],
                self[f"note_{indicator.pk}"],
            )

    def figures(self) -> dict[int, tuple[Decimal | None, str, str]]:
        result = {}
        for indicator in self.indicators:
            value, marked = self.cleaned_data[f"value_{indicator.pk}"]
            flag = self.cleaned_data[f"flag_{indicator.pk}"] or marked
            result[indicator.pk] = (value, flag, self.cleaned_data[f"note_{indicator.pk}"])
        return result


def _initial_figure(entry) -> str:
    if entry is None:
        return ""
    if entry.value is None:
        return ""
    return f"{entry.value.normalize():f}"


class DataReturnReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        widget=forms.RadioSelect,
        choices=[
            ("accept", "Accept: the figures become the partnership's figures"),
            ("query", "Query: send the return back to the agency with a question"),
        ],
        error_messages={"required": "Choose whether to accept or query the return"},
    )
    note = forms.CharField(
        label="Question for the agency",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed when you query the return",
    )


class FinanceYearForm(forms.Form):
    year = forms.IntegerField(
        label="Year the financial year starts",
        min_value=2000,
        max_value=2100,
        help_text="For example 2023 for 2023–24 (1 April 2023 to 31 March 2024)",
    )
    opening_reserve = forms.DecimalField(
        label="Reserve brought forward (£)",
        required=False,
        min_value=0,
        decimal_places=2,
        help_text="For the first year the platform holds: the reserve at 1 April",
    )
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, first_year: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not first_year:
            # Later years bring forward the closing reserve of the year before.
            del self.fields["opening_reserve"]
            self.fields[
                "year"
            ].help_text += ". The reserve brought forward is the closing reserve of the year before"


class ContributionForm(forms.Form):
    agency = forms.ModelChoiceField(label="Partner agency", queryset=None, empty_label="Choose")
    amount = forms.DecimalField(label="Amount (£)", min_value=0, decimal_places=2)
    received_on = forms.DateField(label="Received on", required=False, widget=DateInput)
    note = forms.CharField(label="Note", required=False, max_length=300)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        searchable(self.fields["agency"])


class BudgetLineForm(forms.Form):
    category = forms.ChoiceField(label="Category")
    description = forms.CharField(label="Description", required=False, max_length=200)
    amount = forms.DecimalField(label="Budget (£)", min_value=0, decimal_places=2)

    def __init__(self, *args, **kwargs):
        from safeguarding.performance.models import SpendCategory

        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", "Choose a category"), *SpendCategory.choices]


class ExpenditureForm(BudgetLineForm):
    description = forms.CharField(label="What the money was spent on", max_length=200)
    amount = forms.DecimalField(label="Amount spent (£)", min_value=0, decimal_places=2)
    spent_on = forms.DateField(label="Date", required=False, widget=DateInput)
