"""Helpers the performance pages share."""

from __future__ import annotations

from django.core.exceptions import ValidationError

PAGE_SIZE = 50


def form_errors_to(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, by field where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
