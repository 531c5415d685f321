from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_safe

from projects import desks
from projects.access import visible_projects
from projects.models import Project
from projects.pdf import STYLESHEETS, render_pdf

from . import page_cache


@require_safe
def desk(request: HttpRequest) -> HttpResponse:
    """工作台: the rep's own desk — visits against target, what is due, projects by state, warnings."""
    user, today = request.user, timezone.localdate()
    stamp = (
        page_cache.set_stamp(visible_projects(user)),
        user.revision,  # visits this week can be on projects the user does not see
        user.weekly_visit_target,
        user.leads_a_team,
    )
    body = page_cache.fragment(
        request,
        "rep-desk",
        stamp,
        lambda: render_to_string("salescamp/desk.html#desk", {"desk": desks.rep_desk(user, today)}, request),
    )
    return render(request, "salescamp/desk.html", {"body": body})


@require_safe
def team_desk(request: HttpRequest) -> HttpResponse:
    """The manager's desk (团队看板) for one team they lead and the teams below it; 404 to anyone else."""
    today = timezone.localdate()
    filters = desks.parse_team_filters(request.user, request.GET, today)
    scope = Project.objects.filter(team_id__in=filters.scope_ids)
    body = page_cache.fragment(
        request,
        "team-desk",
        (page_cache.set_stamp(scope), tuple(filters.scope_ids), sorted(request.GET.lists())),
        lambda: render_to_string(
            "salescamp/team_desk.html#team-desk",
            {"desk": desks.team_desk(request.user, filters, today)},
            request,
        ),
    )
    return render(request, "salescamp/team_desk.html", {"body": body, "filters": filters})


EXPORT_TYPES = {
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", desks.write_xlsx),
    "csv": ("text/csv; charset=utf-8", desks.write_csv),
}


@require_safe
def team_desk_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The manager's desk as a spreadsheet or CSV, for the same URL filters: the page's numbers."""
    today = timezone.localdate()
    filters = desks.parse_team_filters(request.user, request.GET, today)
    tables = desks.export_tables(desks.team_desk(request.user, filters, today))
    content_type, write = EXPORT_TYPES[fmt]
    response = HttpResponse(write(tables), content_type=content_type)
    filename = f"team-{filters.team.pk}-{filters.date_from:%Y%m%d}-{filters.date_to:%Y%m%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def team_desk_pdf(request: HttpRequest) -> HttpResponse:
    """The manager's view as a one-page team report, through the plan's PDF machinery."""
    today = timezone.localdate()
    filters = desks.parse_team_filters(request.user, request.GET, today)
    context = {
        "desk": desks.team_desk(request.user, filters, today),
        "stylesheets": [*STYLESHEETS, "css/team-report.css"],
    }
    html = render_to_string("salescamp/team_report_pdf.html", context, request=request)
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="team-{filters.team.pk}-{today:%Y%m%d}.pdf"'
    return response


@login_not_required
def ping(request: HttpRequest) -> HttpResponse:
    """A bare view: the benchmark's yardstick and a health check for load balancers."""
    return HttpResponse("pong", content_type="text/plain")
