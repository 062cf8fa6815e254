"""Forms for the assurance pages. They parse and check the shape of input; the services hold
the rules (and say what is wrong)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django import forms

from safeguarding.accounts.models import AgencyType, SchoolPhase, SchoolType
from safeguarding.assurance.audience import PRESETS, Audience
from safeguarding.assurance.models import (
    AnswerType,
    CampaignStatus,
    ExtraField,
    ExtraFieldKind,
    RagColour,
    ReturnStatus,
    ScaleKind,
    TemplateKind,
    level_choice_label,
)
from safeguarding.assurance.models import Outcome as OutcomeChoices
from safeguarding.assurance.services.returns import AnswerInput
from safeguarding.core.forms import DateInput, MultipleFileField, choice_label, searchable
from safeguarding.planning.theme_fields import ThemesField


def _checkboxes(choices, label: str, help_text: str = "") -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
    )


# Templates ----------------------------------------------------------------------------


class TemplateCreateForm(forms.Form):
    name = forms.CharField(label="Name", max_length=200)
    kind = forms.ChoiceField(
        label="Kind of audit", choices=TemplateKind.choices, widget=forms.RadioSelect
    )
    description = forms.CharField(label="Description", widget=forms.Textarea, required=False)


class SectionForm(forms.Form):
    title = forms.CharField(label="Section title", max_length=200)
    description = forms.CharField(
        label="Description", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    is_domain = forms.BooleanField(
        label="The case audit panel grades this domain",
        required=False,
        help_text="Only for multi-agency case audit tools",
    )


class QuestionForm(forms.Form):
    reference = forms.CharField(label="Reference", max_length=20, help_text="For example 2.3")
    text = forms.CharField(label="Standard or question", widget=forms.Textarea(attrs={"rows": 3}))
    guidance = forms.CharField(
        label="Guidance", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    evidence_expected = forms.CharField(
        label="Evidence expected", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    answer_type = forms.ChoiceField(
        label="Type of answer", choices=AnswerType.choices, widget=forms.RadioSelect
    )
    scale = forms.TypedChoiceField(
        label="Rating scale",
        coerce=int,
        required=False,
        empty_value=None,
        help_text="For rated standards only",
    )
    required = forms.BooleanField(label="An answer is required to submit", required=False)
    allows_not_applicable = forms.BooleanField(
        label="May be answered “Not applicable” with a reason", required=False
    )
    evidence_required = forms.BooleanField(
        label="A rating must be backed by a description of the evidence", required=False
    )
    moderated = forms.BooleanField(
        label="Moderators score this standard beside the self-assessment", required=False
    )

    def __init__(self, *args, scales=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.scales = {s.pk: s for s in scales}
        self.fields["scale"].choices = [("", "No scale")] + [(s.pk, s.name) for s in scales]

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["scale"] = self.scales.get(data.get("scale"))
        return data


class RatingLevelForm(forms.Form):
    value = forms.IntegerField(label="Value", min_value=-10, max_value=100)
    label = forms.CharField(label="Label", max_length=60)
    colour = forms.ChoiceField(label="RAG colour", choices=RagColour.choices)
    outcome = forms.ChoiceField(
        label="Counts in results as",
        choices=OutcomeChoices.choices,
        help_text="Ratings below “Fully met” create an action for the organisation",
    )
    description = forms.CharField(
        label="What it means", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


# Campaigns ----------------------------------------------------------------------------


class CampaignForm(forms.Form):
    title = forms.CharField(
        label="Title", max_length=200, help_text="For example Section 11 audit 2024"
    )
    description = forms.CharField(
        label="Message to organisations", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    partnership = forms.TypedChoiceField(label="Partnership running the campaign", coerce=int)
    joint_partnerships = forms.TypedMultipleChoiceField(
        label="Joint with",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Their organisations are invited too",
    )
    version = forms.TypedChoiceField(label="Audit template", coerce=int)
    opens_on = forms.DateField(label="Opens on", widget=DateInput)
    closes_on = forms.DateField(label="Closing date", widget=DateInput)
    previous = forms.TypedChoiceField(
        label="Previous cycle to compare with", coerce=int, required=False, empty_value=None
    )
    preset = forms.ChoiceField(
        label="Who is asked to return it",
        choices=list(PRESETS.items()),
        widget=forms.RadioSelect,
        initial="schools",
    )
    types = _checkboxes(AgencyType.choices, "Only these types of organisation")
    phases = _checkboxes(SchoolPhase.choices, "Only these school phases")
    school_types = _checkboxes(SchoolType.choices, "Only these types of school")
    localities = forms.TypedMultipleChoiceField(
        label="Only these localities",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    trusts = forms.TypedMultipleChoiceField(
        label="Only these trusts", coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    themes = ThemesField()
    priority = forms.TypedChoiceField(
        label="Business plan priority", coerce=int, required=False, empty_value=None
    )
    reminder_days = forms.CharField(
        label="Send reminders this many working days before the closing date",
        initial="14,7,1",
        help_text="Separate the numbers with commas",
        max_length=50,
        required=False,
    )
    chase_every_days = forms.IntegerField(
        label="After the closing date, chase every (working days)",
        initial=5,
        min_value=1,
        max_value=60,
    )

    def __init__(
        self,
        *args,
        partnerships=(),
        all_partnerships=(),
        versions=(),
        previous=(),
        localities=(),
        trusts=(),
        themes=None,
        priorities=(),
        launched: bool = False,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.lookup = {
            "partnership": {p.pk: p for p in partnerships},
            "joint_partnerships": {p.pk: p for p in all_partnerships},
            "version": {v.pk: v for v in versions},
            "previous": {c.pk: c for c in previous},
            "priority": {p.pk: p for p in priorities},
        }
        self.fields["partnership"].choices = [(p.pk, p.name) for p in partnerships]
        self.fields["joint_partnerships"].choices = [(p.pk, p.name) for p in all_partnerships]
        self.fields["version"].choices = [
            (v.pk, f"{v.template.name} (version {v.number})") for v in versions
        ]
        self.fields["previous"].choices = [("", "None")] + [(c.pk, c.title) for c in previous]
        self.fields["localities"].choices = [(loc.pk, str(loc)) for loc in localities]
        self.fields["trusts"].choices = [(t.pk, t.name) for t in trusts]
        if themes is not None:
            self.fields["themes"].queryset = themes
        self.fields["priority"].choices = [("", "None")] + [(p.pk, str(p)) for p in priorities]
        if launched:
            for name in [
                "partnership",
                "version",
                "preset",
                "types",
                "phases",
                "school_types",
                "localities",
                "trusts",
            ]:
                self.fields[name].disabled = True

    def audience(self) -> Audience:
        data = self.cleaned_data
        return Audience(
            preset=data["preset"],
            types=tuple(data.get("types") or ()),
            phases=tuple(data.get("phases") or ()),
            school_types=tuple(data.get("school_types") or ()),
            localities=tuple(data.get("localities") or ()),
            trusts=tuple(data.get("trusts") or ()),
        )

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "description": data["description"],
            "version": self.lookup["version"][data["version"]],
            "opens_on": data["opens_on"],
            "closes_on": data["closes_on"],
            "previous": self.lookup["previous"].get(data.get("previous")),
            "priority": self.lookup["priority"].get(data.get("priority")),
            "reminder_days": data["reminder_days"],
            "chase_every_days": data["chase_every_days"],
            "joint_partnerships": [
                self.lookup["joint_partnerships"][pk] for pk in data["joint_partnerships"]
            ],
            "themes": list(data["themes"]),
        }

    def chosen_partnership(self):
        return self.lookup["partnership"][self.cleaned_data["partnership"]]


class ReturnFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "All"), ("outstanding", "Not yet returned"), *ReturnStatus.choices],
    )
    q = forms.CharField(label="Organisation name", required=False, max_length=100)


class CampaignFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "All"), *CampaignStatus.choices]
    )


class ReopenForm(forms.Form):
    closes_on = forms.DateField(label="New closing date", widget=DateInput)


class ExemptForm(forms.Form):
    reason = forms.CharField(
        label="Why is this organisation exempt?", widget=forms.Textarea(attrs={"rows": 3})
    )


class InviteForm(forms.Form):
    agency = forms.TypedChoiceField(label="Organisation", coerce=int)

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.agencies = {a.pk: a for a in agencies}
        self.fields["agency"].choices = [(a.pk, choice_label(a)) for a in agencies]
        searchable(self.fields["agency"])


class ChallengeEventForm(forms.Form):
    title = forms.CharField(
        label="Title", max_length=200, help_text="For example Section 11 challenge day"
    )
    held_on = forms.DateField(label="Date", widget=DateInput)
    attendees = forms.CharField(
        label="Who attended", widget=forms.Textarea(attrs={"rows": 4}), help_text="One per line"
    )
    agencies_presenting = forms.TypedMultipleChoiceField(
        label="Organisations presenting",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    outcomes = forms.CharField(label="Outcomes", widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.agencies = {a.pk: a for a in agencies}
        self.fields["agencies_presenting"].choices = [(a.pk, a.name) for a in agencies]


# Completing a return ------------------------------------------------------------------

NOT_APPLICABLE = "na"


class ReturnSectionForm(forms.Form):
    """One section of a return: for each question the answer, N/A reason, evidence and files,
    plus the revision and fingerprint of the answer when the page was opened."""

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.question_views = list(questions)
        self.extra_fields = (
            list(ExtraField.objects.filter(version_id=self.question_views[0].question.version_id))
            if self.question_views
            else []
        )
        for view in self.question_views:
            self._add_fields(view)
            self._add_extra_fields(view)

    def _add_extra_fields(self, view) -> None:
        """The business unit's extra fields (text, date, link) beside each question."""
        q, answer = view.question, view.answer
        if q.answer_type == AnswerType.FILE:
            return
        for field in self.extra_fields:
            key = f"q{q.pk}_x_{field.key}"
            label = f"{q.reference}: {field.label}"
            if field.kind == ExtraFieldKind.DATE:
                self.fields[key] = forms.DateField(
                    label=label,
                    required=False,
                    help_text="For example, 31/3/2026",
                    input_formats=["%d/%m/%Y", "%Y-%m-%d", "%d %m %Y"],
                    error_messages={
                        "invalid": f"{q.reference}: {field.label} must be a real date, like "
                        "31/3/2026."
                    },
                    widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
                )
            elif field.kind == ExtraFieldKind.LINK:
                self.fields[key] = forms.URLField(
                    label=label,
                    required=False,
                    assume_scheme="https",
                    help_text="A web address, like https://example.org/report",
                    error_messages={
                        "invalid": f"{q.reference}: {field.label} must be a web address, like "
                        "https://example.org/report."
                    },
                )
            else:
                self.fields[key] = forms.CharField(
                    label=label, required=False, widget=forms.Textarea(attrs={"rows": 2})
                )
            if answer is not None and answer.extra.get(field.key):
                value = answer.extra[field.key]
                if field.kind == ExtraFieldKind.DATE:
                    value = date.fromisoformat(value).strftime("%d/%m/%Y")
                self.fields[key].initial = value

    def _extra_values(self, q) -> dict:
        values = {}
        for field in self.extra_fields:
            value = self.cleaned_data.get(f"q{q.pk}_x_{field.key}")
            if isinstance(value, date):
                value = value.isoformat()
            if value:
                values[field.key] = str(value).strip()
        return values

    def _add_fields(self, view) -> None:
        q, answer = view.question, view.answer
        name = f"q{q.pk}"
        label = f"{q.reference} {q.text}"
        initial = {}
        if q.answer_type == AnswerType.RATING:
            levels = list(q.scale.levels.all()) if q.scale else []
            kind = q.scale.kind if q.scale else ScaleKind.SCORE
            choices = [(str(lvl.pk), level_choice_label(lvl, kind)) for lvl in levels]
            if q.allows_not_applicable:
                choices.append((NOT_APPLICABLE, "Not applicable"))
            scale_words = ", ".join(level_choice_label(lvl, kind) for lvl in levels)
            self.fields[name] = forms.ChoiceField(
                label=label,
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
                error_messages={
                    "invalid_choice": f"{q.reference}: choose one of the ratings on the scale "
                    f"({scale_words})."
                },
            )
            if answer is not None:
                initial[name] = (
                    NOT_APPLICABLE
                    if answer.not_applicable
                    else (str(answer.rating_id) if answer.rating_id else None)
                )
        elif q.answer_type == AnswerType.YES_NO:
            choices = [("yes", "Yes"), ("no", "No")]
            if q.allows_not_applicable:
                choices.append((NOT_APPLICABLE, "Not applicable"))
            self.fields[name] = forms.ChoiceField(
                label=label, choices=choices, required=False, widget=forms.RadioSelect
            )
            if answer is not None:
                initial[name] = (
                    NOT_APPLICABLE
                    if answer.not_applicable
                    else {True: "yes", False: "no"}.get(answer.yes_no)
                )
        elif q.answer_type == AnswerType.NUMBER:
            self.fields[name] = forms.DecimalField(
                label=label,
                required=False,
                max_digits=14,
                decimal_places=2,
                error_messages={"invalid": f"{q.reference}: enter a number, like 12."},
                widget=forms.TextInput(
                    attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}
                ),
            )
            if answer is not None and answer.number is not None:
                initial[name] = answer.number.normalize()
        elif q.answer_type == AnswerType.TEXT:
            self.fields[name] = forms.CharField(
                label=label, required=False, widget=forms.Textarea(attrs={"rows": 4})
            )
            if answer is not None:
                initial[name] = answer.text
        if q.allows_not_applicable:
            self.fields[f"{name}_na_reason"] = forms.CharField(
                label=f"{q.reference}: if not applicable, why not?",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            if answer is not None:
                initial[f"{name}_na_reason"] = answer.not_applicable_reason
        if q.answer_type == AnswerType.RATING:
            self.fields[f"{name}_evidence"] = forms.CharField(
                label=f"{q.reference}: evidence",
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=f"Evidence expected: {q.evidence_expected}"
                if q.evidence_expected
                else "",
            )
            if answer is not None:
                initial[f"{name}_evidence"] = answer.evidence
        if q.answer_type in (AnswerType.RATING, AnswerType.FILE):
            self.fields[f"{name}_files"] = MultipleFileField(
                label=f"{q.reference}: upload {'evidence ' if q.is_rating else ''}files",
                required=False,
                help_text="PDF, Word, Excel, PowerPoint, CSV, text or image files, up to 10 MB "
                "each",
            )
        self.fields[f"{name}_revision"] = forms.IntegerField(
            widget=forms.HiddenInput, required=False, min_value=0
        )
        self.fields[f"{name}_signature"] = forms.CharField(
            widget=forms.HiddenInput, required=False, max_length=64
        )
        initial[f"{name}_revision"] = answer.revision if answer else 0
        initial[f"{name}_signature"] = view.signature
        for key, value in initial.items():
            self.fields[key].initial = value

    def refresh_guards(self, views) -> None:
        """After a conflict: the form keeps what the person typed, but the next save is made
        against the answers as they are now."""
        data = self.data.copy()
        for view in views:
            name = f"q{view.question.pk}"
            data[f"{name}_revision"] = view.answer.revision if view.answer else 0
            data[f"{name}_signature"] = view.signature
        self.data = data

    def bound_fields_for(self, question) -> list:
        name = f"q{question.pk}"
        return [
            self[key]
            for key in [
                name,
                f"{name}_na_reason",
                f"{name}_evidence",
                f"{name}_files",
                *(f"{name}_x_{field.key}" for field in self.extra_fields),
            ]
            if key in self.fields
        ]

    def answer_inputs(self) -> dict[int, AnswerInput]:
        data = self.cleaned_data
        inputs = {}
        for view in self.question_views:
            q = view.question
            name = f"q{q.pk}"
            if q.answer_type == AnswerType.FILE and not q.allows_not_applicable:
                continue
            value = data.get(name)
            entry = AnswerInput(
                not_applicable_reason=data.get(f"{name}_na_reason") or "",
                evidence=data.get(f"{name}_evidence") or "",
                revision=data.get(f"{name}_revision") or 0,
                loaded_signature=data.get(f"{name}_signature") or "",
                extra=self._extra_values(q),
            )
            if value == NOT_APPLICABLE:
                entry.not_applicable = True
            elif q.answer_type == AnswerType.RATING:
                entry.rating = int(value) if value else None
            elif q.answer_type == AnswerType.YES_NO:
                entry.yes_no = {"yes": True, "no": False}.get(value)
            elif q.answer_type == AnswerType.NUMBER:
                entry.number = value if isinstance(value, Decimal) else None
            elif q.answer_type == AnswerType.TEXT:
                entry.text = value or ""
            inputs[q.pk] = entry
        return inputs

    def uploads(self) -> dict[int, list]:
        return {
            view.question.pk: self.cleaned_data.get(f"q{view.question.pk}_files") or []
            for view in self.question_views
            if f"q{view.question.pk}_files" in self.fields
        }


class ContributorForm(forms.Form):
    email = forms.EmailField(
        label="Your colleague's email address",
        help_text="They must already have an account at your organisation",
    )


# Moderation ---------------------------------------------------------------------------


class ModerateAnswerForm(forms.Form):
    moderated_rating = forms.TypedChoiceField(
        label="Moderated score",
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label="Moderator's comment", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, levels=(), moderated: bool = True, kind: str = "score", **kwargs):
        super().__init__(*args, **kwargs)
        self.levels = {lvl.pk: lvl for lvl in levels}
        if moderated:
            self.fields["moderated_rating"].choices = [
                (lvl.pk, level_choice_label(lvl, kind)) for lvl in levels
            ]
        else:
            del self.fields["moderated_rating"]

    def chosen_level(self):
        return self.levels.get(self.cleaned_data.get("moderated_rating"))


class EvidenceRequestForm(forms.Form):
    request = forms.CharField(
        label="What further evidence is needed?", widget=forms.Textarea(attrs={"rows": 3})
    )


class ModerationCompleteForm(forms.Form):
    summary = forms.CharField(
        label="Moderation summary for the organisation",
        widget=forms.Textarea(attrs={"rows": 5}),
    )


# Actions ------------------------------------------------------------------------------


class ActionFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[
            ("open", "Open"),
            ("overdue", "Overdue"),
            ("evidence_submitted", "Evidence submitted"),
            ("closed", "Closed"),
            ("all", "All"),
        ],
    )
    source = forms.ChoiceField(
        label="From",
        required=False,
        choices=[
            ("", "All audits"),
            ("campaign", "Campaign returns"),
            ("case_audit", "Case audits"),
        ],
    )


class ActionChangeForm(forms.Form):
    owner = forms.TypedChoiceField(label="Owner", coerce=int)
    due_on = forms.DateField(label="Due date", widget=DateInput)

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {p.pk: p for p in people}
        self.fields["owner"].choices = [(p.pk, choice_label(p)) for p in people]
        searchable(self.fields["owner"])


class ActionTextForm(forms.Form):
    text = forms.CharField(label="Update", widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, label: str = "Update", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].label = label


class ActionEvidenceForm(ActionTextForm):
    files = MultipleFileField(
        label="Files that show it (optional)",
        required=False,
        help_text="PDF, Word, Excel, PowerPoint, CSV, text or image files, up to 10 MB each",
    )

    def __init__(self, *args, **kwargs):
        # Its own ids: the progress update form on the same page also has a "text" field.
        kwargs.setdefault("auto_id", "evidence_%s")
        super().__init__(
            *args, label="Evidence that the gap is closed: what changed and how you know", **kwargs
        )


class ActionDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Is the evidence enough to close the action?",
        choices=[("accept", "Yes, close the action"), ("send_back", "No, send it back")],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label="Comment",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required when you send it back: say what is missing",
    )


# Case audits --------------------------------------------------------------------------


class CaseAuditForm(forms.Form):
    partnership = forms.TypedChoiceField(label="Partnership", coerce=int)
    title = forms.CharField(label="Title", max_length=200)
    version = forms.TypedChoiceField(label="Single-agency audit tool", coerce=int)
    cohort = forms.CharField(
        label="Cohort",
        max_length=300,
        help_text="For example children subject to a child protection plan for neglect",
    )
    scope = forms.CharField(
        label="What the audit asks and why",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    audits_due_on = forms.DateField(label="Agencies' audits due on", widget=DateInput)
    themes = ThemesField()
    priority = forms.TypedChoiceField(
        label="Business plan priority", coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, partnerships=(), versions=(), themes=None, priorities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.lookup = {
            "partnership": {p.pk: p for p in partnerships},
            "version": {v.pk: v for v in versions},
            "priority": {p.pk: p for p in priorities},
        }
        self.fields["partnership"].choices = [(p.pk, p.name) for p in partnerships]
        self.fields["version"].choices = [
            (v.pk, f"{v.template.name} (version {v.number})") for v in versions
        ]
        if themes is not None:
            self.fields["themes"].queryset = themes
        self.fields["priority"].choices = [("", "None")] + [(p.pk, str(p)) for p in priorities]

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "partnership": self.lookup["partnership"][data["partnership"]],
            "title": data["title"],
            "version": self.lookup["version"][data["version"]],
            "cohort": data["cohort"],
            "scope": data["scope"],
            "audits_due_on": data["audits_due_on"],
            "themes": list(data["themes"]),
            "priority": self.lookup["priority"].get(data.get("priority")),
        }


class CaseForm(forms.Form):
    reference = forms.CharField(
        label="Pseudonymised case reference",
        max_length=20,
        help_text="For example MACA-23-04. Never a name, initials, date of birth or case "
        "number from a case system.",
    )
    age_band = forms.ChoiceField(
        label="Age of the child",
        required=False,
        choices=[
            ("", "Not recorded"),
            ("Under 1", "Under 1"),
            ("1 to 4", "1 to 4"),
            ("5 to 9", "5 to 9"),
            ("10 to 15", "10 to 15"),
            ("16 or 17", "16 or 17"),
        ],
    )
    plan_type = forms.CharField(
        label="Plan or level of need",
        max_length=100,
        required=False,
        help_text="For example Child protection plan",
    )
    agencies = forms.TypedMultipleChoiceField(
        label="Agencies involved", coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.agencies = {a.pk: a for a in agencies}
        self.fields["agencies"].choices = [(a.pk, a.name) for a in agencies]


class PanelStartForm(forms.Form):
    panel_on = forms.DateField(label="Date of the panel discussion", widget=DateInput)


class CaseGradeForm(forms.Form):
    panel_discussion = forms.CharField(
        label="Summary of the panel's discussion", widget=forms.Textarea(attrs={"rows": 5})
    )
    good_practice = forms.CharField(
        label="Good practice", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    learning = forms.CharField(
        label="Learning", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, domains=(), grades=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(lvl.pk, lvl.label) for lvl in grades]
        self.domains = list(domains)
        for domain in self.domains:
            self.fields[f"domain_{domain.pk}"] = forms.TypedChoiceField(
                label=domain.title,
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect,
                required=False,
            )
        self.fields["overall_grade"] = forms.TypedChoiceField(
            label="Overall grade for the case",
            choices=choices,
            coerce=int,
            widget=forms.RadioSelect,
            required=False,
            empty_value=None,
        )
        order = [f"domain_{d.pk}" for d in self.domains] + [
            "overall_grade",
            "panel_discussion",
            "good_practice",
            "learning",
        ]
        self.order_fields(order)

    def grades(self) -> dict[int, int | None]:
        return {d.pk: self.cleaned_data.get(f"domain_{d.pk}") or None for d in self.domains}


class RecommendationForm(forms.Form):
    agency = forms.TypedChoiceField(label="Agency that owns it", coerce=int)
    title = forms.CharField(label="Recommendation", widget=forms.Textarea(attrs={"rows": 3}))
    owner = forms.TypedChoiceField(
        label="Named owner", coerce=int, help_text="A person who works for that agency"
    )
    due_on = forms.DateField(label="Due by", widget=DateInput)

    def __init__(self, *args, agencies=(), people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.agencies = {a.pk: a for a in agencies}
        self.people = {p.pk: p for p in people}
        self.fields["agency"].choices = [(a.pk, choice_label(a)) for a in agencies]
        searchable(self.fields["agency"])
        self.fields["owner"].choices = [(p.pk, choice_label(p)) for p in people]
        searchable(self.fields["owner"])


class CompleteCaseAuditForm(forms.Form):
    findings = forms.CharField(
        label="Findings: the key themes from the audit", widget=forms.Textarea(attrs={"rows": 8})
    )


# Importing question sets and past returns ---------------------------------------------

IMPORT_MAX_BYTES = 5 * 1024 * 1024


class _ImportFileMixin:
    """The uploaded file on the first step; on the confirm step the same bytes come back in
    a hidden field (base64, checked against their hash) so the import is what was previewed."""

    def clean(self):
        import base64
        import hashlib

        data = super().clean()
        upload = data.get("file")
        if upload is not None:
            if upload.size > IMPORT_MAX_BYTES:
                self.add_error("file", "The file is larger than 5 MB. Split it into smaller files.")
                return data
            data["content"] = upload.read()
            data["filename"] = upload.name
        elif data.get("content_b64"):
            try:
                content = base64.b64decode(data["content_b64"], validate=True)
            except ValueError:
                content = b""
            if hashlib.sha256(content).hexdigest() != data.get("content_sha256"):
                self.add_error("file", "Choose the file again: the preview has expired.")
                return data
            data["content"] = content
        else:
            self.add_error("file", "Choose the file to import.")
        return data

    def carry(self) -> dict:
        """The hidden fields for the confirm step."""
        import base64
        import hashlib

        content = self.cleaned_data["content"]
        return {
            "content_b64": base64.b64encode(content).decode(),
            "content_sha256": hashlib.sha256(content).hexdigest(),
            "filename": self.cleaned_data.get("filename", ""),
        }


class QuestionSetImportForm(_ImportFileMixin, forms.Form):
    file = forms.FileField(
        label="Question set file",
        required=False,
        help_text="CSV (UTF-8), Excel (.xlsx) or Word (.docx). A table needs “Reference” and "
        "“Question” columns; a Word document may instead be a numbered list under section "
        "headings.",
    )
    name = forms.CharField(
        label="Template name",
        max_length=200,
        required=False,
        help_text="Leave blank to use the document's title or the file's name. A template "
        "with this name gets a new draft; otherwise a new template is made.",
    )
    kind = forms.ChoiceField(
        label="What kind of audit is it for?",
        choices=TemplateKind.choices,
        initial=TemplateKind.THEMATIC,
        widget=forms.RadioSelect,
    )
    scale = forms.CharField(
        label="Rating scale (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One level a line, like “0=Not in place”, “3=Embedded: practice is "
        "consistent”. Add [met], [partly] or [not met] to say how a level counts. Leave blank "
        "for 1 Not met, 2 Partly met, 3 Fully met. Yes/no questions get their own scale.",
    )
    extra_fields = forms.CharField(
        label="Extra fields beside each question (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One a line: the label, a colon and text, date or link, like "
        "“Link to health audit: link” or “Deadline: date”.",
    )
    content_b64 = forms.CharField(widget=forms.HiddenInput, required=False)
    content_sha256 = forms.CharField(widget=forms.HiddenInput, required=False)
    filename = forms.CharField(widget=forms.HiddenInput, required=False)


class PastReturnsImportForm(_ImportFileMixin, forms.Form):
    file = forms.FileField(
        label="Past returns file",
        required=False,
        help_text="CSV (UTF-8) or Excel (.xlsx) with the columns Organisation, Question "
        "reference, Answer and Evidence.",
    )
    content_b64 = forms.CharField(widget=forms.HiddenInput, required=False)
    content_sha256 = forms.CharField(widget=forms.HiddenInput, required=False)
    filename = forms.CharField(widget=forms.HiddenInput, required=False)


class RatingScaleForm(forms.Form):
    name = forms.CharField(
        label="Name of the scale",
        max_length=100,
        help_text="A scale of that name in this draft has its levels replaced.",
    )
    levels = forms.CharField(
        label="Levels",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="One a line, like “0=Not in place” or “3=Embedded: consistent practice”. "
        "Add [met], [partly] or [not met] to say how a level counts. Or write yes-no or "
        "yes-no-partly for a checklist.",
    )
