"""manage.py export_plan <project-id> [-o FILE]: a project as a plan document (docs/plan-format.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from projects.deals.models import Project
from projects.plans.plan_format import dumps, export_project


class Command(BaseCommand):
    help = "Write a project as a JSON plan document (docs/plan-format.md), to stdout or a file."

    def add_arguments(self, parser):
        parser.add_argument("project_id", type=int, help="The project's id (as in /projects/<id>/).")
        parser.add_argument("-o", "--output", metavar="FILE", help="Write to FILE instead of stdout.")

    def handle(self, *args, project_id: int, output: str | None, **options):
        project = (
            Project.objects.select_related("account", "owner", "team", "team__thresholds")
            .filter(pk=project_id)
            .first()
        )
        if project is None:
            raise CommandError(_("No project with id %(id)s.") % {"id": project_id}, returncode=2)
        text = dumps(export_project(project))
        if output:
            Path(output).write_text(text, encoding="utf-8")
            return
        buffer = getattr(self.stdout, "buffer", None)  # the real stdout: bytes, UTF-8 whatever the locale
        if buffer is not None:
            self.stdout.flush()
            buffer.write(text.encode("utf-8"))
            buffer.flush()
        else:
            self.stdout.write(text, ending="")
