"""manage.py check_plan FILE: the warnings for a plan document, without touching the database.

One line per warning, `CODE<TAB>subject<TAB>message`, as the engine words them; exit 0. With --explain,
each warning's reason, next step and lesson follow it on indented lines; with --format json, one JSON
document for other tools (code, severity, subject, message, reason, next step, lesson). A file that is not
a valid plan document: the problems on stderr, exit 2, whatever the format.
"""

import argparse
import datetime
import json

from django.core.management.base import BaseCommand
from django.utils.translation import gettext, gettext_noop

from projects.plans.plan_format import PlanFormatError, parse_plan, read_document, to_plan_data
from projects.rules import Warning, evaluate

# The parts --explain adds under each warning, in the order a rep acts on them.
EXPLAINED = (
    ("reason", gettext_noop("Why")),
    ("next_step", gettext_noop("Next step")),
    ("lesson", gettext_noop("Lesson")),
)


class Command(BaseCommand):
    help = (
        "Evaluate the warnings for a JSON plan document without touching the database. Prints "
        "CODE<TAB>subject<TAB>message per warning (--explain adds the reason, next step and lesson; "
        "--format json prints one JSON document); exits 2 if the document is invalid."
    )
    requires_system_checks = []  # must run where no database is reachable

    def add_arguments(self, parser):
        parser.add_argument("file", help="The plan document (UTF-8 JSON); - reads stdin.")
        parser.add_argument(
            "--today", type=_iso_date, help="Evaluate as of this date (YYYY-MM-DD; default: today)."
        )
        parser.add_argument(
            "--explain",
            action="store_true",
            help="After each warning, its reason, next step and lesson on indented lines.",
        )
        parser.add_argument(
            "--format",
            choices=("text", "json"),
            default="text",
            help='"json": {"today": ..., "warnings": [{code, severity, subject, message, reason, '
            "next_step, lesson}]} for other tools.",
        )

    def handle(self, *args, file: str, today: datetime.date | None, explain: bool, format: str, **options):
        today = today or datetime.date.today()
        try:
            parsed = parse_plan(read_document(file))
        except PlanFormatError as error:
            for line in error.lines():
                self.stderr.write(line)
            raise SystemExit(2) from None
        warnings = evaluate(to_plan_data(parsed, today=today), today)
        if format == "json":
            document = {"today": today.isoformat(), "warnings": [w.as_dict() for w in warnings]}
            self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
            return
        for warning in warnings:
            self.stdout.write(_line(warning))
            if explain:
                for name, title in EXPLAINED:
                    self.stdout.write(f"    {gettext(title)}: {_one_line(getattr(warning, name))}")


def _line(warning: Warning) -> str:
    return f"{warning.code}\t{_one_line(warning.subject.label)}\t{_one_line(warning.message)}"


def _iso_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {value!r}") from None


def _one_line(text) -> str:
    return str(text).replace("\t", " ").replace("\r", " ").replace("\n", " ")
