"""Forms for bodies, memberships, meetings, agenda, papers, attendance, minutes, decisions
and actions. They parse and check shapes; the services hold the rules."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone

from safeguarding.core.forms import DateInput, TimeInput, searchable
from safeguarding.core.uploads import FileRules
from safeguarding.governance.models import (
    ActionStatus,
    AttendanceStatus,
    BodyType,
    MeetingFrequency,
    MemberRole,
)
from safeguarding.governance.selectors.actions import ActionFilter
from safeguarding.planning.theme_fields import ThemesField

TERMS_OF_REFERENCE_RULES = FileRules(
    extensions=frozenset({".pdf", ".docx", ".odt"}), max_bytes=20 * 1024 * 1024
)


def _choices(queryset, label=str):
    return [(obj.pk, label(obj)) for obj in queryset]


# Bodies ----------------------------------------------------------------------------------


class BodyForm(forms.Form):
    name = forms.CharField(
        label="Name", max_length=200, error_messages={"required": "Enter the name of the body"}
    )
    short_name = forms.CharField(
        label="Short name", max_length=50, required=False, help_text="For example “SPG”"
    )
    type = forms.ChoiceField(
        label="Type of body",
        choices=BodyType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the type of body"},
    )
    partnerships = forms.ModelMultipleChoiceField(
        queryset=None,
        label="Partnerships it serves",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one partnership the body serves"},
    )
    reports_to = forms.ModelChoiceField(
        queryset=None, label="Reports to", required=False, empty_label="Nobody (the top body)"
    )
    purpose = forms.CharField(
        label="Purpose", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    terms_of_reference = forms.CharField(
        label="Terms of reference", required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    terms_of_reference_document = forms.FileField(
        label="Terms of reference document",
        required=False,
        help_text="A PDF or Word document (optional)",
    )
    quorum_minimum = forms.IntegerField(
        label="Quorum: voting members who must be present",
        min_value=0,
        max_value=100,
        initial=0,
        help_text="Chairs, vice-chairs and members count; advisers and observers do not",
        error_messages={"required": "Enter how many members make a quorum (0 for no minimum)"},
    )
    quorum_needs_statutory_partners = forms.BooleanField(
        label="Each statutory partner must be represented for the meeting to be quorate",
        required=False,
    )
    meeting_frequency = forms.ChoiceField(label="Meets", choices=MeetingFrequency.choices)
    is_active = forms.BooleanField(label="The body is active", required=False, initial=True)

    def __init__(self, *args, partnerships, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnerships"].queryset = partnerships
        self.fields["reports_to"].queryset = bodies

    def clean_terms_of_reference_document(self):
        upload = self.cleaned_data.get("terms_of_reference_document")
        if upload:
            TERMS_OF_REFERENCE_RULES(upload)
        return upload

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("partnerships")
        if not data.get("terms_of_reference_document"):
            data.pop("terms_of_reference_document", None)
        return data


class MembershipForm(forms.Form):
    person = forms.ModelChoiceField(
        queryset=None, label="Person", required=False, empty_label="No named person"
    )
    agency = forms.ModelChoiceField(
        queryset=None,
        label="Agency",
        required=False,
        empty_label="No agency",
        help_text="The agency they represent, or the agency that sends someone",
    )
    role = forms.ChoiceField(label="Role", choices=MemberRole.choices, initial=MemberRole.MEMBER)
    starts_on = forms.DateField(
        label="Member from",
        widget=DateInput,
        error_messages={"required": "Enter the date the membership starts"},
    )
    ends_on = forms.DateField(label="Member until", widget=DateInput, required=False)

    def __init__(self, *args, people, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["agency"].queryset = agencies
        searchable(self.fields["person"])
        searchable(self.fields["agency"])


class MembershipEndForm(forms.Form):
    ends_on = forms.DateField(
        label="Last day of membership",
        widget=DateInput,
        error_messages={"required": "Enter the last day of the membership"},
    )


# Meetings --------------------------------------------------------------------------------


class MeetingForm(forms.Form):
    date = forms.DateField(
        label="Date",
        widget=DateInput,
        error_messages={"required": "Enter the date of the meeting"},
    )
    start_time = forms.TimeField(
        label="Starts at",
        widget=TimeInput,
        error_messages={"required": "Enter the time the meeting starts"},
    )
    end_time = forms.TimeField(label="Ends at", widget=TimeInput, required=False)
    location = forms.CharField(label="Place", max_length=300, required=False)
    online_link = forms.URLField(
        label="Online meeting link",
        required=False,
        assume_scheme="https",
        help_text="Only members see it",
    )
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    is_cancelled = forms.BooleanField(label="This meeting is cancelled", required=False)

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not editing:
            del self.fields["is_cancelled"]

    @staticmethod
    def initial_for(meeting) -> dict:
        start = timezone.localtime(meeting.starts_at)
        end = timezone.localtime(meeting.ends_at) if meeting.ends_at else None
        return {
            "date": start.date(),
            "start_time": start.time(),
            "end_time": end.time() if end else None,
            "location": meeting.location,
            "online_link": meeting.online_link,
            "notes": meeting.notes,
            "is_cancelled": meeting.is_cancelled,
        }

    def service_fields(self) -> dict:
        data = self.cleaned_data
        zone = timezone.get_current_timezone()
        starts_at = datetime.datetime.combine(data["date"], data["start_time"], zone)
        ends_at = (
            datetime.datetime.combine(data["date"], data["end_time"], zone)
            if data.get("end_time")
            else None
        )
        fields = {
            "starts_at": starts_at,
            "ends_at": ends_at,
            "location": data.get("location", ""),
            "online_link": data.get("online_link", ""),
            "notes": data.get("notes", ""),
        }
        if "is_cancelled" in self.fields:
            fields["is_cancelled"] = data.get("is_cancelled", False)
        return fields


class MeetingFilterForm(forms.Form):
    body = forms.TypedChoiceField(label="Body", required=False, coerce=int, empty_value=None)
    when = forms.ChoiceField(
        label="When",
        required=False,
        choices=[("", "All meetings"), ("upcoming", "Coming up"), ("past", "Held")],
    )

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [("", "All bodies"), *_choices(bodies)]


class AgendaItemForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=200,
        error_messages={"required": "Enter the title of the agenda item"},
    )
    presenter = forms.CharField(label="Presented by", max_length=200, required=False)
    summary = forms.CharField(
        label="Summary", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    is_confidential = forms.BooleanField(
        label="Confidential: only members, the business unit and chairs may see it",
        required=False,
    )
    priority = forms.ModelChoiceField(
        queryset=None, label="Business plan priority", required=False, empty_label="None"
    )
    themes = ThemesField()

    def __init__(self, *args, priorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priority"].queryset = priorities


class PaperForm(forms.Form):
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter the title of the paper"}
    )
    agenda_item = forms.ModelChoiceField(
        queryset=None, label="Agenda item", required=False, empty_label="Not for one item"
    )
    is_confidential = forms.BooleanField(
        label="Confidential: only members, the business unit and chairs may read it",
        required=False,
        help_text="Papers for confidential agenda items are always confidential",
    )
    file = forms.FileField(
        label="File",
        help_text="PDF, Word, Excel, PowerPoint, OpenDocument, CSV or text; up to 20 MB",
        error_messages={"required": "Choose a file to upload", "empty": "The file is empty"},
    )

    def __init__(self, *args, agenda_items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = agenda_items


class PaperVersionForm(forms.Form):
    file = forms.FileField(
        label="New version",
        help_text="The earlier versions are kept. PDF, Word, Excel, PowerPoint, OpenDocument, "
        "CSV or text; up to 20 MB",
        error_messages={"required": "Choose a file to upload", "empty": "The file is empty"},
    )


class AttendanceForm(forms.Form):
    """One status and one deputy field per member of the body on the day."""

    def __init__(self, *args, members, attendance, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = members
        for member in members:
            record = attendance.get(member.pk)
            self.fields[f"status_{member.pk}"] = forms.ChoiceField(
                label=f"{member.label} ({member.get_role_display().lower()})",
                choices=[("", "Not recorded"), *AttendanceStatus.choices],
                required=False,
                widget=forms.RadioSelect,
                initial=record.status if record else "",
            )
            self.fields[f"deputy_{member.pk}"] = forms.CharField(
                label=f"Deputy for {member.label}",
                required=False,
                max_length=200,
                initial=record.represented_by if record else "",
            )

    def rows(self):
        for member in self.members:
            yield member, self[f"status_{member.pk}"], self[f"deputy_{member.pk}"]

    def entries(self) -> dict[int, tuple[str, str]]:
        return {
            m.pk: (
                self.cleaned_data.get(f"status_{m.pk}", ""),
                self.cleaned_data.get(f"deputy_{m.pk}", ""),
            )
            for m in self.members
        }


class MinuteForm(forms.Form):
    text = forms.CharField(
        label="Minute",
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": "Enter the minute"},
    )


class MinutesApproveForm(forms.Form):
    at_meeting = forms.ModelChoiceField(
        queryset=None,
        label="Approved at the meeting on",
        empty_label=None,
        error_messages={"required": "Choose the meeting that approved the minutes"},
    )

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["at_meeting"].queryset = meetings
        self.fields["at_meeting"].label_from_instance = str


class DecisionForm(forms.Form):
    title = forms.CharField(
        label="Decision", max_length=200, error_messages={"required": "Enter what was decided"}
    )
    detail = forms.CharField(
        label="Detail", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    agenda_item = forms.ModelChoiceField(
        queryset=None, label="Agenda item", required=False, empty_label="Not for one item"
    )
    priority = forms.ModelChoiceField(
        queryset=None, label="Business plan priority", required=False, empty_label="None"
    )

    def __init__(self, *args, agenda_items, priorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = agenda_items
        self.fields["priority"].queryset = priorities


class DecisionWithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why is the decision being withdrawn?",
        help_text="For example, “Superseded by the decision of the Executive on 4 June 2025”. "
        "The decision stays in the register, marked withdrawn, with this reason.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter why the decision is being withdrawn"},
    )


class DecisionFilterForm(forms.Form):
    body = forms.TypedChoiceField(label="Body", required=False, coerce=int, empty_value=None)
    q = forms.CharField(label="Search decisions", required=False, max_length=100)

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [("", "All bodies"), *_choices(bodies)]


# Actions ---------------------------------------------------------------------------------


class ActionForm(forms.Form):
    title = forms.CharField(
        label="Action", max_length=200, error_messages={"required": "Enter what needs to be done"}
    )
    description = forms.CharField(
        label="Detail", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    owner = forms.ModelChoiceField(
        queryset=None,
        label="Owner",
        error_messages={"required": "Choose who owns the action"},
    )
    owner_agency = forms.ModelChoiceField(
        queryset=None, label="Owner's agency", required=False, empty_label="Not recorded"
    )
    due_on = forms.DateField(
        label="Due on",
        widget=DateInput,
        error_messages={
            "required": "Enter the date the action is due",
            "invalid": "Enter the due date as a real date",
        },
    )
    agenda_item = forms.ModelChoiceField(
        queryset=None, label="Agenda item", required=False, empty_label="Not for one item"
    )
    priority = forms.ModelChoiceField(
        queryset=None, label="Business plan priority", required=False, empty_label="None"
    )
    themes = ThemesField()

    def __init__(self, *args, people, agencies, agenda_items, priorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people
        self.fields["owner_agency"].queryset = agencies
        searchable(self.fields["owner"])
        searchable(self.fields["owner_agency"])
        self.fields["agenda_item"].queryset = agenda_items
        self.fields["priority"].queryset = priorities


class ActionUpdateForm(forms.Form):
    text = forms.CharField(
        label="What has been done",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what has been done"},
    )
    status = forms.ChoiceField(
        label="Status now",
        choices=ActionStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the status of the action"},
    )


class ActionFilterForm(forms.Form):
    q = forms.CharField(label="Search actions", required=False, max_length=100)
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[
            ("", "Any status"),
            ("open", "Open (not done or cancelled)"),
            *ActionStatus.choices,
        ],
    )
    body = forms.TypedChoiceField(label="Body", required=False, coerce=int, empty_value=None)
    mine = forms.BooleanField(label="Only my actions", required=False)

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [("", "All bodies"), *_choices(bodies)]

    def to_filter(self, *, overdue: bool = False) -> ActionFilter:
        data = self.cleaned_data if self.is_valid() else {}
        return ActionFilter(
            mine=bool(data.get("mine")),
            overdue=overdue,
            status=data.get("status") or "",
            body=data.get("body"),
            query=(data.get("q") or "").strip(),
        )
