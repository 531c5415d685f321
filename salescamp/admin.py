from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from salescamp.models import Membership, Team, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "display_name", "rank", "weekly_visit_target", "is_staff", "is_active"]
    list_filter = ["rank", "is_staff", "is_active"]
    search_fields = ["username", "display_name", "first_name", "last_name", "email"]
    fieldsets = [
        *BaseUserAdmin.fieldsets,
        (_("Sales"), {"fields": ["display_name", "rank", "weekly_visit_target"]}),
    ]
    add_fieldsets = [
        *BaseUserAdmin.add_fieldsets,
        (_("Sales"), {"fields": ["display_name", "rank", "weekly_visit_target"]}),
    ]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "leader", "parent"]
    search_fields = ["name"]
    list_select_related = ["leader", "parent"]
    autocomplete_fields = ["leader", "parent"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "team", "joined_on"]
    list_select_related = ["user", "team"]
    autocomplete_fields = ["user", "team"]
