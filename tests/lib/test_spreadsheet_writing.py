"""Cells written for spreadsheet programs hold text, never a formula, whatever the text."""

import csv
import io

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from youthpass_site.lib.spreadsheets import write_csv, write_xlsx

CONTROL_CHARACTERS = [chr(code) for code in (*range(0x20), 0x7F, *range(0x80, 0xA0))]
FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r", "\n"]
formulas = st.builds(
    lambda prefix, start, rest: prefix + start + 'HYPERLINK("https://evil.example")' + rest,
    st.text(alphabet=st.sampled_from(CONTROL_CHARACTERS), min_size=1, max_size=4),
    st.sampled_from(FORMULA_STARTS),
    st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=10),
)


def written_xlsx(value):
    workbook = load_workbook(io.BytesIO(write_xlsx(["Place of birth"], [[value]])))
    return workbook.worksheets[0]["A2"]


def written_csv(value):
    content = write_csv(["Place of birth"], [[value]]).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content, newline="")))[1][0]


def test_a_control_character_before_a_formula_does_not_unescape_it():
    cell = written_xlsx('\x01=HYPERLINK("https://evil.example","Rīga")')
    assert cell.data_type != "f"
    assert cell.value == '\'=HYPERLINK("https://evil.example","Rīga")'
    assert written_csv("\x01=1+1") == "'=1+1"


@given(value=formulas)
@settings(max_examples=80, deadline=None)
def test_no_control_character_prefix_turns_text_into_a_formula(value):
    cell = written_xlsx(value)
    assert cell.data_type != "f"
    assert cell.value.startswith("'")
    assert not any(character in cell.value for character in CONTROL_CHARACTERS[14:])

    text = written_csv(value)
    assert text.startswith("'")
    assert not any(
        character in text for character in CONTROL_CHARACTERS if character not in "\t\n\r"
    )


@given(value=st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=30))
@settings(max_examples=40, deadline=None)
def test_no_text_at_all_becomes_a_formula(value):
    assert written_xlsx(value).data_type != "f"
    assert not written_csv(value).startswith(("=", "+", "-", "@"))
