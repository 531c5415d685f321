from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from accounts.models import Account, Contact, ImportBatch


class ContactInline(admin.TabularInline):
    model = Contact
    fk_name = "account"
    extra = 0
    fields = ["name", "title", "department", "level", "function", "personality", "reports_to"]
    show_change_link = True


@admin.register(Account)
class AccountAdmin(SimpleHistoryAdmin):
    list_display = ["name", "industry", "region", "team", "parent"]
    list_filter = ["team", "industry", "region"]
    search_fields = ["name", "contacts__name"]
    list_select_related = ["team", "parent"]
    autocomplete_fields = ["parent"]
    inlines = [ContactInline]


@admin.register(Contact)
class ContactAdmin(SimpleHistoryAdmin):
    list_display = ["name", "title", "account", "level", "function", "personality", "reports_to"]
    list_filter = ["level", "function", "personality", "procurement_group"]
    search_fields = ["name", "title", "account__name"]
    list_select_related = ["account", "reports_to"]
    autocomplete_fields = ["account", "reports_to"]


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    """Uploaded customer lists, to see who imported what; they are changed only by importing."""

    list_display = ["file_name", "team", "created_by", "status", "created_at", "applied_at"]
    list_filter = ["status"]
    list_select_related = ["team", "created_by"]
    readonly_fields = [
        "team",
        "created_by",
        "file_name",
        "headers",
        "mapping",
        "status",
        "summary",
        "applied_at",
    ]
    exclude = ["rows"]

    def has_add_permission(self, request) -> bool:
        return False
