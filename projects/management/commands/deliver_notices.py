"""manage.py deliver_notices: send the notifications that are due (retries, quiet hours that ended)."""

from django.core.management.base import BaseCommand

from projects.notices.delivery import deliver_due


class Command(BaseCommand):
    help = (
        "Send the deliveries that are due: new ones the task worker has not sent yet, retries whose back-off "
        "passed and emails held for quiet hours. Run it every few minutes (cron or a systemd timer); two at "
        "once never send anything twice."
    )

    def handle(self, *args, **options):
        counts = deliver_due()
        self.stdout.write(" ".join(f"{name} {count}" for name, count in counts.items()))
