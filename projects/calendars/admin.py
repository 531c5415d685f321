"""Support staff see who has a calendar address, never the address itself (only its digest is kept)."""

from django.contrib import admin

from projects.calendars.models import CalendarFeed


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at"]
    fields = ["user", "created_at"]
    readonly_fields = ["user", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False  # made by the person, on their calendar page
