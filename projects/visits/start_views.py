"""Starting and dropping visit sheets: 记拜访 from anywhere (a picker of the rep's recent projects), and a
draft deleted with undo."""

from django.contrib import messages
from django.db.models import Max, Q
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from projects.deals.models import Project, Stage
from projects.visits.access import visit_for
from projects.visits.services import AlreadySubmitted, draft_discard, draft_restore
from salescamp.editing import back_to

RECENT = 5  # the projects offered first: those the rep worked on last
CLOSED = (Stage.WON, Stage.LOST)


def recent_projects(user) -> list[Project]:
    """My open projects (mine and shared with me), the ones with the latest visit or sheet first."""
    return list(
        Project.objects.visible_to(user)
        .filter(Q(owner=user) | Q(shared_with=user))
        .exclude(stage__in=CLOSED)
        .annotate(last_visit=Max("activities__date"), last_sheet=Max("visit_sheets__updated_at"))
        .select_related("account")
        .order_by("-last_sheet", "-last_visit", "name")
        .distinct()
    )


@require_safe
def visit_pick(request: HttpRequest) -> HttpResponse:
    """Which project was the call for? One tap opens its 60-second capture."""
    projects = recent_projects(request.user)
    if len(projects) == 1:
        return redirect("visit_new", project_id=projects[0].pk)
    return render(request, "visits/pick.html", {"recent": projects[:RECENT], "more": projects[RECENT:]})


def visit_delete(request: HttpRequest, visit_id: int) -> HttpResponse:
    sheet = visit_for(request.user, visit_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])  # after the access check: strangers only ever see 404
    try:
        draft_discard(sheet=sheet, by=request.user)
    except AlreadySubmitted:
        messages.error(request, _("A submitted sheet is part of the project's record and cannot be deleted."))
        return redirect("visit_detail", visit_id=sheet.pk)
    back = back_to(request, reverse("desk"))
    undo = format_html(
        '{} <form method="post" action="{}" class="inline undo">'
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
        '<input type="hidden" name="next" value="{}">'
        '<button type="submit" class="text-button">{}</button></form>',
        _("Draft deleted."),
        reverse("visit_restore", args=[sheet.pk]),
        get_token(request),
        back,
        _("Undo"),
    )
    messages.success(request, undo)
    return redirect(back)


def visit_restore(request: HttpRequest, visit_id: int) -> HttpResponse:
    sheet = visit_for(request.user, visit_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    draft_restore(sheet=sheet, by=request.user)
    messages.success(request, _("Draft restored."))
    return redirect("visit_edit", visit_id=sheet.pk)
