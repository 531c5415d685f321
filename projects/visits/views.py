import uuid

from django.contrib import messages
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from projects.deals.access import project_for
from projects.deals.loading import load_plan
from projects.printing import STYLESHEETS, render_pdf
from projects.visits.access import visit_for
from projects.visits.diagnosis import diagnose
from projects.visits.display import sheet_parts
from projects.visits.editor import add_person, editor_context
from projects.visits.effects import describe
from projects.visits.forms import VisitTemplateForm
from projects.visits.models import VisitSheet, VisitStatus, VisitTemplate
from projects.visits.prefill import prefilled_sheet
from projects.visits.schema import (
    clean_text,
    differences,
    pick_existing,
    posted_sheet,
    submit_errors,
    untouched,
)
from projects.visits.services import (
    AlreadySubmitted,
    StaleDraft,
    draft_save,
    effects_of,
    sheet_start,
    sheet_submit,
)
from salescamp.editing import CONFLICT, INVALID, StaleEdit, conflict_details, parse_id, save_checked
from salescamp.models import Team, User

MAX_POST_FIELDS = 2000


def _diagnosed(sheet: VisitSheet):
    """The project's plain data, and the diagnosis of the sheet over it."""
    plan = load_plan(sheet.project)
    effects = None if sheet.status == VisitStatus.SUBMITTED else effects_of(sheet, plan)
    return plan, diagnose(sheet, plan, effects)


def _new_sheet(request, project, key: uuid.UUID, quick: bool) -> VisitSheet:
    """A sheet not saved yet: the page draws it, and the first keystroke creates it (nothing before)."""
    plan = load_plan(project)
    previous = project.visit_sheets.filter(discarded_at=None).order_by("-visit_date", "-created_at").first()
    data = prefilled_sheet(plan, previous, timezone.localdate())
    data["our_people"] = [str(request.user.pk)]  # the rep came; one tap adds the leader who came along
    sheet = VisitSheet(project=project, created_by=request.user, client_key=key, quick=quick, data=data)
    sheet.plan = plan
    return sheet


@require_http_methods(["GET", "POST"])
def visit_new(request: HttpRequest, project_id: int) -> HttpResponse:
    """记拜访: the 60-second capture (or the full sheet, ?full=1) for this project, dated today. The sheet
    is created by the first save of something typed; an untouched one leaves no draft."""
    project = project_for(request.user, project_id)
    if request.method == "GET":
        sheet = _new_sheet(request, project, uuid.uuid4(), quick=request.GET.get("full") != "1")
        diagnosis = diagnose(sheet, sheet.plan, effects_of(sheet, sheet.plan))
        context = editor_context(sheet, sheet.plan, diagnosis)
        return render(request, "visits/form.html", {**context, "client_key": sheet.client_key})
    if len(request.POST) > MAX_POST_FIELDS:
        return HttpResponse(status=413)
    try:
        key = uuid.UUID(request.POST.get("client_key", ""))
    except ValueError:
        key = uuid.uuid4()
    wants_json = "application/json" in request.headers.get("Accept", "")
    # A second save with the same key (a double tap, a retried request, the next keystroke) continues it.
    existing = VisitSheet.objects.filter(client_key=key, project=project).first()
    if existing:
        return _autosaved(request, existing) if wants_json else _posted(request, existing)
    mode = request.POST.get("mode", "")
    quick = {"quick": True, "full": False}.get(mode, request.POST.get("quick") != "0")
    start = _new_sheet(request, project, key, quick=quick)
    data = _with_person_added(request, posted_sheet(request.POST, start.data), start.plan)
    if untouched(data, start.data):
        if wants_json:
            return JsonResponse({"untouched": True})
        return redirect(reverse("visit_new", args=[project.pk]) + ("" if quick else "?full=1"))
    try:
        sheet = sheet_start(project=project, key=key, data=data, quick=quick, by=request.user)
    except IntegrityError:  # the same key created meanwhile by a racing request
        sheet = get_object_or_404(VisitSheet, client_key=key, project=project)
        return _autosaved(request, sheet) if wants_json else _posted(request, sheet)
    if wants_json:
        return _saved_json(request, sheet)
    return _after_save(request, sheet, mode)


@require_http_methods(["GET", "POST"])
def visit_edit(request: HttpRequest, visit_id: int) -> HttpResponse:
    sheet = visit_for(request.user, visit_id)
    if sheet.status == VisitStatus.SUBMITTED:
        return redirect("visit_detail", visit_id=sheet.pk)
    if request.method == "GET":
        return render(request, "visits/form.html", editor_context(sheet, *_diagnosed(sheet)))
    if len(request.POST) > MAX_POST_FIELDS:
        return HttpResponse(status=413)
    return _posted(request, sheet)


def _with_person_added(request, data: dict, plan) -> dict:
    """A chip tapped without JavaScript posts the form: the person joins the rows (prefilled)."""
    value = request.POST.get("add_met", "") or request.POST.get("add_met_other", "")
    return add_person(data, value, plan) if value else data


def _posted(request, sheet: VisitSheet) -> HttpResponse:
    """The sheet posted as a form (no JavaScript, or a button): saved, then where the button leads."""
    data = posted_sheet(request.POST, sheet.data)
    if choice := request.POST.get("pick", ""):
        contacts = dict(sheet.project.account.contacts.values_list("id", "name"))
        data = pick_existing(data, choice, contacts)
    if request.POST.get("add_met") or request.POST.get("add_met_other"):
        data = _with_person_added(request, data, load_plan(sheet.project))
    mode = request.POST.get("mode", "")
    try:
        sheet = draft_save(
            sheet_id=sheet.pk,
            data=data,
            expected_version=_int(request.POST.get("version")),
            by=request.user,
            device=clean_text(request.POST.get("device", ""))[:40],
            force=request.POST.get("force") == "1",
            quick={"quick": True, "full": False}.get(mode),
        )
    except AlreadySubmitted:
        return redirect("visit_detail", visit_id=sheet.pk)
    except StaleDraft as stale:
        sheet.data = data  # show what the user typed, beside the news that another copy exists
        conflict = {"saved_by": stale.saved_by, "differences": differences(data, stale.current.data)}
        context = editor_context(sheet, *_diagnosed(sheet), conflict=conflict)
        return render(request, "visits/form.html", context, status=CONFLICT)
    return _after_save(request, sheet, mode)


def _after_save(request, sheet: VisitSheet, mode: str) -> HttpResponse:
    if request.POST.get("action") == "submit":
        return redirect("visit_submit", visit_id=sheet.pk)
    if not (mode or request.POST.get("add_met") or request.POST.get("add_met_other")):
        messages.success(request, _("Draft saved."))
    return redirect("visit_edit", visit_id=sheet.pk)


def _read_context(sheet: VisitSheet) -> dict:
    """The sheet as it reads (its page, its PDF): everything entered, in words."""
    plan, diagnosis = _diagnosed(sheet)
    context = editor_context(sheet, plan, diagnosis)
    ids = {parse_id(i) for i in [*sheet.data.get("our_people", []), *sheet.data.get("our_people_before", [])]}
    ids |= {parse_id(row.get("owner", "")) for row in sheet.data.get("next_steps", [])}
    people = {user.pk: str(user) for user in User.objects.filter(pk__in=ids - {None})}
    context["parts"] = sheet_parts(
        context["data"],
        contacts=dict(context["contact_choices"]),
        people=people,
        questions=context["questions"],
    )
    return context


def visit_autosave(request: HttpRequest, visit_id: int) -> HttpResponse:
    """The editor's background save: JSON back, the diagnosis re-rendered for what was typed."""
    sheet = visit_for(request.user, visit_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if len(request.POST) > MAX_POST_FIELDS:
        return JsonResponse({"error": "too large"}, status=413)
    return _autosaved(request, sheet)


def _autosaved(request, sheet: VisitSheet) -> JsonResponse:
    data = posted_sheet(request.POST, sheet.data)
    try:
        sheet = draft_save(
            sheet_id=sheet.pk,
            data=data,
            expected_version=_int(request.POST.get("version")),
            by=request.user,
            device=clean_text(request.POST.get("device", ""))[:40],
            force=request.POST.get("force") == "1",
        )
    except AlreadySubmitted:
        return JsonResponse(
            {"submitted": True, "url": reverse("visit_detail", args=[sheet.pk])}, status=CONFLICT
        )
    except StaleDraft as stale:
        return JsonResponse(
            {
                "conflict": True,
                "version": stale.current.version,
                "saved_by": stale.saved_by,
                "saved_at": timezone.localtime(stale.current.updated_at).strftime("%H:%M:%S"),
                "differences": differences(data, stale.current.data),
            },
            status=CONFLICT,
        )
    return _saved_json(request, sheet)


def _saved_json(request, sheet: VisitSheet) -> JsonResponse:
    _plan, diagnosis = _diagnosed(sheet)
    diagnosis_html = render_to_string(
        "visits/form.html#diagnosis",
        {"diagnosis": diagnosis, "sheet": sheet},
        request=request,
    )
    return JsonResponse(
        {
            "sheet": sheet.pk,
            "edit_url": reverse("visit_edit", args=[sheet.pk]),
            "autosave_url": reverse("visit_autosave", args=[sheet.pk]),
            "delete_url": reverse("visit_delete", args=[sheet.pk]),
            "version": sheet.version,
            "saved_at": timezone.localtime(sheet.updated_at).strftime("%H:%M:%S"),
            "saved_ms": int(sheet.updated_at.timestamp() * 1000),
            "diagnosis": diagnosis_html,
        }
    )


@require_http_methods(["GET", "POST"])
def visit_submit(request: HttpRequest, visit_id: int) -> HttpResponse:
    sheet = visit_for(request.user, visit_id)
    if sheet.status == VisitStatus.SUBMITTED:
        # A second submit (double tap, back button) lands on the one sheet that was applied.
        return redirect("visit_detail", visit_id=sheet.pk)
    plan = load_plan(sheet.project)
    contacts = {contact.id: contact.name for contact in plan.contacts}
    errors = submit_errors(sheet.data, account_contacts=contacts)
    effects = effects_of(sheet, plan)
    diagnosis = diagnose(sheet, plan, effects)
    if errors:
        context = editor_context(sheet, plan, diagnosis, errors=errors)
        return render(request, "visits/form.html", context, status=INVALID)
    if request.method == "GET":
        return render(
            request,
            "visits/submit.html",
            {
                "sheet": sheet,
                "project": sheet.project,
                "lines": describe(effects, plan),
                "diagnosis": diagnosis,
            },
        )
    if _int(request.POST.get("version")) not in (None, sheet.version):
        messages.error(
            request, _("The sheet changed on another device since you reviewed it; review it again.")
        )
        return redirect("visit_submit", visit_id=sheet.pk)
    sheet = sheet_submit(sheet_id=sheet.pk, by=request.user)
    messages.success(request, _("Visit submitted: the decision chain, pains and next steps are updated."))
    anchor = f"#activity-{sheet.activity_id}" if sheet.activity_id else ""
    return redirect(reverse("project_detail", args=[sheet.project_id]) + anchor)


def visit_detail(request: HttpRequest, visit_id: int) -> HttpResponse:
    return render(request, "visits/detail.html", _read_context(visit_for(request.user, visit_id)))


def visit_pdf(request: HttpRequest, visit_id: int) -> HttpResponse:
    """The sheet on A4, through the same PDF machinery as the plan."""
    sheet = visit_for(request.user, visit_id)
    context = _read_context(sheet)
    context["stylesheets"] = [*STYLESHEETS, "css/visit-print.css"]
    html = render_to_string("visits/pdf.html", context, request=request)
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="visit-{sheet.pk}.pdf"'
    return response


@require_http_methods(["GET", "POST"])
def visit_template_edit(request: HttpRequest, team_id: int) -> HttpResponse:
    """A team leader shapes the team's sheet per customer type; others get 404."""
    team = get_object_or_404(Team.objects.managed_by(request.user), pk=team_id)
    editing = None
    if request.GET.get("type") is not None or request.POST.get("customer_type") is not None:
        customer_type = (request.POST.get("customer_type") or request.GET.get("type") or "").strip()[:60]
        # PostgreSQL refuses NUL in text, even in a lookup (a 500 found by tests/test_hostile_input.py).
        customer_type = customer_type.replace("\x00", "")
        editing = VisitTemplate.objects.filter(team=team, customer_type=customer_type).first()
    form = VisitTemplateForm(request.POST or None, instance=editing or VisitTemplate(team=team))
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            save_checked(form.instance, expected_version=form.cleaned_data["version"], by=request.user)
        except StaleEdit as stale:
            conflict = conflict_details(form, stale.current, _("visit sheet template"))
        else:
            messages.success(request, _("Visit sheet template saved."))
            return redirect("visit_template_edit", team_id=team.pk)
    status = CONFLICT if conflict else INVALID if form.errors else 200
    templates = VisitTemplate.objects.filter(team=team).order_by("customer_type")
    context = {"team": team, "form": form, "templates": templates, "conflict": conflict}
    return render(request, "visits/templates.html", context, status=status)


def _int(value) -> int | None:
    return parse_id(value) if value not in (None, "") else None
