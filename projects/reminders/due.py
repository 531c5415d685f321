"""Which tasks (待办) are due or overdue on a day, and who of the team's leaders hears of one gone long
overdue: read once, used by the scan that tells people and by the morning summary that counts them."""

import datetime
from dataclasses import dataclass

from projects.deals.models import Stage, Task, TeamThresholds


@dataclass(frozen=True)
class DueTask:
    task: Task
    days_late: int  # 0: due today
    escalate_to: int | None  # the leader told, once the task is overdue by the team's limit


def due_tasks(today: datetime.date) -> list[DueTask]:
    """Open tasks due today or before, on projects still being fought for (won or lost ones never remind)."""
    tasks = list(
        Task.objects.filter(done=False, due__lte=today)
        .exclude(project__stage__in=[Stage.WON, Stage.LOST])
        .select_related("project", "project__account", "project__team", "owner", "contact")
        .order_by("due", "pk")
    )
    team_ids = {task.project.team_id for task in tasks}
    limits = dict(
        TeamThresholds.objects.filter(team__in=team_ids).values_list("team_id", "escalate_after_days")
    )
    default_limit = TeamThresholds().escalate_after_days
    lines: dict[int, list[int]] = {}
    found = []
    for task in tasks:
        days_late = (today - task.due).days
        leader = None
        if days_late >= limits.get(task.project.team_id, default_limit):
            team = task.project.team
            if team.pk not in lines:
                lines[team.pk] = team.manager_ids()
            leader = escalation_leader(lines[team.pk], task.owner_id)
        found.append(DueTask(task, days_late, leader))
    return found


def escalation_leader(manager_ids: list[int], owner_id: int) -> int | None:
    """The nearest leader of the project team's line above whoever does the task: a leader's own task goes
    to the leader above them (never back to themselves, nor down to someone they lead); none at the top."""
    if owner_id in manager_ids:
        above = manager_ids[manager_ids.index(owner_id) + 1 :]
        return next((pk for pk in above if pk != owner_id), None)
    return manager_ids[0] if manager_ids else None
