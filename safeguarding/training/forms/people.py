"""Forms people without a role use: the catalogue filter, booking, the links in emails
(cancelling, approving, evaluating, the follow-up survey) and the certificate check."""

from __future__ import annotations

from django import forms

from safeguarding.accounts.models import Sector
from safeguarding.core.forms import DateInput
from safeguarding.training.forms.common import SCALE, SCALE_HINT, choices_with_any
from safeguarding.training.models import (
    Course,
    CourseFormat,
    CourseLevel,
    PracticeChange,
)
from safeguarding.training.models.evaluation import Applied

# Public catalogue ----------------------------------------------------------------------------


class CatalogueFilterForm(forms.Form):
    query = forms.CharField(label="Search by title or topic", required=False, max_length=100)
    level = forms.ChoiceField(
        label="Level", required=False, choices=choices_with_any(CourseLevel.choices, "Any level")
    )
    theme = forms.ChoiceField(label="Topic", required=False)
    format = forms.ChoiceField(
        label="Format",
        required=False,
        choices=choices_with_any(CourseFormat.choices, "Any format"),
    )
    date_from = forms.DateField(label="Sessions from", required=False, widget=DateInput)
    date_to = forms.DateField(label="Sessions to", required=False, widget=DateInput)
    available = forms.BooleanField(label="Only sessions with places left", required=False)

    def __init__(self, *args, themes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = choices_with_any(
            [(t.slug, t.name) for t in themes], "Any topic"
        )

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", "The end date must be the same as or after the start date.")
        return data


# Booking -------------------------------------------------------------------------------------


class BookingForm(forms.Form):
    full_name = forms.CharField(
        label="Full name", max_length=200, error_messages={"required": "Enter your full name."}
    )
    email = forms.EmailField(
        label="Email address",
        help_text="Your work email. We send your confirmation and calendar invitation here.",
        error_messages={
            "required": "Enter your email address.",
            "invalid": "Enter an email address in the correct format, like name@example.org.",
        },
    )
    organisation = forms.CharField(
        label="Organisation you work or volunteer for",
        max_length=200,
        error_messages={"required": "Enter the organisation you work or volunteer for."},
    )
    job_role = forms.CharField(
        label="Your role",
        max_length=200,
        help_text="For example, youth worker",
        error_messages={"required": "Enter your role, like youth worker."},
    )
    sector = forms.ChoiceField(
        label="Sector",
        choices=Sector.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the sector you work in."},
    )
    line_manager_email = forms.EmailField(
        label="Your line manager's email address",
        required=False,
        error_messages={
            "required": "Enter your line manager's email address.",
            "invalid": "Enter the email address in the correct format, like name@example.org.",
        },
    )
    member_group = forms.ChoiceField(
        label="Is your organisation a member of one of these groups?",
        required=False,
        widget=forms.RadioSelect,
        help_text="Members pay less for this course.",
    )
    equivalent_training = forms.CharField(
        label="Equivalent training you have done elsewhere",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only if you have not attended the required course with us: say what, "
        "where and when.",
    )

    def __init__(self, *args, course: Course, member_groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = {str(g.pk): g for g in member_groups}
        if self.groups:
            self.fields["member_group"].choices = [
                *((str(g.pk), f"{g.name} ({g.discount_percent}% off)") for g in member_groups),
                ("", "No, or I do not know"),
            ]
        else:
            del self.fields["member_group"]
        if course.approval_required:
            self.fields["line_manager_email"].required = True
            self.fields[
                "line_manager_email"
            ].help_text = "This course needs your line manager's approval. We will email them."
        else:
            self.fields[
                "line_manager_email"
            ].help_text = (
                "Optional. We may ask them, months later, what difference the training made."
            )
        if not course.prerequisites.all():
            del self.fields["equivalent_training"]
        if course.audience_sectors:
            self.fields["sector"].choices = [
                (value, label)
                for value, label in Sector.choices
                if value in course.audience_sectors
            ]

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        group = data.pop("member_group", "") or ""
        data["member_group"] = self.groups.get(group)
        data.setdefault("equivalent_training", "")
        return data


class StaffBookingForm(BookingForm):
    """An agency safeguarding lead books someone from their agency."""

    staff_member = forms.ChoiceField(
        label="Who are you booking?",
        required=False,
        help_text="Choose someone with an account, or leave this and enter their details below.",
    )
    agency = forms.ChoiceField(label="Agency")

    field_order = ["staff_member", "full_name", "email", "agency", "job_role", "sector"]

    def __init__(self, *args, staff=(), agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.staff = {str(m.user_id): m for m in staff}
        self.fields["staff_member"].choices = [
            ("", "Someone else"),
            *((str(m.user_id), f"{m.user.full_name} ({m.user.email})") for m in staff),
        ]
        self.agencies = {str(a.pk): a for a in agencies}
        self.fields["agency"].choices = [(str(a.pk), a.name) for a in agencies]
        if len(self.agencies) == 1:
            self.fields["agency"].widget = forms.HiddenInput()
            self.fields["agency"].initial = next(iter(self.agencies))
        del self.fields["organisation"]
        self.fields["full_name"].required = False
        self.fields["email"].required = False
        self.fields["full_name"].help_text = "Not needed if you chose someone above."
        self.fields["email"].help_text = "Their work email. Not needed if you chose someone above."
        self.fields["job_role"].label = "Their role"
        self.fields["line_manager_email"].label = "Their line manager's email address"

    def clean(self):
        data = super().clean()
        member = self.staff.get(data.get("staff_member") or "")
        if member is not None:
            data["full_name"] = data.get("full_name") or member.user.full_name
            data["email"] = member.user.email
            data["user"] = member.user
        else:
            if not data.get("full_name"):
                self.add_error("full_name", "Choose a member of staff or enter their full name.")
            if not data.get("email"):
                self.add_error("email", "Choose a member of staff or enter their email address.")
            data["user"] = None
        return data

    def service_fields(self) -> dict:
        data = super().service_fields()
        data.pop("staff_member", None)
        data["agency"] = self.agencies.get(data.pop("agency", ""))
        return data


class CancelBookingForm(forms.Form):
    reason = forms.CharField(
        label="Why are you cancelling? (optional)",
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ApprovalForm(forms.Form):
    decision = forms.ChoiceField(
        label="Do you approve this place?",
        choices=[("approve", "Yes, approve the place"), ("decline", "No, decline it")],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label="Reason, if you decline (optional)",
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


# Evaluation and follow-up ------------------------------------------------------------------


class EvaluationForm(forms.Form):
    def __init__(self, *args, outcomes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.outcomes = list(outcomes)
        for outcome in self.outcomes:
            self.fields[f"before_{outcome.pk}"] = forms.ChoiceField(
                label=f"Before the session: how confident were you about “{outcome.text}”?",
                choices=SCALE,
                widget=forms.RadioSelect,
                help_text=SCALE_HINT,
            )
            self.fields[f"after_{outcome.pk}"] = forms.ChoiceField(
                label=f"After the session: how confident are you about “{outcome.text}”?",
                choices=SCALE,
                widget=forms.RadioSelect,
                help_text=SCALE_HINT,
            )
        self.fields["quality"] = forms.ChoiceField(
            label="How good was the session overall?",
            choices=SCALE,
            widget=forms.RadioSelect,
            help_text="1 means poor, 5 means excellent.",
        )
        self.fields["will_do_differently"] = forms.CharField(
            label="What will you do differently in your work because of this session?",
            widget=forms.Textarea(attrs={"rows": 4}),
            help_text="Please do not name children or families.",
        )
        self.fields["comments"] = forms.CharField(
            label="Any other comments (optional)",
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
        )

    def ratings(self) -> dict[int, tuple[int, int]]:
        return {
            o.pk: (
                int(self.cleaned_data[f"before_{o.pk}"]),
                int(self.cleaned_data[f"after_{o.pk}"]),
            )
            for o in self.outcomes
        }


class FollowUpForm(forms.Form):
    applied = forms.ChoiceField(
        label="Have you used what you learned in your work?",
        choices=Applied.choices,
        widget=forms.RadioSelect,
    )
    changes = forms.MultipleChoiceField(
        label="What has changed in your practice? (optional)",
        choices=PracticeChange.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    example = forms.CharField(
        label="Give an example",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Please do not name children or families.",
    )


class ManagerFollowUpForm(forms.Form):
    observed = forms.ChoiceField(
        label="Have you seen the learning in their practice?",
        choices=Applied.choices,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label="What have you noticed? (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Please do not name children or families.",
    )


class VerifyForm(forms.Form):
    code = forms.CharField(
        label="Certificate code",
        max_length=20,
        help_text="The code printed on the certificate, like 7KQ2-M9XD-4HTA",
    )
