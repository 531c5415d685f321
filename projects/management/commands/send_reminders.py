"""manage.py send_reminders: the scheduler's scans and the morning summary, safe to run as often as wanted."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from projects.reminders.run import send_reminders


class Command(BaseCommand):
    help = (
        "Record the reminders that are due: key contacts gone quiet, visit sheets left as drafts for a day, "
        "and from 08:30 (Asia/Shanghai) tasks due today and overdue (to the team's leader too once overdue "
        "by the team's limit) and each person's morning summary. Each event is recorded once however often "
        "this runs; run it every 15 minutes (cron or a systemd timer). The task worker delivers them."
    )

    def handle(self, *args, **options):
        counts = send_reminders(timezone.now())
        self.stdout.write(" ".join(f"{name} {count}" for name, count in counts.items()))
