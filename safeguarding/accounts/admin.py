"""The business unit's back office. Only staff accounts reach /admin/."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from safeguarding.accounts.models import (
    Agency,
    AgencyMembership,
    ApiToken,
    Locality,
    Partnership,
    RoleAssignment,
    User,
)


class LocalityInline(admin.TabularInline):
    model = Locality
    extra = 0


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "area", "brand_colour"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [LocalityInline]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "sector", "locality", "is_statutory_partner"]
    list_filter = ["type", "sector", "is_statutory_partner", "partnerships", "school_phase"]
    search_fields = ["name"]
    filter_horizontal = ["partnerships"]
    autocomplete_fields = ["parent"]
    list_select_related = ["locality__partnership"]


class AgencyMembershipInline(admin.TabularInline):
    model = AgencyMembership
    extra = 0
    autocomplete_fields = ["agency"]


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["agency"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff", "role_assignments__role"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Details", {"fields": ["full_name", "job_title"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]}),
    ]
    inlines = [AgencyMembershipInline, RoleAssignmentInline]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["user", "prefix", "key_hash", "created_at", "last_used_at"]
    search_fields = ["user__email", "name", "prefix"]

    def has_add_permission(self, request) -> bool:
        return False  # tokens are made on the account page or the command line, shown once
