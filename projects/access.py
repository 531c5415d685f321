"""The single place that decides who may see a project and everything hanging off it.

A rep sees their own projects and those shared with them; a manager sees the projects of the teams they
lead and the teams below. Everyone else gets 404. Whoever may see a project may also work on it.
"""

from django.shortcuts import get_object_or_404

from .models import Activity, ChainMember, ControlPoint, Engagement, InternalSale, Pain, Project


def visible_projects(user):
    return Project.objects.visible_to(user)


def project_for(user, project_id: int) -> Project:
    return get_object_or_404(
        visible_projects(user).select_related("account", "owner", "team", "team__thresholds"), pk=project_id
    )


def _in_visible_project(queryset, user, pk):
    return get_object_or_404(queryset.filter(project__in=visible_projects(user).values("pk")), pk=pk)


def member_for(user, member_id: int) -> ChainMember:
    return _in_visible_project(ChainMember.objects.select_related("project", "contact"), user, member_id)


def activity_for(user, activity_id: int) -> Activity:
    return _in_visible_project(Activity.objects.select_related("project"), user, activity_id)


def engagement_for(user, engagement_id: int) -> Engagement:
    return _in_visible_project(Engagement.objects.select_related("project", "user"), user, engagement_id)


def internal_sale_for(user, internal_sale_id: int) -> InternalSale:
    return _in_visible_project(InternalSale.objects.select_related("project"), user, internal_sale_id)


def control_point_for(user, project_id: int, number: int) -> ControlPoint:
    return get_object_or_404(
        ControlPoint.objects.select_related("project").filter(
            project__in=visible_projects(user).values("pk")
        ),
        project_id=project_id,
        number=number,
    )


def pain_for(user, pain_id: int) -> Pain:
    return get_object_or_404(
        Pain.objects.select_related("member__project").filter(
            member__project__in=visible_projects(user).values("pk")
        ),
        pk=pain_id,
    )
