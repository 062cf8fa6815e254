"""Forms for the library: the public filters, the usage report's period and the import."""

from __future__ import annotations

from datetime import date, timedelta

from django import forms
from django.core.exceptions import ValidationError

from safeguarding.accounts.models import Agency, Partnership, User
from safeguarding.core.forms import DateInput, set_choices, set_queryset
from safeguarding.core.uploads import MB, FileRules
from safeguarding.library.models import (
    ActivityKind,
    AgeBand,
    Audience,
    Campaign,
    Channel,
    ProcedureKind,
    ProcedureStatus,
    ReachMeasure,
    Resource,
    ResourceKind,
    ResourceStatus,
    ResponseStatus,
    Setting,
    YouthVoiceActivity,
)
from safeguarding.library.selectors.resources import ResourceFilter
from safeguarding.planning.models import Priority
from safeguarding.planning.theme_fields import ThemesField

REGISTER_RULES = FileRules(
    extensions=frozenset({".csv", ".xlsx"}), max_bytes=10 * MB, match_extension=False
)


class ResourceFilterForm(forms.Form):
    q = forms.CharField(label="Search by title", required=False, max_length=100)
    kind = forms.ChoiceField(label="Type", required=False)
    theme = forms.ChoiceField(label="Theme", required=False)
    audience = forms.ChoiceField(label="Audience", required=False)

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        set_choices(self, "kind", [("", "All types"), *ResourceKind.choices])
        set_choices(self, "theme", [("", "All themes"), *[(t.slug, t.name) for t in themes]])
        set_choices(self, "audience", [("", "Everyone"), *Audience.choices])

    def to_filter(self) -> ResourceFilter:
        data = self.cleaned_data if self.is_valid() else {}
        return ResourceFilter(
            kind=data.get("kind") or "",
            theme=data.get("theme") or "",
            audience=data.get("audience") or "",
            query=(data.get("q") or "").strip(),
        )


class ProcedureFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Any status")]
        + [c for c in ProcedureStatus.choices if c[0] != ProcedureStatus.DRAFT],
    )


class UsagePeriodForm(forms.Form):
    start = forms.DateField(
        label="From", widget=DateInput, error_messages={"invalid": "Enter the start date"}
    )
    end = forms.DateField(
        label="To", widget=DateInput, error_messages={"invalid": "Enter the end date"}
    )

    def clean(self):
        super().clean()
        data = self.cleaned_data  # what Form.clean returns
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise ValidationError("The end date must be on or after the start date.")
        return data

    @staticmethod
    def default_period(today: date) -> tuple[date, date]:
        return today - timedelta(days=364), today


class RegisterImportForm(forms.Form):
    file = forms.FileField(
        label="Document register",
        help_text="A CSV or Excel (.xlsx) file whose first row names the columns: title, "
        "type, owner, date, status, link (and optionally review date, audience, themes).",
        validators=[REGISTER_RULES],
        error_messages={"required": "Choose the CSV or Excel file of your document register"},
    )
    dry_run = forms.BooleanField(
        label="Check the file only: show what would change and write nothing", required=False
    )


class ProcedureStatusForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        choices=[c for c in ProcedureStatus.choices if c[0] != ProcedureStatus.DRAFT],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="Why (shown on the public page)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed when the document is under review or withdrawn",
    )


class ProcedureVersionForm(forms.Form):
    version = forms.CharField(
        label="Version", max_length=20, error_messages={"required": "Enter the version number"}
    )
    effective_on = forms.DateField(
        label="In force from",
        widget=DateInput,
        error_messages={
            "required": "Enter the date the version comes into force",
            "invalid": "Enter the date the version comes into force as a real date",
        },
    )
    change_summary = forms.CharField(
        label="What changed",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what changed in this version"},
    )
    approving_body = forms.CharField(label="Approved by", max_length=200, required=False)
    decision_id = forms.IntegerField(
        label="Decision number",
        required=False,
        min_value=1,
        help_text="The number of the approving decision in the decision register, if any",
    )
    link = forms.URLField(
        label="Link to the document", required=False, max_length=500, assume_scheme="https"
    )


# The business unit's forms for single records ------------------------------------------


def _themes_field() -> ThemesField:
    return ThemesField(
        label="Themes (optional)",
        help_text="It is listed on these themes' pages and found by them in search.",
    )


def _date_field(label: str, what: str, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=DateInput,
        required=required,
        error_messages={
            "required": f"Enter {what}",
            "invalid": f"Enter {what} as a real date, for example 27 3 2025",
        },
    )


class ResourceForm(forms.Form):
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter the resource's title"}
    )
    kind = forms.ChoiceField(
        label="Type",
        choices=ResourceKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what type of resource it is"},
    )
    summary = forms.CharField(
        label="Summary (optional)", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    audiences = forms.MultipleChoiceField(
        label="Who it is for",
        choices=Audience.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one audience"},
    )
    themes = _themes_field()
    priority = forms.ModelChoiceField(
        label="Business plan priority (optional)", queryset=Priority.objects.none(), required=False
    )
    owner_agency = forms.ModelChoiceField(
        label="Owner agency (optional)", queryset=Agency.objects.none(), required=False
    )
    link = forms.URLField(
        label="Link (optional when you upload a file)",
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": "Enter the link as a web address, like https://example.org"},
    )
    file = forms.FileField(
        label="File (optional when you give a link)",
        required=False,
        help_text="A PDF, Word, Excel, PowerPoint or image file.",
    )
    status = forms.ChoiceField(
        label="Status",
        choices=ResourceStatus.choices,
        widget=forms.RadioSelect,
        initial=ResourceStatus.PUBLISHED,
        error_messages={"required": "Choose the resource's status"},
    )
    published_on = _date_field(
        "Published on (optional)", "the date it was published", required=False
    )
    review_on = _date_field("Review by (optional)", "the review date", required=False)

    def __init__(self, *args, partnership, has_file: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_file = has_file
        set_queryset(
            self,
            "priority",
            Priority.objects.filter(plan__partnership=partnership).order_by("title"),
        )
        set_queryset(
            self, "owner_agency", Agency.objects.filter(partnerships=partnership).order_by("name")
        )

    def clean(self):
        super().clean()
        data = self.cleaned_data  # what Form.clean returns
        if not data.get("link") and not data.get("file") and not self.has_file:
            self.add_error("link", "Give a link to the resource or upload its file")
        return data


class CampaignForm(forms.Form):
    name = forms.CharField(
        label="Name", max_length=200, error_messages={"required": "Enter the campaign's name"}
    )
    starts_on = _date_field("Starts on", "the date the campaign starts")
    ends_on = _date_field("Ends on", "the date the campaign ends")
    aims = forms.CharField(
        label="Aims (optional)", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    themes = _themes_field()
    priority = forms.ModelChoiceField(
        label="Business plan priority (optional)", queryset=Priority.objects.none(), required=False
    )
    channels = forms.MultipleChoiceField(
        label="Channels (optional)",
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    partner_agencies = forms.ModelMultipleChoiceField(
        label="Partner agencies (optional)",
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    materials = forms.ModelMultipleChoiceField(
        label="Materials from the library (optional)",
        queryset=Resource.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        set_queryset(
            self,
            "priority",
            Priority.objects.filter(plan__partnership=partnership).order_by("title"),
        )
        set_queryset(
            self,
            "partner_agencies",
            Agency.objects.filter(partnerships=partnership).order_by("name"),
        )
        set_queryset(
            self, "materials", Resource.objects.filter(partnership=partnership).order_by("title")
        )

    def clean(self):
        super().clean()
        data = self.cleaned_data  # what Form.clean returns
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", "The end date must be on or after the start date")
        return data


class CampaignReachForm(forms.Form):
    channel = forms.ChoiceField(
        label="Channel",
        choices=Channel.choices,
        error_messages={"required": "Choose the channel"},
    )
    measure = forms.ChoiceField(
        label="What was counted",
        choices=ReachMeasure.choices,
        error_messages={"required": "Choose what was counted"},
    )
    figure = forms.IntegerField(
        label="Figure",
        min_value=0,
        help_text="Entering a figure for the same channel and measure again replaces it.",
        error_messages={
            "required": "Enter the figure",
            "invalid": "Enter the figure as a whole number, like 450000",
            "min_value": "The figure cannot be negative",
        },
    )


class ProcedureCreateForm(forms.Form):
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter the document's title"}
    )
    kind = forms.ChoiceField(
        label="Type",
        choices=ProcedureKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether it is a policy, procedure or protocol"},
    )
    summary = forms.CharField(
        label="Summary (optional)", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    partnerships = forms.ModelMultipleChoiceField(
        label="Partnerships it serves",
        help_text="A SET-wide document belongs to each partnership that uses it.",
        queryset=Partnership.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one partnership"},
    )
    themes = _themes_field()
    review_due_on = _date_field("Review due (optional)", "the review date", required=False)
    version = forms.CharField(
        label="First version",
        max_length=20,
        help_text="Such as 1.0",
        error_messages={"required": "Enter the version number"},
    )
    effective_on = _date_field("In force from", "the date the version comes into force")
    change_summary = forms.CharField(
        label="About this version",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what this version is, such as “First published”"},
    )
    approving_body = forms.CharField(label="Approved by (optional)", max_length=200, required=False)
    link = forms.URLField(
        label="Link to the document (optional)",
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": "Enter the link as a web address, like https://example.org"},
    )

    def __init__(self, *args, partnerships, **kwargs):
        super().__init__(*args, **kwargs)
        set_queryset(self, "partnerships", partnerships)


class _OwnerField(forms.ModelChoiceField):
    """Names each person with their email, so two people of one name can be told apart."""

    def label_from_instance(self, obj: User) -> str:
        return f"{obj.get_full_name() or obj.email} ({obj.email})"


class ProcedureEditForm(forms.Form):
    """A document's own details: versions are recorded on the manage page."""

    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter the document's title"}
    )
    kind = forms.ChoiceField(
        label="Type",
        choices=ProcedureKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether it is a policy, procedure or protocol"},
    )
    summary = forms.CharField(
        label="Summary (optional)", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    owner = _OwnerField(
        label="Owner (optional)",
        help_text="Reminded by email before the review date",
        queryset=None,
        required=False,
        empty_label="No owner",
    )
    review_due_on = _date_field("Review due (optional)", "the review date", required=False)
    status = forms.ChoiceField(
        label="Status",
        choices=[c for c in ProcedureStatus.choices if c[0] != ProcedureStatus.DRAFT],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the document's status"},
    )
    status_note = forms.CharField(
        label="Why it is under review or withdrawn",
        help_text="Shown on the public page. Needed when it is under review or withdrawn.",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    partnerships = forms.ModelMultipleChoiceField(
        label="Partnerships it serves",
        help_text="A SET-wide document belongs to each partnership that uses it. Partnerships "
        "whose business unit you are not in are kept as they are.",
        queryset=Partnership.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    themes = _themes_field()

    def __init__(self, *args, partnerships, owners, draft: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        set_queryset(self, "partnerships", partnerships)
        set_queryset(self, "owner", owners)
        if draft:
            set_choices(self, "status", ProcedureStatus.choices)


class ActivityForm(forms.Form):
    """A youth-voice activity with how many took part by age band, in one setting: counts
    only, never a name."""

    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter the activity's title"}
    )
    kind = forms.ChoiceField(
        label="Type of activity",
        choices=ActivityKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the type of activity"},
    )
    held_on = _date_field("Held on", "the date it was held")
    setting = forms.ChoiceField(
        label="Setting",
        choices=Setting.choices,
        error_messages={"required": "Choose where it was held"},
    )
    summary = forms.CharField(
        label="What was discussed (optional)",
        help_text="Never write a child's name or anything that identifies a child.",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for band, label in AgeBand.choices:
            self.fields[f"count_{band}"] = forms.IntegerField(
                label=f"Number who took part aged {label[0].lower()}{label[1:]}",
                min_value=0,
                required=False,
                error_messages={
                    "invalid": "Enter the number as a whole number, like 12",
                    "min_value": "The number cannot be negative",
                },
            )

    def clean(self):
        super().clean()
        data = self.cleaned_data  # what Form.clean returns
        if not any(data.get(f"count_{band}") for band in AgeBand.values) and not self.errors:
            self.add_error(
                f"count_{AgeBand.values[0]}",
                "Enter how many children or young people took part in at least one age band",
            )
        return data

    def participation(self) -> dict[tuple[str, str], int]:
        setting = self.cleaned_data["setting"]
        return {
            (band, setting): self.cleaned_data.get(f"count_{band}") or 0 for band in AgeBand.values
        }


class ActivityEditForm(ActivityForm):
    """Changing an activity. Numbers recorded in one setting are changed as they were
    entered (the setting and a count per age band); numbers across several settings get a
    count per age band for each of those settings."""

    def __init__(self, *args, settings_in_use=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.several = len(settings_in_use) > 1
        if not self.several:
            return
        labels = dict(Setting.choices)
        del self.fields["setting"]
        summary = self.fields.pop("summary")
        for band in AgeBand.values:
            del self.fields[f"count_{band}"]
        self.settings_in_use = list(settings_in_use)
        for setting in self.settings_in_use:
            for band, label in AgeBand.choices:
                self.fields[f"count_{setting}_{band}"] = forms.IntegerField(
                    label=f"Number aged {label[0].lower()}{label[1:]} – {labels[setting].lower()}",
                    min_value=0,
                    required=False,
                    error_messages={
                        "invalid": "Enter the number as a whole number, like 12",
                        "min_value": "The number cannot be negative",
                    },
                )
        self.fields["summary"] = summary

    def clean(self):
        if not self.several:
            return super().clean()
        forms.Form.clean(self)
        data = self.cleaned_data  # what Form.clean returns
        if not any(v for k, v in data.items() if k.startswith("count_")) and not self.errors:
            first = f"count_{self.settings_in_use[0]}_{AgeBand.values[0]}"
            self.add_error(
                first,
                "Enter how many children or young people took part in at least one age band",
            )
        return data

    def participation(self) -> dict[tuple[str, str], int]:
        if not self.several:
            return super().participation()
        return {
            (band, setting): self.cleaned_data.get(f"count_{setting}_{band}") or 0
            for setting in self.settings_in_use
            for band in AgeBand.values
        }


class YouSaidWeDidEditForm(forms.Form):
    """Changing an entry (adding one is ``views/you_said_we_did_create.py``, which other
    apps pre-fill through the query string)."""

    you_said = forms.CharField(
        label="You said",
        help_text="What children and young people told us, in their words where you can.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what children and young people said"},
    )
    we_did = forms.CharField(
        label="We did",
        help_text="What the partnership did, or will do, about it.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what the partnership did"},
    )
    status = forms.ChoiceField(
        label="Status",
        choices=ResponseStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how far it has got"},
    )
    said_on = _date_field("When they told us", "the date they told us")
    activity = forms.ModelChoiceField(
        label="Youth-voice activity (optional)",
        queryset=YouthVoiceActivity.objects.none(),
        required=False,
    )
    campaign = forms.ModelChoiceField(
        label="Campaign (optional)", queryset=Campaign.objects.none(), required=False
    )
    source_label = forms.CharField(
        label="Where it came from (optional)",
        max_length=200,
        required=False,
        help_text="Such as the survey or consultation",
    )
    source_url = forms.URLField(
        label="Link to where it came from (optional)",
        max_length=500,
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Enter a web address starting https://"},
    )
    is_published = forms.BooleanField(
        label="Show it on the public “You said, we did” board", required=False, initial=True
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        set_queryset(
            self,
            "activity",
            YouthVoiceActivity.objects.filter(partnership=partnership).order_by("-held_on"),
        )
        set_queryset(
            self,
            "campaign",
            Campaign.objects.filter(partnership=partnership).order_by("-starts_on"),
        )
