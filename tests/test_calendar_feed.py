"""Each person's planned activities as a calendar address others' calendars subscribe to: parsed back by
icalendar, updated (same UID, higher SEQUENCE) rather than duplicated when an activity changes, 404 for a
wrong or revoked address, and nobody else's activities in it."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from projects.calendars.models import CalendarFeed
from projects.deals.models import Task

from .conftest import client_for
from .factories import ActivityFactory


def address_of(client) -> str:
    page = client.post(reverse("calendar_settings"), {"action": "new"}).text
    return re.search(r'value="(http[^"]+\.ics)"', page).group(1)


def events(url: str) -> list:
    response = Client().get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["x-wr-timezone"]) == "Asia/Shanghai"
    return list(calendar.walk("VEVENT"))


@pytest.mark.django_db
def test_the_feed_holds_my_planned_activities_and_follows_their_changes(org):
    planned = ActivityFactory(
        project=org.project,
        done=False,
        date=timezone.localdate() + datetime.timedelta(days=3),
        kind="tech_exchange",
        goal="技术交流：讲成功案例",
    )
    planned.our_people.add(org.rep)
    planned.contacts.add(org.contact)
    theirs = ActivityFactory(
        project=org.project, done=False, date=timezone.localdate() + datetime.timedelta(days=1)
    )
    theirs.our_people.add(org.teammate)
    url = address_of(client_for(org.rep))

    (event,) = [e for e in events(url) if str(e["uid"]).startswith(f"activity-{planned.pk}@")]
    assert "技术交流" in str(event["summary"]) and org.account.name in str(event["summary"])
    assert org.contact.name in str(event["summary"]) and "讲成功案例" in str(event["description"])
    assert event.decoded("dtstart") == planned.date
    assert not [e for e in events(url) if str(e["uid"]).startswith(f"activity-{theirs.pk}@")]

    planned.date += datetime.timedelta(days=1)
    planned.save()
    (moved,) = [e for e in events(url) if str(e["uid"]) == str(event["uid"])]
    assert moved.decoded("dtstart") == planned.date and int(moved["sequence"]) > int(event["sequence"])


@pytest.mark.django_db
def test_a_wrong_or_revoked_address_is_404_and_only_a_digest_is_kept(org):
    client = client_for(org.rep)
    first = address_of(client)
    token = first.rsplit("/", 1)[1].removesuffix(".ics")
    assert token not in str(list(CalendarFeed.objects.values_list("token_digest", flat=True)))
    assert Client().get(first).status_code == 200
    second = address_of(client)
    assert Client().get(first).status_code == 404 and Client().get(second).status_code == 200
    client.post(reverse("calendar_settings"), {"action": "stop"})
    assert Client().get(second).status_code == 404
    assert Client().get(reverse("calendar_feed", args=["x" * 43])).status_code == 404


@pytest.mark.django_db
def test_my_open_tasks_are_all_day_events_that_follow_changes_and_leave_when_done_or_deleted(org):
    day = timezone.localdate() + datetime.timedelta(days=2)
    mine = Task.objects.create(
        project=org.project, text="把成功案例送给刘组长", owner=org.rep, due=day, contact=org.contact
    )
    Task.objects.create(project=org.project, text="想想怎么约赵副总", owner=org.rep)
    Task.objects.create(project=org.project, text="准备报价", owner=org.teammate, due=day)
    url = address_of(client_for(org.rep))

    def task_events() -> dict:
        return {str(e["uid"]): e for e in events(url) if str(e["uid"]).startswith("task-")}

    found = task_events()
    assert [uid.split("@")[0] for uid in found] == [f"task-{mine.pk}"]  # not undated, not a teammate's
    event = found[f"task-{mine.pk}@testserver"]
    assert event.decoded("dtstart") == day and event.decoded("dtend") == day + datetime.timedelta(days=1)
    assert "把成功案例送给刘组长" in str(event["summary"]) and "待办" in str(event["summary"])
    description = str(event["description"])
    assert org.account.name in description and org.project.name in description
    assert org.contact.name in description and f"/projects/{org.project.pk}/#task-{mine.pk}" in description

    mine.due += datetime.timedelta(days=1)
    mine.save()
    moved = task_events()[str(event["uid"])]
    assert moved.decoded("dtstart") == mine.due and int(moved["sequence"]) > int(event["sequence"])

    mine.done = True
    mine.save()
    assert task_events() == {}
    mine.done = False
    mine.save()
    assert list(task_events()) == [str(event["uid"])]
    mine.delete()
    assert task_events() == {}
