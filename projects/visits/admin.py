"""Support staff's view of visit sheets and the teams' templates (Django admin)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from projects.deals.models import Task
from projects.visits.models import VisitSheet, VisitTemplate


@admin.register(VisitSheet)
class VisitSheetAdmin(SimpleHistoryAdmin):
    list_display = ["project", "visit_date", "status", "quick", "created_by", "updated_at"]
    list_filter = ["status", "quick"]
    search_fields = ["project__name"]
    list_select_related = ["project", "created_by"]
    raw_id_fields = ["project", "created_by", "activity", "recorded"]


@admin.register(VisitTemplate)
class VisitTemplateAdmin(SimpleHistoryAdmin):
    list_display = ["team", "customer_type"]
    list_select_related = ["team"]


@admin.register(Task)
class TaskAdmin(SimpleHistoryAdmin):
    list_display = ["text", "project", "owner", "due", "done"]
    list_filter = ["done"]
    search_fields = ["text", "project__name"]
    list_select_related = ["project", "owner"]
    raw_id_fields = ["project", "owner", "contact", "visit", "activity"]
