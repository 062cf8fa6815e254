"""Forms for subscribing, preferences, importing, composing and the settings."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from safeguarding.comms.models import Audience, CommsSettings, SubscriberStatus
from safeguarding.comms.services import subscribers as subscriber_services
from safeguarding.core import bulletin_blocks
from safeguarding.core.forms import DateInput, set_choices, set_queryset
from safeguarding.planning.theme_fields import ThemesField


class PreferencesForm(forms.Form):
    audiences = forms.MultipleChoiceField(
        label="Which of these describe you?",
        help_text="Select all that apply. We use this to choose what to tell you about.",
        choices=Audience.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    # The one theme picker: a subscriber who follows a theme since retired keeps it on saving.
    themes = ThemesField(
        label="Which subjects interest you?",
        help_text="Select all that apply, or none to hear about everything.",
    )

    def __init__(self, *args, themes=None, **kwargs):
        super().__init__(*args, **kwargs)
        set_queryset(self, "themes", themes)


class SubscribeForm(PreferencesForm):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
    first_name = forms.CharField(label="First name (optional)", max_length=100, required=False)
    consent = forms.BooleanField(
        label="I agree to the partnership emailing me its safeguarding bulletin",
        help_text="You can unsubscribe at any time with the link in every email.",
        error_messages={"required": "Tick the box to agree to receive the bulletin"},
    )

    field_order = ["email", "first_name", "audiences", "themes", "consent"]


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Upload a CSV file",
        help_text=(
            "An audience export with the columns Email Address, First Name, Last Name and Tags."
        ),
        error_messages={"required": "Choose a CSV file to upload"},
    )
    dry_run = forms.BooleanField(
        label="Check the file only: show what would happen without saving anything", required=False
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError("The file must be a CSV file (ending in .csv)")
        if upload.size > 10 * 1024 * 1024:
            raise forms.ValidationError("The file must be smaller than 10 MB")
        # The encoding and the columns are checked at once on the first bytes; the worker
        # imports the whole file (ADR 0033).
        upload.seek(0)
        head = upload.read(subscriber_services.FILE_CHECK_BYTES)
        upload.seek(0)
        try:
            subscriber_services.subscribers_file_check(head)
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from None
        return upload


class SubscriberFilterForm(forms.Form):
    q = forms.CharField(label="Search by email or name", required=False)
    status = forms.ChoiceField(
        label="Status", choices=[("", "All")] + list(SubscriberStatus.choices), required=False
    )


class BulletinForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="For example, “Safeguarding bulletin – March 2026”. It is the email's subject.",
        error_messages={"required": "Enter a title"},
    )
    introduction = forms.CharField(
        label="Introduction (optional)",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="A few words to open with. You can use Markdown for links and lists.",
    )
    themes = ThemesField(
        label="Themes (optional)",
        help_text="What this edition is about. Once it is sent it is listed on these themes' "
        "pages and found by them in search.",
    )
    target_audiences = forms.MultipleChoiceField(
        label="Who is it for? (optional)",
        help_text="Leave every box empty to send it to everyone. Otherwise it goes to "
        "subscribers who chose one of these, and to subscribers who chose no audience.",
        choices=Audience.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    target_themes = ThemesField(
        label="Only for subscribers interested in these themes (optional)",
        help_text="Leave every box empty to send it whatever subscribers chose. Otherwise it "
        "goes to subscribers who chose one of these themes, and to subscribers who chose none.",
    )


class TextBlockForm(forms.Form):
    heading = forms.CharField(
        label="Heading", max_length=200, error_messages={"required": "Enter a heading"}
    )
    body = forms.CharField(
        label="Text",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="You can use Markdown: [link text](https://example.org), lists with -",
        error_messages={"required": "Enter the text of this block"},
    )


class SourceBlockForm(forms.Form):
    source = forms.ChoiceField(
        label="Add content from the platform",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the content to add"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        set_choices(self, "source", [(s.key, s.title) for s in bulletin_blocks.registered()])


class TestSendForm(forms.Form):
    email = forms.CharField(
        label="Send a test to",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={"required": "Enter the email address to send the test to"},
    )


class ScheduleForm(forms.Form):
    when = forms.DateTimeField(
        label="Send at",
        help_text="For example, 2026-03-02 09:00",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        error_messages={
            "required": "Enter the date and time to send the bulletin",
            "invalid": "Enter a date and time, like 2026-03-02 09:00",
        },
    )


class SettingsForm(forms.ModelForm):
    class Meta:
        model = CommsSettings
        fields = [
            "front_door_name",
            "front_door_phone",
            "front_door_hours",
            "out_of_hours_phone",
            "police_non_emergency",
            "track_opens",
        ]


class StatsPeriodForm(forms.Form):
    """An optional period for the open-rates page: the editions sent between two dates."""

    start = forms.DateField(
        label="Sent from", widget=DateInput, error_messages={"invalid": "Enter the start date"}
    )
    end = forms.DateField(
        label="Sent to", widget=DateInput, error_messages={"invalid": "Enter the end date"}
    )

    def clean(self):
        super().clean()
        data = self.cleaned_data  # what Form.clean returns
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError("The end date must be on or after the start date.")
        return data


class StuckForm(forms.Form):
    """What to do with emails left "being sent" when sending stopped part-way."""

    outcome = forms.ChoiceField(
        label="What should happen to these emails?",
        choices=[
            (
                "not_sent",
                "Mark them not sent: nobody gets a second copy, and some people may not get "
                "this edition at all",
            ),
            (
                "send_again",
                "Send them again: everyone gets it, and some people may get it twice",
            ),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose whether to mark the emails not sent or to send them again."
        },
    )
