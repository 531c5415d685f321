"""The manager's desk as a spreadsheet (XLSX) and CSV: the same numbers as the page, the same filters,
the same access rule, and text that can never turn into a formula."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from projects.desks.exports import export_tables
from projects.stored_warnings.refresh import refresh_due
from salescamp.models import Rank

from .conftest import client_for
from .factories import (
    AccountFactory,
    ActivityFactory,
    ChainMemberFactory,
    ContactFactory,
    MembershipFactory,
    ProjectFactory,
    TeamFactory,
    UserFactory,
)


@pytest.fixture
def team(db):
    """王组长 leads a team of two reps with three projects, visits and a quiet executive."""
    today = timezone.localdate()
    lead = UserFactory(username="x-lead", rank=Rank.TEAM_LEAD, display_name="王组长")
    rep = UserFactory(username="x-rep", display_name="小张")
    mate = UserFactory(username="x-mate", display_name="小王")
    group = TeamFactory(name="电网一组", leader=lead)
    for user in (lead, rep, mate):
        MembershipFactory(user=user, team=group)
    account = AccountFactory(team=group)
    p1 = ProjectFactory(
        account=account, owner=rep, name="P1", stage="opportunity", state="S2", amount=1_234_567
    )
    ProjectFactory(account=account, owner=rep, name="P2", stage="tender", state="S1", amount=800_000)
    ProjectFactory(account=account, owner=mate, name="P3", stage="opportunity", state="", amount=100_000)
    # A name that a spreadsheet would run as a formula; an executive the rep holds alone, quiet since added.
    sneaky = ContactFactory(account=account, name='=HYPERLINK("http://x")', title="副总", level=3)
    ChainMemberFactory(project=p1, contact=sneaky)
    for days in (0, 7, 8, 30):
        visit = ActivityFactory(project=p1, date=today - timedelta(days=days), kind="visit", done=True)
        visit.our_people.set([rep] if days else [rep, mate])
    refresh_due(today)  # as the daily job does; factories write outside the write path
    return {"lead": lead, "rep": rep, "mate": mate, "team": group, "sneaky": sneaky}


def page_desk(user, query=""):
    response = client_for(user).get(f"/team/?{query}")
    assert response.status_code == 200
    return response.context["desk"], response.text


def plain(value):
    """What a cell holds, for comparing the page with the files."""
    if isinstance(value, (date, Decimal, int)) and not isinstance(value, bool):
        return value
    return str(value)


def expected_tables(desk):
    return [
        (str(table.title), [plain(v) for v in table.header], [[plain(v) for v in row] for row in table.rows])
        for table in export_tables(desk)
    ]


def read_xlsx(content: bytes):
    book = load_workbook(io.BytesIO(content))
    return [[list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets], book


def as_number(value):
    return Decimal(str(value)) if isinstance(value, (int, float, Decimal)) else value


@pytest.mark.django_db
def test_the_xlsx_holds_the_pages_numbers(team):
    desk, page = page_desk(team["lead"])
    response = client_for(team["lead"]).get("/team/export.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    sheets, _book = read_xlsx(response.content)
    expected = expected_tables(desk)
    assert len(sheets) == len(expected)
    for sheet, (_title, header, rows) in zip(sheets, expected, strict=True):
        assert [str(v) for v in sheet[0]] == [
            v.isoformat() if isinstance(v, date) else str(v) for v in header
        ]
        got = [
            [as_number(v.date() if hasattr(v, "date") and callable(v.date) else v) for v in row]
            for row in sheet[1:]
        ]
        want = [[as_number(v) if not isinstance(v, str) else v for v in row] for row in rows]
        assert got == want
    # The figures themselves, as the page shows them.
    pipeline = {row[0]: (row[1], Decimal(str(row[2]))) for row in sheets[2][1:]}
    assert pipeline["商机"] == (2, Decimal("1334567")) and pipeline["招投标"] == (1, Decimal("800000"))
    assert "2 · ¥1,334,567" in page and "1 · ¥800,000" in page


@pytest.mark.django_db
def test_the_csv_holds_the_same_numbers(team):
    desk, _page = page_desk(team["lead"])
    response = client_for(team["lead"]).get("/team/export.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    sections, current = [], None
    for row in rows:
        if not row:
            current = None
        elif current is None:
            current = [row[0], []]
            sections.append(current)
        else:
            current[1].append(row)
    expected = expected_tables(desk)
    assert [title for title, _rows in sections] == [title for title, _h, _r in expected]
    for (_title, rows_csv), (_t, _header, rows) in zip(sections, expected, strict=True):
        assert len(rows_csv) == len(rows) + 1
        for got, want in zip(rows_csv[1:], rows, strict=True):
            for cell, value in zip(got, want, strict=True):
                if isinstance(value, (int, Decimal)):
                    assert Decimal(cell) == value
                elif isinstance(value, date):
                    assert cell == value.isoformat()
                else:
                    assert cell.lstrip("'") == value


@pytest.mark.django_db
def test_cadence_and_warning_counts_match_between_page_and_files(team):
    desk, _page = page_desk(team["lead"])
    rep_row = next(c for c in desk.cadence if c.person == team["rep"])
    assert rep_row.total == 4 and rep_row.counts[-1] + rep_row.counts[-2] >= 1
    sheets, _ = read_xlsx(client_for(team["lead"]).get("/team/export.xlsx").content)
    cadence = {row[0]: row for row in sheets[5][1:]}
    assert cadence["小张"][-2:] == [rep_row.total, rep_row.weeks_met]
    assert cadence["小张"][2:-2] == rep_row.counts
    warnings = {row[0]: row for row in sheets[4][1:]}
    assert warnings["PARITY_GAP"][3:] == [
        *next(r for r in desk.warning_rows if r.code == "PARITY_GAP").counts,
        1,
    ]


@pytest.mark.django_db
def test_the_export_follows_the_urls_filters(team):
    query = f"rep={team['mate'].pk}&stage=opportunity"
    desk, _page = page_desk(team["lead"], query)
    assert desk.breakdown.count == 1
    sheets, _ = read_xlsx(client_for(team["lead"]).get(f"/team/export.xlsx?{query}").content)
    totals = sheets[2][-1]
    assert (totals[1], Decimal(str(totals[2]))) == (1, Decimal("100000"))
    assert [row[0] for row in sheets[5][1:]] == ["小王"]


@pytest.mark.django_db
def test_text_never_becomes_a_formula(team):
    lead = client_for(team["lead"])
    _, book = read_xlsx(lead.get("/team/export.xlsx").content)
    parity = book.worksheets[7]
    cell = parity["A2"]
    assert cell.value == team["sneaky"].name and cell.data_type == "s"
    text = lead.get("/team/export.csv").content.decode("utf-8")
    assert "'=HYPERLINK" in text and "\n=HYPERLINK" not in text and ",=HYPERLINK" not in text


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/team/export.xlsx", "/team/export.csv"])
def test_the_export_follows_the_access_rule(team, url):
    assert client_for(team["rep"]).get(url).status_code == 404
    stranger = UserFactory(rank=Rank.TEAM_LEAD)
    other = TeamFactory(leader=stranger)
    MembershipFactory(user=stranger, team=other)
    assert client_for(stranger).get(f"{url}?team={team['team'].pk}").status_code == 404
    own = client_for(stranger).get(url)
    assert own.status_code == 200
    if url.endswith(".csv"):
        cells = {cell for row in csv.reader(io.StringIO(own.content.decode("utf-8-sig"))) for cell in row}
    else:
        sheets, _ = read_xlsx(own.content)
        cells = {str(cell) for sheet in sheets for row in sheet for cell in row}
    assert "P1" not in cells and "小张" not in cells and "电网一组" not in cells


@pytest.mark.django_db
def test_the_team_report_is_a_one_page_pdf_for_managers_only(org):
    response = client_for(org.lead).get(f"/team/report.pdf?team={org.team.pk}")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    assert org.team.name in reader.pages[0].extract_text()
    assert client_for(org.rep).get("/team/report.pdf").status_code == 404
