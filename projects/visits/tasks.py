"""Tasks (待办): next steps for our people. Ticking one done, and planning one as an activity with the
customer — the one deliberate way a task becomes part of the plan's activities."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.deals.models import Activity, ActivityKind, Task
from projects.deals.services import activity_save
from salescamp.editing import save_checked, write_transaction

ALREADY_PLANNED = _("This task is already planned as an activity.")
NEED_CUSTOMER_SIDE = _("Choose whom of the customer the activity is with.")
# What a task can become: the activities with the customer (a gift is recorded, not planned from a task).
PLANNABLE_KINDS = [(code, name) for code, name in ActivityKind.choices if code != ActivityKind.GIFT]
UPCOMING_DAYS = 7  # the desk lists what is due within a week, beside what is overdue


def open_tasks_of(user, projects: QuerySet, today: date) -> QuerySet:
    """My open tasks on my projects: overdue, due within a week, or undated — soonest first."""
    soon = Q(due__lte=today + timedelta(days=UPCOMING_DAYS)) | Q(due__isnull=True)
    return (
        Task.objects.filter(owner=user, done=False, project__in=projects)
        .filter(soon)
        .select_related("project", "project__account", "contact")
    )


@write_transaction()
def task_done(*, task: Task, done: bool, expected_version: int | None, by) -> Task:
    task.done = done
    task.done_at = timezone.now() if done else None
    return save_checked(task, expected_version=expected_version, by=by)


@write_transaction()
def task_plan(*, task: Task, kind: str, day: date, contacts, by) -> Activity:
    """The task becomes a planned activity: its text the goal, its owner ours, the customer side chosen now.
    The task is then done: the plan carries it from here."""
    task = Task.objects.select_for_update().get(pk=task.pk)
    if task.activity_id:
        raise ValidationError(ALREADY_PLANNED)
    activity = Activity(project_id=task.project_id, kind=kind, date=day, done=False, goal=task.text)
    activity_save(
        activity=activity,
        expected_version=None,
        our_people=[task.owner],
        contacts=list(contacts),
        asks=[],
        by=by,
    )
    task.activity = activity
    task.done = True
    task.done_at = timezone.now()
    save_checked(task, expected_version=task.version, by=by)
    return activity
