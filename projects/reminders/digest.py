"""Each person's morning summary (早报) at 08:30 Asia/Shanghai: what waits for them today — their tasks due
and overdue, the plans they review, and their team's tasks gone long overdue (the escalations)."""

import dataclasses
import datetime
from collections import Counter, defaultdict

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from projects.notices.models import NoticeKind
from projects.notices.record import notify
from projects.plans.selectors import review_queue
from projects.reminders.due import DueTask, due_tasks
from projects.rules.base import Text, interpolate
from projects.rules.base import in_context as pgettext
from salescamp.models import User

SEND_AT = datetime.time(8, 30)
DUE_TODAY = gettext_noop("%(count)s of your tasks are due today.")
OVERDUE = gettext_noop("%(count)s of your tasks are overdue.")
REVIEWS = gettext_noop("%(count)s plans await your review.")
ESCALATIONS = gettext_noop("%(count)s tasks of your team are long overdue: %(people)s.")
# Two sentences of the summary one after the other ("A. B." in English, "甲。乙。" in Chinese).
SENTENCES = pgettext("two sentences", "%(first)s %(then)s")


def send_digests(now: datetime.datetime) -> int:
    """Once a day from 08:30: one summary for each person with something waiting (none otherwise)."""
    local = timezone.localtime(now)
    if local.time() < SEND_AT:
        return 0
    today = local.date().isoformat()
    tasks = TaskCounts.of(due_tasks(local.date()))
    sent = 0
    for user in User.objects.filter(is_active=True):
        lines = _lines(user, tasks)
        if lines:
            sent += notify(NoticeKind.DIGEST, [user], summary(lines), reverse("desk"), key=f"digest:{today}")
    return sent


@dataclasses.dataclass
class TaskCounts:
    due_today: Counter
    overdue: Counter
    escalated: dict[int, list[str]]  # leader → whose tasks, one name a task

    @classmethod
    def of(cls, found: list[DueTask]) -> "TaskCounts":
        counts = cls(Counter(), Counter(), defaultdict(list))
        for due in found:
            (counts.overdue if due.days_late else counts.due_today)[due.task.owner_id] += 1
            if due.escalate_to is not None:
                counts.escalated[due.escalate_to].append(str(due.task.owner))
        return counts


def _lines(user, tasks: TaskCounts) -> list[Text]:
    lines = []
    if count := tasks.due_today[user.pk]:
        lines.append(interpolate(DUE_TODAY, count=count))
    if count := tasks.overdue[user.pk]:
        lines.append(interpolate(OVERDUE, count=count))
    if waiting := review_queue(user).count():
        lines.append(interpolate(REVIEWS, count=waiting))
    if owners := tasks.escalated.get(user.pk):
        lines.append(interpolate(ESCALATIONS, count=len(owners), people=sorted(set(owners))))
    return lines


def summary(lines: list[Text]) -> Text:
    """The lines as one text, each a sentence after the one before."""
    text = lines[0]
    for line in lines[1:]:
        text = dataclasses.replace(SENTENCES, params=(("first", text), ("then", line)))
    return text
