"""manage.py import_plan FILE: create a new project from a plan document (docs/plan-format.md)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from projects.plans.plan_format import PlanFormatError, import_plan, read_document
from salescamp.editing import parse_id
from salescamp.models import Team, User


class Command(BaseCommand):
    help = (
        "Create a new project from a JSON plan document, all or nothing. Prints the new project's id and "
        "URL path, then one line per existing contact the file updated; on errors prints one line per "
        "problem (JSON path: message) and exits 2."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The plan document (UTF-8 JSON); - reads stdin.")
        parser.add_argument(
            "--team", help="Team id or exact name to import into (default: the owner's team)."
        )
        parser.add_argument("--owner", help="Username of the project owner (default: $.project.owner).")
        parser.add_argument(
            "--by", help="Username recorded in the history as the one who imported (default: the owner)."
        )

    def handle(self, *args, file: str, team: str | None, owner: str | None, by: str | None, **options):
        try:
            doc = read_document(file)
            imported = import_plan(
                doc,
                team=self._team(team),
                owner=self._user("--owner", owner),
                by=self._user("--by", by),
            )
        except PlanFormatError as error:
            for line in error.lines():
                self.stderr.write(line)
            raise SystemExit(2) from None
        project = imported.project
        self.stdout.write(f"{project.pk}\t/projects/{project.pk}/")
        for contact in imported.updated_contacts:
            self.stdout.write(f"updated contact\t{contact.pk}\t{contact.name}")

    def _team(self, value: str | None) -> Team | None:
        if not value:
            return None
        team = Team.objects.filter(pk=team_id).first() if (team_id := parse_id(value)) else None
        team = team or Team.objects.filter(name=value).first()
        if team is None:
            raise PlanFormatError.single("--team", _('no team "%(team)s"') % {"team": value})
        return team

    def _user(self, option: str, value: str | None) -> User | None:
        if not value:
            return None
        user = User.objects.filter(username=value).first()
        if user is None:
            raise PlanFormatError.single(option, _('no user "%(username)s"') % {"username": value})
        return user
