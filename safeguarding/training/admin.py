"""Back office for training configuration. Courses, sessions and bookings are run from the
training pages (through the services, with their audit events); here the business unit
keeps the member groups that get discounts (such as ECVYS members)."""

from django.contrib import admin

from safeguarding.training.models import MemberGroup


@admin.register(MemberGroup)
class MemberGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "partnership", "discount_percent"]
    list_filter = ["partnership"]
    filter_horizontal = ["agencies"]
    search_fields = ["name"]
