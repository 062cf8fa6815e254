"""Forms of the reports app: parse input; the services hold the rules."""

from __future__ import annotations

from datetime import date

from django import forms

from safeguarding.accounts.models import Agency, Partnership
from safeguarding.core import reporting
from safeguarding.core.forms import DateInput, set_queryset
from safeguarding.core.periods import financial_year_bounds, financial_year_of
from safeguarding.reports.models import Inspection, PartnerGroup, Recipient


class ReportForm(forms.Form):
    partnership: forms.ModelChoiceField[Partnership] = forms.ModelChoiceField(
        queryset=None, label="Partnership", empty_label=None
    )
    title = forms.CharField(label="Title", max_length=200)
    period_start = forms.DateField(
        label="Start of the period",
        widget=DateInput(),
        help_text="1 April by default; a two-year report starts on 1 April of its first year",
    )
    period_end = forms.DateField(
        label="End of the period",
        widget=DateInput(),
        help_text="31 March by default; an interim report may end on any day",
    )
    joint_partnerships: forms.ModelMultipleChoiceField[Partnership] = (
        forms.ModelMultipleChoiceField(
            queryset=None,
            required=False,
            label="Joint report with (optional)",
            widget=forms.CheckboxSelectMultiple,
            help_text="Other partnerships this report is written with",
        )
    )

    def __init__(self, *args, partnerships, others, today: date, **kwargs):
        start, end = financial_year_bounds(financial_year_of(today) - 1)
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("period_start", start)
        kwargs["initial"].setdefault("period_end", end)
        kwargs["initial"].setdefault("partnership", partnerships.first())
        kwargs["initial"].setdefault("title", f"Yearly report {start.year}–{(end.year) % 100:02d}")
        super().__init__(*args, **kwargs)
        set_queryset(self, "partnership", partnerships)
        set_queryset(self, "joint_partnerships", others)


class SectionForm(forms.Form):
    narrative = forms.CharField(
        label="Narrative",
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="Markdown: a blank line between paragraphs, * for a bullet, **bold**, "
        "[link text](https://…)",
    )
    case_study = forms.CharField(
        label="Case study (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="A short story showing the difference made, with the child named by a "
        "pseudonym such as “Child Q”",
    )


class SignOffForm(forms.Form):
    partner = forms.ChoiceField(label="Partner", choices=PartnerGroup.choices)
    signed_by_name = forms.CharField(label="Signed off by", max_length=200)
    signed_on = forms.DateField(label="Date signed off", widget=DateInput())


class CommentForm(forms.Form):
    section = forms.ChoiceField(
        label="Which part of the report is your comment about?",
        required=False,
        choices=[("", "The whole report"), *[(s.key, s.title) for s in reporting.SECTIONS]],
    )
    text = forms.CharField(
        label="Your comment",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter your comment."},
    )


class ReplyForm(forms.Form):
    text = forms.CharField(
        label="Your reply",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter your reply."},
    )


class DistributionForm(forms.Form):
    recipient = forms.ChoiceField(label="Sent to", choices=Recipient.choices)
    recipient_detail = forms.CharField(
        label="Recipient (for another local recipient)", required=False, max_length=200
    )
    sent_on = forms.DateField(label="Date sent", widget=DateInput())


class InspectionForm(forms.ModelForm):
    partnership: forms.ModelChoiceField[Partnership] = forms.ModelChoiceField(
        queryset=None, label="Partnership", empty_label=None
    )
    report_url = forms.URLField(label="Link to the report", required=False, assume_scheme="https")

    class Meta:
        model = Inspection
        fields = ["type", "title", "inspected_on", "agencies", "judgement", "report_url", "summary"]
        widgets = {
            "inspected_on": DateInput(),
            "agencies": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, partnerships, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        set_queryset(self, "partnership", partnerships)
        self.fields["partnership"].initial = partnerships.first()
        set_queryset(self, "agencies", agencies)
        self.fields["agencies"].required = False
        self.order_fields(["partnership"])


class InspectionActionForm(forms.Form):
    text = forms.CharField(label="Action", widget=forms.Textarea(attrs={"rows": 3}))
    owner_agency: forms.ModelChoiceField[Agency] = forms.ModelChoiceField(
        queryset=None, label="Owner organisation", required=False
    )
    due_on = forms.DateField(label="Due date", widget=DateInput())

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        set_queryset(self, "owner_agency", agencies)


class ArrangementsForm(forms.Form):
    narrative = forms.CharField(
        label="How the partners work together",
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Markdown: a blank line between paragraphs, * for a bullet",
    )
    independent_scrutiny = forms.CharField(
        label="Independent scrutiny", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    joint_arrangements = forms.CharField(
        label="Joint arrangements with neighbours",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    threshold_url = forms.URLField(
        label="Link to the threshold document", required=False, assume_scheme="https"
    )
    escalation_url = forms.URLField(
        label="Link to the escalation policy", required=False, assume_scheme="https"
    )
    agreed_on = forms.DateField(label="Date agreed", required=False, widget=DateInput())
    next_review_on = forms.DateField(label="Next review", required=False, widget=DateInput())
