"""A customer list file (.xlsx or .csv) as rows of text, read without trusting it: a size limit before
anything is parsed, a limit on what a workbook unpacks to, no formula evaluated, GBK as well as UTF-8."""

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _

from accounts.importing.columns import guess_mapping

MAX_BYTES = 10 * 1024 * 1024  # a list of 20,000 customers is a few MB
MAX_UNPACKED = 200 * 1024 * 1024  # what the workbook's parts may unpack to (a zip bomb is refused)
MAX_ROWS = 20_000
MAX_COLUMNS = 60
HEADER_ROWS = 10  # the header is one of the first rows (a title or a merged banner may sit above it)
# A cell holding a formula: never computed, its row says so. U+FFFF is no character, so no cell holds it.
FORMULA = "\uffff=formula"


class TableError(Exception):
    """The file as a whole cannot be read; the message says why, for the person who uploaded it."""


@dataclass
class Table:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (row number in the file, its cells as text)


def read_table(name: str, data: bytes) -> Table:
    if len(data) > MAX_BYTES:
        raise TableError(
            _("The file is %(size)s MB; the limit is %(limit)s MB. Split it into smaller files.")
            % {"size": round(len(data) / 2**20, 1), "limit": MAX_BYTES // 2**20}
        )
    if not data:
        raise TableError(_("The file is empty."))
    if data[:2] == b"PK":
        rows = _xlsx_rows(data)
    elif name.lower().endswith((".xlsx", ".xlsm")):
        raise TableError(_("This is not a readable .xlsx workbook: save it again from Excel or WPS."))
    else:
        rows = _csv_rows(data)
    return _with_header(rows)


def _with_header(rows) -> Table:
    """Find the header row among the first rows: the first that names at least two known columns."""
    seen = []
    for number, cells in rows:
        if len(seen) >= HEADER_ROWS:
            break
        seen.append((number, cells))
        if len(guess_mapping(cells)) >= 2:
            width = (
                max(index for index, cell in enumerate(cells) if cell) + 1
            )  # columns past the last header: none
            cells = cells[:width]
            body = []
            for row in rows:
                if len(body) >= MAX_ROWS:
                    raise TableError(
                        _("The file has more than %(limit)s rows; split it into smaller files.")
                        % {"limit": MAX_ROWS}
                    )
                if any(cell for cell in row[1][:width]):
                    body.append((row[0], row[1][:width]))
            return Table(headers=cells, rows=body)
    raise TableError(
        _(
            "No header row found: one of the first rows must name the columns, e.g. 客户名称, 联系人, 职务. "
            "Download the template to see them all."
        )
    )


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        text = value.replace("\x00", "").strip()
        return FORMULA if text.startswith("=") and len(text) > 1 else text
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a mobile number Excel stored as a number: 13800138000.0
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _xlsx_rows(data: bytes):
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(part.file_size for part in archive.infolist()) > MAX_UNPACKED:
                raise TableError(
                    _("The workbook unpacks to more than %(mb)s MB.") % {"mb": MAX_UNPACKED // 2**20}
                )
        # Read-only: rows stream from the file instead of the whole workbook held in memory.
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        sheet = book.worksheets[0]
    except TableError:
        raise
    except Exception:  # openpyxl raises many kinds for a damaged file; all mean the same to the user
        raise TableError(
            _("This is not a readable .xlsx workbook: save it again from Excel or WPS.")
        ) from None

    def rows():
        try:
            for number, values in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), 1):
                yield number, [_text(value) for value in values]
        except TableError:
            raise
        except Exception:
            raise TableError(_("The workbook is damaged past row %(row)s.") % {"row": number}) from None
        finally:
            book.close()

    return rows()


def _csv_rows(data: bytes):
    for encoding in ("utf-8-sig", "gb18030"):  # Excel in China saves CSV as GBK; GB18030 is its superset
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise TableError(_("The file is neither UTF-8 nor GBK text: save it as .xlsx or as CSV (UTF-8)."))
    if "\x00" in text:
        raise TableError(_("This is not a text file: upload an .xlsx workbook or a CSV file."))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)

    def rows():
        try:
            for number, values in enumerate(reader, 1):
                yield number, [_text(value) for value in values[:MAX_COLUMNS]]
        except csv.Error as error:
            raise TableError(
                _("The CSV file cannot be read at line %(line)s: %(problem)s")
                % {"line": reader.line_num, "problem": error}
            ) from None

    return rows()
