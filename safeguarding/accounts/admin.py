"""The business unit's back office. Only staff accounts reach /admin/."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import Group
from django.contrib.auth.views import redirect_to_login
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
from safeguarding.core.admin import AccessibleInline, AccessibleModelAdmin
from safeguarding.core.audit import audit_record

# Roles are per partnership (RoleAssignment) and checked by rules, not Django's groups and
# model permissions, so the back office does not offer groups to edit.
admin.site.unregister(Group)


class LocalityInline(AccessibleInline):
    model = Locality
    extra = 0


@admin.register(Partnership)
class PartnershipAdmin(AccessibleModelAdmin):
    list_display = ["name", "slug", "area", "brand_colour"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [LocalityInline]


@admin.register(Agency)
class AgencyAdmin(AccessibleModelAdmin):
    list_display = ["name", "type", "sector", "locality", "is_statutory_partner"]
    list_filter = ["type", "sector", "is_statutory_partner", "partnerships", "school_phase"]
    search_fields = ["name"]
    list_select_related = ["locality__partnership"]


class AgencyMembershipInline(AccessibleInline):
    model = AgencyMembership
    extra = 0


class RoleAssignmentInline(AccessibleInline):
    model = RoleAssignment
    extra = 0


@admin.register(User)
class UserAdmin(AccessibleModelAdmin, BaseUserAdmin):
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
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]}),
    ]
    inlines = [AgencyMembershipInline, RoleAssignmentInline]


@admin.register(ApiToken)
class ApiTokenAdmin(AccessibleModelAdmin):
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
class OrganisationSignInAdmin(AccessibleModelAdmin):
    """An organisation's own sign-in service (ADR 0011): people sign in with its accounts."""

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
                event="two_factor.disabled",
                target=obj.user,
                after={"removed": obj.name, "in": "back office"},
            )
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset.select_related("user"):
                audit_record(
                    actor=request.user,
                    event="two_factor.disabled",
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
