"""The business unit's back office. Only staff accounts reach /admin/.

A business unit's staff manage only their own partnerships' people and records: lists,
pages and choices are scoped (another partnership's record is not found), only a superuser
grants superuser or staff status or creates partnerships, and every write is audited
(``core.admin``).
"""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import AdminUserCreationForm
from django.contrib.auth.models import Group
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from safeguarding.accounts.models import (
    Agency,
    AgencyMembership,
    ApiToken,
    Locality,
    OrganisationSignIn,
    Partnership,
    RoleAssignment,
    User,
)
from safeguarding.accounts.services import api_token_revoke
from safeguarding.core.admin import (
    AccessibleInline,
    AccessibleModelAdmin,
    admin_partnership_ids,
    admin_snapshot,
)
from safeguarding.core.audit import audit_record
from safeguarding.core.roles import Role

# Roles are per partnership (RoleAssignment) and checked by rules, not Django's groups and
# model permissions, so the back office does not offer groups to edit.
admin.site.unregister(Group)


def _scoped_choices(db_field, request, kwargs: dict) -> dict:
    """Limit a choice of partnership, locality, agency or person to those the user manages."""
    ids = admin_partnership_ids(request)
    if ids is None:
        return kwargs
    model = db_field.related_model
    if model is Partnership:
        kwargs["queryset"] = Partnership.objects.filter(pk__in=ids)
    elif model is Locality:
        kwargs["queryset"] = Locality.objects.filter(partnership__in=ids)
    elif model is Agency:
        kwargs["queryset"] = Agency.objects.filter(
            pk__in=Agency.objects.filter(partnerships__in=ids).values("pk")
        )
    elif model is User:
        kwargs["queryset"] = _managed_people(User.objects.all(), ids)
    return kwargs


def _managed_people(queryset, ids: set[int]):
    """People holding a role in the given partnerships; never a superuser."""
    return queryset.filter(
        pk__in=RoleAssignment.objects.filter(partnership__in=ids).values("user")
    ).exclude(is_superuser=True)


class ScopedChoicesMixin:
    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return super().formfield_for_foreignkey(
            db_field, request, **_scoped_choices(db_field, request, kwargs)
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return super().formfield_for_manytomany(
            db_field, request, **_scoped_choices(db_field, request, kwargs)
        )


class LocalityInline(AccessibleInline):
    model = Locality
    extra = 0


@admin.register(Partnership)
class PartnershipAdmin(ScopedChoicesMixin, AccessibleModelAdmin):
    list_display = ["name", "slug", "area", "brand_colour"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [LocalityInline]
    partnership_lookup = "pk"

    def has_add_permission(self, request) -> bool:
        return request.user.is_superuser  # a new partnership has no business unit yet


@admin.register(Agency)
class AgencyAdmin(ScopedChoicesMixin, AccessibleModelAdmin):
    list_display = ["name", "type", "sector", "locality", "is_statutory_partner"]
    list_filter = ["type", "sector", "is_statutory_partner", "partnerships", "school_phase"]
    search_fields = ["name"]
    list_select_related = ["locality__partnership"]
    partnership_lookup = "partnerships"

    def save_related(self, request, form, formsets, change):
        """The form offers only the user's partnerships: keep the agency in the others."""
        ids = admin_partnership_ids(request)
        kept = []
        if change and ids is not None:
            kept = list(
                Agency.partnerships.through.objects.filter(agency=form.instance)
                .exclude(partnership__in=ids)
                .values_list("partnership_id", flat=True)
            )
        super().save_related(request, form, formsets, change)
        if kept:
            form.instance.partnerships.add(*kept)


class AgencyMembershipInline(ScopedChoicesMixin, AccessibleInline):
    model = AgencyMembership
    extra = 0

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        ids = admin_partnership_ids(request)
        if ids is None:
            return queryset
        return queryset.filter(agency__in=Agency.objects.filter(partnerships__in=ids).values("pk"))


class RoleAssignmentInline(ScopedChoicesMixin, AccessibleInline):
    model = RoleAssignment
    extra = 0

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        ids = admin_partnership_ids(request)
        return queryset if ids is None else queryset.filter(partnership__in=ids)


class PersonAddForm(AdminUserCreationForm):
    """A business unit adds a person with a role in one of its partnerships (otherwise the
    new account would belong to no partnership they manage)."""

    partnership_ids = None  # set per request by UserAdmin.get_form
    partnership = forms.ModelChoiceField(
        queryset=Partnership.objects.all(),
        required=False,
        help_text="The partnership the person works in",
    )
    role = forms.ChoiceField(choices=[("", "---------"), *Role.choices], required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.partnership_ids is not None:
            self.fields["partnership"].queryset = Partnership.objects.filter(
                pk__in=self.partnership_ids
            )
            self.fields["partnership"].required = True
            self.fields["role"].required = True

    def clean(self):
        cleaned = super().clean() or self.cleaned_data
        if bool(cleaned.get("partnership")) != bool(cleaned.get("role")):
            raise forms.ValidationError("Choose both a partnership and a role, or neither.")
        return cleaned


@admin.register(User)
class UserAdmin(ScopedChoicesMixin, AccessibleModelAdmin, BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff", "role_assignments__role"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Details", {"fields": ["full_name", "job_title"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    readonly_fields = ["last_login", "date_joined"]  # set by the system, never typed
    filter_horizontal = []
    add_form = PersonAddForm
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]}),
        ("Role", {"fields": ["partnership", "role"]}),
    ]
    inlines = [AgencyMembershipInline, RoleAssignmentInline]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        ids = admin_partnership_ids(request)
        return queryset if ids is None else _managed_people(queryset, ids)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += ["is_staff", "is_superuser"]  # only a superuser grants these
        return fields

    def has_change_permission(self, request, obj=None) -> bool:
        """Someone who also holds a role in a partnership the user does not manage is only
        shown, not changed: their password or address would open that partnership too."""
        if not super().has_change_permission(request, obj):
            return False
        ids = admin_partnership_ids(request)
        if obj is None or ids is None:
            return True
        elsewhere = obj.role_assignments.exclude(partnership__in=ids).exists()
        return not elsewhere and not obj.is_superuser

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser and super().has_delete_permission(request, obj)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is None:
            form = type(form.__name__, (form,), {"partnership_ids": admin_partnership_ids(request)})
        return form

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            previous = User.objects.filter(pk=obj.pk).first() if change else None
            obj.is_superuser = previous.is_superuser if previous else False
            obj.is_staff = previous.is_staff if previous else False
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        partnership = form.cleaned_data.get("partnership") if not change else None
        if partnership is not None:
            RoleAssignment.objects.get_or_create(
                user=form.instance, partnership=partnership, role=form.cleaned_data["role"]
            )

    def user_change_password(self, request, id, form_url=""):
        with transaction.atomic():
            user = self.get_object(request, id)
            if user is not None and not self.has_change_permission(request, user):
                raise PermissionDenied
            request._admin_audit_before = admin_snapshot(user) if user else None
            return super().user_change_password(request, id, form_url)


@admin.register(ApiToken)
class ApiTokenAdmin(AccessibleModelAdmin):
    partnership_lookup = "user__role_assignments__partnership"

    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    fields = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = fields  # revoked through the action below, which writes the audit log
    search_fields = ["user__email", "name", "prefix"]
    actions = ["revoke"]

    def has_add_permission(self, request) -> bool:
        return False  # tokens are made on the account page or the command line, shown once

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request, queryset) -> None:
        revoked = 0
        for token in queryset.filter(revoked_at__isnull=True):
            api_token_revoke(actor=request.user, token=token)
            revoked += 1
        self.message_user(request, f"{revoked} token(s) revoked. They no longer work.")


class OrganisationSignInForm(forms.ModelForm):
    discovery_url = forms.URLField(
        label="Discovery address",
        max_length=500,
        assume_scheme="https",
        help_text=OrganisationSignIn._meta.get_field("discovery_url").help_text,
    )
    client_secret = forms.CharField(
        label="Client secret",
        required=False,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text="Stored encrypted and never shown. Leave blank to keep the current secret.",
    )

    class Meta:
        model = OrganisationSignIn
        fields = [
            "partnership",
            "name",
            "discovery_url",
            "client_id",
            "email_domains",
            "trusted_tenant_id",
            "is_enabled",
        ]

    def save(self, commit=True):
        if self.cleaned_data.get("client_secret"):
            self.instance.client_secret = self.cleaned_data["client_secret"]
        return super().save(commit=commit)


@admin.register(OrganisationSignIn)
class OrganisationSignInAdmin(ScopedChoicesMixin, AccessibleModelAdmin):
    """An organisation's own sign-in service (ADR 0011): people sign in with its accounts."""

    partnership_lookup = "partnership"
    form = OrganisationSignInForm
    list_display = ["name", "partnership", "email_domains", "is_enabled"]
    list_filter = ["partnership", "is_enabled"]


# Two-factor devices (ADR 0011): the back office can see and delete a person's app or
# recovery codes (for a lost phone) but not make or read them. django-otp's own admin pages
# show secrets and fields without labels, so they are replaced.
for _device_model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_device_model):
        admin.site.unregister(_device_model)


class DeviceAdmin(AccessibleModelAdmin):
    partnership_lookup = "user__role_assignments__partnership"
    list_display = ["user", "name", "confirmed", "created_at", "last_used_at"]
    list_filter = ["confirmed"]
    search_fields = ["user__email", "user__full_name"]
    fields = ["user", "name", "confirmed", "created_at", "last_used_at"]
    readonly_fields = ["user", "name", "confirmed", "created_at", "last_used_at"]
    list_select_related = ["user"]

    def has_add_permission(self, request):
        return False

    def delete_model(self, request, obj):
        with transaction.atomic():
            audit_record(
                actor=request.user,
                event="accounts.two_factor.disabled",
                target=obj.user,
                after={"removed": obj.name, "in": "back office"},
            )
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset.select_related("user"):
                audit_record(
                    actor=request.user,
                    event="accounts.two_factor.disabled",
                    target=obj.user,
                    after={"removed": obj.name, "in": "back office"},
                )
            super().delete_queryset(request, queryset)


admin.site.register(TOTPDevice, DeviceAdmin)
admin.site.register(StaticDevice, DeviceAdmin)


@login_not_required
def _sign_in_on_the_site(request, extra_context=None):
    """The back office's own sign-in form would skip the second step (ADR 0011): people sign
    in on the site's sign-in page, then come back."""
    if request.user.is_authenticated:
        # Signed in but not staff: the back office is not for them.
        return redirect(settings.LOGIN_REDIRECT_URL)
    return redirect_to_login(
        request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index"),
        login_url=reverse("accounts:sign-in"),
    )


admin.site.login = _sign_in_on_the_site
