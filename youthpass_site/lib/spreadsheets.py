"""Tables in and out: CSV and XLSX files with one header row.

Reading takes what people save from Excel, LibreOffice or Google Sheets: CSV in UTF-8
(with or without a byte order mark), UTF-16 or Windows-1252, separated by commas,
semicolons or tabs; or the first sheet of an XLSX workbook, with real date cells. What
is neither is refused with a message that says so.

Every export goes through `spreadsheet_response`, which escapes cells that a spreadsheet
program would run as a formula (OWASP's "CSV injection"): a participant who types
`=HYPERLINK(...)` as their name must not get a live link into the organisers' Excel.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.http import HttpResponse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
# Columns beyond these are not read: a participant list has about ten.
MAX_COLUMNS = 50
# An XLSX file is a ZIP archive; this bounds what a small file may unpack to.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
# Blank rows allowed besides the rows read: reading stops at max_rows + this many lines,
# so that a small file of empty rows (or one row numbered a million) cannot keep a worker
# busy.
MAX_BLANK_ROWS = 10_000

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# A cell starting with one of these is a formula (or becomes one) in Excel and LibreOffice.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Signatures of files that people pick by mistake, to name what they picked.
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, .doc: the formats before 2007
_BINARY_STARTS = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"Rar!", b"7z")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_HEADER_SEPARATORS = re.compile(r"[\s\-]+")


class SpreadsheetError(Exception):
    """The file cannot be read as a table; the message says why, to the person who sent it."""


@dataclass
class Row:
    number: int  # as the spreadsheet program shows it: the first line of the file is 1
    cells: list  # one per header; str, or date/datetime from an XLSX date cell


@dataclass
class Table:
    headers: list[str]  # normalised with `normalise_header`; "" for an empty header cell
    raw_headers: list[str]  # as written in the file
    rows: list[Row] = field(default_factory=list)


def normalise_header(text: str) -> str:
    """ "First name", " first-name " and "FIRST_NAME" all become "first_name"."""
    text = str(text).replace("\ufeff", "").replace("\xa0", " ").strip().lower()
    return _HEADER_SEPARATORS.sub("_", text)


def read_table(data: bytes, max_rows: int = MAX_ROWS) -> Table:
    """The table in a CSV or XLSX file: the first non-empty row is the header.

    Empty rows are left out, but the rows keep the numbers the spreadsheet shows.
    Raises SpreadsheetError for anything else, and for files over the limits.
    """
    if len(data) > MAX_BYTES:
        raise SpreadsheetError(too_big_message())
    if not data.strip():
        raise SpreadsheetError(_("The file is empty."))
    if data.startswith(_ZIP):
        rows = _xlsx_rows(data, max_rows + MAX_BLANK_ROWS + 1)
    elif data.startswith(_OLE):
        raise SpreadsheetError(
            _("This is an old Excel (.xls) file. Save it as .xlsx or .csv and upload that.")
        )
    elif data.startswith(_BINARY_STARTS) or (b"\x00" in data[:4096] and not _is_utf16(data)):
        raise SpreadsheetError(not_a_spreadsheet_message())
    else:
        rows = _csv_rows(_decode(data))
    return _table(rows, max_rows)


def too_many_rows_message(max_rows: int) -> str:
    return _("The file has more than %(max)s rows. Split the list into smaller files.") % {
        "max": number_format(max_rows, force_grouping=True)
    }


def too_big_message() -> str:
    return _("The file is larger than %(size)s MB. Split the list into smaller files.") % {
        "size": number_format(MAX_BYTES // (1024 * 1024))
    }


def not_a_spreadsheet_message() -> str:
    return _("This file is not a CSV or XLSX spreadsheet. Save the list as .csv or .xlsx.")


def _is_utf16(data: bytes) -> bool:
    return data.startswith((b"\xff\xfe", b"\xfe\xff"))


def _decode(data: bytes) -> str:
    # Excel on Windows saves "CSV" in the ANSI code page, which for the EU is cp1252.
    encodings = ["utf-16"] if _is_utf16(data) else ["utf-8-sig", "cp1252"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        # A stray control character is a cell's problem; many of them, a binary file's.
        if len(_CONTROL.findall(text)) > max(10, len(text) // 100):
            break
        return text
    raise SpreadsheetError(not_a_spreadsheet_message())


def _delimiter(text: str) -> str:
    """The separator that occurs most often on the first non-empty line (the header)."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {delimiter: first.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _csv_rows(text: str):
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=False)
    try:
        # Each record is one row in a spreadsheet program, even with line breaks inside.
        for number, cells in enumerate(reader, start=1):
            yield number, cells[:MAX_COLUMNS]
    except csv.Error as error:
        raise SpreadsheetError(not_a_spreadsheet_message()) from error


def _xlsx_rows(data: bytes, max_row: int):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise SpreadsheetError(_("The XLSX file is damaged and cannot be read.")) from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise SpreadsheetError(too_big_message())
    if "xl/workbook.xml" not in archive.namelist():
        raise SpreadsheetError(
            _(
                "This is not an XLSX workbook (an .ods or .docx file, perhaps). Save the list as "
                ".xlsx or .csv."
            )
        )
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # a damaged file fails in many ways
        raise SpreadsheetError(_("The XLSX file is damaged and cannot be read.")) from error
    try:
        if not workbook.worksheets:
            raise SpreadsheetError(_("The XLSX file has no sheet with a table."))
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(max_row=max_row, max_col=MAX_COLUMNS, values_only=True)
        for number, cells in enumerate(rows, start=1):
            yield number, [_xlsx_value(value) for value in cells]
    except SpreadsheetError:
        raise
    except Exception as error:  # a damaged sheet fails while being read
        raise SpreadsheetError(_("The XLSX file is damaged and cannot be read.")) from error
    finally:
        workbook.close()


def _xlsx_value(value):
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date() if value.time() == time() else value
    if isinstance(value, date | str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _is_empty(cells) -> bool:
    return all(cell == "" or (isinstance(cell, str) and not cell.strip()) for cell in cells)


def _table(rows, max_rows: int) -> Table:
    table = None
    for number, cells in rows:
        if number > max_rows + MAX_BLANK_ROWS:
            raise SpreadsheetError(too_many_rows_message(max_rows))
        if _is_empty(cells):
            continue
        if table is None:
            raw = [cell if isinstance(cell, str) else str(cell) for cell in cells]
            while raw and not raw[-1].strip():
                raw.pop()
            table = Table([normalise_header(text) for text in raw], [text.strip() for text in raw])
            continue
        if len(table.rows) >= max_rows:
            raise SpreadsheetError(too_many_rows_message(max_rows))
        width = len(table.headers)
        table.rows.append(Row(number, (list(cells) + [""] * width)[:width]))
    if table is None:
        raise SpreadsheetError(_("The file is empty."))
    return table


# Writing


def escape_formula(value):
    """Text that a spreadsheet would run as a formula, made plain text with a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _plain(value):
    """A value as a cell holds it: dates stay dates, times are local, text is escaped."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(tzinfo=None, microsecond=0)
    if isinstance(value, date | int | float):
        return value
    return escape_formula(str(value))


def write_csv(headers: list[str], rows) -> bytes:
    """UTF-8 with a byte order mark, which Excel needs to read ā, š and ž right."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow([escape_formula(str(header)) for header in headers])
    for row in rows:
        writer.writerow([_csv_text(_plain(value)) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def _csv_text(value) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def write_xlsx(headers: list[str], rows, title: str = "") -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_sheet_title(title))
    sheet.freeze_panes = "A2"
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, len(str(header)) + 4)
    bold = Font(bold=True)
    sheet.append([_xlsx_cell(sheet, header, font=bold) for header in headers])
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(sheet, value, font=None):
    value = _plain(value)
    if isinstance(value, str):
        # Control characters are not allowed in the file format at all.
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, datetime):
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, date):
        cell.number_format = "yyyy-mm-dd"
    if font:
        cell.font = font
    return cell


def _sheet_title(title: str) -> str:
    # Sheet names are at most 31 characters, without []:*?/\.
    return re.sub(r"[\[\]:*?/\\]", " ", str(title)).strip()[:31] or "Sheet1"


def spreadsheet_response(
    kind: str, filename: str, headers: list[str], rows, title: str = ""
) -> HttpResponse:
    """A download of the table as `kind` ("csv" or "xlsx"), named `filename`.<kind>."""
    if kind == "xlsx":
        content, content_type = write_xlsx(headers, rows, title), XLSX_TYPE
    elif kind == "csv":
        content, content_type = write_csv(headers, rows), CSV_TYPE
    else:
        raise ValueError(kind)
    return HttpResponse(
        content,
        content_type=content_type,
        headers={
            "Content-Disposition": content_disposition_header(True, f"{filename}.{kind}"),
            "Cache-Control": "private, no-store",
        },
    )
