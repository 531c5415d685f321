from django.shortcuts import get_object_or_404

from projects.access import visible_projects
from projects.models import VisitSheet


def visit_for(user, visit_id: int) -> VisitSheet:
    """Visit sheets follow their project's access rule."""
    return get_object_or_404(
        VisitSheet.objects.select_related(
            "project",
            "project__account",
            "project__owner",
            "project__team",
            "project__team__thresholds",
            "created_by",
        ).filter(project__in=visible_projects(user).values("pk")),
        pk=visit_id,
    )
