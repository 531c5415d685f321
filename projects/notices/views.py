"""The bell: a person's notices, read and opened; their notification settings; a team's group robots."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from projects.notices.forms import PreferenceForm, RobotForm
from projects.notices.models import Notice, NoticePreference, TeamRobot
from projects.rules.base import Text
from salescamp.editing import INVALID, parse_id
from salescamp.models import Team


def unread_count(user) -> int:
    return Notice.objects.filter(recipient=user, read_at=None).count()


@require_safe
def notice_count(request: HttpRequest) -> HttpResponse:
    """The bell's badge, fetched after the page has drawn (htmx): no page waits for it."""
    return render(request, "notices/_count.html", {"count": unread_count(request.user)})


@require_safe
def notice_list(request: HttpRequest) -> HttpResponse:
    notices = Notice.objects.filter(recipient=request.user).select_related("project")
    page = Paginator(notices, 30).get_page(request.GET.get("page"))
    for notice in page.object_list:
        notice.text = Text.from_data(notice.message)
    return render(request, "notices/list.html", {"page": page, "unread": unread_count(request.user)})


def notice_open(request: HttpRequest, notice_id: int) -> HttpResponse:
    """Opening a notice marks it read and goes to its object (a POST: a GET never writes). Someone else's
    notice is 404 whatever the method, as every object of ours is to strangers."""
    notice = get_object_or_404(Notice, pk=notice_id, recipient=request.user)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if notice.read_at is None:
        Notice.objects.filter(pk=notice.pk).update(read_at=timezone.now())
    if not url_has_allowed_host_and_scheme(notice.link, allowed_hosts=None):
        return redirect("notice_list")
    return redirect(notice.link)


@require_POST
def notices_read(request: HttpRequest) -> HttpResponse:
    Notice.objects.filter(recipient=request.user, read_at=None).update(read_at=timezone.now())
    return redirect("notice_list")


@require_http_methods(["GET", "POST"])
def notice_settings(request: HttpRequest) -> HttpResponse:
    preference = NoticePreference.objects.filter(user=request.user).first() or NoticePreference(
        user=request.user
    )
    form = PreferenceForm(request.POST or None, instance=preference, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Notification settings saved."))
            return redirect("notice_settings")
        return render(request, "notices/settings.html", {"form": form}, status=INVALID)
    return render(request, "notices/settings.html", {"form": form})


def _led_team(user, team_id: int) -> Team:
    team = get_object_or_404(Team, pk=team_id)
    if not team.is_managed_by(user):
        raise Http404("not a team this user manages")
    return team


@require_http_methods(["GET", "POST"])
def team_robots(request: HttpRequest, team_id: int) -> HttpResponse:
    """A team leader's group robots (群机器人): add one, remove one. Addresses and secrets are never shown."""
    team = _led_team(request.user, team_id)
    form = RobotForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if remove := request.POST.get("remove"):
            TeamRobot.objects.filter(team=team, pk=parse_id(remove)).delete()
            messages.success(request, _("Robot removed."))
            return redirect("team_robots", team_id=team.pk)
        if form.is_valid():
            robot = form.save(commit=False)
            robot.team = team
            robot.save()
            messages.success(request, _("Robot added."))
            return redirect("team_robots", team_id=team.pk)
        status = INVALID
    robots = TeamRobot.objects.filter(team=team).order_by("name").only("id", "name", "kind", "created_at")
    return render(
        request, "notices/robots.html", {"team": team, "robots": robots, "form": form}, status=status
    )
