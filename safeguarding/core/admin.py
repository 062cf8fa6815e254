"""What every back-office (Django admin) page shares, so each passes the accessibility check."""

from django import forms
from django.contrib import admin
from django.db import models


class AccessibleModelAdmin(admin.ModelAdmin):
    """A model admin without the widgets that fail axe (WCAG 2.2 AA).

    Django's two-box ``filter_horizontal`` labels a span with ``aria-label`` and its
    ``autocomplete_fields`` (select2) leave the combobox without a name, so many-to-many
    fields are checkboxes and foreign keys plain selects. Subclasses must not set
    ``filter_horizontal`` or ``autocomplete_fields``. (The stylesheet every admin page loads
    is added by core's ``admin/base_site.html``.)
    """

    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}


class AccessibleInline(admin.StackedInline):
    """Stacked, not tabular: a tabular inline's fields have only a column heading, no label."""

    formfield_overrides = AccessibleModelAdmin.formfield_overrides
