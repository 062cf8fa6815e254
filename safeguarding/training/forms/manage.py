"""The business unit's forms: courses, sessions, the register, periods and settings."""

from __future__ import annotations

from datetime import date, datetime

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from safeguarding.accounts.models import Sector
from safeguarding.core.forms import DateInput, TimeInput
from safeguarding.core.periods import financial_year_start
from safeguarding.planning.theme_fields import ThemesField
from safeguarding.training.models import (
    Attendance,
    Course,
    CourseFormat,
    CourseLevel,
    TrainingSettings,
)

# Business unit ---------------------------------------------------------------------------------


class CourseForm(forms.Form):
    partnership = forms.ChoiceField(label="Partnership")
    title = forms.CharField(label="Title", max_length=200)
    summary = forms.CharField(label="Summary", widget=forms.Textarea(attrs={"rows": 4}))
    outcomes = forms.CharField(
        label="Learning outcomes",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="One on each line. Attendees rate their confidence on each, before and after.",
        error_messages={"required": "Enter at least one learning outcome, one on each line."},
    )
    level = forms.ChoiceField(label="Level", choices=CourseLevel.choices, widget=forms.RadioSelect)
    format = forms.ChoiceField(label="Format", choices=CourseFormat.choices)
    duration_minutes = forms.IntegerField(
        label="Duration in minutes",
        min_value=5,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-5"}),
    )
    themes = ThemesField()
    priority = forms.ChoiceField(label="Business plan priority", required=False)
    audience_sectors = forms.MultipleChoiceField(
        label="Who it is for",
        choices=Sector.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave empty if it is for everyone.",
    )
    prerequisites = forms.MultipleChoiceField(
        label="Courses people must attend first",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="For example, level 2 before level 3.",
    )
    standard_fee = forms.DecimalField(
        label="Fee per place (£)",
        min_value=0,
        decimal_places=2,
        initial=0,
        help_text="0 for a free course.",
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-5", "step": "0.01"}),
    )
    discount_groups = forms.MultipleChoiceField(
        label="Member groups who get their discount",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    funding_source = forms.CharField(label="Funded by (optional)", required=False, max_length=200)
    approval_required = forms.BooleanField(
        label="Bookings need the line manager's approval", required=False
    )
    refresher_months = forms.IntegerField(
        label="Refresh every (months, optional)",
        required=False,
        min_value=1,
        max_value=120,
        help_text="For example 24 for level 3. Certificates show the expiry; people are reminded.",
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )
    follow_up_months = forms.IntegerField(
        label="Send the follow-up impact survey after (months)",
        min_value=1,
        max_value=24,
        initial=3,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )
    follow_up_to_manager = forms.BooleanField(
        label="Send the follow-up survey to the line manager too", required=False, initial=True
    )
    is_published = forms.BooleanField(label="Show in the public catalogue", required=False)

    def __init__(
        self,
        *args,
        partnerships=(),
        themes=None,
        priorities=(),
        courses=(),
        member_groups=(),
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.lookup = {
            "partnership": {str(p.pk): p for p in partnerships},
            "priority": {str(p.pk): p for p in priorities},
            "prerequisites": {str(c.pk): c for c in courses},
            "discount_groups": {str(g.pk): g for g in member_groups},
        }
        self.fields["partnership"].choices = [(str(p.pk), p.name) for p in partnerships]
        if len(partnerships) == 1:
            self.fields["partnership"].widget = forms.HiddenInput()
            self.fields["partnership"].initial = str(partnerships[0].pk)
        if themes is not None:
            self.fields["themes"].queryset = themes
        self.fields["priority"].choices = [("", "None")] + [
            (str(p.pk), p.title) for p in priorities
        ]
        self.fields["prerequisites"].choices = [
            (str(c.pk), f"{c.title} ({c.get_level_display()})") for c in courses
        ]
        if not self.lookup["prerequisites"]:
            del self.fields["prerequisites"]
        self.fields["discount_groups"].choices = [
            (str(g.pk), f"{g.name} ({g.discount_percent}% off)") for g in member_groups
        ]
        self.fields["discount_groups"].help_text = format_html(
            '{} <a class="govuk-link" href="{}">Manage member groups</a> (leaves this page '
            "without saving).",
            "Staff of their member agencies pay less on this course."
            if member_groups
            else "There are no member groups yet.",
            reverse("training:member-groups"),
        )
        for value, label in Sector.choices:
            self.fields[f"fee_{value}"] = forms.DecimalField(
                label=f"Fee for {label.lower()} (£, optional)",
                required=False,
                min_value=0,
                decimal_places=2,
                widget=forms.NumberInput(attrs={"class": "govuk-input--width-5", "step": "0.01"}),
            )

    @classmethod
    def initial_for(cls, course: Course) -> dict:
        initial = {
            "partnership": str(course.partnership_id),
            "title": course.title,
            "summary": course.summary,
            "outcomes": "\n".join(o.text for o in course.outcomes.all() if o.is_current),
            "level": course.level,
            "format": course.format,
            "duration_minutes": course.duration_minutes,
            "themes": [str(t.pk) for t in course.themes.all()],
            "priority": str(course.priority_id or ""),
            "audience_sectors": course.audience_sectors,
            "prerequisites": [str(c.pk) for c in course.prerequisites.all()],
            "standard_fee": course.standard_fee,
            "discount_groups": [str(g.pk) for g in course.discount_groups.all()],
            "funding_source": course.funding_source,
            "approval_required": course.approval_required,
            "refresher_months": course.refresher_months,
            "follow_up_months": course.follow_up_months,
            "follow_up_to_manager": course.follow_up_to_manager,
            "is_published": course.is_published,
        }
        for fee in course.fees.all():
            initial[f"fee_{fee.sector}"] = fee.amount
        return initial

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        fields = {
            name: data[name]
            for name in [
                "title",
                "summary",
                "level",
                "format",
                "duration_minutes",
                "audience_sectors",
                "standard_fee",
                "funding_source",
                "approval_required",
                "refresher_months",
                "follow_up_months",
                "follow_up_to_manager",
                "is_published",
            ]
        }
        fields["outcomes"] = data["outcomes"]
        fields["priority"] = self.lookup["priority"].get(data.get("priority") or "")
        fields["themes"] = list(data.get("themes") or [])
        fields["prerequisites"] = [
            self.lookup["prerequisites"][pk] for pk in data.get("prerequisites", [])
        ]
        fields["discount_groups"] = [
            self.lookup["discount_groups"][pk] for pk in data.get("discount_groups", [])
        ]
        fields["sector_fees"] = {value: data.get(f"fee_{value}") for value in Sector.values}
        return fields

    def chosen_partnership(self):
        return self.lookup["partnership"].get(self.cleaned_data.get("partnership") or "")


class SessionForm(forms.Form):
    day = forms.DateField(label="Date", widget=DateInput)
    start = forms.TimeField(label="Starts at", widget=TimeInput)
    end = forms.TimeField(label="Ends at", widget=TimeInput)
    venue = forms.CharField(
        label="Venue (for sessions in person)",
        required=False,
        max_length=300,
        help_text="The full address. Leave empty for an online session.",
    )
    online_link = forms.URLField(
        label="Online joining link",
        assume_scheme="https",
        required=False,
        help_text="Sent only to people with a confirmed place.",
    )
    capacity = forms.IntegerField(
        label="Places",
        min_value=1,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-5"}),
    )
    trainers = forms.CharField(label="Trainers (optional)", required=False, max_length=300)
    joint_partnerships = forms.MultipleChoiceField(
        label="Run jointly with",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Their business units can manage this session too.",
    )

    def __init__(self, *args, partnerships=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.partnerships = {str(p.pk): p for p in partnerships}
        self.fields["joint_partnerships"].choices = [(str(p.pk), p.name) for p in partnerships]
        if not partnerships:
            del self.fields["joint_partnerships"]

    @classmethod
    def initial_for(cls, session) -> dict:
        starts = timezone.localtime(session.starts_at)
        ends = timezone.localtime(session.ends_at)
        return {
            "day": starts.date().isoformat(),  # a date input shows ISO dates only
            "start": starts.time().replace(second=0, microsecond=0),
            "end": ends.time().replace(second=0, microsecond=0),
            "venue": session.venue,
            "online_link": session.online_link,
            "capacity": session.capacity,
            "trainers": session.trainers,
            "joint_partnerships": [str(p.pk) for p in session.joint_partnerships.all()],
        }

    def clean(self):
        data = super().clean()
        day, start, end = data.get("day"), data.get("start"), data.get("end")
        if day and start and end and end <= start:
            self.add_error("end", "The session must end after it starts.")
        return data

    def service_fields(self) -> dict:
        data = self.cleaned_data
        zone = timezone.get_current_timezone()
        fields = {
            "starts_at": datetime.combine(data["day"], data["start"], zone),
            "ends_at": datetime.combine(data["day"], data["end"], zone),
            "venue": data["venue"],
            "online_link": data["online_link"],
            "capacity": data["capacity"],
            "trainers": data["trainers"],
        }
        if "joint_partnerships" in self.fields:
            fields["joint_partnerships"] = [
                self.partnerships[pk] for pk in data.get("joint_partnerships", [])
            ]
        return fields


class SessionCancelForm(forms.Form):
    reason = forms.CharField(
        label="Why is the session cancelled?",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="This is sent to everyone booked or waiting.",
    )


class RegisterForm(forms.Form):
    """One radio group per person with a confirmed place."""

    def __init__(self, *args, bookings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.bookings = list(bookings)
        for booking in self.bookings:
            self.fields[f"attendance_{booking.pk}"] = forms.ChoiceField(
                label=f"{booking.full_name}, {booking.organisation}",
                choices=Attendance.choices,
                widget=forms.RadioSelect,
                required=False,
                initial=booking.attendance or None,
            )

    def marks(self) -> dict[int, str]:
        return {
            b.pk: self.cleaned_data[f"attendance_{b.pk}"]
            for b in self.bookings
            if self.cleaned_data.get(f"attendance_{b.pk}")
        }


class AddAttendeeForm(forms.Form):
    full_name = forms.CharField(label="Full name", max_length=200)
    email = forms.EmailField(label="Email address")
    organisation = forms.CharField(label="Organisation", max_length=200)
    job_role = forms.CharField(label="Role", max_length=200)
    sector = forms.ChoiceField(label="Sector", choices=Sector.choices)
    attendance = forms.ChoiceField(
        label="Attendance",
        choices=Attendance.choices[:2],
        widget=forms.RadioSelect,
        initial=Attendance.ATTENDED,
    )


class PeriodForm(forms.Form):
    date_from = forms.DateField(label="From", required=False, widget=DateInput)
    date_to = forms.DateField(label="To", required=False, widget=DateInput)

    def period(self) -> tuple[date, date]:
        today = timezone.localdate()
        start = financial_year_start(today)
        default = (start, date(start.year + 1, 3, 31))
        if not self.is_valid():
            return default
        date_from = self.cleaned_data.get("date_from") or default[0]
        date_to = self.cleaned_data.get("date_to") or default[1]
        return date_from, date_to

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", "The end date must be the same as or after the start date.")
        return data


class TrainingSettingsForm(forms.ModelForm):
    class Meta:
        model = TrainingSettings
        fields = [
            "offer_hours",
            "reminder_days",
            "late_cancellation_working_days",
            "no_show_fee",
            "refresher_notice_days",
            "booking_link_days",
        ]
        labels = {
            "offer_hours": "Time to accept a waiting-list offer (hours)",
            "reminder_days": "Send reminders this many days before",
            "late_cancellation_working_days": (
                "Late cancellation: fewer than this many working days"
            ),
            "no_show_fee": "Charge for a no-show or late cancellation on a free course (£)",
            "refresher_notice_days": "Remind people this many days before training expires",
            "booking_link_days": "Emailed booking links stop working this many days after the "
            "session",
        }
