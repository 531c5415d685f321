"""The plan as an A4 PDF, drawn by the same section templates as the page (projects.printing lays it out)."""

from django.template.loader import render_to_string
from django.utils import timezone

from projects.plans.plan import plan_view
from projects.printing import STYLESHEETS, render_pdf


def _anchor_warnings(warnings: list[dict]) -> None:
    """Give the warnings the chain cards link to (a contact's, but parity, which the card shows itself) the
    id of their entry in the PDF's list, unique in the document; the others get none. An id is not free in
    WeasyPrint: it becomes a PDF anchor (a repeated one is dropped with a warning), and the element and all
    it contains then get styles of their own instead of sharing their siblings'."""
    taken: set[str] = set()
    for warning in warnings:
        subject = warning["subject"]
        if subject["kind"] != "contact" or warning["code"] == "PARITY_GAP":
            warning["anchor"] = ""
            continue
        anchor = base = f"w-{warning['code']}-{subject['kind']}-{subject['id']}"
        number = 1
        while anchor in taken:
            number += 1
            anchor = f"{base}-{number}"
        taken.add(anchor)
        warning["anchor"] = anchor


def plan_html(*, project, snapshot: dict, submission=None, comments=None) -> str:
    # The warnings are copied: anchors are added for the PDF, and the caller's snapshot stays as it was.
    snapshot = {**snapshot, "warnings": [dict(warning) for warning in snapshot["warnings"]]}
    plan = plan_view(snapshot, comments)
    _anchor_warnings(plan["warnings"])
    return render_to_string(
        "projects/plan_pdf.html",
        {
            "project": project,
            "plan": plan,
            "submission": submission,
            "editable": False,
            "readonly": True,
            "pdf": True,
            "printed_on": timezone.localdate(),
        },
    )


def plan_pdf(*, project, snapshot: dict, submission=None, comments=None, use_cache: bool = True) -> bytes:
    html = plan_html(project=project, snapshot=snapshot, submission=submission, comments=comments)
    return render_pdf(html, stylesheets=tuple(STYLESHEETS), use_cache=use_cache)
