"""The plan as an A4 PDF, drawn by the same section templates as the page (projects.printing lays it out)."""

from django.template.loader import render_to_string
from django.utils import timezone

from projects.plans.snapshot import Version
from projects.plans.view import plan_view
from projects.printing import STYLESHEETS, render_pdf


def plan_html(*, version: Version, submission=None, comments=None) -> str:
    view = plan_view(version.plan, version.warnings, today=version.taken_on, comments=comments)
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
        },
    )


def plan_pdf(*, version: Version, submission=None, comments=None, use_cache: bool = True) -> bytes:
    html = plan_html(version=version, submission=submission, comments=comments)
    return render_pdf(html, stylesheets=tuple(STYLESHEETS), use_cache=use_cache)
