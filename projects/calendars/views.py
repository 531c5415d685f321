from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from projects.calendars.feed import calendar_text
from projects.calendars.models import CalendarFeed


@login_not_required
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The subscribed calendar: no sign-in (calendars cannot), the secret address is the key; a wrong or
    revoked one is 404, whatever the method."""
    user = CalendarFeed.owner_of(token)
    if user is None:
        raise Http404("no such calendar")
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    response = HttpResponse(
        calendar_text(user, request.get_host().split(":")[0]), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="salescamp.ics"'
    return response


@require_http_methods(["GET", "POST"])
def calendar_settings(request: HttpRequest) -> HttpResponse:
    """Make (or remake, revoking the old) the person's calendar address; it is shown once."""
    address = None
    if request.method == "POST":
        if request.POST.get("action") == "stop":
            CalendarFeed.objects.filter(user=request.user).delete()
        else:
            token = CalendarFeed.renew(request.user)
            address = request.build_absolute_uri(reverse("calendar_feed", args=[token]))
    has_feed = CalendarFeed.objects.filter(user=request.user).exists()
    return render(request, "calendars/settings.html", {"address": address, "has_feed": has_feed})
