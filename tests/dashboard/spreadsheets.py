"""Participant lists as files, built in the tests."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

HEADER = ["first_name", "last_name", "email", "date_of_birth", "country", "role"]


def csv_bytes(rows, header=HEADER, delimiter=",", encoding="utf-8") -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows, header=HEADER) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload_file(data: bytes, name="participants.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def csv_table(content: bytes) -> list[list[str]]:
    """The rows of a downloaded CSV, as a spreadsheet program reads them."""
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def xlsx_sheet(content: bytes):
    return load_workbook(io.BytesIO(content)).worksheets[0]


def many_rows(count, bad=()):
    """`count` participants; the row numbers in `bad` (as the spreadsheet shows them, the
    header being row 1) get an e-mail address without @."""
    rows = []
    for index in range(count):
        number = index + 2
        email = f"person{index}.example.org" if number in bad else f"person{index}@example.org"
        rows.append([f"Vārds{index}", f"Uzvārds{index}", email, "2004-05-17", "LV", ""])
    return rows
