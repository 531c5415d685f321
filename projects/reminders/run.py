"""Every reminder at once, as the scheduler runs them (manage.py send_reminders) and the demo shows them."""

import datetime

from projects.reminders.digest import send_digests
from projects.reminders.scans import stale_contacts, task_reminders, waiting_drafts


def send_reminders(now: datetime.datetime) -> dict[str, int]:
    """Each scan, then the morning summary; how many notices each recorded (0 when nothing is new)."""
    return {
        "stale": stale_contacts(),
        "drafts": waiting_drafts(now),
        "tasks": task_reminders(now),
        "digests": send_digests(now),
    }
