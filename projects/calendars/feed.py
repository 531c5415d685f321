"""The calendar as iCalendar text: each planned (and recently done) activity a person takes part in, and
each open task (待办) they do that has a date, as an all-day event whose UID never changes and whose SEQUENCE
is the row's version, so a calendar that subscribed updates the event when the activity or task changes
instead of adding a second one. A task done (or deleted) leaves the feed, and so the subscribed calendars.

Tasks are all-day VEVENTs rather than VTODOs: 企业微信, 钉钉, Outlook and Apple calendars all show
subscribed events, while a subscribed VTODO is dropped by most of them (Outlook, Google) or lands in a
separate reminders list (Apple)."""

import datetime

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from icalendar import Calendar, Event

from projects.deals.labels import label
from projects.deals.models import Activity, Project, Task

PAST_DAYS = 60  # how far back the calendar reaches


def activities_for(user, today: datetime.date):
    """Activities the person takes part in, or plans on a project they own with nobody of ours named yet."""
    mine = Q(our_people=user) | Q(project__owner=user, our_people=None)
    return (
        Activity.objects.filter(mine, date__gte=today - datetime.timedelta(days=PAST_DAYS))
        .select_related("project__account")
        .prefetch_related("contacts")
        .distinct()
        .order_by("date", "pk")
    )


def tasks_for(user, today: datetime.date):
    """The person's open tasks with a date, on projects they may see (as the desk lists them)."""
    return (
        Task.objects.filter(
            owner=user,
            done=False,
            due__gte=today - datetime.timedelta(days=PAST_DAYS),
            project__in=Project.objects.visible_to(user),
        )
        .select_related("project__account", "contact")
        .order_by("due", "pk")
    )


def calendar_text(user, host: str) -> bytes:
    today = timezone.localdate()
    calendar = Calendar()
    calendar.add("prodid", "-//salescamp//大客户作战台//ZH")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"大客户作战台 · {user}")
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("refresh-interval", datetime.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    stamp = timezone.now()
    for activity in activities_for(user, today):
        calendar.add_component(_event(activity, host, stamp))
    for task in tasks_for(user, today):
        calendar.add_component(_task_event(task, host, stamp))
    return calendar.to_ical()


def _link(project: Project, anchor: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("project_detail", args=[project.pk]) + f"#{anchor}"


def _event(activity: Activity, host: str, stamp: datetime.datetime) -> Event:
    project = activity.project
    people = "、".join(contact.name for contact in activity.contacts.all())
    kind = str(label("activity_kind", activity.kind))
    event = Event()
    event.add("uid", f"activity-{activity.pk}@{host}")
    event.add("sequence", activity.version)
    event.add("dtstamp", stamp)
    event.add("dtstart", activity.date)
    event.add("dtend", activity.date + datetime.timedelta(days=1))
    event.add(
        "summary",
        f"{'✓ ' if activity.done else ''}{kind} · {project.account.name}{' · ' + people if people else ''}",
    )
    link = _link(project, f"activity-{activity.pk}")
    event.add("description", "\n".join(part for part in (activity.goal, project.name, link) if part))
    event.add("location", project.account.name)
    event.add("url", link)
    event.add("status", "CONFIRMED")
    event.add("transp", "TRANSPARENT")  # a day's plan, not a block of busy time
    return event


def _task_event(task: Task, host: str, stamp: datetime.datetime) -> Event:
    project, contact = task.project, task.contact
    link = _link(project, f"task-{task.pk}")
    about = f"{contact.name}{' · ' + contact.title if contact.title else ''}" if contact else ""
    event = Event()
    event.add("uid", f"task-{task.pk}@{host}")
    event.add("sequence", task.version)
    event.add("dtstamp", stamp)
    event.add("dtstart", task.due)
    event.add("dtend", task.due + datetime.timedelta(days=1))
    event.add("summary", f"{gettext('Task (待办)')} · {task.text} · {project.account.name}")
    lines = (task.text, f"{project.account.name} · {project.name}", about, link)
    event.add("description", "\n".join(line for line in lines if line))
    event.add("url", link)
    event.add("status", "CONFIRMED")
    event.add("transp", "TRANSPARENT")
    return event
