"""The single place that decides who may see a project and everything hanging off it.

A rep sees their own projects and those shared with them; a manager sees the projects of the teams they
lead and the teams below. Everyone else gets 404. Whoever may see a project may also work on it.

The rule itself is `ProjectQuerySet.visible_to` (lists) and `Project.is_visible_to` (one project already
read), written side by side in projects.models. A single object is read by its key with what its page
needs joined, then checked: a short query the database plans fast, where the filtered join cost more to
plan than to run.
"""

from django.http import Http404

from projects.deals.models import Activity, ChainMember, ControlPoint, Engagement, InternalSale, Pain, Project


def visible_projects(user):
    return Project.objects.visible_to(user)


def checked(user, obj, project: Project | None):
    """`obj` if `project` (the project it hangs off) is visible to `user`; 404 otherwise, or if missing."""
    if obj is None or project is None or not project.is_visible_to(user):
        raise Http404("no such project, or not visible to this user")
    return obj


def project_for(user, project_id: int) -> Project:
    project = (
        Project.objects.select_related("account", "owner", "team", "team__thresholds")
        .filter(pk=project_id)
        .first()
    )
    return checked(user, project, project)


def _hanging_off(user, queryset, **lookup):
    obj = queryset.select_related("project").filter(**lookup).first()
    return checked(user, obj, obj and obj.project)


def member_for(user, member_id: int) -> ChainMember:
    return _hanging_off(user, ChainMember.objects.select_related("contact"), pk=member_id)


def activity_for(user, activity_id: int) -> Activity:
    return _hanging_off(user, Activity.objects.all(), pk=activity_id)


def engagement_for(user, engagement_id: int) -> Engagement:
    return _hanging_off(user, Engagement.objects.select_related("user"), pk=engagement_id)


def internal_sale_for(user, internal_sale_id: int) -> InternalSale:
    return _hanging_off(user, InternalSale.objects.all(), pk=internal_sale_id)


def control_point_for(user, project_id: int, number: int) -> ControlPoint:
    return _hanging_off(user, ControlPoint.objects.all(), project_id=project_id, number=number)


def pain_for(user, pain_id: int) -> Pain:
    pain = Pain.objects.select_related("member__project").filter(pk=pain_id).first()
    return checked(user, pain, pain and pain.member.project)
