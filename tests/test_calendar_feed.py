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
