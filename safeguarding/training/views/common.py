"""Helpers the training pages share."""

from __future__ import annotations

import csv
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.http import HttpResponse


def form_errors_to(form, error: ValidationError) -> None:
    """Put a service's validation error on the form: on its field when it has one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def csv_response(filename: str, header: list[str], rows: Iterable[Iterable]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so spreadsheet programs read the pound sign correctly
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if value is None else value for value in row])
    return response
