"""Support staff's view of deals (Django admin): every model, with its history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from projects.deals.models import (
    Activity,
    Ask,
    ChainMember,
    Competitor,
    ControlPoint,
    Engagement,
    InternalSale,
    NegotiationTerm,
    Pain,
    Project,
    RelationshipRequest,
    ResourcePlanItem,
    TeamThresholds,
    TenderItem,
)


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ["name", "account", "owner", "team", "stage", "state", "amount"]
    list_filter = ["stage", "state", "team"]
    search_fields = ["name", "account__name", "owner__username", "owner__display_name"]
    list_select_related = ["account", "owner", "team"]
    autocomplete_fields = ["account", "owner", "team", "shared_with"]


@admin.register(ChainMember)
class ChainMemberAdmin(SimpleHistoryAdmin):
    list_display = ["contact", "project", "stance", "depth", "owner"]
    search_fields = ["contact__name", "project__name"]
    list_select_related = ["contact", "project", "owner"]
    raw_id_fields = ["project", "contact", "owner", "acquaintance_holder"]


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ["date", "kind", "done", "project"]
    list_filter = ["kind", "done"]
    search_fields = ["project__name", "goal", "hook"]
    list_select_related = ["project"]
    raw_id_fields = ["project", "our_people", "contacts"]


class ProjectRowAdmin(SimpleHistoryAdmin):
    """The other rows of a deal: shown with their project, found by it."""

    list_select_related = ["project"]
    search_fields = ["project__name"]
    raw_id_fields = ["project"]


for model in (ControlPoint, InternalSale, Competitor, TenderItem, NegotiationTerm, Engagement):
    admin.site.register(model, ProjectRowAdmin)


@admin.register(Pain, ResourcePlanItem)
class MemberRowAdmin(SimpleHistoryAdmin):
    list_select_related = ["member__contact", "member__project"]
    search_fields = ["member__contact__name", "member__project__name"]
    raw_id_fields = ["member"]


@admin.register(Ask)
class AskAdmin(admin.ModelAdmin):
    list_display = ["text", "kind", "granted", "activity"]
    raw_id_fields = ["activity", "contact"]


@admin.register(RelationshipRequest)
class RelationshipRequestAdmin(admin.ModelAdmin):
    list_display = ["member", "leader", "asked_by", "status", "asked_at", "answered_at"]
    list_filter = ["status"]
    raw_id_fields = ["member", "leader", "asked_by"]


@admin.register(TeamThresholds)
class TeamThresholdsAdmin(SimpleHistoryAdmin):
    list_display = ["team", "parity_gap", "stale_days", "escalate_after_days"]
    list_select_related = ["team"]
