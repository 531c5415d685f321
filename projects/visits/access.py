from projects.access import STAMP_FIELDS, checked
from projects.models import VisitSheet


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


def visit_stamp_for(user, visit_id: int) -> VisitSheet:
    """The sheet's and its project's key fields only, checked like visit_for (see project_stamp_for)."""
    sheet = (
        VisitSheet.objects.select_related("project")
        .only("id", "status", "quick", "project_id", *(f"project__{name}" for name in STAMP_FIELDS))
        .filter(pk=visit_id)
        .first()
    )
    return checked(user, sheet, sheet and sheet.project)
