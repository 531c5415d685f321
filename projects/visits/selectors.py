"""Reads of visit sheets for other pages: a project's unfinished sheets, and which activity each came from."""

from projects.deals.models import Project
from projects.visits.models import VisitSheet, VisitStatus


def drafts_of(project: Project) -> list[VisitSheet]:
    return list(
        project.visit_sheets.filter(status=VisitStatus.DRAFT)
        .select_related("created_by")
        .order_by("-updated_at")
    )


def sheets_by_activity(project: Project) -> dict[int, int]:
    """Activity id → the submitted visit sheet it was logged from."""
    return dict(
        VisitSheet.objects.filter(project=project, activity__isnull=False).values_list("activity_id", "id")
    )
