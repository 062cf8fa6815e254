"""Small helpers shared by the governance pages."""

from __future__ import annotations

from django.core.exceptions import ValidationError


def form_errors_to(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when there is one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
