"""Forms for two-factor sign-in, a partnership's sign-in settings and organisation sign-in."""

from __future__ import annotations

from django import forms

from safeguarding.core.roles import Role


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=20,
        help_text="The 6-digit code your authenticator app shows now, or one of your "
        "recovery codes",
        error_messages={"required": "Enter the code from your authenticator app"},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "spellcheck": "false",
                "class": "govuk-input--width-10",
            }
        ),
    )


class SetupCodeForm(forms.Form):
    code = forms.CharField(
        label="Code from the app",
        max_length=10,
        help_text="The app shows a new 6-digit code every 30 seconds",
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
                "class": "govuk-input--width-5",
            }
        ),
    )


class PartnershipSignInForm(forms.Form):
    two_factor_roles = forms.MultipleChoiceField(
        label="Roles that must use two-factor sign-in",
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="People with one of these roles in the partnership must set up an "
        "authenticator app before they can go on. Everyone else can choose to.",
    )
    two_factor_after_single_sign_on = forms.BooleanField(
        label="Also ask for the second factor after signing in with an organisation's account",
        required=False,
        help_text="Leave unticked when the organisations' own sign-in already asks for a "
        "second factor, as most councils' and NHS bodies' do.",
    )


class OrganisationEmailForm(forms.Form):
    email = forms.EmailField(
        label="Your work email address",
        max_length=254,
        help_text="We will send you to your organisation's sign-in page",
        error_messages={
            "required": "Enter your work email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
