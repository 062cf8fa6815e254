"""The one theme picker every form uses.

New choices are limited to active themes, but a record being edited keeps the retired themes
it already carries: they are offered too, ticked and labelled "(retired)", so saving the
form does not silently drop them and a person can still untick them. A retired theme the
record did not carry is refused like any other choice outside the list.

The field finds the record's themes in the form's initial value for it (a model form's
instance, or the ``initial`` a view passes), when the form first builds the field's bound
field, which happens before both rendering and validation.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.db.models import Q

RETIRED_SUFFIX = " (retired)"


def _ids(values: Any) -> list[int]:
    if values is None:
        return []
    if callable(values):
        values = values()
    if isinstance(values, str | int) or hasattr(values, "pk"):
        values = [values]
    ids = []
    for value in values if isinstance(values, Iterable) else []:
        pk = getattr(value, "pk", value)
        if isinstance(pk, int) or (isinstance(pk, str) and pk.isdigit()):
            ids.append(int(pk))
    return ids


def theme_label(theme) -> str:
    return theme.name if theme.is_active else f"{theme.name}{RETIRED_SUFFIX}"


class ThemesField(forms.ModelMultipleChoiceField):
    """Active themes to choose from, plus the record's own retired ones (see the module)."""

    def __init__(self, queryset=None, **kwargs):
        from safeguarding.planning.models import Theme

        kwargs.setdefault("label", "Themes")
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        if queryset is None:
            queryset = Theme.objects.active().order_by("name")
        super().__init__(queryset=queryset, **kwargs)

    def label_from_instance(self, obj) -> str:
        return theme_label(obj)

    def keep(self, theme_ids: Iterable[int]) -> None:
        """Offer the retired themes among ``theme_ids`` as well as the current choices."""
        ids = list(theme_ids)
        if not ids or self.queryset is None:
            return
        model = self.queryset.model
        self.queryset = (
            model.objects.filter(
                Q(pk__in=self.queryset.values("pk")) | Q(pk__in=ids, is_active=False)
            )
            .only("name", "slug", "is_active")
            .order_by("name")
        )

    def get_bound_field(self, form, field_name):
        self.keep(_ids(form.get_initial_for_field(self, field_name)))
        return super().get_bound_field(form, field_name)
