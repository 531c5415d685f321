from projects.deals.access import checked
from projects.deals.models import Task
from projects.visits.models import VisitSheet


def visit_for(user, visit_id: int) -> VisitSheet:
    """Visit sheets follow their project's access rule."""
    sheet = (
        VisitSheet.objects.select_related(
            "project",
            "project__account",
            "project__owner",
            "project__team",
            "project__team__thresholds",
            "created_by",
        )
        .filter(pk=visit_id)
        .first()
    )
    return checked(user, sheet, sheet and sheet.project)


def task_for(user, task_id: int) -> Task:
    """Tasks follow their project's access rule."""
    task = (
        Task.objects.select_related("project", "project__account", "project__team", "owner", "contact")
        .filter(pk=task_id)
        .first()
    )
    return checked(user, task, task and task.project)
