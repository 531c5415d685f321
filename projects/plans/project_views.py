from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_htmx.http import reswap, retarget

from accounts.access import account_for
from projects.deals import access, services
from projects.deals.forms import (
    ActivityForm,
    AskFormSet,
    ChainMemberForm,
    ControlPointForm,
    EngagementForm,
    InternalSaleForm,
    PainForm,
    ProjectForm,
    ThresholdsForm,
)
from projects.deals.loading import load_project
from projects.deals.models import Activity, ActivityKind, Project, TeamThresholds
from projects.deals.services import StaleEdit
from projects.plans import presenters
from projects.rules import evaluate
from projects.rules.course import CONTROL_POINTS
from projects.visits.models import VisitStatus
from salescamp.editing import CONFLICT, INVALID, conflict_details
from salescamp.models import Team

PROJECT_BODY = "projects/project_detail.html#project-body"


def project_list(request: HttpRequest) -> HttpResponse:
    projects = (
        access.visible_projects(request.user).select_related("account", "owner").order_by("stage", "-amount")
    )
    return render(request, "projects/project_list.html", {"projects": projects})


@require_http_methods(["GET", "POST"])
def project_create(request: HttpRequest) -> HttpResponse:
    initial = {"owner": request.user, "team": request.user.teams.first()}
    if (account_id := request.GET.get("account", "").strip()) and account_id.isdecimal():
        account = account_for(request.user, int(account_id))
        initial.update(account=account, team=account.team)
    form = ProjectForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_create(
                project=form.instance, by=request.user, shared_with=form.cleaned_data["shared_with"]
            )
        except ValidationError as error:
            form.add_error(None, error)
            return render(request, "projects/project_form.html", {"form": form}, status=INVALID)
        messages.success(request, _("Project “%(name)s” created.") % {"name": project.name})
        return redirect("project_detail", project_id=project.pk)
    status = INVALID if form.errors else 200
    return render(request, "projects/project_form.html", {"form": form}, status=status)


def project_context(project: Project, **extra) -> dict:
    loaded = load_project(project)
    warnings = evaluate(loaded.plan, timezone.localdate())
    cards = presenters.member_cards(loaded, warnings)
    in_chain = {member.contact_id for member in loaded.members}
    return {
        "project": project,
        "loaded": loaded,
        "warnings": warnings,
        "warning_groups": presenters.warnings_by_severity(warnings),
        "section_warnings": {
            section: presenters.warnings_for_section(warnings, section)
            for section in ("chain", "activities", "control_points", "state", "engagement")
        },
        "activity_rows": presenters.activity_rows(loaded, warnings),
        "cards": cards,
        "chain_map": presenters.chain_map(cards),
        "strategy": presenters.strategy_advice(project),
        "observed_signs": presenters.observed_signs(project),
        "control_points": presenters.control_point_rows(loaded, warnings),
        "contacts_not_in_chain": [c for c in project.account.contacts.all() if c.pk not in in_chain],
        "visit_drafts": list(
            project.visit_sheets.filter(status=VisitStatus.DRAFT)
            .select_related("created_by")
            .order_by("-updated_at")
        ),
        "today": timezone.localdate(),
        **extra,
    }


def project_detail(request: HttpRequest, project_id: int) -> HttpResponse:
    project = access.project_for(request.user, project_id)
    return render(request, "projects/project_detail.html", project_context(project))


def _after_save(request, project_id: int, notice: str, anchor: str = "") -> HttpResponse:
    """htmx: redraw the map, the sections and the warnings in place. Without JS: back to the page."""
    if not request.htmx:
        messages.success(request, notice)
        return redirect(reverse("project_detail", args=[project_id]) + (f"#{anchor}" if anchor else ""))
    project = access.project_for(request.user, project_id)
    response = render(
        request,
        PROJECT_BODY,
        project_context(project, notice=notice, anchor=anchor),
    )
    return reswap(retarget(response, "#project-body"), "outerHTML")


def _panel(request, project, *, form, title, action, status=200, conflict=None, template=None, **extra):
    context = {
        "project": project,
        "form": form,
        "title": title,
        "action": action,
        "conflict": conflict,
        **extra,
    }
    template = template or "projects/panel_form.html"
    return render(request, f"{template}#panel" if request.htmx else template, context, status=status)


def _status(form, conflict=None) -> int:
    return CONFLICT if conflict else INVALID if form.errors else 200


@require_http_methods(["GET", "POST"])
def project_edit(request: HttpRequest, project_id: int) -> HttpResponse:
    project = access.project_for(request.user, project_id)
    form = ProjectForm(request.POST or None, instance=project, user=request.user)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.project_update(
                project=form.instance,
                expected_version=form.cleaned_data["version"],
                by=request.user,
                shared_with=form.cleaned_data["shared_with"],
            )
        except StaleEdit as stale:
            conflict = conflict_details(form, stale.current, _("project"))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _after_save(request, project.pk, _("Project saved."), "section-state")
    return _panel(
        request,
        project,
        form=form,
        title=_("Edit project"),
        action=request.path,
        status=_status(form, conflict),
        conflict=conflict,
    )


@require_http_methods(["GET", "POST"])
def member_add(request: HttpRequest, project_id: int) -> HttpResponse:
    project = access.project_for(request.user, project_id)
    initial = {"contact": request.GET.get("contact")} if request.GET.get("contact", "").isdecimal() else {}
    form = ChainMemberForm(request.POST or None, project=project, initial=initial)
    if request.method == "POST" and form.is_valid():
        member = services.member_add(member=form.instance, by=request.user)
        notice = _("%(name)s added to the decision chain.") % {"name": member.contact.name}
        return _after_save(request, project.pk, notice, f"member-{member.contact_id}")
    return _panel(
        request,
        project,
        form=form,
        title=_("Add to the decision chain"),
        action=request.path,
        status=_status(form),
    )


@require_http_methods(["GET", "POST"])
def member_edit(request: HttpRequest, member_id: int) -> HttpResponse:
    member = access.member_for(request.user, member_id)
    project = member.project
    form = ChainMemberForm(request.POST or None, instance=member, project=project)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.member_update(
                member=form.instance, expected_version=form.cleaned_data["version"], by=request.user
            )
        except StaleEdit as stale:
            conflict = conflict_details(form, stale.current, _("decision-chain entry"))
        else:
            notice = _("%(name)s saved.") % {"name": member.contact.name}
            return _after_save(request, project.pk, notice, f"member-{member.contact_id}")
    return _panel(
        request,
        project,
        form=form,
        title=member.contact.name,
        action=request.path,
        status=_status(form, conflict),
        conflict=conflict,
        member=member,
        pain_form=PainForm(),
        visits=_visits_with(member),
        template="projects/member_form.html",
    )


def member_remove(request: HttpRequest, member_id: int) -> HttpResponse:
    member = access.member_for(request.user, member_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])  # after the access check: strangers only ever see 404
    services.member_remove(member=member, by=request.user)
    notice = _("%(name)s removed from the decision chain.") % {"name": member.contact.name}
    return _after_save(request, member.project_id, notice, "section-chain")


def pain_add(request: HttpRequest, member_id: int) -> HttpResponse:
    member = access.member_for(request.user, member_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])  # after the access check: strangers only ever see 404
    form = PainForm(request.POST)
    form.instance.member = member
    if form.is_valid():
        services.pain_add(pain=form.instance, by=request.user)
        notice = _("Pain recorded for %(name)s.") % {"name": member.contact.name}
        return _after_save(request, member.project_id, notice, f"member-{member.contact_id}")
    edit_form = ChainMemberForm(instance=member, project=member.project)
    return _panel(
        request,
        member.project,
        form=edit_form,
        title=member.contact.name,
        action=reverse("member_edit", args=[member.pk]),
        status=INVALID,
        member=member,
        pain_form=form,
        template="projects/member_form.html",
    )


def pain_delete(request: HttpRequest, pain_id: int) -> HttpResponse:
    pain = access.pain_for(request.user, pain_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])  # after the access check: strangers only ever see 404
    member = pain.member
    services.pain_delete(pain=pain, by=request.user)
    return _after_save(request, member.project_id, _("Pain removed."), f"member-{member.contact_id}")


def _activity_form_response(request, project, form, asks, *, title, status=200):
    return _panel(
        request,
        project,
        form=form,
        asks=asks,
        title=title,
        action=request.path,
        status=status,
        template="projects/activity_form.html",
    )


def _save_activity(request, project, form, asks) -> HttpResponse | None:
    if not (form.is_valid() and asks.is_valid()):
        return None
    ask_rows = [
        {"kind": row["kind"], "contact": row["contact"], "text": row["text"]}
        for row in asks.cleaned_data
        if row and not row.get("skip")
    ]
    try:
        activity = services.activity_save(
            activity=form.instance,
            our_people=form.cleaned_data["our_people"],
            contacts=form.cleaned_data["contacts"],
            asks=ask_rows,
            by=request.user,
        )
    except ValidationError as error:
        form.add_error(None, error)
        return None
    notice = _("Activity saved: %(activity)s.") % {"activity": activity}
    return _after_save(request, project.pk, notice, f"activity-{activity.pk}")


@require_http_methods(["GET", "POST"])
def activity_create(request: HttpRequest, project_id: int) -> HttpResponse:
    project = access.project_for(request.user, project_id)
    form = ActivityForm(request.POST or None, project=project, initial={"our_people": [request.user]})
    asks = AskFormSet(request.POST or None, prefix="ask", form_kwargs={"project": project}, initial=[{}, {}])
    if request.method == "POST" and (response := _save_activity(request, project, form, asks)):
        return response
    status = INVALID if request.method == "POST" else 200
    return _activity_form_response(request, project, form, asks, title=_("New activity"), status=status)


@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = access.activity_for(request.user, activity_id)
    project = activity.project
    form = ActivityForm(request.POST or None, instance=activity, project=project)
    initial = [{"kind": a.kind, "contact": a.contact_id, "text": a.text} for a in activity.asks.all()] + [{}]
    asks = AskFormSet(request.POST or None, prefix="ask", form_kwargs={"project": project}, initial=initial)
    if request.method == "POST" and (response := _save_activity(request, project, form, asks)):
        return response
    status = INVALID if request.method == "POST" else 200
    return _activity_form_response(request, project, form, asks, title=str(activity), status=status)


def activity_delete(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = access.activity_for(request.user, activity_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])  # after the access check: strangers only ever see 404
    services.activity_delete(activity=activity, by=request.user)
    return _after_save(request, activity.project_id, _("Activity deleted."), "section-activities")


@require_http_methods(["GET", "POST"])
def control_point_edit(request: HttpRequest, project_id: int, number: int) -> HttpResponse:
    point = access.control_point_for(request.user, project_id, number)
    form = ControlPointForm(request.POST or None, instance=point)
    if request.method == "POST" and form.is_valid():
        services.save(form.instance, by=request.user)
        return _after_save(request, project_id, _("Control point saved."), f"cp-{number}")
    return _panel(
        request,
        point.project,
        form=form,
        title=f"CP{number} {CONTROL_POINTS[number]}",
        action=request.path,
        status=_status(form),
    )


@require_http_methods(["GET", "POST"])
def engagement_add(request: HttpRequest, project_id: int) -> HttpResponse:
    project = access.project_for(request.user, project_id)
    form = EngagementForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        services.save(form.instance, by=request.user)
        return _after_save(
            request,
            project.pk,
            _("%(name)s now takes part.") % {"name": form.instance.user},
            "section-engagement",
        )
    return _panel(
        request,
        project,
        form=form,
        title=_("Draw in one of our people"),
        action=request.path,
        status=_status(form),
    )


def engagement_remove(request: HttpRequest, engagement_id: int) -> HttpResponse:
    engagement = access.engagement_for(request.user, engagement_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])  # after the access check: strangers only ever see 404
    if engagement.user_id == engagement.project.owner_id:
        messages.error(request, _("The project owner always takes part."))
    else:
        engagement.delete()
    return _after_save(request, engagement.project_id, _("Engagement updated."), "section-engagement")


@require_http_methods(["GET", "POST"])
def internal_sale_create(request: HttpRequest, project_id: int) -> HttpResponse:
    project = access.project_for(request.user, project_id)
    form = InternalSaleForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        services.save(form.instance, by=request.user)
        return _after_save(request, project.pk, _("Internal selling step saved."), "section-engagement")
    return _panel(
        request,
        project,
        form=form,
        title=_("Internal selling (内部销售)"),
        action=request.path,
        status=_status(form),
    )


@require_http_methods(["GET", "POST"])
def internal_sale_edit(request: HttpRequest, internal_sale_id: int) -> HttpResponse:
    sale = access.internal_sale_for(request.user, internal_sale_id)
    form = InternalSaleForm(request.POST or None, instance=sale, project=sale.project)
    if request.method == "POST" and form.is_valid():
        services.save(form.instance, by=request.user)
        return _after_save(request, sale.project_id, _("Internal selling step saved."), "section-engagement")
    return _panel(
        request, sale.project, form=form, title=str(sale), action=request.path, status=_status(form)
    )


@require_http_methods(["GET", "POST"])
def team_thresholds(request: HttpRequest, team_id: int) -> HttpResponse:
    """A team leader tunes the warning thresholds of the teams they manage; others get 404."""
    team = get_object_or_404(Team.objects.managed_by(request.user), pk=team_id)
    instance = TeamThresholds.objects.filter(team=team).first() or TeamThresholds(team=team)
    form = ThresholdsForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        services.save(form.instance, by=request.user)
        messages.success(request, _("Thresholds saved for %(team)s.") % {"team": team})
        return redirect("team_thresholds", team_id=team.pk)
    return render(request, "projects/thresholds.html", {"team": team, "form": form}, status=_status(form))


def _visits_with(member):
    """The contact's history of visits in this project, newest first."""
    return (
        Activity.objects.filter(
            project_id=member.project_id, contacts=member.contact_id, kind=ActivityKind.VISIT
        )
        .select_related("visit_sheet")
        .order_by("-date")[:20]
    )
