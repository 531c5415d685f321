"""manage.py send_reminders: the scheduler's scans and the morning summary, safe to run as often as wanted."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from projects.reminders.digest import send_digests
from projects.reminders.scans import stale_contacts, waiting_drafts


class Command(BaseCommand):
    help = (
        "Record the reminders that are due: key contacts gone quiet, visit sheets left as drafts for a day, "
        "and from 08:30 (Asia/Shanghai) each person's morning summary. Each event is recorded once however "
        "often this runs; run it every 15 minutes (cron or a systemd timer). The task worker delivers them."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        counts = {"stale": stale_contacts(), "drafts": waiting_drafts(now), "digests": send_digests(now)}
        self.stdout.write(" ".join(f"{name} {count}" for name, count in counts.items()))
