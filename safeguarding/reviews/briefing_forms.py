"""Forms to run an author briefing as a training session."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.utils import timezone

from safeguarding.core.forms import DateInput


class _TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs={"class": "govuk-input--width-5", **(attrs or {})}, format="%H:%M")


class LinkSessionForm(forms.Form):
    session = forms.TypedChoiceField(
        label="Training session",
        coerce=int,
        error_messages={"required": "Choose the training session the briefing was run as"},
    )

    def __init__(self, *args, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].choices = [("", "Choose a session")] + [
            (
                s.pk,
                f"{s.course.title}, {timezone.localtime(s.starts_at):%-d %B %Y %H:%M}",
            )
            for s in sessions
        ]


class PlanBriefingForm(forms.Form):
    title = forms.CharField(
        label="Title of the briefing",
        max_length=200,
        error_messages={"required": "Enter the briefing’s title"},
    )
    course = forms.TypedChoiceField(
        label="Run it as a session of",
        coerce=int,
        help_text="People book it from the training catalogue, attendance is taken and they "
        "are asked to evaluate it, as for this course's other sessions",
        error_messages={"required": "Choose the course"},
    )
    day = forms.DateField(label="Date", widget=DateInput)
    start = forms.TimeField(label="Starts at", widget=_TimeInput)
    end = forms.TimeField(label="Ends at", widget=_TimeInput)
    venue = forms.CharField(
        label="Venue (for briefings in person)",
        required=False,
        max_length=300,
        help_text="The full address. Leave empty for an online briefing.",
    )
    online_link = forms.URLField(label="Online joining link", assume_scheme="https", required=False)
    capacity = forms.IntegerField(
        label="Places",
        min_value=1,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-5"}),
    )

    def __init__(self, *args, courses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].choices = [("", "Choose a course")] + [
            (c.pk, c.title) for c in courses
        ]

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", "The briefing must end after it starts.")
        return data

    def service_fields(self) -> dict:
        data = self.cleaned_data
        zone = timezone.get_current_timezone()
        return {
            "title": data["title"],
            "course_id": data["course"],
            "starts_at": datetime.combine(data["day"], data["start"], zone),
            "ends_at": datetime.combine(data["day"], data["end"], zone),
            "venue": data["venue"],
            "online_link": data["online_link"],
            "capacity": data["capacity"],
        }
