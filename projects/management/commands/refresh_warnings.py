"""manage.py refresh_warnings: the daily re-evaluation of every project's stored warnings."""

from django.core.management.base import BaseCommand

from projects.stored_warnings.refresh import refresh_due


class Command(BaseCommand):
    help = (
        "Evaluate the warnings of every project not yet evaluated today (the rules that depend on the date: "
        "key contacts gone quiet, steps overdue) and store them. Run it daily shortly after midnight "
        "(Asia/Shanghai). Safe to run twice at once and to kill: the next run completes the work. Exits 1 "
        "if some project could not be evaluated (each is logged with its id)."
    )

    def handle(self, *args, **options):
        done, failed = refresh_due()
        self.stdout.write(f"{done} projects evaluated")
        if failed:
            self.stderr.write(f"{len(failed)} failed: {' '.join(map(str, failed))}")
            raise SystemExit(1)
