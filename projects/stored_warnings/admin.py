"""Support staff's view of the stored warnings (Django admin): read only, since the engine writes them."""

from django.contrib import admin

from projects.stored_warnings.models import CurrentWarning, WarningsEvaluation


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(CurrentWarning)
class CurrentWarningAdmin(ReadOnly):
    list_display = ["project", "code", "severity", "subject_kind", "subject_id", "owner", "evaluated_on"]
    list_filter = ["severity", "code", "evaluated_on"]
    search_fields = ["project__name"]
    list_select_related = ["project", "owner"]


@admin.register(WarningsEvaluation)
class WarningsEvaluationAdmin(ReadOnly):
    list_display = ["project", "evaluated_on", "evaluated_at"]
    list_filter = ["evaluated_on"]
    list_select_related = ["project"]
