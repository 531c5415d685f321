from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from projects.rules.document import catalogue_markdown


class Command(BaseCommand):
    help = "Write docs/warnings.md from the warnings engine's catalogue."

    def handle(self, *args, **options):
        path = Path(settings.BASE_DIR) / "docs" / "warnings.md"
        path.write_text(catalogue_markdown(), encoding="utf-8")
        self.stdout.write(f"Wrote {path}")
