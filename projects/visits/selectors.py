"""Reads of visit sheets and tasks for other pages: a project's unfinished sheets, its open tasks, and which
activity each sheet logged."""

from projects.deals.models import Project, Task
from projects.visits.models import VisitSheet, VisitStatus


def drafts_of(project: Project) -> list[VisitSheet]:
    return list(
        project.visit_sheets.filter(status=VisitStatus.DRAFT, discarded_at=None)
        .select_related("created_by")
        .order_by("-updated_at")
    )


def sheets_by_activity(project: Project) -> dict[int, int]:
    """Activity id → the submitted visit sheet it was logged from."""
    return dict(
        VisitSheet.objects.filter(project=project, activity__isnull=False).values_list("activity_id", "id")
    )


def open_tasks(project: Project) -> list[Task]:
    """The project's tasks not yet done, soonest first (every owner's: the team sees who does what)."""
    return list(project.tasks.filter(done=False).select_related("owner", "contact").order_by("due", "pk"))
