"""manage.py check_plan FILE: the warnings for a plan document, without touching the database.

One line per warning, `CODE<TAB>subject<TAB>message`, as the engine words them; exit 0. A file that is
not a valid plan document: the problems on stderr, exit 2.
"""

import argparse
import datetime

from django.core.management.base import BaseCommand

from projects.plans.plan_format import PlanFormatError, parse_plan, read_document, to_plan_data
from projects.rules import evaluate


class Command(BaseCommand):
    help = (
        "Evaluate the warnings for a JSON plan document without touching the database. Prints "
        "CODE<TAB>subject<TAB>message per warning; exits 2 if the document is invalid."
    )
    requires_system_checks = []  # must run where no database is reachable

    def add_arguments(self, parser):
        parser.add_argument("file", help="The plan document (UTF-8 JSON); - reads stdin.")
        parser.add_argument(
            "--today", type=_iso_date, help="Evaluate as of this date (YYYY-MM-DD; default: today)."
        )

    def handle(self, *args, file: str, today: datetime.date | None, **options):
        today = today or datetime.date.today()
        try:
            parsed = parse_plan(read_document(file))
        except PlanFormatError as error:
            for line in error.lines():
                self.stderr.write(line)
            raise SystemExit(2) from None
        for warning in evaluate(to_plan_data(parsed, today=today), today):
            self.stdout.write(
                f"{warning.code}\t{_one_line(warning.subject.label)}\t{_one_line(warning.message)}"
            )


def _iso_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {value!r}") from None


def _one_line(text) -> str:
    return str(text).replace("\t", " ").replace("\r", " ").replace("\n", " ")
