"""Pages of deals themselves: the list of projects, a new project, a team's warning thresholds."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from accounts.access import account_for
from projects.deals import access, services
from projects.deals.forms import ProjectForm, ThresholdsForm
from projects.deals.models import TeamThresholds
from salescamp.editing import CONFLICT, INVALID, StaleEdit, conflict_details, save_checked, valid_id
from salescamp.models import Team


@require_safe
def project_list(request: HttpRequest) -> HttpResponse:
    """The projects a user may see; ?account=<id> narrows them to one account (its page loads that list)."""
    projects = (
        access.visible_projects(request.user).select_related("account", "owner").order_by("stage", "-amount")
    )
    account = None
    if valid_id(account_id := request.GET.get("account", "").strip()):
        account = account_for(request.user, int(account_id))
        projects = projects.filter(account=account)
    context = {"projects": projects, "account": account}
    if request.htmx and account is not None:
        return render(request, "deals/project_list.html#list", context)
    return render(request, "deals/project_list.html", context)


@require_http_methods(["GET", "POST"])
def project_create(request: HttpRequest) -> HttpResponse:
    initial = {"owner": request.user, "team": request.user.teams.first()}
    if valid_id(account_id := request.GET.get("account", "").strip()):
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
        else:
            messages.success(request, _("Project “%(name)s” created.") % {"name": project.name})
            return redirect("project_detail", project_id=project.pk)
    status = INVALID if form.errors else 200
    return render(request, "deals/project_form.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def thresholds_edit(request: HttpRequest, team_id: int) -> HttpResponse:
    """A team leader tunes the warning thresholds of the teams they manage; others get 404."""
    team = get_object_or_404(Team.objects.managed_by(request.user), pk=team_id)
    instance = TeamThresholds.objects.filter(team=team).first() or TeamThresholds(team=team)
    form = ThresholdsForm(request.POST or None, instance=instance)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            save_checked(form.instance, expected_version=form.cleaned_data["version"], by=request.user)
        except StaleEdit as stale:
            conflict = conflict_details(form, stale.current, _("warning thresholds"))
        else:
            messages.success(request, _("Thresholds saved for %(team)s.") % {"team": team})
            return redirect("thresholds_edit", team_id=team.pk)
    status = CONFLICT if conflict else INVALID if form.errors else 200
    context = {"team": team, "form": form, "conflict": conflict}
    return render(request, "deals/thresholds.html", context, status=status)
