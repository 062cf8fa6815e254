"""The form that starts the agencies' contributions to a yearly report (ADR 0032)."""

from __future__ import annotations

from datetime import date, timedelta

from django import forms

from safeguarding.accounts.models import AgencyType
from safeguarding.core.forms import DateInput

# Asked by default: the three statutory safeguarding partners.
STATUTORY_TYPES = frozenset(
    {AgencyType.LOCAL_AUTHORITY, AgencyType.INTEGRATED_CARE_BOARD, AgencyType.POLICE}
)


class ContributionCampaignForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200)
    period_start = forms.DateField(label="Start of the report period", widget=DateInput())
    period_end = forms.DateField(label="End of the report period", widget=DateInput())
    description = forms.CharField(
        label="Message to the agencies",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    opens_on = forms.DateField(label="Opens on", widget=DateInput())
    closes_on = forms.DateField(label="Closing date", widget=DateInput())
    agencies = forms.ModelMultipleChoiceField(
        queryset=None,
        label="Agencies asked for a contribution",
        help_text="The statutory partners are chosen for you; add the relevant agencies you "
        "want to hear from.",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one agency to ask."},
    )

    def __init__(self, *args, agencies, today: date, initial_data: dict, report=None, **kwargs):
        """``agencies``: the queryset of agencies that may be asked (the partnership's);
        ``report``: the report's scope when the contributions are for one (its period bounds
        theirs, which the service checks)."""
        initial = {
            "opens_on": today,
            "closes_on": today + timedelta(weeks=6),
            "agencies": [a.pk for a in agencies if a.type in STATUTORY_TYPES],
            **initial_data,
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["agencies"].queryset = agencies  # type: ignore[attr-defined]
        if report is not None:
            self.fields["period_start"].help_text = (
                f"The report covers {report.start:%-d %B %Y} to {report.end:%-d %B %Y}: the "
                "contributions' period must lie within it."
            )
