from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_safe

from projects.desks import exports
from projects.desks.filters import parse_team_filters
from projects.desks.rep import rep_desk
from projects.desks.team import team_desk as read_team_desk
from projects.printing import STYLESHEETS, render_pdf


@require_safe
def desk(request: HttpRequest) -> HttpResponse:
    """工作台: the rep's own desk — visits against target, what is due, projects by state, warnings."""
    return render(request, "desks/desk.html", {"desk": rep_desk(request.user, timezone.localdate())})


@require_safe
def team_desk(request: HttpRequest) -> HttpResponse:
    """The manager's desk (团队看板) for one team they lead and the teams below it; 404 to anyone else."""
    today = timezone.localdate()
    filters = parse_team_filters(request.user, request.GET, today)
    context = {"desk": read_team_desk(request.user, filters, today), "filters": filters}
    return render(request, "desks/team_desk.html", context)


EXPORT_TYPES = {
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", exports.write_xlsx),
    "csv": ("text/csv; charset=utf-8", exports.write_csv),
}


@require_safe
def team_desk_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The manager's desk as a spreadsheet or CSV, for the same URL filters: the page's numbers."""
    today = timezone.localdate()
    filters = parse_team_filters(request.user, request.GET, today)
    tables = exports.export_tables(read_team_desk(request.user, filters, today))
    content_type, write = EXPORT_TYPES[fmt]
    response = HttpResponse(write(tables), content_type=content_type)
    filename = f"team-{filters.team.pk}-{filters.date_from:%Y%m%d}-{filters.date_to:%Y%m%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def team_desk_pdf(request: HttpRequest) -> HttpResponse:
    """The manager's view as a one-page team report, through the plan's PDF machinery."""
    today = timezone.localdate()
    filters = parse_team_filters(request.user, request.GET, today)
    context = {
        "desk": read_team_desk(request.user, filters, today),
        "stylesheets": [*STYLESHEETS, "css/team-report.css"],
    }
    html = render_to_string("desks/team_report_pdf.html", context, request=request)
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="team-{filters.team.pk}-{today:%Y%m%d}.pdf"'
    return response
