"""The single place that decides who may see a project and everything hanging off it.

A rep sees their own projects and those shared with them; a manager sees the projects of the teams they
lead and the teams below. Everyone else gets 404. Whoever may see a project may also work on it.

The rule itself is `ProjectQuerySet.visible_to` (lists) and `Project.is_visible_to` (one project already
read), written side by side in projects.deals.models. A single object is read by its key with its project
joined, then checked.
"""

from django.http import Http404

from projects.deals.loading import PROJECT_RELATIONS
from projects.deals.models import (
    Activity,
    ChainMember,
    Competitor,
    ControlPoint,
    Engagement,
    InternalSale,
    NegotiationTerm,
    Pain,
    Project,
    ResourcePlanItem,
    TenderItem,
)


def visible_projects(user):
    return Project.objects.visible_to(user)


def checked(user, obj, project: Project | None):
    """`obj` if `project` (the project it hangs off) is visible to `user`; 404 otherwise, or if missing."""
    if obj is None or project is None or not project.is_visible_to(user):
        raise Http404("no such project, or not visible to this user")
    return obj


def project_for(user, project_id: int) -> Project:
    """The project with what its pages and the loader read of it (PROJECT_RELATIONS)."""
    project = Project.objects.select_related(*PROJECT_RELATIONS).filter(pk=project_id).first()
    return checked(user, project, project)


def _hanging_off(user, queryset, path: str = "project", **lookup):
    """A row below a project, read with its project (and what the pages read of it), then checked."""
    related = [path, *(f"{path}__{name}" for name in PROJECT_RELATIONS)]
    obj = queryset.select_related(*related).filter(**lookup).first()
    project = obj
    for part in path.split("__"):
        project = getattr(project, part, None)
    return checked(user, obj, project)


def member_for(user, member_id: int) -> ChainMember:
    return _hanging_off(user, ChainMember.objects.select_related("contact", "owner"), pk=member_id)


def pain_for(user, pain_id: int) -> Pain:
    return _hanging_off(user, Pain.objects.select_related("member__contact"), "member__project", pk=pain_id)


def activity_for(user, activity_id: int) -> Activity:
    return _hanging_off(user, Activity.objects.all(), pk=activity_id)


def engagement_for(user, engagement_id: int) -> Engagement:
    return _hanging_off(user, Engagement.objects.select_related("user"), pk=engagement_id)


def internal_sale_for(user, internal_sale_id: int) -> InternalSale:
    return _hanging_off(user, InternalSale.objects.all(), pk=internal_sale_id)


def control_point_for(user, project_id: int, number: int) -> ControlPoint:
    return _hanging_off(user, ControlPoint.objects.all(), project_id=project_id, number=number)


def resource_item_for(user, resource_item_id: int) -> ResourcePlanItem:
    queryset = ResourcePlanItem.objects.select_related("member__contact")
    return _hanging_off(user, queryset, "member__project", pk=resource_item_id)


def competitor_for(user, competitor_id: int) -> Competitor:
    return _hanging_off(user, Competitor.objects.all(), pk=competitor_id)


def tender_item_for(user, tender_item_id: int) -> TenderItem:
    return _hanging_off(user, TenderItem.objects.all(), pk=tender_item_id)


def term_for(user, term_id: int) -> NegotiationTerm:
    return _hanging_off(user, NegotiationTerm.objects.all(), pk=term_id)
