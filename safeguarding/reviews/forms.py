"""Forms for case reviews. They parse and check shapes only; the rules live in the services.

Forms are plain ``forms.Form`` built from the model's field definitions (labels, help text,
choices) rather than ModelForms, so that validation of the record happens once, in the
service, with its own clear messages. Edit forms carry the record's ``version``.
"""

from __future__ import annotations

from django import forms
from django.db import models
from django.forms.models import model_to_dict

from safeguarding.core.forms import DateInput, MultipleFileField, choice_label, searchable
from safeguarding.planning.models import Theme
from safeguarding.planning.theme_fields import ThemesField
from safeguarding.reviews.models import (
    BRIEFING_BOXES,
    REGULATION_11_CRITERIA,
    AgencySummary,
    Briefing,
    ClockStart,
    Decision,
    DeferralReason,
    ImpactGrade,
    LinkKind,
    Nature,
    Notification,
    PanelResponse,
    Progress,
    RapidReview,
    Recommendation,
    RecommendationStatus,
    Referral,
    ReferralOutcome,
    ReferralStatus,
    Review,
    ReviewKind,
    ReviewStatus,
)

RADIO = forms.RadioSelect
CHECKBOXES = forms.CheckboxSelectMultiple


def _formfield(model_field, **kwargs):
    if isinstance(model_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    if isinstance(model_field, models.ManyToManyField) and model_field.related_model is Theme:
        kwargs.setdefault("form_class", ThemesField)
    return model_field.formfield(**kwargs)


class ServiceForm(forms.Form):
    """A form whose fields come from ``model`` (``field_names``), for a service to validate."""

    model = None
    field_names: list[str] = []
    widgets: dict = {}
    labels: dict = {}
    optional: set[str] = set()
    with_version = False

    def __init__(self, *args, instance=None, **kwargs):
        initial = dict(kwargs.pop("initial", None) or {})
        if instance is not None:
            initial = {**model_to_dict(instance, fields=self.field_names), **initial}
            initial.setdefault("version", instance.version)
        super().__init__(*args, initial=initial, **kwargs)
        generated = forms.fields_for_model(
            self.model,
            fields=self.field_names,
            widgets=self.widgets,
            labels=self.labels,
            formfield_callback=_formfield,
        )
        declared = dict(self.fields)
        self.fields = {}
        for name in self.field_names:
            field = declared.get(name) or generated[name]
            if isinstance(field.widget, forms.DateInput):
                field.widget = DateInput()
            if name in self.optional:
                field.required = False
            if isinstance(field.widget, forms.RadioSelect) and hasattr(field, "choices"):
                field.choices = [(v, label) for v, label in field.choices if v != ""]
            self.fields[name] = field
        for name, field in declared.items():
            if name not in self.fields:
                self.fields[name] = field
        if self.with_version:
            self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        if getattr(self, "single_partnership", None) is not None and "partnership" in getattr(
            self, "field_names", []
        ):
            data.setdefault("partnership", self.single_partnership)
        return data

    @property
    def version(self) -> int | None:
        return self.cleaned_data.get("version")


# Notifications --------------------------------------------------------------------------


class NotificationForm(ServiceForm):
    model = Notification
    field_names = [
        "partnership",
        "child_pseudonym",
        "age_band",
        "sex",
        "ethnicity",
        "disability",
        "nature",
        "looked_after",
        "agencies_involved",
        "themes",
        "outline",
        "became_aware_on",
        "notified_on",
        "late_reason",
    ]
    widgets = {
        "sex": RADIO,
        "nature": RADIO,
        "agencies_involved": CHECKBOXES,
        "themes": CHECKBOXES,
        "outline": forms.Textarea(attrs={"rows": 4}),
        "late_reason": forms.Textarea(attrs={"rows": 3}),
    }
    labels = {"agencies_involved": "Agencies involved with the child or family"}
    with_version = True

    partnership = forms.ModelChoiceField(queryset=None, label="Partnership", empty_label=None)

    def __init__(self, *args, partnerships, agencies, themes, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.single_partnership = partnerships[0] if len(partnerships) == 1 else None
        if editing:
            del self.fields["partnership"]
        else:
            self.fields["partnership"].queryset = partnerships
            if self.single_partnership is not None:
                del self.fields["partnership"]
        self.fields["agencies_involved"].queryset = agencies
        self.fields["agencies_involved"].required = False
        self.fields["themes"].queryset = themes
        self.fields["themes"].required = False
        self.fields["ethnicity"].choices = [
            ("", "Not recorded"),
            *self.fields["ethnicity"].choices[1:],
        ]
        self.fields["disability"].choices = [
            ("", "Not recorded"),
            *self.fields["disability"].choices[1:],
        ]
        self.fields["child_pseudonym"].error_messages["required"] = (
            "Enter the pseudonym used for the child, like “Child Q”"
        )
        self.fields["became_aware_on"].error_messages["required"] = (
            "Enter the date the local authority became aware of the incident"
        )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Reason the deadline was missed",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Give the reason the deadline was missed"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ReviewSettingsForm(forms.Form):
    rapid_review_clock_start = forms.ChoiceField(
        label="The 15 working days of a rapid review count from",
        choices=ClockStart.choices,
        widget=RADIO,
        help_text="Working Together does not say; many partnerships count from the "
        "notification. A change applies to rapid reviews started afterwards.",
    )


# Rapid reviews --------------------------------------------------------------------------


class MeetingForm(ServiceForm):
    model = RapidReview
    field_names = ["meeting_on"]
    with_version = True


class SignOffForm(ServiceForm):
    model = RapidReview
    field_names = ["signed_off_on", "signed_off_by"]
    with_version = True


class DecisionForm(ServiceForm):
    model = RapidReview
    field_names = [
        "decision",
        "decided_on",
        "other_learning_route",
        "decision_rationale",
        *[name for name, _ in REGULATION_11_CRITERIA],
    ]
    widgets = {"decision": RADIO, "decision_rationale": forms.Textarea(attrs={"rows": 4})}
    labels = dict(REGULATION_11_CRITERIA)
    with_version = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = Decision.choices
        for name in ("decision", "decided_on", "decision_rationale"):
            self.fields[name].required = True
        self.fields["decision"].error_messages["required"] = "Choose the decision"
        self.fields["decided_on"].error_messages["required"] = "Enter the date of the decision"
        self.fields["decision_rationale"].error_messages["required"] = (
            "Give the reasons for the decision"
        )


class SendToPanelForm(ServiceForm):
    model = RapidReview
    field_names = ["sent_to_panel_on", "late_reason"]
    widgets = {"late_reason": forms.Textarea(attrs={"rows": 3})}
    labels = {"late_reason": "Reason it was late (only if after the 15 working days)"}
    with_version = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sent_to_panel_on"].required = True
        self.fields["sent_to_panel_on"].error_messages["required"] = "Enter the date it was sent"


class PanelResponseForm(ServiceForm):
    model = RapidReview
    field_names = ["panel_response", "panel_response_on", "panel_response_notes"]
    widgets = {"panel_response": RADIO, "panel_response_notes": forms.Textarea(attrs={"rows": 3})}
    labels = {"panel_response": "The Panel’s response"}
    with_version = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["panel_response"].choices = PanelResponse.choices
        self.fields["panel_response"].required = True
        self.fields["panel_response_on"].required = True


class SummaryRequestForm(forms.Form):
    agencies = forms.ModelMultipleChoiceField(
        queryset=None,
        widget=CHECKBOXES,
        label="Agencies to ask for a summary",
        error_messages={"required": "Choose at least one agency to ask for a summary"},
    )
    requested_on = forms.DateField(label="Date requested", widget=DateInput())
    due_on = forms.DateField(
        label="Due by",
        widget=DateInput(),
        help_text="Usually by working day 10 of the 15, so the review panel can read them",
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = agencies
        self.fields["agencies"].label_from_instance = choice_label


class SummarySubmitForm(ServiceForm):
    model = AgencySummary
    field_names = ["summary"]
    widgets = {"summary": forms.Textarea(attrs={"rows": 10})}
    with_version = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["summary"].required = True
        self.fields["summary"].error_messages["required"] = (
            "Write the summary of your agency’s involvement"
        )


# Reviews --------------------------------------------------------------------------------


class ReviewCreateForm(ServiceForm):
    model = Review
    field_names = [
        "partnership",
        "kind",
        "title",
        "decided_on",
        "lead_partnership_name",
        "cost_contribution",
        "other_partnerships",
        "notifications",
        "themes",
        "priority",
    ]
    widgets = {
        "kind": RADIO,
        "themes": CHECKBOXES,
        "other_partnerships": CHECKBOXES,
        "notifications": CHECKBOXES,
    }
    labels = {"notifications": "Notified incidents the review covers"}
    optional = {"other_partnerships", "notifications", "themes", "priority"}

    partnership = forms.ModelChoiceField(queryset=None, label="Partnership", empty_label=None)

    def __init__(
        self, *args, partnerships, all_partnerships, notifications, themes, priorities, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.single_partnership = partnerships[0] if len(partnerships) == 1 else None
        self.fields["partnership"].queryset = partnerships
        if self.single_partnership is not None:
            del self.fields["partnership"]
        self.fields["kind"].choices = [c for c in ReviewKind.choices]
        self.fields["other_partnerships"].queryset = all_partnerships
        self.fields["notifications"].queryset = notifications
        self.fields["themes"].queryset = themes
        self.fields["priority"].queryset = priorities
        self.fields["priority"].empty_label = "No linked priority"


class ReviewContentForm(ServiceForm):
    model = Review
    field_names = ["title", "summary", "key_learning", "themes", "priority"]
    widgets = {
        "summary": forms.Textarea(attrs={"rows": 6}),
        "key_learning": forms.Textarea(attrs={"rows": 6}),
        "themes": CHECKBOXES,
    }
    optional = {"themes", "priority"}
    with_version = True

    def __init__(self, *args, themes, priorities, reviewer_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = themes
        self.fields["priority"].queryset = priorities
        self.fields["priority"].empty_label = "No linked priority"
        if reviewer_only:
            for name in ("title", "themes", "priority"):
                del self.fields[name]


class ReviewTransitionForm(ServiceForm):
    """The facts one workflow step records; the fields come from the transition table."""

    model = Review
    widgets = {
        "terms_of_reference": forms.Textarea(attrs={"rows": 6}),
        "deferral_reason": RADIO,
        "deferral_details": forms.Textarea(attrs={"rows": 3}),
        "learning_embedded_summary": forms.Textarea(attrs={"rows": 5}),
        "target_breach_reason": forms.Textarea(attrs={"rows": 3}),
    }
    with_version = True
    always_optional = {
        "methodology",
        "reviewer_cost",
        "sent_to_ofsted",
        "target_breach_reason",
        "deferral_details",
    }

    def __init__(self, *args, transition, reviewers, review, **kwargs):
        self.field_names = list(transition.fields)
        super().__init__(*args, instance=review, **kwargs)
        for name, field in self.fields.items():
            if name == "version":
                continue
            field.required = name not in self.always_optional
        if "reviewer" in self.fields:
            self.fields["reviewer"].queryset = reviewers
            self.fields["reviewer"].required = review.kind == ReviewKind.LOCAL
            self.fields[
                "reviewer"
            ].help_text = (
                "People with the reviewer role. They will see this review and nothing else."
            )
        if "deferral_reason" in self.fields:
            self.fields["deferral_reason"].choices = DeferralReason.choices
        if "target_breach_reason" in self.fields:
            self.fields["target_breach_reason"].label = (
                "Reason the 6-month target was missed (only if publication is after "
                "the target date)"
            )
        if "sent_to_ofsted" in self.fields:
            self.fields["sent_to_ofsted"].initial = True


class DelayReasonForm(ServiceForm):
    model = Review
    field_names = ["target_breach_reason"]
    widgets = {"target_breach_reason": forms.Textarea(attrs={"rows": 4})}
    with_version = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_breach_reason"].required = True


class PractitionerEventForm(forms.Form):
    title = forms.CharField(label="Event", max_length=200, initial="Practitioner event")
    held_on = forms.DateField(label="Date held", widget=DateInput())
    attended = forms.IntegerField(label="Number who took part", min_value=0)


# Recommendations ------------------------------------------------------------------------


class RecommendationForm(ServiceForm):
    model = Recommendation
    field_names = [
        "text",
        "owner_agency",
        "owner_person",
        "target_on",
        "made_on",
        "priority",
        "themes",
    ]
    widgets = {"text": forms.Textarea(attrs={"rows": 4}), "themes": CHECKBOXES}
    optional = {"priority", "themes", "made_on"}
    with_version = True

    def __init__(self, *args, agencies, people, priorities, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_agency"].queryset = agencies
        self.fields["owner_person"].queryset = people
        searchable(self.fields["owner_agency"])
        searchable(self.fields["owner_person"])
        self.fields["priority"].queryset = priorities
        self.fields["priority"].empty_label = "No linked priority"
        self.fields["themes"].queryset = themes


class UpdateForm(forms.Form):
    progress = forms.ChoiceField(
        label="Progress",
        choices=Progress.choices,
        widget=RADIO,
        error_messages={"required": "Choose how the work is progressing"},
    )
    text = forms.CharField(
        label="What has happened since the last update",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Say what has happened since the last update"},
    )


class EvidenceForm(forms.Form):
    description = forms.CharField(
        label="Evidence of impact",
        help_text="What has changed in practice and for children, and how you know: audit "
        "findings, feedback from children and families, data",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Describe the evidence of impact"},
    )
    files = MultipleFileField(
        label="Supporting files (optional)",
        required=False,
        help_text="PDF, Word, Excel, PowerPoint, CSV, text or images; up to 10 MB each",
    )


class GradeForm(forms.Form):
    grade = forms.ChoiceField(
        label="Grade",
        choices=ImpactGrade.choices,
        widget=RADIO,
        error_messages={"required": "Choose a grade"},
    )
    comment = forms.CharField(
        label="Comments for the owner",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CloseForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


# Referrals for review -------------------------------------------------------------------


class ReferralForm(ServiceForm):
    model = Referral
    field_names = [
        "partnership",
        "referring_agency",
        "child_pseudonym",
        "incident_on",
        "what_happened",
        "why_criteria",
        "themes",
        "agencies_involved",
    ]
    widgets = {
        "themes": CHECKBOXES,
        "agencies_involved": CHECKBOXES,
        "what_happened": forms.Textarea(attrs={"rows": 5}),
        "why_criteria": forms.Textarea(attrs={"rows": 4}),
    }
    labels = {"referring_agency": "Referring agency"}

    partnership = forms.ModelChoiceField(queryset=None, label="Partnership", empty_label=None)
    referring_agency = forms.ModelChoiceField(
        queryset=None,
        label="Referring agency",
        empty_label=None,
        error_messages={"required": "Choose the agency making the referral"},
    )

    def __init__(self, *args, partnerships, agencies, referring_agencies, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.single_partnership = partnerships[0] if len(partnerships) == 1 else None
        self.fields["partnership"].queryset = partnerships
        if self.single_partnership is not None:
            del self.fields["partnership"]
        self.fields["referring_agency"].queryset = referring_agencies
        searchable(self.fields["referring_agency"])
        self.fields["agencies_involved"].queryset = agencies
        self.fields["agencies_involved"].required = False
        self.fields["themes"].queryset = themes
        self.fields["themes"].required = False
        messages = {
            "child_pseudonym": "Enter the pseudonym used for the child, like “Child Q”",
            "incident_on": "Enter the date of the incident",
            "what_happened": "Say briefly what happened",
            "why_criteria": "Say why the case may meet the criteria for a review",
        }
        for name, message in messages.items():
            self.fields[name].error_messages["required"] = message


class ReferralDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Decision",
        choices=ReferralOutcome.choices,
        widget=RADIO,
        error_messages={"required": "Choose the decision"},
    )
    decision_reason = forms.CharField(
        label="Reason for the decision",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Give the reason for the decision"},
    )
    decided_on = forms.DateField(
        label="Date of the decision",
        widget=DateInput(),
        error_messages={"required": "Enter the date of the decision"},
    )
    create_notification = forms.BooleanField(
        label="Also record the serious incident notification now, filled in from the referral",
        required=False,
    )
    nature = forms.ChoiceField(
        label="Nature of the incident (for the notification)",
        required=False,
        choices=[("", "Not recording a notification"), *Nature.choices],
    )

    def __init__(self, *args, can_notify: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput, required=False)
        if not can_notify:
            del self.fields["create_notification"]
            del self.fields["nature"]

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data

    @property
    def version(self) -> int | None:
        return self.cleaned_data.get("version")


class ReferralFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *ReferralStatus.choices]
    )
    theme = forms.ChoiceField(label="Theme", required=False)
    year = forms.TypedChoiceField(
        label="Year received (April to March)", required=False, coerce=int, empty_value=None
    )
    agency = forms.TypedChoiceField(
        label="Referring agency", required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, themes, years, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", "Any theme"), *[(t.slug, t.name) for t in themes]]
        self.fields["year"].choices = [("", "Any year"), *years]
        self.fields["agency"].choices = [("", "Any agency"), *[(a.pk, a.name) for a in agencies]]


# Filters --------------------------------------------------------------------------------


class NotificationFilterForm(forms.Form):
    query = forms.CharField(label="Pseudonym or reference", required=False, max_length=50)
    nature = forms.ChoiceField(label="Nature", required=False)
    year = forms.IntegerField(label="Year aware", required=False, min_value=2018, max_value=2100)
    theme = forms.ChoiceField(label="Theme", required=False)

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nature"].choices = [
            ("", "Any"),
            *Notification._meta.get_field("nature").choices,
        ]
        self.fields["theme"].choices = [("", "Any theme"), *[(t.slug, t.name) for t in themes]]


class ReviewFilterForm(forms.Form):
    query = forms.CharField(label="Title contains", required=False, max_length=100)
    kind = forms.ChoiceField(
        label="Type", required=False, choices=[("", "Any type"), *ReviewKind.choices]
    )
    status = forms.ChoiceField(label="Stage", required=False)
    theme = forms.ChoiceField(label="Theme", required=False)

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", "Any stage"), *ReviewStatus.choices]
        self.fields["theme"].choices = [("", "Any theme"), *[(t.slug, t.name) for t in themes]]


class RecommendationFilterForm(forms.Form):
    overdue = forms.BooleanField(label="Only those with an overdue update", required=False)
    status = forms.ChoiceField(label="Status", required=False)
    agency = forms.TypedChoiceField(
        label="Owner agency", required=False, coerce=int, empty_value=None
    )
    review = forms.TypedChoiceField(label="Review", required=False, coerce=int, empty_value=None)
    theme = forms.ChoiceField(label="Theme", required=False)

    def __init__(self, *args, agencies, reviews, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", "Any status"), *RecommendationStatus.choices]
        self.fields["agency"].choices = [("", "Any agency"), *[(a.pk, a.name) for a in agencies]]
        self.fields["review"].choices = [("", "Any review"), *[(r.pk, r.title) for r in reviews]]
        self.fields["theme"].choices = [("", "Any theme"), *[(t.slug, t.name) for t in themes]]


class FiguresForm(forms.Form):
    partnership = forms.ModelChoiceField(queryset=None, label="Partnership", empty_label=None)
    start = forms.DateField(label="From", widget=DateInput())
    end = forms.DateField(label="To", widget=DateInput())

    def __init__(self, *args, partnerships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = partnerships

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", "The ‘To’ date must be the same as or after the ‘From’ date")
        return data


class LibraryFilterForm(forms.Form):
    theme = forms.ChoiceField(label="Theme", required=False)
    year = forms.TypedChoiceField(
        label="Year published", required=False, coerce=int, empty_value=None
    )
    kind = forms.ChoiceField(
        label="Type of review", required=False, choices=[("", "Any type"), *ReviewKind.choices]
    )

    def __init__(self, *args, themes, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", "Any theme"), *[(t.slug, t.name) for t in themes]]
        self.fields["year"].choices = [("", "Any year"), *[(y, str(y)) for y in years]]


# Learning products ----------------------------------------------------------------------


class BriefingForm(ServiceForm):
    model = Briefing
    field_names = ["title", *[name for name, _ in BRIEFING_BOXES]]
    labels = dict(BRIEFING_BOXES)
    widgets = {name: forms.Textarea(attrs={"rows": 5}) for name, _ in BRIEFING_BOXES}
    with_version = True


class AuthorBriefingForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200, initial="Author briefing")
    held_on = forms.DateField(label="Date held", widget=DateInput())
    attended = forms.IntegerField(label="Number who attended", min_value=0)
    slides_requested = forms.IntegerField(
        label="Number who asked for the slides", min_value=0, initial=0
    )


class LearningLinkForm(forms.Form):
    kind = forms.ChoiceField(label="Type", choices=LinkKind.choices, widget=RADIO)
    title = forms.CharField(label="Title", max_length=200)
    url = forms.URLField(
        label="Link", assume_scheme="https", help_text="For example https://www.example.org/podcast"
    )
