"""Support staff's view of notifications: what was recorded, what was delivered, what is stuck."""

from django.contrib import admin

from projects.notices.models import Delivery, Notice, NoticePreference, TeamRobot


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ["recipient", "kind", "created_at", "read_at"]
    list_filter = ["kind"]
    list_select_related = ["recipient"]
    raw_id_fields = ["recipient", "project"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """Pending and given-up deliveries are here for an administrator to see; nothing is lost."""

    list_display = ["notice", "channel", "status", "attempts", "due_at", "last_error"]
    list_filter = ["status", "channel"]
    list_select_related = ["notice__recipient"]
    raw_id_fields = ["notice", "robot"]


@admin.register(NoticePreference)
class NoticePreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "quiet_from", "quiet_until"]
    raw_id_fields = ["user"]


@admin.register(TeamRobot)
class TeamRobotAdmin(admin.ModelAdmin):
    """The address and the secret stay write-only here too."""

    list_display = ["team", "name", "kind", "created_at"]
    fields = ["team", "name", "kind"]
    readonly_fields = ["team", "kind"]

    def has_add_permission(self, request) -> bool:
        return False  # added by the team's leader, on the team's robot page
