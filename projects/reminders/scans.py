"""The periodic scans: each finds its events and records them as notices, idempotently."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from projects.deals.models import Stage
from projects.notices.models import NoticeKind
from projects.notices.record import notify
from projects.reminders.digest import SEND_AT
from projects.reminders.due import due_tasks
from projects.rules.base import Text, interpolate
from projects.stored_warnings.models import CurrentWarning
from projects.visits.models import VisitSheet, VisitStatus
from salescamp.models import User

DRAFT_AFTER = datetime.timedelta(days=1)
DRAFT_WAITING = gettext_noop(
    "Your visit sheet for %(project)s (%(date)s) is still a draft: submit it while you remember the meeting."
)
UNDATED = gettext_noop("no date yet")
# Beside the kind's title ("A task is due today"), also in a team's group chat: so the owner is named.
TASK_DUE = gettext_noop("%(account)s · %(project)s: %(task)s (%(owner)s)")
TASK_OVERDUE = gettext_noop("%(account)s · %(project)s: %(task)s (%(owner)s, due %(date)s)")
TASK_ESCALATED = gettext_noop(
    "%(owner)s's task is %(days)s days overdue (due %(date)s) — %(account)s · %(project)s: %(task)s"
)


def stale_contacts() -> int:
    """The engine's STALE_KEY_CONTACT warnings (as last stored), once per contact and quiet spell, to the
    project's owner and whoever of ours holds the relationship."""
    rows = (
        CurrentWarning.objects.filter(code="STALE_KEY_CONTACT")
        .exclude(project__stage__in=[Stage.WON, Stage.LOST])
        .select_related("project", "project__owner", "member__owner")
    )
    recorded = 0
    for row in rows:
        message = Text.from_data(row.data["message"])
        people = [row.project.owner, row.member.owner if row.member else None]
        link = reverse("project_detail", args=[row.project_id]) + f"#member-{row.subject_id}"
        key = f"stale:{row.project_id}:{row.subject_id}:{message.param('date')}"
        recorded += notify(NoticeKind.CONTACT_STALE, people, message, link, key=key, project=row.project)
    return recorded


def waiting_drafts(now: datetime.datetime) -> int:
    """Visit sheets left as drafts for more than a day, once per sheet and day it was last touched."""
    recorded = 0
    sheets = VisitSheet.objects.filter(
        status=VisitStatus.DRAFT, updated_at__lt=now - DRAFT_AFTER
    ).select_related("project", "created_by")
    for sheet in sheets:
        message = interpolate(
            DRAFT_WAITING,
            project=sheet.project.name,
            date=sheet.visit_date.isoformat() if sheet.visit_date else Text(UNDATED),
        )
        key = f"draft:{sheet.pk}:{sheet.updated_at.date().isoformat()}"
        recorded += notify(
            NoticeKind.DRAFT_WAITING,
            [sheet.created_by],
            message,
            reverse("visit_edit", args=[sheet.pk]),
            key=key,
            project=sheet.project,
        )
    return recorded


def task_reminders(now: datetime.datetime) -> int:
    """From 08:30 (the working day, as the morning summary): a task due today to whoever does it, an
    overdue one too, each once per task and due date (a new date is a new promise); overdue by the team's
    limit, also to the nearest leader above them (`due.escalation_leader`), once."""
    local = timezone.localtime(now)
    if local.time() < SEND_AT:
        return 0
    found = due_tasks(local.date())
    leaders = User.objects.in_bulk({due.escalate_to for due in found if due.escalate_to is not None})
    recorded = 0
    for due in found:
        task, project = due.task, due.task.project
        link = reverse("project_detail", args=[project.pk]) + f"#task-{task.pk}"
        facts = {
            "account": project.account.name,
            "project": project.name,
            "task": task.text,
            "owner": str(task.owner),
        }
        about = f"{task.pk}:{task.due.isoformat()}"
        if due.days_late == 0:
            message, kind, key = interpolate(TASK_DUE, **facts), NoticeKind.TASK_DUE, f"task-due:{about}"
        else:
            message = interpolate(TASK_OVERDUE, date=task.due.isoformat(), **facts)
            kind, key = NoticeKind.TASK_OVERDUE, f"task-overdue:{about}"
        recorded += notify(kind, [task.owner], message, link, key=key, project=project)
        if due.escalate_to is not None:
            message = interpolate(TASK_ESCALATED, days=due.days_late, date=task.due.isoformat(), **facts)
            recorded += notify(
                NoticeKind.TASK_ESCALATED,
                [leaders[due.escalate_to]],
                message,
                link,
                key=f"task-escalated:{about}",
                project=project,
            )
    return recorded
