"""Reading a participant list costs at most a bounded number of lines, however the file
is made."""

import io

import pytest
from openpyxl import Workbook

from youthpass_site.lib.spreadsheets import MAX_BLANK_ROWS, SpreadsheetError, read_table

TOO_MANY = "The file has more than 2,000 rows."


def xlsx(cells):
    workbook = Workbook()
    sheet = workbook.active
    for (row, column), value in cells.items():
        sheet.cell(row=row, column=column, value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_an_xlsx_row_numbered_a_million_is_not_reached_through_empty_rows():
    data = xlsx({(1, 1): "email", (1_000_000, 1): "far@example.org"})
    assert len(data) < 10_000
    with pytest.raises(SpreadsheetError, match=TOO_MANY):
        read_table(data)


def test_a_csv_of_blank_lines_is_refused():
    with pytest.raises(SpreadsheetError, match=TOO_MANY):
        read_table(b"email\n" + b"\n" * (2000 + MAX_BLANK_ROWS) + b"a@example.org\n")


def test_blank_rows_between_the_rows_are_still_fine():
    data = xlsx({(1, 1): "email", (5, 1): "a@example.org", (2000, 1): "b@example.org"})
    table = read_table(data)
    assert [(row.number, row.cells) for row in table.rows] == [
        (5, ["a@example.org"]),
        (2000, ["b@example.org"]),
    ]
