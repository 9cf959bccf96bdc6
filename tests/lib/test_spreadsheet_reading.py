"""Reading a spreadsheet costs what the list in it needs, whatever the file claims: rows
and cells past the list are not parsed, and files that unpack or reach too far are
refused before their rows are read."""

import io
import threading
import zipfile

import pytest
from django.conf import settings
from openpyxl import Workbook

from tests.lib.xlsx import HEADER, PEOPLE, list_rows, sheet_xml, text_row, xlsx_with_sheet
from youthpass_site.lib import spreadsheets
from youthpass_site.lib.spreadsheets import (
    MAX_COLUMNS,
    SpreadsheetBusy,
    SpreadsheetError,
    read_table,
    reading_slot,
)


@pytest.fixture(autouse=True)
def _own_locks(tmp_path, monkeypatch):
    monkeypatch.setattr(spreadsheets, "LOCK_DIR", tmp_path)


def names(table):
    return [row.cells[:2] for row in table.rows]


def test_a_value_in_the_last_row_of_excel_is_refused_by_the_sheets_size():
    workbook = Workbook()
    sheet = workbook.active
    for row in [HEADER, *PEOPLE]:
        sheet.append(row)
    sheet.cell(row=1_048_576, column=1, value="x")
    buffer = io.BytesIO()
    workbook.save(buffer)

    with pytest.raises(SpreadsheetError, match="reaches down to row 1,048,576"):
        read_table(buffer.getvalue())


def test_a_value_in_the_last_row_without_a_declared_size_costs_one_row():
    far = text_row(1_048_576, ["x", "y", "far@example.org"])
    table = read_table(xlsx_with_sheet(sheet_xml(list_rows() + far)))

    assert names(table) == [["Anna", "Liepa"], ["Jānis", "Bērziņš"]]
    # The header, the two people, and the far row, which ends the list unread.
    assert table.rows_read == 4


def test_a_size_that_is_too_large_is_refused_before_any_row_is_read():
    data = xlsx_with_sheet(sheet_xml(list_rows(), dimension="A1:EXV3000"))
    with pytest.raises(SpreadsheetError, match="across to column EXV"):
        read_table(data)


def test_thousands_of_empty_styled_cells_are_not_parsed():
    empty_cells = '<c s="1"/>' * 400
    rows = "".join(
        text_row(number, row)[: -len("</row>")] + empty_cells + "</row>"
        for number, row in enumerate([HEADER, *PEOPLE], 1)
    )
    rows += "".join(f'<row r="{number}">{empty_cells}</row>' for number in range(4, 704))
    table = read_table(xlsx_with_sheet(sheet_xml(rows)))

    assert names(table) == [["Anna", "Liepa"], ["Jānis", "Bērziņš"]]
    # Reading stops at the first row past the allowed run of empty rows. The header is
    # read up to MAX_COLUMNS cells, every row below it as wide as the header.
    empty_read = settings.SPREADSHEET_MAX_EMPTY_ROWS + 1
    assert table.rows_read == 3 + empty_read
    assert table.cells_read == MAX_COLUMNS + 2 * 3 + empty_read * 3


def test_empty_lines_of_a_csv_file_end_the_list():
    data = b"first_name,last_name,email\nAnna,Liepa,a@example.org\n" + b",,\n" * 100_000
    data += b"Far,Away,far@example.org\n"
    table = read_table(data)

    assert names(table) == [["Anna", "Liepa"]]
    assert table.rows_read == 2 + settings.SPREADSHEET_MAX_EMPTY_ROWS + 1


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (40 * 1024 * 1024))
    data = buffer.getvalue()
    assert len(data) < settings.SPREADSHEET_MAX_BYTES

    with pytest.raises(SpreadsheetError, match="larger than 30 MB once unpacked"):
        read_table(data)


def test_a_zip_that_lies_about_its_size_is_refused_as_damaged():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/sharedStrings.xml", b"a" * (40 * 1024 * 1024))
    # The directory at the end of the archive claims the part unpacks to 100 bytes.
    data = buffer.getvalue()
    claimed = (40 * 1024 * 1024).to_bytes(4, "little")
    data = (
        data[: data.rindex(claimed)]
        + (100).to_bytes(4, "little")
        + data[data.rindex(claimed) + 4 :]
    )

    with pytest.raises(SpreadsheetError):
        read_table(data)


def test_a_sheet_larger_than_its_own_limit_is_refused(settings):
    settings.SPREADSHEET_MAX_SHEET_BYTES = 100_000
    padding = text_row(4, ["", "", ""]) * 5000
    with pytest.raises(SpreadsheetError, match="larger than 0 MB once unpacked"):
        read_table(xlsx_with_sheet(sheet_xml(list_rows() + padding)))


def test_the_limits_are_settings(settings):
    data = b"first_name,last_name,email\n\n\n\nAnna,Liepa,a@example.org\nOto,Ozols,o@example.org\n"
    settings.SPREADSHEET_MAX_EMPTY_ROWS = 3
    assert read_table(data).rows == []
    settings.SPREADSHEET_MAX_EMPTY_ROWS = 4
    assert names(read_table(data)) == [["Anna", "Liepa"], ["Oto", "Ozols"]]
    settings.SPREADSHEET_MAX_ROWS = 1
    with pytest.raises(SpreadsheetError, match="more than 1 rows"):
        read_table(data)


def test_no_more_files_are_read_at_once_than_allowed(settings):
    settings.SPREADSHEET_PARALLEL_READS = 2
    data = b"first_name,last_name,email\nAnna,Liepa,a@example.org\n"
    with reading_slot():
        assert names(read_table(data)) == [["Anna", "Liepa"]]
        with reading_slot(), pytest.raises(SpreadsheetBusy, match="Try again in a minute"):
            read_table(data)
    assert names(read_table(data)) == [["Anna", "Liepa"]]


def test_a_slot_held_by_another_thread_counts():
    taken, release = threading.Event(), threading.Event()

    def hold():
        with reading_slot(), reading_slot():
            taken.set()
            release.wait(5)

    thread = threading.Thread(target=hold)
    thread.start()
    try:
        taken.wait(5)
        with pytest.raises(SpreadsheetBusy):
            read_table(b"first_name,last_name,email\nAnna,Liepa,a@example.org\n")
    finally:
        release.set()
        thread.join()
