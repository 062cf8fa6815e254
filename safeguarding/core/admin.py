"""What every back-office (Django admin) page shares: each passes the accessibility check,
each add, change and delete writes an audit event with what changed, and a business unit's
staff see only their own partnerships' records (superusers see everything)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db import models, transaction

from safeguarding.core.audit import audit_record, snapshot
from safeguarding.core.permissions import partnerships_where
from safeguarding.core.roles import Role

SECRET_FIELDS = {"password", "key_hash"}
HIDDEN = "(hidden)"


def admin_partnership_ids(request) -> set[int] | None:
    """The partnerships a back-office user manages: None (all) for a superuser, else the
    partnerships where they are the business unit."""
    user = request.user
    if user.is_active and user.is_superuser:
        return None
    return partnerships_where(user, [Role.BUSINESS_UNIT])


def admin_snapshot(obj: models.Model) -> dict[str, Any]:
    """Every field of a record (many-to-many as a list of names) for an audit event; the
    values of secrets (password hashes, token fingerprints) are never copied."""
    names = [f.name for f in obj._meta.concrete_fields if not f.primary_key]
    data = snapshot(obj, names)
    if obj.pk is not None:
        for field in obj._meta.many_to_many:
            data[field.name] = sorted(str(related) for related in getattr(obj, field.name).all())
    return data


def _mask(before: dict | None, after: dict | None) -> tuple[dict | None, dict | None]:
    before = dict(before) if before is not None else None
    after = dict(after) if after is not None else None
    for name in SECRET_FIELDS:
        old = before.get(name) if before else None
        new = after.get(name) if after else None
        if before is not None and name in before:
            before[name] = HIDDEN
        if after is not None and name in after:
            after[name] = HIDDEN if (before is not None and old == new) else f"{HIDDEN}, set"
    return before, after


def _fresh(obj: models.Model) -> models.Model | None:
    if obj.pk is None:
        return None
    return type(obj)._default_manager.filter(pk=obj.pk).first()


# The audit event of each kind of change made in the admin.
ADMIN_EVENTS = {
    "added": "core.admin_record.added",
    "changed": "core.admin_record.changed",
    "deleted": "core.admin_record.deleted",
}


def _audit(request, verb: str, obj: models.Model, before=None, after=None) -> None:
    before, after = _mask(before, after)
    audit_record(
        actor=request.user,
        event=ADMIN_EVENTS[verb],
        target=obj,
        before=before,
        after=after,
    )


class AccessibleModelAdmin(admin.ModelAdmin):
    """A model admin without the widgets that fail axe (WCAG 2.2 AA), whose every write is
    in the audit log.

    Django's two-box ``filter_horizontal`` labels a span with ``aria-label`` and its
    ``autocomplete_fields`` (select2) leave the combobox without a name, so many-to-many
    fields are checkboxes and foreign keys plain selects. Subclasses must not set
    ``filter_horizontal`` or ``autocomplete_fields``. (The stylesheet every admin page loads
    is added by core's ``admin/base_site.html``.)

    ``partnership_lookup`` (such as ``"partnership"`` or ``"partnerships"``) scopes the list
    and every page to the partnerships the user manages; records outside it are not found.
    """

    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    partnership_lookup: str | None = None

    # Scoping -----------------------------------------------------------------------------

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        ids = admin_partnership_ids(request)
        if ids is None or self.partnership_lookup is None:
            return queryset
        return queryset.filter(
            pk__in=self.model._default_manager.filter(
                **{f"{self.partnership_lookup}__in": ids}
            ).values("pk")
        )

    # Audit -------------------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        existing = _fresh(obj) if change else None
        request._admin_audit_before = admin_snapshot(existing) if existing else None
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        befores = {}
        for inline_form in formset.initial_forms:
            existing = _fresh(inline_form.instance)
            if existing is not None:
                befores[inline_form.instance.pk] = admin_snapshot(existing)
        for inline_form in formset.deleted_forms:
            instance = inline_form.instance
            if instance.pk is not None:
                _audit(request, "deleted", instance, before=befores.get(instance.pk))
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            _audit(request, "added", obj, after=admin_snapshot(obj))
        for obj, _changed in formset.changed_objects:
            _audit(request, "changed", obj, before=befores.get(obj.pk), after=admin_snapshot(obj))

    def log_addition(self, request, obj, message):
        _audit(request, "added", obj, after=admin_snapshot(_fresh(obj) or obj))
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        before = getattr(request, "_admin_audit_before", None)
        after = admin_snapshot(_fresh(obj) or obj)
        if before != after:
            _audit(request, "changed", obj, before=before, after=after)
        request._admin_audit_before = None
        return super().log_change(request, obj, message)

    def delete_model(self, request, obj):
        _audit(request, "deleted", obj, before=admin_snapshot(obj))
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():  # the "delete selected" action is not in one otherwise
            for obj in queryset:
                _audit(request, "deleted", obj, before=admin_snapshot(obj))
            super().delete_queryset(request, queryset)


class AccessibleInline(admin.StackedInline):
    """Stacked, not tabular: a tabular inline's fields have only a column heading, no label.
    Its rows' additions, changes and deletions are audited by the parent's admin."""

    formfield_overrides = AccessibleModelAdmin.formfield_overrides
