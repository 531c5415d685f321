from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.models import Account

from .models import Team


def desk(request: HttpRequest) -> HttpResponse:
    """工作台: a skeleton for now; projects, visits and reviews fill it as they land."""
    user = request.user
    teams = list(user.teams.select_related("leader", "parent"))
    managed = list(Team.objects.managed_by(user).select_related("leader"))
    recent_accounts = list(
        Account.objects.visible_to(user).select_related("team").order_by("-updated_at")[:8]
    )
    return render(
        request,
        "salescamp/desk.html",
        {"teams": teams, "managed_teams": managed, "recent_accounts": recent_accounts},
    )


@login_not_required
def ping(request: HttpRequest) -> HttpResponse:
    """A bare view: the benchmark's yardstick and a health check for load balancers."""
    return HttpResponse("pong", content_type="text/plain")
