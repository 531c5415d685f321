"""Background work of the notices (Django's tasks framework; the django-tasks-db worker runs it)."""

from django.tasks import task

from projects.notices.delivery import deliver_due


@task
def deliver_notices() -> None:
    """Send the deliveries that are due; enqueued when notices are recorded, and run by the scheduler
    every few minutes for retries and quiet hours that ended (manage.py deliver_notices)."""
    deliver_due()
