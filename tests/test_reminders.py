"""The scheduler's reminders: recorded once per event however often it runs, with a frozen clock for the
morning summary."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from projects.deals.models import Activity
from projects.notices.models import Notice
from projects.plans import review
from projects.reminders.digest import send_digests
from projects.reminders.scans import stale_contacts, waiting_drafts
from projects.stored_warnings.refresh import refresh_due
from projects.visits.models import VisitSheet


def at(hour: int, minute: int = 0, day: int = 3) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(2026, 12, day, hour, minute))


@pytest.mark.django_db
def test_a_key_contact_gone_quiet_is_told_once_per_quiet_spell(org):
    org.member.roles = ["bridge"]
    org.member.save()
    old = timezone.localdate() - datetime.timedelta(days=45)
    Activity.objects.filter(project=org.project).update(done=True, date=old)
    refresh_due()

    assert stale_contacts() == 1
    notice = Notice.objects.get(kind="contact_stale")
    assert notice.recipient == org.rep and f"#member-{org.contact.pk}" in notice.link
    assert stale_contacts() == 0  # the scheduler runs again: nothing new
    assert Notice.objects.filter(kind="contact_stale").count() == 1


@pytest.mark.django_db
def test_a_draft_left_for_a_day_is_mentioned_once(org):
    sheet = VisitSheet.objects.create(project=org.project, created_by=org.rep)
    VisitSheet.objects.filter(pk=sheet.pk).update(updated_at=timezone.now() - datetime.timedelta(hours=30))
    assert waiting_drafts(timezone.now()) == 1
    assert waiting_drafts(timezone.now()) == 0
    notice = Notice.objects.get(kind="draft_waiting")
    assert notice.recipient == org.rep and notice.link == f"/visits/{sheet.pk}/edit/"


@pytest.mark.django_db
def test_the_morning_summary_waits_for_half_past_eight_and_comes_once_a_day(org):
    review.plan_submit(project=org.project, by=org.rep)
    Notice.objects.all().delete()

    assert send_digests(at(8, 29)) == 0
    assert send_digests(at(8, 30)) == 2  # the lead and the director each have the plan to review
    assert send_digests(at(12, 0)) == 0
    assert send_digests(at(8, 30, day=4)) == 2
    assert not Notice.objects.filter(kind="digest", recipient=org.rep).exists()  # nothing waits for the rep


@pytest.mark.django_db
def test_the_command_runs_every_scan(org):
    call_command("send_reminders")
