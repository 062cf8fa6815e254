"""The one spelling of an email address used for sign-in and for counting failed sign-ins.

django-axes counts failures per username; sign-in finds the account whatever the letters'
case. Both must see the same address, or ``Person@example.org`` would be a fresh account to
the lockout while signing in as ``person@example.org``.
"""

from __future__ import annotations

from django.conf import settings


def normalise_email(value) -> str:
    """Addresses are compared and stored lower-cased, without surrounding spaces."""
    return str(value or "").strip().lower()


def axes_username(request, credentials=None) -> str:
    """AXES_USERNAME_CALLABLE: the normalised address from the credentials or the form."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        value = credentials.get(field) or credentials.get("email")
    else:
        data = getattr(request, "data", None) or getattr(request, "POST", {})
        value = data.get(field)
    return normalise_email(value)
