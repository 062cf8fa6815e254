"""The GOV.UK form layer: Django forms rendered as GOV.UK Frontend components.

Every form in the platform renders through :class:`GovukFormRenderer`: the form template
adds the error summary, each field renders label, hint, error message and the input with
the GOV.UK classes and ``aria-describedby`` wiring. Views stay free of markup.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms.renderers import TemplatesSetting


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "govuk/form.html"
    field_template_name = "govuk/field.html"


def widget_kind(widget: forms.Widget) -> str:
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        return "file"
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    return "input"


WIDGET_CLASSES = {
    "input": "govuk-input",
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "file": "govuk-file-upload",
    "checkbox": "govuk-checkboxes__input",
}


class DateInput(forms.DateInput):
    """A native date picker; its value must be ISO (YYYY-MM-DD) or browsers show it empty."""

    input_type = "date"

    def __init__(self, attrs=None, format=None):  # noqa: A002 - Django's argument name
        super().__init__(attrs=attrs, format=format or "%Y-%m-%d")


class TimeInput(forms.TimeInput):
    """A native time picker with a 24-hour ISO value (14:30)."""

    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs={"class": "govuk-input--width-5", **(attrs or {})}, format="%H:%M")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; the cleaned value is a list, empty items left out."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def set_choices(form: forms.BaseForm, name: str, choices: list) -> None:
    """Give a form's choice field its choices, worked out when the form is made."""
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(f"{name} is not a choice field")
    field.choices = choices


def set_queryset(form: forms.BaseForm, name: str, queryset: QuerySet | None) -> None:
    """Give a form's model choice field the records it offers, worked out when the form is made."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{name} is not a model choice field")
    field.queryset = queryset


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on the field it names, else at the top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


# People and organisations in choices --------------------------------------------------------

AUTOCOMPLETE = "data-autocomplete"  # static/core/autocomplete.js enhances these selects


def choice_label(obj) -> str:
    """How a person or an organisation is named in every choice: with the email address or
    the kind and place of the organisation beside the name, so two people (or two schools)
    with the same name can be told apart."""
    email = getattr(obj, "email", "")
    if email:
        name = getattr(obj, "full_name", "") or email
        return f"{name} ({email})" if name != email else email
    details = []
    kind = getattr(obj, "get_type_display", None)
    if callable(kind):
        details.append(kind())
    locality = getattr(obj, "locality", None)
    if locality is not None:
        details.append(str(locality))
    return f"{obj} ({', '.join(details)})" if details else str(obj)


def searchable(field: forms.Field) -> forms.Field:
    """Name people or organisations with :func:`choice_label` and let the browser offer an
    accessible autocomplete over the select (progressive enhancement: the select works
    without JavaScript)."""
    if isinstance(field, forms.ModelChoiceField):
        field.label_from_instance = choice_label  # type: ignore[method-assign]
    field.widget.attrs[AUTOCOMPLETE] = ""
    return field
