"""Tasks (待办) on the desk and the project page: tick one done (or back), plan one as an activity."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.models import Contact
from projects.deals.models import ActivityKind
from projects.visits.access import task_for
from projects.visits.schema import parse_date
from projects.visits.tasks import NEED_CUSTOMER_SIDE, PLANNABLE_KINDS, task_done, task_plan
from salescamp.editing import CONFLICT, INVALID, StaleEdit, back_to, parse_id


def task_toggle(request: HttpRequest, task_id: int) -> HttpResponse:
    task = task_for(request.user, task_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])  # after the access check: strangers only ever see 404
    version = parse_id(request.POST.get("version", ""))
    status = 200
    try:
        done = request.POST.get("done") == "1"
        task = task_done(task=task, done=done, expected_version=version, by=request.user)
    except StaleEdit as stale:
        task, status = stale.current, CONFLICT
    if request.htmx:
        context = {
            "task": task,
            "today": timezone.localdate(),
            "stale": status == CONFLICT,
            "show_project": request.POST.get("on_desk") == "1",  # drawn again as the list it sits in
        }
        return render(request, "visits/parts/_task.html", context, status=status)
    if status == CONFLICT:
        messages.error(request, _("Someone changed this task meanwhile; it is shown as it is now."))
    return redirect(back_to(request, reverse("desk")))


@require_http_methods(["GET", "POST"])
def task_to_activity(request: HttpRequest, task_id: int) -> HttpResponse:
    """One tap from the task: the activity is filled from it; the rep picks the customer side and plans."""
    task = task_for(request.user, task_id)
    chain = list(Contact.objects.filter(chain_roles__project=task.project_id).order_by("-level", "name"))
    errors: dict[str, str] = {}
    chosen = {task.contact_id} if task.contact_id else set()
    kind = ActivityKind.VISIT
    day = max(task.due or timezone.localdate(), timezone.localdate())  # an overdue task is planned from today
    if request.method == "POST":
        chosen = {cid for cid in map(parse_id, request.POST.getlist("contacts")) if cid}
        kind = request.POST.get("kind", "")
        parsed = parse_date(request.POST.get("date", ""))
        day = parsed.value or day
        if kind not in dict(PLANNABLE_KINDS):
            errors["kind"] = _("Choose what kind of activity it is.")
        if parsed.error or not parsed.value:
            errors["date"] = parsed.error or _("Enter the date of the activity.")
        if not chosen & {contact.pk for contact in chain}:
            errors["contacts"] = str(NEED_CUSTOMER_SIDE)
        if not errors:
            try:
                picked = [contact for contact in chain if contact.pk in chosen]
                activity = task_plan(task=task, kind=kind, day=day, contacts=picked, by=request.user)
            except ValidationError as refused:
                errors["task"] = " ".join(refused.messages)
            else:
                messages.success(request, _("Planned as an activity: %(text)s") % {"text": task.text})
                page = reverse("project_detail", args=[task.project_id])
                return redirect(f"{page}#activity-{activity.pk}")
    context = {
        "task": task,
        "project": task.project,
        "chain": chain,
        "chosen": chosen,
        "kinds": PLANNABLE_KINDS,
        "kind": kind,
        "day": day,
        "errors": errors,
    }
    return render(request, "visits/task_plan.html", context, status=INVALID if errors else 200)
