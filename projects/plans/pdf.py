"""The plan as an A4 PDF, drawn by the same section templates as the page (projects.printing lays it out)."""

from django.template.loader import render_to_string
from django.utils import timezone

from projects.plans.snapshot import Version
from projects.plans.view import LISTS, PDF_SUMMARY, needs_summary, plan_view
from projects.printing import STYLESHEETS, render_pdf


def plan_html(*, version: Version, submission=None, comments=None, full: bool = False) -> str:
    """A very large plan is printed as the manager's summary unless the `full` listing is asked for."""
    summary = not full and needs_summary(version.plan)
    view = plan_view(
        version.plan,
        version.warnings,
        today=version.taken_on,
        comments=comments,
        shorten=frozenset(LISTS) if summary else frozenset(),
        first=PDF_SUMMARY,
    )
    return render_to_string(
        "plans/pdf.html",
        {
            "view": view,
            "project_id": version.plan.project_id,
            "submission": submission,
            "editable": False,
            "pdf": True,
            "page": "pdf",
            "printed_on": timezone.localdate(),
            "summary": summary,
        },
    )


def plan_pdf(
    *, version: Version, submission=None, comments=None, full: bool = False, use_cache: bool = True
) -> bytes:
    html = plan_html(version=version, submission=submission, comments=comments, full=full)
    return render_pdf(html, stylesheets=tuple(STYLESHEETS), use_cache=use_cache)
