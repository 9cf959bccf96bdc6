"""Tables in and out: CSV and XLSX files with one header row.

Reading takes what people save from Excel, LibreOffice or Google Sheets: CSV in UTF-8
(with or without a byte order mark), UTF-16 or the Windows code page of the Baltic,
Western, Central European or Cyrillic versions of Excel (recognised by which reads most
like names), separated by commas, semicolons or tabs; or the first sheet of an XLSX
workbook, with real date cells. What is neither is refused with a message that says so.
The work is bounded by the settings SPREADSHEET_*: the file's size, what an XLSX file
unpacks to, the sheet's declared size, the rows read (reading stops after a run of empty
ones), the cells read (no wider than the header), and how many files are read at once.

Every export goes through `spreadsheet_response`, which cleans cells of control
characters and then escapes those that a spreadsheet program would run as a formula
(OWASP's "CSV injection"): a participant who types `=HYPERLINK(...)` as their name must
not get a live link into the organisers' Excel.
"""

import codecs
import csv
import fcntl
import hashlib
import io
import re
import tempfile
import unicodedata
import zipfile
import zlib
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time
from itertools import islice
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles import Font
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet._reader import DATA_TAG, DIMENSION_TAG, WorkSheetParser
from openpyxl.xml.functions import iterparse

from youthpass_site.lib.text import without_control_characters

# Columns beyond these are not read: a participant list has about ten.
MAX_COLUMNS = 50

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# A cell starting with one of these is a formula (or becomes one) in Excel and LibreOffice;
# the full-width forms count as the plain ones in East Asian versions of Excel.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")

# The encodings a CSV file is read in, with their names for people. The code pages are
# tried when the file is not Unicode, and the one whose text reads most like words wins.
ENCODINGS = {
    "utf-8": gettext_lazy("UTF-8 (Unicode)"),
    "utf-16": gettext_lazy("UTF-16 (Unicode)"),
    "cp1257": gettext_lazy("Windows-1257 (Baltic)"),
    "cp1252": gettext_lazy("Windows-1252 (Western European)"),
    "cp1250": gettext_lazy("Windows-1250 (Central European)"),
    "cp1251": gettext_lazy("Windows-1251 (Cyrillic)"),
}
# In this order, so that a tie goes to the code page Excel uses in most of the EU.
CODE_PAGES = ("cp1252", "cp1257", "cp1250", "cp1251")
# Letters that names in the languages of these code pages use often. Any other letter is
# possible but unlikely; a symbol (¦, ±, ³) in the middle of a name is a wrong guess.
_LIKELY_LETTERS = set(
    (
        "āčēģīķļņšūž"  # Latvian
        "ąęėįųõ"  # Lithuanian, Estonian
        "äöüéèêëàâçñáíóúåøæ"  # Western
        "łśźżćńěřýůťďőű"  # Central European
    )
    * 2
).union("āčēģīķļņšūžąęėįųõäöüéèêëàâçñáíóúåøæłśźżćńěřýůťďőű".upper(), "ß")
_PUNCTUATION = set("–—‘’‚“”„«»…€°§©®™•·\xa0×")
# What is scored of a long file: enough to tell the code pages apart.
_SCORED_CHARACTERS = 200_000
_WORD = re.compile(r"[^\W\d_]+")

# Signatures of files that people pick by mistake, to name what they picked.
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, .doc: the formats before 2007
_BINARY_STARTS = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"Rar!", b"7z")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_HEADER_SEPARATORS = re.compile(r"[\s\-]+")


class SpreadsheetError(Exception):
    """The file cannot be read as a table; the message says why, to the person who sent it."""


class SpreadsheetBusy(SpreadsheetError):
    """As many files as allowed are being read right now; the same file may be sent again."""


@dataclass
class Row:
    number: int  # as the spreadsheet program shows it: the first line of the file is 1
    cells: list  # one per header; str, or date/datetime from an XLSX date cell


@dataclass
class Table:
    headers: list[str]  # normalised with `normalise_header`; "" for an empty header cell
    raw_headers: list[str]  # as written in the file
    rows: list[Row] = field(default_factory=list)
    encoding: str = ""  # of a CSV file, a key of ENCODINGS; "" for XLSX
    # Rows in which bytes that are not text in the file's encoding were replaced by �.
    replaced_rows: list[int] = field(default_factory=list)
    # The work done: rows taken from the file (empty ones too) and XLSX cells parsed.
    rows_read: int = 0
    cells_read: int = 0


@dataclass
class _Reading:
    """What the readers may read, narrowed once the header is known, and what they did."""

    width: int = MAX_COLUMNS
    rows_read: int = 0
    cells_read: int = 0


def normalise_header(text: str) -> str:
    """ "First name", " first-name " and "FIRST_NAME" all become "first_name"."""
    text = str(text).replace("\ufeff", "").replace("\xa0", " ").strip().lower()
    return _HEADER_SEPARATORS.sub("_", text)


def read_table(data: bytes, max_rows: int | None = None, encoding: str | None = None) -> Table:
    """The table in a CSV or XLSX file: the first non-empty row is the header.

    Empty rows are left out, but the rows keep the numbers the spreadsheet shows; reading
    stops after SPREADSHEET_MAX_EMPTY_ROWS empty rows in a row. A CSV file is read in
    `encoding` (a key of ENCODINGS) if given, else in the one it most likely has.
    Raises SpreadsheetError for anything else, for files over the limits, and
    SpreadsheetBusy when too many files are being read at once.
    """
    max_rows = max_rows or settings.SPREADSHEET_MAX_ROWS
    if len(data) > settings.SPREADSHEET_MAX_BYTES:
        raise SpreadsheetError(too_big_message())
    if not data.strip():
        raise SpreadsheetError(_("The file is empty."))
    if data.startswith(_OLE):
        raise SpreadsheetError(
            _("This is an old Excel (.xls) file. Save it as .xlsx or .csv and upload that.")
        )
    if data.startswith(_BINARY_STARTS) or (
        not data.startswith(_ZIP) and b"\x00" in data[:4096] and not _is_utf16(data)
    ):
        raise SpreadsheetError(not_a_spreadsheet_message())
    reading = _Reading()
    with reading_slot():
        if data.startswith(_ZIP):
            table = _table(_xlsx_rows(data, reading), max_rows, reading)
        else:
            text, used = _decode(data, encoding)
            table = _table(_csv_rows(text, reading), max_rows, reading)
            table.encoding = used
            if "\ufffd" in text:
                table.replaced_rows = [
                    row.number
                    for row in table.rows
                    if any("\ufffd" in str(cell) for cell in row.cells)
                ]
    table.rows_read, table.cells_read = reading.rows_read, reading.cells_read
    return table


def too_many_rows_message(max_rows: int) -> str:
    return _("The file has more than %(max)s rows. Split the list into smaller files.") % {
        "max": number_format(max_rows, force_grouping=True)
    }


def too_big_message() -> str:
    return _("The file is larger than %(size)s MB. Split the list into smaller files.") % {
        "size": number_format(settings.SPREADSHEET_MAX_BYTES // (1024 * 1024))
    }


def not_a_spreadsheet_message() -> str:
    return _("This file is not a CSV or XLSX spreadsheet. Save the list as .csv or .xlsx.")


def busy_message() -> str:
    return _("The site is busy reading other lists right now. Try again in a minute.")


# Files being read on this machine, across the app server's processes and threads: each
# read holds one of SPREADSHEET_PARALLEL_READS lock files while it lasts. The files are
# named after the installation, so that two sites on one machine do not share them.
LOCK_DIR = Path(tempfile.gettempdir())


def _lock_path(number: int) -> Path:
    site = hashlib.sha256(str(settings.BASE_DIR).encode()).hexdigest()[:12]
    return LOCK_DIR / f"youthpass-{site}-spreadsheet-read-{number}.lock"


@contextmanager
def reading_slot():
    """Hold one of the reading slots, or raise SpreadsheetBusy when none is free."""
    for number in range(max(1, settings.SPREADSHEET_PARALLEL_READS)):
        lock = open(_lock_path(number), "a")  # noqa: SIM115
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.close()
            continue
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
            lock.close()
        return
    raise SpreadsheetBusy(busy_message())


# CSV


def _is_utf16(data: bytes) -> bool:
    return data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


def _decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """The file's text, and the encoding it was read in (a key of ENCODINGS).

    Unicode is recognised by its byte order mark or by decoding as UTF-8; a UTF-8 file
    with a few bytes that are not keeps them as �. Otherwise the code page whose text
    reads most like names and words is taken.
    """
    if encoding is None:
        encoding = _guess_encoding(data)
    if encoding not in ENCODINGS:
        raise ValueError(encoding)
    codec = {"utf-8": "utf-8-sig"}.get(encoding, encoding)
    text = data.decode(codec, errors="replace")
    # A stray control character is a cell's problem; many of them, a binary file's.
    if len(_CONTROL.findall(text)) > max(10, len(text) // 100):
        raise SpreadsheetError(not_a_spreadsheet_message())
    return text, encoding


def _guess_encoding(data: bytes) -> str:
    if _is_utf16(data):
        return "utf-16"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd")
    # Text in a code page hardly ever holds a valid UTF-8 sequence; text in UTF-8 with a
    # damaged byte has more good sequences than bad ones.
    if len(text) - len(text.encode("ascii", "ignore")) - replaced >= replaced:
        return "utf-8"
    scores = {}
    for code_page in CODE_PAGES:
        try:
            scores[code_page] = _score(data.decode(code_page)[:_SCORED_CHARACTERS])
        except UnicodeDecodeError:
            continue
    if not scores:
        return "cp1252"
    return max(scores, key=scores.get)


def _score(text: str) -> int:
    """How much the letters outside ASCII look like those of names and words."""
    score = 0
    for char, count in Counter(text).items():
        if char < "\x80":
            continue
        if char in _LIKELY_LETTERS or "\u0400" <= char <= "\u04ff":
            score += 2 * count
        elif char in _PUNCTUATION or char.isalpha():
            continue
        elif unicodedata.category(char).startswith("C"):
            score -= 5 * count
        else:
            score -= 3 * count
    # A capital inside a word ("KalniÒa"), Latin and Cyrillic letters in one word.
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        cyrillic = sum(1 for char in word if _is_cyrillic(char))
        if 0 < cyrillic < len(word):
            score -= 4 * cyrillic
        # Latin words are mostly plain letters: "Ļåņšīā" is Cyrillic in the wrong code page.
        accented = 0 if cyrillic else sum(1 for char in word if not char.isascii())
        if accented * 3 > len(word) * 2:
            score -= 4 * accented
        for previous, char in zip(word, word[1:], strict=False):
            if previous.islower() and char.isupper() and not char.isascii():
                score -= 2
    return score


def _is_cyrillic(char: str) -> bool:
    return "\u0400" <= char <= "\u04ff"


def _delimiter(text: str) -> str:
    """The separator that occurs most often on the first non-empty line (the header)."""
    first = next((line for line in islice(text.splitlines(), 1000) if line.strip()), "")
    counts = {delimiter: first.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _csv_rows(text: str, reading: _Reading):
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=False)
    try:
        # Each record is one row in a spreadsheet program, even with line breaks inside.
        for number, cells in enumerate(reader, start=1):
            reading.rows_read += 1
            yield number, cells[: reading.width]
    except csv.Error as error:
        raise SpreadsheetError(not_a_spreadsheet_message()) from error


# XLSX


def _damaged() -> SpreadsheetError:
    return SpreadsheetError(_("The XLSX file is damaged and cannot be read."))


def _xlsx_rows(data: bytes, reading: _Reading):
    """The rows of the first sheet, each read no wider than `reading.width`.

    The archive's parts are measured before anything is unpacked (a small file can unpack
    to gigabytes), and the sheet's declared size before its rows are read.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        sizes = {info.filename: info.file_size for info in archive.infolist()}
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise _damaged() from error
    if sum(sizes.values()) > settings.SPREADSHEET_MAX_UNPACKED_BYTES:
        raise SpreadsheetError(unpacks_too_big_message(settings.SPREADSHEET_MAX_UNPACKED_BYTES))
    try:
        # Every part is checked against its checksum, in C and within the size above.
        damaged = archive.testzip()
    except (
        zipfile.BadZipFile,
        OSError,
        ValueError,
        EOFError,
        zlib.error,
        NotImplementedError,
        RuntimeError,
    ) as error:
        raise _damaged() from error
    if damaged is not None:
        raise _damaged()
    if "xl/workbook.xml" not in sizes:
        raise SpreadsheetError(
            _(
                "This is not an XLSX workbook (an .ods or .docx file, perhaps). Save the list as "
                ".xlsx or .csv."
            )
        )
    try:
        reader, path = _open_workbook(data)
    except SpreadsheetError:
        raise
    except Exception as error:  # a damaged file fails in many ways
        raise _damaged() from error
    try:
        if sizes.get(path, 0) > settings.SPREADSHEET_MAX_SHEET_BYTES:
            raise SpreadsheetError(unpacks_too_big_message(settings.SPREADSHEET_MAX_SHEET_BYTES))
        with reader.archive.open(path) as source:
            rows, columns = _declared_size(source)
        if rows * columns > settings.SPREADSHEET_MAX_SHEET_CELLS:
            raise SpreadsheetError(
                _(
                    "The first sheet reaches down to row %(rows)s and across to column "
                    "%(column)s, which is more than a participant list needs. Copy the list "
                    "into a new sheet, or delete the empty rows and columns after it."
                )
                % {
                    "rows": number_format(rows, force_grouping=True),
                    "column": get_column_letter(min(columns, 18278)),
                }
            )
        workbook = reader.wb
        with reader.archive.open(path) as source:
            parser = _SheetParser(
                source,
                reader.shared_strings,
                data_only=True,
                epoch=workbook.epoch,
                date_formats=workbook._date_formats,
                timedelta_formats=workbook._timedelta_formats,
                reading=reading,
            )
            for number, cells in parser.parse():
                reading.rows_read += 1
                used = max((cell["column"] for cell in cells), default=0)
                values = [""] * min(reading.width, used)
                for cell in cells:
                    if cell["column"] <= len(values):
                        values[cell["column"] - 1] = _xlsx_value(cell["value"])
                yield number, values
    except SpreadsheetError:
        raise
    except Exception as error:  # a damaged sheet fails while being read
        raise _damaged() from error
    finally:
        reader.archive.close()


def _open_workbook(data: bytes):
    """openpyxl's reader with the workbook's strings, styles and dates read, and the path
    of its first sheet in the archive.

    The sheets themselves are left alone: openpyxl would read a whole sheet to find its
    size when the file does not declare it at the top.
    """
    reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=True)
    reader.read_manifest()
    reader.read_strings()
    reader.read_workbook()
    apply_stylesheet(reader.archive, reader.wb)
    for _sheet, relation in reader.parser.find_sheets():
        if relation.target in reader.valid_files and "chartsheet" not in relation.Type:
            return reader, relation.target
    reader.archive.close()
    raise SpreadsheetError(_("The XLSX file has no sheet with a table."))


def _declared_size(source) -> tuple[int, int]:
    """The rows and columns a sheet says it spans, read from its top; (0, 0) if it does not."""
    for _event, element in iterparse(source, events=("start",)):
        if element.tag == DIMENSION_TAG:
            bounds = range_boundaries(element.get("ref", "A1").split(":")[-1])
            return bounds[3] or 0, bounds[2] or 0
        if element.tag == DATA_TAG:
            break
    return 0, 0


def unpacks_too_big_message(limit: int) -> str:
    return _(
        "The XLSX file is larger than %(size)s MB once unpacked. Save only the participant "
        "list in a new workbook, or save it as .csv."
    ) % {"size": number_format(limit // (1024 * 1024))}


class _SheetParser(WorkSheetParser):
    """openpyxl's sheet reader, which parses only the cells of the columns being read.

    Rows come as the file has them, without the empty ones a gap would add, so that a
    value in row 1,048,576 costs one row, not a million.
    """

    def __init__(self, *args, reading: _Reading, **kwargs):
        super().__init__(*args, **kwargs)
        self.reading = reading

    def parse_row(self, row):
        number = row.get("r")
        if number is not None:
            self.row_counter = int(float(number))
        else:
            self.row_counter += 1
        self.col_counter = 0
        # Cells stand in column order: those after the first `width` lie beyond it.
        cells = [self.parse_cell(element) for element in islice(row, self.reading.width)]
        self.reading.cells_read += len(cells)
        return self.row_counter, cells


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


def _table(rows, max_rows: int, reading: _Reading) -> Table:
    table = None
    last_filled = 0
    for number, cells in rows:
        if number - last_filled > settings.SPREADSHEET_MAX_EMPTY_ROWS:
            break  # the list has ended
        if _is_empty(cells):
            continue
        last_filled = number
        if table is None:
            raw = [cell if isinstance(cell, str) else str(cell) for cell in cells]
            while raw and not raw[-1].strip():
                raw.pop()
            table = Table([normalise_header(text) for text in raw], [text.strip() for text in raw])
            # The rows below are read as wide as the header, and no wider.
            reading.width = max(1, len(raw))
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


def clean_cell(text: str) -> str:
    """Text without the control characters a spreadsheet file cannot hold or shows as junk
    (tab and line breaks stay)."""
    return without_control_characters(text)


def _plain(value):
    """A value as a cell holds it: dates stay dates, times are local, text is cleaned of
    control characters and then escaped, so that what is left cannot start a formula."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(tzinfo=None, microsecond=0)
    if isinstance(value, date | int | float):
        return value
    return escape_formula(clean_cell(str(value)))


def write_csv(headers: list[str], rows) -> bytes:
    """UTF-8 with a byte order mark, which Excel needs to read ā, š and ž right."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow([_plain(header) for header in headers])
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
