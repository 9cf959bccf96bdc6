"""XLSX files written by hand, shaped as no spreadsheet program would save them."""

import io
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Font

SHEET = "xl/worksheets/sheet1.xml"


def inline_cell(reference: str, text: str) -> str:
    return f'<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>'


def text_row(number: int, texts) -> str:
    letters = "ABCDEFGHIJ"
    cells = "".join(
        inline_cell(f"{letters[index]}{number}", text) for index, text in enumerate(texts)
    )
    return f'<row r="{number}">{cells}</row>'


def sheet_xml(rows: str, dimension: str = "") -> str:
    dimension = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{dimension}<sheetData>{rows}</sheetData></worksheet>"
    )


def xlsx_with_sheet(sheet: str, extra: dict | None = None) -> bytes:
    """A workbook as openpyxl saves it, with `sheet` as its first sheet's XML and the
    `extra` parts (name -> bytes) added to the archive."""
    workbook = Workbook()
    workbook.active["A1"] = "styled"
    workbook.active["A1"].font = Font(bold=True)  # so that style 1 exists
    saved = io.BytesIO()
    workbook.save(saved)
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(saved) as source,
        zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = sheet.encode() if info.filename == SHEET else source.read(info)
            target.writestr(info.filename, data)
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    return buffer.getvalue()


HEADER = ["first_name", "last_name", "email"]
PEOPLE = [
    ["Anna", "Liepa", "anna@example.org"],
    ["Jānis", "Bērziņš", "janis@example.org"],
]


def list_rows() -> str:
    return "".join(text_row(number, row) for number, row in enumerate([HEADER, *PEOPLE], 1))
