"""The scheduler's reminders: recorded once per event however often it runs, with a frozen clock for the
morning summary."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from projects.deals.models import Activity, Stage, Task, TeamThresholds
from projects.demo import load_demo
from projects.notices.models import Notice
from projects.plans import review
from projects.reminders.digest import send_digests
from projects.reminders.scans import stale_contacts, task_reminders, waiting_drafts
from projects.rules.base import Text
from projects.stored_warnings.refresh import refresh_due
from projects.visits.models import VisitSheet

from .conftest import client_for
from .test_editors import read_form


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


def task(org, day: int, owner=None, **fields) -> Task:
    return Task.objects.create(
        project=org.project,
        text="把成功案例送给刘组长",
        owner=owner or org.rep,
        due=datetime.date(2026, 12, day),
        contact=org.contact,
        **fields,
    )


def told(kind: str) -> list[tuple[str, str]]:
    return sorted(Notice.objects.filter(kind=kind).values_list("recipient__username", "key"))


def shown(notice: Notice, language: str = "zh-hans") -> str:
    with translation.override(language):
        return str(Text.from_data(notice.message))


@pytest.mark.django_db
def test_a_task_due_today_is_told_to_its_owner_once_from_half_past_eight(org):
    due = task(org, 3)
    assert task_reminders(at(8, 29)) == 0
    assert task_reminders(at(8, 30)) == 1
    assert task_reminders(at(12, 0)) == 0  # the scheduler runs again: nothing new
    assert told("task_due") == [("rep", f"task-due:{due.pk}:2026-12-03")]
    notice = Notice.objects.get(kind="task_due")
    assert notice.link == f"/projects/{org.project.pk}/#task-{due.pk}" and notice.project == org.project
    assert shown(notice) == f"国网东北分部 · {org.project.name}：把成功案例送给刘组长（小张）"
    assert not Notice.objects.exclude(kind="task_due").exists()


@pytest.mark.django_db
def test_an_overdue_task_reaches_the_team_leader_on_the_teams_day_and_only_once(org):
    late = task(org, 1)
    for day in (2, 3):  # one and two days late: the rep only
        task_reminders(at(9, 0, day=day))
    assert told("task_overdue") == [("rep", f"task-overdue:{late.pk}:2026-12-01")]
    assert told("task_escalated") == []

    assert task_reminders(at(9, 0, day=4)) == 1  # three days late: the team's default limit
    assert task_reminders(at(9, 15, day=4)) == 0 and task_reminders(at(9, 0, day=5)) == 0
    assert told("task_escalated") == [("lead", f"task-escalated:{late.pk}:2026-12-01")]  # not the director
    notice = Notice.objects.get(kind="task_escalated")
    assert shown(notice).startswith("小张的待办已逾期 3 天（2026-12-01 到期）— 国网东北分部")
    assert "小张's task is 3 days overdue" in shown(notice, "en")

    late.due = datetime.date(2026, 12, 10)  # a new promise: told again when it falls due
    late.save()
    assert task_reminders(at(9, 0, day=10)) == 1


@pytest.mark.django_db
def test_the_team_leader_sets_the_day_of_escalation_on_the_thresholds_page(org):
    client = client_for(org.lead)
    url = reverse("thresholds_edit", args=[org.team.pk])
    page = client.get(url).content.decode()
    assert "待办逾期几天后告知组长" in page
    fields = {name: value for name, value, _kind in read_form(page)}
    assert fields["escalate_after_days"] == "3"
    assert client.post(url, {**fields, "escalate_after_days": "5"}).status_code == 302
    assert TeamThresholds.objects.get(team=org.team).escalate_after_days == 5
    task(org, 1)
    task_reminders(at(9, 0, day=5))
    assert told("task_escalated") == []
    task_reminders(at(9, 0, day=6))
    assert [who for who, _key in told("task_escalated")] == ["lead"]


@pytest.mark.django_db
def test_a_leaders_own_overdue_task_goes_to_the_leader_above_and_nobody_twice(org):
    own = task(org, 1, owner=org.lead)
    task_reminders(at(9, 0, day=4))
    assert told("task_overdue") == [("lead", f"task-overdue:{own.pk}:2026-12-01")]
    assert told("task_escalated") == [("director", f"task-escalated:{own.pk}:2026-12-01")]

    Notice.objects.all().delete()
    task(org, 1, owner=org.director)  # nobody above the director
    task_reminders(at(9, 0, day=4))
    assert [who for who, _key in told("task_escalated")] == ["director"]  # the lead's task, not his own


@pytest.mark.django_db
def test_done_tasks_and_closed_projects_never_remind(org):
    task(org, 1, done=True, done_at=timezone.now())
    task(org, 3, done=True, done_at=timezone.now())
    assert task_reminders(at(9, 0, day=3)) == 0
    open_one = task(org, 1)
    for stage in (Stage.WON, Stage.LOST):
        org.project.stage = stage
        org.project.save()
        assert task_reminders(at(9, 0, day=9)) == 0
        assert send_digests(at(9, 0, day=9)) == 0
    open_one.done = True
    open_one.save()
    org.project.stage = Stage.LEAD
    org.project.save()
    assert task_reminders(at(9, 0, day=9)) == 0 and not Notice.objects.exists()


@pytest.mark.django_db
def test_the_morning_summary_counts_tasks_due_overdue_and_the_leaders_escalations(org):
    task(org, 4)
    task(org, 3)
    task(org, 1)  # overdue by the team's three days on the 4th
    task(org, 4, owner=org.teammate)
    review.plan_submit(project=org.project, by=org.rep)
    Notice.objects.all().delete()

    send_digests(at(8, 30, day=4))
    digests = {n.recipient.username: n for n in Notice.objects.filter(kind="digest")}
    assert shown(digests["rep"]) == "您有 1 项待办今天到期。您有 2 项待办已逾期。"
    assert shown(digests["rep"], "en") == "1 of your tasks are due today. 2 of your tasks are overdue."
    assert shown(digests["teammate"]) == "您有 1 项待办今天到期。"
    assert shown(digests["lead"]) == "有 1 份计划等您审阅。团队有 1 项待办逾期已久：小张。"
    assert shown(digests["director"]) == "有 1 份计划等您审阅。"  # the lead is nearer: the escalation is his
    assert "stranger" not in digests


@pytest.mark.django_db
def test_opening_a_task_notice_lands_on_the_task_on_the_project_page(org):
    due = task(org, 3)
    task_reminders(at(9, 0))
    client = client_for(org.rep)
    notice = Notice.objects.get(kind="task_due")
    response = client.post(f"/notices/{notice.pk}/open/")
    assert response.status_code == 302 and response["Location"] == notice.link
    assert f'id="task-{due.pk}"' in client.get(notice.link.split("#")[0]).text
    notice.refresh_from_db()
    assert notice.read_at is not None


@pytest.mark.django_db
def test_the_command_runs_every_scan(org):
    call_command("send_reminders")


@pytest.mark.django_db
def test_the_demo_rings_the_bell_with_tasks_due_overdue_and_escalated():
    load_demo()
    load_demo()  # idempotent: the same notices, once
    kinds = set(Notice.objects.values_list("recipient__username", "kind"))
    assert {
        ("xiaozhang", "task_due"),
        ("xiaozhang", "task_overdue"),
        ("wangzuzhang", "task_escalated"),
        ("xiaozhang", "digest"),
        ("wangzuzhang", "digest"),
    } <= kinds
    assert Notice.objects.filter(recipient__username="xiaozhang", kind="task_overdue").count() == 1
