"""Reading participant lists shaped to cost a lot: CPU time of `read_table` per file.

    .venv/bin/python benchmarks/spreadsheets.py

Builds in memory the files of an outside probe and a few ordinary ones, reads each with
youthpass_site.lib.spreadsheets.read_table under the production settings' limits, and
prints for each: its size, the CPU seconds the read took, and what came of it (rows read
or the message). No database is needed.
"""

import io
import os
import sys
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "youthpass_site.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from openpyxl import Workbook  # noqa: E402

from tests.lib.xlsx import HEADER, list_rows, sheet_xml, text_row, xlsx_with_sheet  # noqa: E402
from youthpass_site.lib.spreadsheets import SpreadsheetError, read_table  # noqa: E402


def styled_empty_rows(rows: int, cells: int) -> bytes:
    empty = '<c s="1"/>' * cells
    body = list_rows() + "".join(f"<row>{empty}</row>" for _ in range(rows))
    return xlsx_with_sheet(sheet_xml(body))


def named_rows_with_empty_cells(rows: int, cells: int) -> bytes:
    empty = '<c s="1"/>' * cells
    body = text_row(1, HEADER) + "".join(
        text_row(number, [f"Name{number}", "Liepa", f"p{number}@example.org"])[: -len("</row>")]
        + empty
        + "</row>"
        for number in range(2, rows + 2)
    )
    return xlsx_with_sheet(sheet_xml(body))


def far_row(declared: bool) -> bytes:
    if not declared:
        return xlsx_with_sheet(sheet_xml(list_rows() + text_row(1_048_576, ["x", "y", "z"])))
    workbook = Workbook()
    for row in [HEADER, ["Anna", "Liepa", "a@example.org"]]:
        workbook.active.append(row)
    workbook.active.cell(row=1_048_576, column=1, value="x")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (45 * 1024 * 1024))
    return buffer.getvalue()


def ordinary(rows: int) -> bytes:
    workbook = Workbook()
    workbook.active.append(HEADER)
    for index in range(rows):
        workbook.active.append([f"Līga{index}", "Kalniņa", f"p{index}@example.org"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def cp1257_csv(rows: int) -> bytes:
    lines = ["first_name;last_name;email"]
    lines += [f"Līga;Kalniņa;p{index}@example.org" for index in range(rows)]
    return "\r\n".join(lines).encode("cp1257")


FILES = {
    "1,000 rows x 4,000 empty styled cells": lambda: styled_empty_rows(1000, 4000),
    "120 rows x 4,000 empty styled cells": lambda: styled_empty_rows(120, 4000),
    "1,500 rows x 300 empty styled cells": lambda: styled_empty_rows(1500, 300),
    "2,000 named rows x 220 empty styled cells": lambda: named_rows_with_empty_cells(2000, 220),
    "3,000 rows x 4,000 empty styled cells": lambda: styled_empty_rows(3000, 4000),
    "one value in row 1,048,576 (declared)": lambda: far_row(declared=True),
    "one value in row 1,048,576 (undeclared)": lambda: far_row(declared=False),
    "zip bomb (45 MB of zeros)": zip_bomb,
    "ordinary XLSX, 2,000 rows": lambda: ordinary(2000),
    "ordinary CSV in cp1257, 2,000 rows": lambda: cp1257_csv(2000),
}


def main():
    print(f"{'file':42} {'bytes':>9} {'CPU s':>7}  outcome")
    for name, build in FILES.items():
        data = build()
        started = time.process_time()
        try:
            table = read_table(data)
        except SpreadsheetError as error:
            outcome = f"refused: {error}"
        else:
            outcome = f"{len(table.rows)} rows kept, {getattr(table, 'rows_read', '?')} read"
        seconds = time.process_time() - started
        print(f"{name:42} {len(data):>9,} {seconds:>7.2f}  {outcome[:90]}")


if __name__ == "__main__":
    main()
