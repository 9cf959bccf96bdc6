"""CSV files in the encodings spreadsheet programs save them in, recognised from the text."""

import pytest

from youthpass_site.lib.spreadsheets import ENCODINGS, read_table

HEADER = "first_name;last_name;email\r\n"


def names(table):
    return [row.cells[:2] for row in table.rows]


def test_latvian_excel_csv_is_read_as_baltic():
    data = (HEADER + "Līga;Kalniņa;l@example.org\r\nĢirts;Ķēniņš;g@example.org\r\n").encode(
        "cp1257"
    )
    table = read_table(data)

    assert names(table) == [["Līga", "Kalniņa"], ["Ģirts", "Ķēniņš"]]
    assert table.encoding == "cp1257"
    assert str(ENCODINGS[table.encoding]) == "Windows-1257 (Baltic)"
    assert table.replaced_rows == []


def test_western_excel_csv_is_read_as_western():
    data = (HEADER + "François;Müller;f@example.org\r\n").encode("cp1252")
    table = read_table(data)

    assert names(table) == [["François", "Müller"]]
    assert table.encoding == "cp1252"


@pytest.mark.parametrize(
    ("first", "last", "encoding"),
    [
        ("Jānis", "Bērziņš", "cp1257"),
        ("Žanete", "Čakste", "cp1257"),
        ("Rūta", "Šimkutė", "cp1257"),
        ("Andris", "Šķēle", "cp1257"),
        ("Ąžuolas", "Įgaunis", "cp1257"),
        ("Jürgen", "Groß", "cp1252"),
        ("Søren", "Jørgensen", "cp1252"),
        ("José", "Muñoz", "cp1252"),
        ("Łukasz", "Wiśniewski", "cp1250"),
        ("Иван", "Петров", "cp1251"),
    ],
)
def test_names_in_their_own_code_page(first, last, encoding):
    table = read_table((HEADER + f"{first};{last};x@example.org\r\n").encode(encoding))
    assert names(table) == [[first, last]]
    assert table.encoding == encoding


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_utf8_with_one_bad_byte_stays_utf8_and_names_the_row(bom):
    data = bom + (HEADER + "Līga;Kalniņa;l@example.org\r\n").encode()
    data += b"Ann\xe2;Liepa;a@example.org\r\n" + "Ģirts;Ķēniņš;g@example.org\r\n".encode()
    table = read_table(data)

    assert table.encoding == "utf-8"
    assert names(table) == [["Līga", "Kalniņa"], ["Ann\ufffd", "Liepa"], ["Ģirts", "Ķēniņš"]]
    assert table.replaced_rows == [3]


def test_utf16_by_its_byte_order_mark():
    table = read_table((HEADER + "Līga;Kalniņa;l@example.org\r\n").encode("utf-16"))
    assert names(table) == [["Līga", "Kalniņa"]]
    assert table.encoding == "utf-16"


def test_the_encoding_can_be_chosen():
    data = (HEADER + "Līga;Kalniņa;l@example.org\r\n").encode("cp1257")

    table = read_table(data, encoding="cp1252")

    assert names(table) == [["Lîga", "Kalniòa"]]
    assert table.encoding == "cp1252"
