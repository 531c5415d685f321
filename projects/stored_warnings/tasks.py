"""Background work of the stored warnings (Django's tasks framework; the django-tasks-db worker runs it)."""

from django.db.models import Q
from django.tasks import task

from projects.stored_warnings.refresh import refresh_due


@task
def refresh_team_warnings(team_id: int) -> None:
    """A team's thresholds changed: re-evaluate its projects (marked stale in the same transaction as the
    change, so a worker killed half-way leaves the rest to the next run or the daily refresh)."""
    refresh_due(within=Q(team_id=team_id))
