from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from projects.demo import demo_logins, load_demo
from salescamp.models import User


class Command(BaseCommand):
    help = "Load the course's demo data (idempotent). Development only."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Only load when there are no users yet.")
        parser.add_argument("--force", action="store_true", help="Allow loading with DEBUG off.")

    def handle(self, *args, if_empty=False, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates users with a known password; run it with DEBUG=1 (or --force)."
            )
        if if_empty and User.objects.exists():
            self.stdout.write("Database already has users; demo data not loaded.")
        else:
            load_demo()
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        logins = demo_logins()
        if logins:
            self.stdout.write("Demo logins:")
            for username, who, password in logins:
                self.stdout.write(f"  {username:<14} {password}   {who}")
