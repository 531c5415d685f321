"""The manager's desk as tables: a spreadsheet (XLSX) and CSV hold exactly the page's numbers."""

import csv
import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.deals.labels import joined, label
from projects.deals.models import Stage
from projects.desks.figures import STATE_LABELS
from projects.desks.team import TeamDesk


@dataclass
class Table:
    title: Any
    header: list[Any]
    rows: list[list[Any]]


def export_tables(desk: TeamDesk) -> list[Table]:
    f = desk.filters
    everyone = _("Everyone")
    every = _("All")
    stage_labels = dict(Stage.choices)
    tables = [
        Table(
            _("Team view"),
            [_("Filter"), _("Value")],
            [
                [_("Team"), f.team.name],
                [_("Rep"), str(f.rep) if f.rep else str(everyone)],
                [_("Stage"), str(stage_labels[f.stage]) if f.stage else str(every)],
                [_("Customer state"), str(STATE_LABELS[f.state]) if f.state is not None else str(every)],
                [_("From"), f.date_from],
                [_("To"), f.date_to],
                [_("Exported on"), desk.today],
            ],
        ),
        Table(
            _("Plans awaiting review"),
            [_("Project"), _("Owner"), _("Version"), _("Submitted on")],
            [
                [s.project.name, str(s.project.owner), s.number, timezone.localdate(s.submitted_at)]
                for s in desk.awaiting_review
            ],
        ),
        Table(
            _("Pipeline by stage"),
            [_("Stage"), _("Projects"), _("Amount (CNY)")],
            [[t.label, t.count, t.amount] for t in desk.breakdown.stages]
            + [[_("Total"), desk.breakdown.count, desk.breakdown.amount]],
        ),
        Table(
            _("Projects by customer state"),
            [_("Customer state"), _("Projects"), _("Amount (CNY)")],
            [[t.label, t.count, t.amount] for t in desk.breakdown.states],
        ),
        Table(
            _("Warnings by rep"),
            [_("Code"), _("Warning"), _("Severity"), *[str(p) for p in desk.warning_people], _("Total")],
            [
                [row.code, str(row.title), row.severity_label, *row.counts, row.total]
                for row in desk.warning_rows
            ],
        ),
        Table(
            _("Visit cadence"),
            [_("Person"), _("Weekly target"), *desk.weeks, _("Total"), _("Weeks at target")],
            [[str(c.person), c.target, *c.counts, c.total, c.weeks_met] for c in desk.cadence],
        ),
        Table(
            _("Key contacts gone quiet"),
            [_("Contact"), _("Title"), _("Level"), _("Roles"), _("Project"), _("Last touched"), _("Days")],
            [
                [
                    pw.member.contact.name,
                    pw.member.contact.title,
                    label("level", pw.member.contact.level),
                    joined(label("role", role) for role in sorted(pw.member.roles)),
                    pw.project.name,
                    date.fromisoformat(pw.warning.message.param("date")),
                    pw.warning.message.param("days"),
                ]
                for pw in desk.stale_contacts
            ],
        ),
        Table(
            _("Parity gaps"),
            [_("Contact"), _("Title"), _("Level"), _("Project"), _("Held by"), _("Next step")],
            [
                [
                    pw.member.contact.name,
                    pw.member.contact.title,
                    label("level", pw.member.contact.level),
                    pw.project.name,
                    pw.warning.message.param("owner"),
                    str(pw.warning.next_step),
                ]
                for pw in desk.parity_gaps
            ],
        ),
    ]
    return tables


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    """Numbers and dates stay typed; text is text (a name starting with "=" must not become a formula)."""
    if isinstance(value, (int, Decimal, date)) and not isinstance(value, bool):
        return value
    return str(value)


def write_csv(tables: list[Table]) -> bytes:
    """UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese correctly."""
    out = io.StringIO()
    writer = csv.writer(out)
    for table in tables:
        writer.writerow([str(table.title)])
        writer.writerow([_csv_text(_cell(v)) for v in table.header])
        for row in table.rows:
            writer.writerow([_csv_text(_cell(v)) for v in row])
        writer.writerow([])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_text(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value  # CSV injection: spreadsheet programs would run it
    return str(value)


def write_xlsx(tables: list[Table]) -> bytes:
    """One worksheet per table; amounts as numbers with a ¥ format, dates as dates."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for index, table in enumerate(tables, start=1):
        # Sheet names: at most 31 characters, none of []:*?/\
        name = "".join(ch for ch in str(table.title) if ch not in "[]:*?/\\")[:28] or "Sheet"
        sheet = book.create_sheet(f"{index} {name}"[:31])
        sheet.append([_xlsx_header(v) for v in table.header])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.data_type = "s"
        for row in table.rows:
            sheet.append([_cell(v) for v in row])
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # never a formula
                elif isinstance(cell.value, Decimal):
                    cell.number_format = "¥#,##0"
                elif isinstance(cell.value, date):
                    cell.number_format = "yyyy-mm-dd"
        sheet.freeze_panes = "B2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_header(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)
