"""Next steps are tasks (待办), not activities: set on the sheet, ticked on the desk, planned as an activity
only when someone chooses so; the false activities earlier sheets made are migrated into tasks."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from projects.deals.models import Activity, Task
from projects.stored_warnings.models import CurrentWarning
from projects.stored_warnings.refresh import refresh
from projects.visits.models import VisitSheet
from projects.visits.schema import parse_form
from projects.visits.services import sheet_submit
from projects.visits.tasks import NEED_CUSTOMER_SIDE

from .conftest import client_for
from .test_visit_sheet import post

TODAY = timezone.localdate()
migration = importlib.import_module("projects.migrations.0016_next_steps_become_tasks")


def submitted_with_step(org, *, visit_day, step_day, **step):
    data = parse_form(
        post(
            date=visit_day.isoformat(),
            met__0__contact=org.contact.pk,
            met__1__contact=org.boss.pk,
            reason_met="想了解其他网省的做法",
            next_steps__0__text="请陈总监约钱副总做创新交流",
            next_steps__0__date=step_day.isoformat(),
            **step,
        )
    )
    sheet = VisitSheet.objects.create(project=org.project, created_by=org.rep, data=data)
    return sheet_submit(sheet_id=sheet.pk, by=org.rep)


@pytest.mark.django_db
def test_a_next_step_is_a_task_about_one_contact_not_an_activity_with_everyone_met(org):
    before = set(Activity.objects.values_list("pk", flat=True))
    sheet = submitted_with_step(
        org,
        visit_day=TODAY,
        step_day=TODAY + datetime.timedelta(days=6),
        next_steps__0__owner=org.director.pk,
        next_steps__0__contact=org.boss.pk,
    )
    task = Task.objects.get()
    assert (task.owner, task.contact, task.visit, task.done) == (org.director, org.boss, sheet, False)
    new_activities = Activity.objects.exclude(pk__in=before)
    assert [a.done for a in new_activities] == [True]  # the visit alone
    page = client_for(org.rep).get(f"/projects/{org.project.pk}/").text
    assert "请陈总监约钱副总做创新交流" in page and f'id="task-{task.pk}"' in page


@pytest.mark.django_db
def test_a_task_due_in_the_past_is_accepted_and_shown_overdue(org):
    submitted_with_step(
        org, visit_day=TODAY - datetime.timedelta(days=5), step_day=TODAY - datetime.timedelta(days=2)
    )
    task = Task.objects.get()
    assert task.is_overdue(TODAY)
    page = client_for(org.rep).get("/").text
    assert f'id="task-{task.pk}"' in page and "逾期" in page


@pytest.mark.django_db
def test_a_task_is_ticked_done_and_back_and_a_stale_tick_is_refused(org):
    task = Task.objects.create(project=org.project, owner=org.rep, text="送案例", due=TODAY)
    client = client_for(org.rep)
    done = client.post(f"/tasks/{task.pk}/done/", {"done": "1", "version": 1}, HTTP_HX_REQUEST="true")
    task.refresh_from_db()
    assert done.status_code == 200 and task.done and task.done_at and 'aria-pressed="true"' in done.text
    stale = client.post(f"/tasks/{task.pk}/done/", {"done": "0", "version": 1}, HTTP_HX_REQUEST="true")
    task.refresh_from_db()
    assert stale.status_code == 409 and task.done
    back = client.post(f"/tasks/{task.pk}/done/", {"done": "0", "version": task.version, "next": "/"})
    task.refresh_from_db()
    assert back.status_code == 302 and back["Location"] == "/" and not task.done


@pytest.mark.django_db
def test_one_tap_plans_a_task_as_an_activity_with_the_customer_side_chosen_then(org):
    task = Task.objects.create(
        project=org.project, owner=org.rep, text="送报告给刘组长", due=TODAY, contact=org.contact
    )
    client = client_for(org.rep)
    form = client.get(f"/tasks/{task.pk}/plan/")
    assert form.status_code == 200
    assert f'name="contacts" value="{org.contact.pk}" checked' in form.text  # the task's contact, ticked
    refused = client.post(f"/tasks/{task.pk}/plan/", {"kind": "visit", "date": TODAY.isoformat()})
    assert refused.status_code == 422 and str(NEED_CUSTOMER_SIDE) in refused.text
    assert not Activity.objects.filter(goal="送报告给刘组长").exists()
    planned = client.post(
        f"/tasks/{task.pk}/plan/",
        {"kind": "tech_exchange", "date": TODAY.isoformat(), "contacts": [org.contact.pk]},
    )
    activity = Activity.objects.get(goal="送报告给刘组长")
    assert planned.status_code == 302 and planned["Location"].endswith(f"#activity-{activity.pk}")
    assert (activity.kind, activity.done) == ("tech_exchange", False)
    assert list(activity.contacts.all()) == [org.contact] and list(activity.our_people.all()) == [org.rep]
    task.refresh_from_db()
    assert task.done and task.activity == activity
    again = client.post(
        f"/tasks/{task.pk}/plan/", {"kind": "visit", "date": TODAY.isoformat(), "contacts": [org.contact.pk]}
    )
    assert again.status_code == 422 and Activity.objects.filter(goal="送报告给刘组长").count() == 1


@pytest.mark.django_db
def test_a_hook_followed_by_a_task_from_its_sheet_is_not_waiting_on_the_desk(org):
    data = parse_form(post(date=TODAY.isoformat(), met__0__contact=org.contact.pk, hooks="下周送案例材料"))
    sheet = VisitSheet.objects.create(project=org.project, created_by=org.rep, data=data)
    sheet_submit(sheet_id=sheet.pk, by=org.rep)
    assert "下周送案例材料" in client_for(org.rep).get("/").text
    Task.objects.create(project=org.project, owner=org.rep, text="送案例", visit=sheet)
    assert "下周送案例材料" not in client_for(org.rep).get("/").text


@pytest.mark.django_db
def test_the_migration_turns_next_steps_filed_as_activities_into_tasks(org):
    sheet = submitted_with_step(org, visit_day=TODAY, step_day=TODAY + datetime.timedelta(days=3))
    # As the sheet used to file it: a planned visit with everyone met, recorded by the sheet.
    false = Activity.objects.create(
        project=org.project,
        kind="visit",
        date=TODAY + datetime.timedelta(days=3),
        goal="请陈总监约钱副总做创新交流",
    )
    false.contacts.set([org.contact, org.boss])
    false.our_people.set([org.lead])
    sheet.recorded.add(false)
    # A next step someone has since edited into a real plan stays an activity.
    data = {
        **sheet.data,
        "next_steps": [*sheet.data["next_steps"], {"text": "技术交流", "date": "", "owner": ""}],
    }
    VisitSheet.objects.filter(pk=sheet.pk).update(data=data)
    edited = Activity.objects.create(project=org.project, kind="visit", date=TODAY, goal="技术交流")
    edited.save()  # version 2
    sheet.recorded.add(edited)
    Task.objects.all().delete()

    migration.next_steps_to_tasks(apps, None)

    assert not Activity.objects.filter(pk=false.pk).exists()
    assert (
        Activity.objects.filter(pk=edited.pk).exists()
        and Activity.objects.filter(pk=sheet.activity_id).exists()
    )
    task = Task.objects.get()
    assert (task.text, task.owner, task.due, task.visit_id) == (
        "请陈总监约钱副总做创新交流",
        org.lead,
        TODAY + datetime.timedelta(days=3),
        sheet.pk,
    )


@pytest.mark.django_db
def test_a_task_is_added_corrected_and_removed_from_the_project_page(org):
    client = client_for(org.rep)
    page = client.get(f"/projects/{org.project.pk}/").text
    assert f"/projects/{org.project.pk}/tasks/add/" in page
    added = client.post(
        f"/projects/{org.project.pk}/tasks/add/?page=project",
        {"text": "问清集采时间表", "owner": org.rep.pk, "contact": org.contact.pk, "due": TODAY.isoformat()},
    )
    task = Task.objects.get()
    assert added.status_code == 302 and (task.owner, task.contact) == (org.rep, org.contact)
    # Only our people of the project take a task: another team's rep is refused beside the field.
    refused = client.post(
        f"/tasks/{task.pk}/edit/?page=project",
        {
            "text": "问清集采时间表",
            "owner": org.stranger.pk,
            "due": TODAY.isoformat(),
            "version": task.version,
        },
    )
    assert refused.status_code == 422 and Task.objects.get().owner == org.rep
    client.post(f"/tasks/{task.pk}/edit/?page=project", {"delete": "1", "version": task.version})
    assert not Task.objects.exists()


@pytest.mark.django_db
def test_a_visit_whose_next_step_is_a_task_is_not_warned_as_leaving_nothing(org):
    # Before, the next step was filed as a planned visit and answered VISIT_NO_HOOK; as a task it still must.
    sheet = submitted_with_step(org, visit_day=TODAY, step_day=TODAY + datetime.timedelta(days=3))
    assert not sheet.activity.hook
    codes = CurrentWarning.objects.filter(project=org.project, subject_id=str(sheet.activity_id))
    assert "VISIT_NO_HOOK" not in set(codes.values_list("code", flat=True))

    Task.objects.get().delete()  # the rep removes the step, through the write path or not: the rule returns
    refresh([org.project.pk])
    assert "VISIT_NO_HOOK" in set(codes.values_list("code", flat=True))
