from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from accounts.models import Account, Contact


class ContactInline(admin.TabularInline):
    model = Contact
    fk_name = "account"
    extra = 0
    fields = ["name", "title", "level", "function", "personality", "reports_to"]
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
