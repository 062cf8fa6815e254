"""Forms for key messages: the public archive's search and the business unit's drafting."""

from __future__ import annotations

from django import forms

from safeguarding.core.forms import DateInput
from safeguarding.core.periods import financial_year_label
from safeguarding.governance.models import DatePrecision, KeyMessageStatus, Meeting
from safeguarding.governance.selectors.key_messages import KeyMessageFilter
from safeguarding.planning.models import BusinessPlan, Priority
from safeguarding.planning.theme_fields import ThemesField


class KeyMessageSearchForm(forms.Form):
    q = forms.CharField(label="Search key messages", required=False, max_length=100)
    theme = forms.ChoiceField(label="Theme", required=False)
    year = forms.TypedChoiceField(label="Year", required=False, coerce=int, empty_value=None)

    def __init__(self, *args, themes, years, statuses: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", "All themes"), *[(t.slug, t.name) for t in themes]]
        self.fields["year"].choices = [
            ("", "All years"),
            *[(y, f"{financial_year_label(y)} (April to March)") for y in years],
        ]
        if statuses:
            self.fields["status"] = forms.ChoiceField(
                label="Status",
                required=False,
                choices=[("", "Any status"), *KeyMessageStatus.choices],
            )

    def to_filter(self) -> KeyMessageFilter:
        data = self.cleaned_data if self.is_valid() else {}
        return KeyMessageFilter(
            theme=data.get("theme") or "",
            query=(data.get("q") or "").strip(),
            year=data.get("year"),
            status=data.get("status") or "",
        )


class KeyMessageForm(forms.Form):
    partnership = forms.ModelChoiceField(
        queryset=None,
        label="Partnership",
        empty_label=None,
        error_messages={"required": "Choose the partnership the message is from"},
    )
    meeting = forms.ModelChoiceField(
        queryset=Meeting.objects.none(),
        label="Meeting",
        required=False,
        empty_label="Not recorded here – enter the date and name below",
        help_text="The meeting the message comes from",
    )
    meeting_date = forms.DateField(
        label="Date of the meeting",
        required=False,
        widget=DateInput,
        help_text="Only needed when the meeting is not recorded here",
        error_messages={"invalid": "Enter the meeting date as a real date, like 12/03/2024"},
    )
    meeting_title = forms.CharField(
        label="Name of the meeting",
        required=False,
        max_length=200,
        help_text="For example “Executive meeting”",
    )
    title = forms.CharField(
        label="Title",
        max_length=200,
        error_messages={"required": "Enter a title for the key message"},
    )
    body = forms.CharField(
        label="Key message",
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=(
            "Leave a blank line between paragraphs. Start lines with “- ” for a bulleted "
            "list or “1. ” for a numbered one; **bold**; links as [link text](https://…)"
        ),
        error_messages={"required": "Enter the key message itself"},
    )
    themes = ThemesField()
    priority = forms.ModelChoiceField(
        queryset=Priority.objects.none(),
        required=False,
        label="Business plan priority",
        empty_label="None",
    )

    def __init__(self, *args, partnerships, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = partnerships
        if len(partnerships) == 1:
            self.fields["partnership"].widget = forms.HiddenInput()
            self.fields["partnership"].initial = partnerships[0].pk
        self.fields["meeting"].queryset = meetings
        self.fields["meeting"].label_from_instance = str
        self.fields["priority"].queryset = Priority.objects.filter(
            plan__in=BusinessPlan.objects.filter(partnership__in=partnerships)
        ).select_related("plan")

    def clean(self):
        data = super().clean()
        if (
            not data.get("meeting")
            and not data.get("meeting_date")
            and "meeting_date" not in (self.errors)
        ):
            self.add_error("meeting_date", "Choose the meeting, or enter the date of the meeting")
        return data

    def service_fields(self, *, editing=None) -> dict:
        data = dict(self.cleaned_data)
        data.pop("partnership", None)
        keep = editing is not None and editing.meeting_date == data.get("meeting_date")
        data["meeting_date_precision"] = (
            editing.meeting_date_precision if keep else DatePrecision.DAY
        )
        return data


class KeyMessageImportForm(forms.Form):
    partnership = forms.ModelChoiceField(
        queryset=None, empty_label=None, error_messages={"required": "Choose the partnership"}
    )
    file = forms.FileField(
        label="Key messages document",
        help_text="A Word (.docx), text, Markdown or web page file with a heading for each "
        "meeting (such as “Board meeting – 12 March 2024”) and the messages under it",
        error_messages={"required": "Choose the document to import"},
    )
    dry_run = forms.BooleanField(
        label="Only check the document (write nothing)",
        required=False,
    )

    def __init__(self, *args, partnerships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = partnerships
