"""Forms for signing in, passwords, tokens, partnerships and agencies."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.db import transaction
from django.template.loader import render_to_string

from safeguarding.accounts.lockout import normalise_email
from safeguarding.accounts.models import (
    Agency,
    AgencyType,
    Locality,
    Partnership,
    SchoolPhase,
    SchoolType,
    Sector,
)
from safeguarding.core.email import send_email_task
from safeguarding.core.forms import searchable
from safeguarding.core.roles import Role


class SignInForm(auth_forms.AuthenticationForm):
    username = forms.EmailField(
        label="Email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": (
            "The email address or password is not right. Check them and try again. After "
            f"{settings.AXES_FAILURE_LIMIT} wrong attempts the account is locked for "
            f"{int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)} minutes."
        ),
        "inactive": "This account has been deactivated. Contact the business unit.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your email address"
        self.fields["username"].error_messages["invalid"] = (
            "Enter an email address in the correct format, like name@example.org"
        )
        self.fields["password"].error_messages["required"] = "Enter your password"

    def clean_username(self) -> str:
        return normalise_email(self.cleaned_data.get("username"))


class PasswordResetRequestForm(auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="We will send a link to reset your password if there is an account for it",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        """Send the reset email as a background task, after the request commits."""
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        text = render_to_string(email_template_name, context)
        transaction.on_commit(
            lambda: send_email_task.enqueue(to=[to_email], subject=subject, text=text)
        )


class SetPasswordForm(auth_forms.SetPasswordForm):
    pass


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    pass


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="What is the token for?",
        max_length=100,
        help_text="For example “Monthly indicators upload”. You can revoke it at any time.",
        error_messages={"required": "Enter what the token is for"},
    )


class AgencyFilterForm(forms.Form):
    query = forms.CharField(label="Name contains", required=False, max_length=100)
    type = forms.ChoiceField(
        label="Type", required=False, choices=[("", "Any type"), *AgencyType.choices]
    )
    sector = forms.ChoiceField(
        label="Sector", required=False, choices=[("", "Any sector"), *Sector.choices]
    )
    partnership = forms.ChoiceField(label="Partnership", required=False)
    locality = forms.ChoiceField(label="Locality", required=False)
    school_phase = forms.ChoiceField(
        label="School phase", required=False, choices=[("", "Any phase"), *SchoolPhase.choices]
    )

    def __init__(self, *args, partnerships, localities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnership"].choices = [
            ("", "Any partnership"),
            *[(p.slug, p.name) for p in partnerships],
        ]
        self.fields["locality"].choices = [
            ("", "Any locality"),
            *[(name, name) for name in localities],
        ]


class AgencyForm(forms.ModelForm):
    partnerships = forms.ModelMultipleChoiceField(
        queryset=Partnership.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one partnership for the agency"},
    )

    class Meta:
        model = Agency
        fields = [
            "name",
            "type",
            "sector",
            "partnerships",
            "locality",
            "parent",
            "school_phase",
            "school_type",
            "urn",
            "is_statutory_partner",
            "email",
        ]
        labels = {
            "urn": "URN (schools and colleges)",
            "name": "Agency name",
            "type": "Type of agency",
            "is_statutory_partner": "This agency is a statutory safeguarding partner",
            "parent": "Parent organisation",
            "email": "Safeguarding contact email",
        }
        error_messages = {
            "name": {"required": "Enter the agency's name"},
            "type": {"required": "Choose the type of agency"},
            "sector": {"required": "Choose the sector"},
        }

    def __init__(self, *args, partnerships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnerships"].queryset = partnerships
        self.fields["locality"].queryset = Locality.objects.filter(
            partnership__in=partnerships
        ).select_related("partnership")
        self.fields["locality"].required = False
        self.fields["parent"].queryset = Agency.objects.filter(
            partnerships__in=partnerships, type__in=["trust", "local_authority", "other"]
        ).distinct()
        self.fields["parent"].required = False
        self.fields["type"].choices = [("", "Choose the type"), *AgencyType.choices]
        self.fields["sector"].choices = [("", "Choose the sector"), *Sector.choices]
        self.fields["locality"].empty_label = "No locality"
        self.fields["parent"].empty_label = "None"
        self.fields["school_phase"].choices = [("", "Not a school"), *SchoolPhase.choices]
        self.fields["school_type"].choices = [("", "Not a school"), *SchoolType.choices]

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("partnerships")
        return data


class PartnershipForm(forms.ModelForm):
    class Meta:
        model = Partnership
        fields = ["name", "area", "contact_line", "contact_email", "brand_colour", "about"]
        labels = {"contact_line": "Public contact line", "brand_colour": "Brand colour"}


class PeopleFilterForm(forms.Form):
    query = forms.CharField(label="Name or email contains", required=False, max_length=100)
    role = forms.ChoiceField(label="Role", required=False)
    agency = forms.CharField(label="Agency name contains", required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", "Any role"), *Role.choices]


class RoleForm(forms.Form):
    """A role in one of the partnerships the business unit manages."""

    partnership = forms.ModelChoiceField(
        queryset=Partnership.objects.none(),
        empty_label=None,
        error_messages={"required": "Choose the partnership"},
    )
    role = forms.ChoiceField(label="Role", error_messages={"required": "Choose the role"})
    agency = forms.ModelChoiceField(
        label="For agency",
        queryset=Agency.objects.none(),
        required=False,
        empty_label="No particular agency",
        help_text="The agency the person holds the role for, such as their school",
    )

    def __init__(self, *args, partnerships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = partnerships
        self.fields["role"].choices = [("", "Choose the role"), *Role.choices]
        self.fields["agency"].queryset = (
            Agency.objects.filter(partnerships__in=partnerships).distinct().order_by("name")
        )
        searchable(self.fields["agency"])


class PersonInviteForm(RoleForm):
    full_name = forms.CharField(
        label="Full name",
        max_length=200,
        error_messages={"required": "Enter the person's full name"},
    )
    email = forms.EmailField(
        label="Work email address",
        max_length=254,
        help_text="They will be sent a link to choose a password",
        error_messages={
            "required": "Enter the person's work email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )
    job_title = forms.CharField(label="Job title", max_length=200, required=False)
    field_order = ["full_name", "email", "job_title", "partnership", "role", "agency"]


class OnboardingImportForm(forms.Form):
    """Upload a file of organisations or people to check, then import."""

    partnership = forms.ModelChoiceField(
        queryset=Partnership.objects.none(),
        empty_label=None,
        error_messages={"required": "Choose the partnership"},
    )
    kind = forms.ChoiceField(
        label="What the file holds",
        widget=forms.RadioSelect,
        choices=[
            (
                "organisations",
                "Organisations: a Get Information About Schools export, or columns name and type",
            ),
            ("people", "People: columns email, first name, last name, agency and role"),
        ],
        error_messages={"required": "Choose what the file holds"},
    )
    file = forms.FileField(
        label="File",
        help_text="A CSV (UTF-8 or Windows-1252) or Excel (.xlsx) file, up to 20 MB",
        error_messages={"required": "Choose the file to import"},
    )

    def __init__(self, *args, partnerships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = partnerships
