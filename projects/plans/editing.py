"""How every editor of the plan runs (the views are projects.plans.editors).

An editor reads the same way: the access helper (404 to strangers), a form, then `edit()`. GET shows the
form in the page's panel; POST validates and saves through one service call, refused with 409 and both
values side by side when the row changed since the user opened it (salescamp.editing's one concurrency
rule), with 422 and the form in place for bad input; a saved change redraws the page it came from
(`page`: the project page or the plan page). Rows that can go carry their delete in the same form.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from projects.deals.models import Project
from projects.plans.pages import PAGES, page_url, redraw
from salescamp.editing import CONFLICT, INVALID, StaleEdit, conflict_details, parse_id


@dataclass
class Edit:
    """What one editor request is about."""

    project: Project
    form: Form
    title: str
    thing: str  # the row's kind, for the stale-edit message ("decision-chain entry")
    anchor: str  # where the saved row is drawn on the page
    save: Callable[[], Any]  # called once the form is valid: the one service call
    saved: str  # the notice after a save
    delete: Callable[[], Any] | None = None  # called with the version the user started from
    deleted: str = ""
    delete_label: str = ""
    extra_valid: Callable[[], bool] = lambda: True
    context: dict = field(default_factory=dict)


def _page(request) -> str:
    page = request.POST.get("page") or request.GET.get("page")
    return page if page in PAGES else "project"


def edit(request: HttpRequest, e: Edit) -> HttpResponse:
    page = _page(request)
    conflict, status = None, 200
    if request.method == "POST":
        if e.delete is not None and request.POST.get("delete"):
            version = request.POST.get(e.form.add_prefix("version"), "")
            try:
                e.delete(parse_id(version))
            except StaleEdit as stale:
                conflict = conflict_details(e.form, stale.current, e.thing)
            except ValidationError as error:
                e.form.add_error(None, error)
            else:
                return redraw(request, e.project, page, e.deleted, e.anchor)
        elif e.form.is_valid() and e.extra_valid():
            try:
                e.save()
            except StaleEdit as stale:
                conflict = conflict_details(e.form, stale.current, e.thing)
            except ValidationError as error:
                e.form.add_error(None, error)
            else:
                return redraw(request, e.project, page, e.saved, e.anchor)
        status = CONFLICT if conflict else INVALID
    context = {
        "project": e.project,
        "form": e.form,
        "title": e.title,
        "action": request.get_full_path(),
        "page": page,
        "back": page_url(e.project.pk, page),
        "conflict": conflict,
        "can_delete": e.delete is not None,
        "delete_label": e.delete_label or _("Delete"),
        "delete_question": _("Remove this from the plan?"),
        **e.context,
    }
    template = "plans/panel.html"
    return render(request, f"{template}#panel" if request.htmx else template, context, status=status)


def version_of(form) -> int | None:
    return form.cleaned_data.get("version")


def data_of(request):
    return request.POST if request.method == "POST" else None
