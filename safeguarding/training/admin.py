"""Back office for training configuration, read only. Courses, sessions, bookings and member
groups are run from the business unit's training pages, through the services with their
audit events; here operators can look member groups up."""

from django.contrib import admin

from safeguarding.core.admin import AccessibleModelAdmin
from safeguarding.training.models import MemberGroup


@admin.register(MemberGroup)
class MemberGroupAdmin(AccessibleModelAdmin):
    list_display = ["name", "partnership", "discount_percent"]
    list_filter = ["partnership"]
    search_fields = ["name"]
    fields = ["partnership", "name", "discount_percent", "agencies"]
    readonly_fields = fields
    partnership_lookup = "partnership"

    def has_add_permission(self, request) -> bool:
        return False  # added on /manage-training/member-groups/ (with an audit event)

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
