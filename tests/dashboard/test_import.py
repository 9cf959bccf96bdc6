"""Importing participants from a CSV or XLSX file: upload, preview with every row's
problems, then import the valid rows once."""

import datetime
import html
import io
import re
import zipfile

import pytest
from django.conf import settings as site_settings
from django.contrib.messages import get_messages
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from dashboard.importing import MESSAGES, check_file
from dashboard.models import ParticipantImport
from jobs.models import Job
from participants.models import Participant, ParticipantRole, ParticipantState
from tests.conftest import login, make_project
from tests.dashboard.spreadsheets import (
    HEADER,
    csv_bytes,
    many_rows,
    upload_file,
    xlsx_bytes,
    xlsx_sheet,
)
from youthpass_site.lib.spreadsheets import SpreadsheetError


def upload_url(project):
    return reverse("dashboard:import", args=[project.code])


def preview_url(preview):
    return reverse("dashboard:import_preview", args=[preview.project.code, preview.code])


def upload(client, world, data, name="participants.csv", user=None):
    login(client, user or world.editor)
    return client.post(upload_url(world.project), {"file": upload_file(data, name)})


def text(response):
    """The page as a reader sees it: no tags, entities decoded, white space collapsed."""
    content = re.sub(r"<[^>]+>", "", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(content))


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


ROWS = [
    ["Oksana", "Kovalenko", "Oksana@Example.org", "17.05.2004", "UA", "Group leader"],
    ["Mateusz", "Nowak", "no-at-sign", "2003-01-02", "Poland", ""],
    ["Jūlija", "Ozoliņa", "julija@example.org", "", "Latvija", "facilitator"],
]


def test_upload_shows_every_row_and_saves_nothing(client, world):
    response = upload(client, world, csv_bytes(ROWS))

    preview = ParticipantImport.objects.get()
    assert response.url == preview_url(preview)
    assert preview.created_by == world.editor
    assert (preview.row_count, preview.valid_count) == (3, 2)
    assert world.project.participants.count() == 2

    page = text(client.get(response.url))
    assert "The file has 3 rows. 2 can be imported. 1 has problems" in page
    assert "Rows with problems (1)" in page
    assert "email: “no-at-sign” is not a valid e-mail address." in page
    assert "Import 2 valid rows" in page
    # The rows to import, as they will be saved.
    assert "oksana@example.org" in page
    assert "Group leader" in page
    assert "Ukraine" in page


def test_confirming_imports_the_valid_rows(client, world):
    upload(client, world, csv_bytes(ROWS))
    preview = ParticipantImport.objects.get()

    response = client.post(preview_url(preview))

    assert response.url == world.project.get_absolute_url()
    assert messages_of(response) == [
        "2 participants were added from participants.csv.",
        "1 row with problems was left out.",
    ]
    oksana = world.project.participants.get(email="oksana@example.org")
    assert (oksana.first_name, oksana.last_name) == ("Oksana", "Kovalenko")
    assert oksana.date_of_birth == datetime.date(2004, 5, 17)
    assert oksana.country.code == "UA"
    assert oksana.role == ParticipantRole.GROUP_LEADER
    assert oksana.language == "en"
    assert oksana.state == ParticipantState.ADDED
    julija = world.project.participants.get(email="julija@example.org")
    assert (julija.country.code, julija.role, julija.date_of_birth) == ("LV", "facilitator", None)
    assert not world.project.participants.filter(last_name="Nowak").exists()
    preview.refresh_from_db()
    assert preview.imported_at is not None
    assert preview.imported_by == world.editor
    assert preview.imported_count == 2
    # The participants' records hold the data now; the preview keeps only the counts.
    assert preview.rows == []


def test_importing_twice_adds_nobody_twice(client, world):
    upload(client, world, csv_bytes(ROWS))
    preview = ParticipantImport.objects.get()
    client.post(preview_url(preview))

    response = client.post(preview_url(preview))

    assert messages_of(response)[-1] == "This list was imported already. Nobody was added twice."
    assert world.project.participants.count() == 4
    page = text(client.get(preview_url(preview)))
    assert "This list was imported on" in page
    assert "2 participants were added." in page
    assert "Import 2 valid rows" not in page


def test_rows_whose_email_came_into_the_project_since_the_preview_are_left_out(client, world):
    upload(client, world, csv_bytes(ROWS))
    preview = ParticipantImport.objects.get()
    Participant.objects.create(
        project=world.project, first_name="O.", last_name="K.", email="oksana@example.org"
    )
    page = text(client.get(preview_url(preview)))
    assert "Import 1 valid row" in page
    assert "A participant with this e-mail address is in the project already." in page

    response = client.post(preview_url(preview))

    assert "1 participant was added from participants.csv." in messages_of(response)
    assert world.project.participants.filter(email__iexact="oksana@example.org").count() == 1
    assert world.project.participants.filter(email="julija@example.org").exists()


def test_a_file_with_no_valid_row_cannot_be_imported(client, world):
    upload(client, world, csv_bytes([["", "Nowak", "nowak@example.org", "", "", ""]]))
    preview = ParticipantImport.objects.get()

    page = text(client.get(preview_url(preview)))
    assert "No row can be imported." in page
    assert "first_name: Empty, but it must be filled in." in page

    response = client.post(preview_url(preview))
    assert messages_of(response)[0] == "Nobody was added from participants.csv."
    assert world.project.participants.count() == 2


# Each problem, by row and column


PROBLEM_ROWS = [
    # row 2: fine
    ["Anna", "Liepa", "anna@example.org", "2004-05-17", "LV", "participant", "", ""],
    # row 3: no first name, a date that is no date
    ["", "Kalns", "kalns@example.org", "17-05-2004", "", "", "", ""],
    # row 4: unknown country and role
    ["Ivo", "Egle", "ivo@example.org", "", "Atlantis", "boss", "", ""],
    # row 5: the same address as row 2, in other letters
    ["Anna", "Liepa", "ANNA@example.org", "", "", "", "", ""],
    # row 6: in the project already (the world's participant)
    ["Līga", "Kalniņa", "participant@example.org", "", "", "", "", ""],
    # row 7: a last name longer than the model allows; born in the future
    ["Ede", "x" * 101, "ede@example.org", "2999-01-01", "", "", "", ""],
    # row 8: own period outside the project (1–10 July 2026), and in the wrong order
    ["Uva", "Roze", "uva@example.org", "", "", "", "2026-06-30", "2026-07-05"],
    ["Ola", "Roze", "ola@example.org", "", "", "", "2026-07-08", "2026-07-02"],
]
PROBLEM_HEADER = [*HEADER, "start_date", "end_date"]


def problems_by_row(checked):
    return {
        row["row"]: [(problem["column"], problem["code"]) for problem in row["problems"]]
        for row in checked.rows
    }


def test_every_problem_names_its_row_and_column(world):
    checked = check_file(world.project, csv_bytes(PROBLEM_ROWS, PROBLEM_HEADER))

    assert problems_by_row(checked) == {
        2: [],
        3: [("first_name", "required"), ("date_of_birth", "date_invalid")],
        4: [("country", "country_unknown"), ("role", "role_unknown")],
        5: [("email", "duplicate_in_file")],
        6: [("email", "duplicate_in_project")],
        7: [("last_name", "too_long"), ("date_of_birth", "birth_future")],
        8: [("start_date", "outside_project")],
        9: [("end_date", "date_order")],
    }
    assert checked.valid_count == 1


def test_the_preview_explains_each_problem(client, world):
    upload(client, world, csv_bytes(PROBLEM_ROWS, PROBLEM_HEADER))
    page = text(client.get(preview_url(ParticipantImport.objects.get())))

    for message in [
        "first_name: Empty, but it must be filled in.",
        "date_of_birth: “17-05-2004” is not a date. Write dates as YYYY-MM-DD, DD.MM.YYYY or "
        "DD/MM/YYYY.",
        "country: “Atlantis” is not a country.",
        "role: “boss” is not a role. Write one of: Participant, Group leader, Facilitator.",
        "email: The same e-mail address as row 2.",
        "email: A participant with this e-mail address is in the project already.",
        "last_name: Longer than 100 characters.",
        "date_of_birth: The date of birth is in the future.",
        "start_date: Not within the project's dates, 1 July 2026 to 10 July 2026.",
        "end_date: The end date comes before the start date.",
    ]:
        assert message in page
    assert "Rows with problems (7)" in page


def test_problems_name_the_columns_as_the_file_does(client, world):
    header = ["First name", "Last name", "E-mail address", "Date of birth"]
    upload(client, world, csv_bytes([["Anna", "Liepa", "anna@", "x"]], header))
    page = text(client.get(preview_url(ParticipantImport.objects.get())))
    assert "E-mail address: “anna@” is not a valid e-mail address." in page
    assert "Date of birth: “x” is not a date." in page


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2004-05-17", datetime.date(2004, 5, 17)),
        ("17.05.2004", datetime.date(2004, 5, 17)),
        ("17.05.2004.", datetime.date(2004, 5, 17)),
        ("17/05/2004", datetime.date(2004, 5, 17)),
        (" 7.5.2004 ", datetime.date(2004, 5, 7)),
    ],
)
def test_dates_in_the_usual_forms(world, cell, expected):
    checked = check_file(world.project, csv_bytes([["A", "B", "a@example.org", cell, "", ""]]))
    assert checked.rows[0]["problems"] == []
    assert checked.rows[0]["data"]["date_of_birth"] == expected.isoformat()


@pytest.mark.parametrize("cell", ["05/17/2004", "2004-02-30", "0204-05-17", "yesterday", "2004"])
def test_dates_that_are_not(world, cell):
    checked = check_file(world.project, csv_bytes([["A", "B", "a@example.org", cell, "", ""]]))
    assert [problem["code"] for problem in checked.rows[0]["problems"]] == ["date_invalid"]


@pytest.mark.parametrize(
    ("country", "code"),
    [
        ("lv", "LV"),
        ("EST", "EE"),
        ("Germany", "DE"),
        ("Vācija", "DE"),
        ("lietuva", "LT"),
        ("Kosovo", "XK"),
        ("Kosova", "XK"),
        ("xk", "XK"),
    ],
)
def test_countries_by_code_or_name(world, country, code):
    checked = check_file(world.project, csv_bytes([["A", "B", "a@example.org", "", country, ""]]))
    assert checked.rows[0]["problems"] == []
    assert checked.rows[0]["data"]["country"] == code


@pytest.mark.parametrize("country", ["¹", "²³", "٣"])
def test_digits_that_are_not_a_country_code_are_a_problem(world, country):
    checked = check_file(world.project, csv_bytes([["A", "B", "a@example.org", "", country, ""]]))
    assert checked.rows[0]["problems"][0]["code"] == "country_unknown"


def test_roles_by_code_or_label_in_either_language(world):
    with translation.override("lv"):
        latvian = str(ParticipantRole.FACILITATOR.label).upper()
    rows = [
        ["A", "B", f"{n}@example.org", "", "", role]
        for n, role in enumerate(["group_leader", "GROUP LEADER", "Group leader", latvian, ""])
    ]
    checked = check_file(world.project, csv_bytes(rows))
    assert [row["data"]["role"] for row in checked.rows] == [
        "group_leader",
        "group_leader",
        "group_leader",
        "facilitator",
        "",
    ]
    assert checked.valid_count == 5


def test_language_column_sets_the_email_language(client, world):
    header = ["first_name", "last_name", "email", "language"]
    rows = [
        ["A", "B", "a@example.org", "lv"],
        ["C", "D", "c@example.org", "Latvian"],
        ["E", "F", "e@example.org", "latviešu"],
        ["G", "H", "g@example.org", ""],
        ["I", "J", "i@example.org", "Klingon"],
    ]
    upload(client, world, csv_bytes(rows, header))
    preview = ParticipantImport.objects.get()
    assert problems_by_row(preview)[6] == [("language", "language_unknown")]

    client.post(preview_url(preview), HTTP_ACCEPT_LANGUAGE="lv")

    languages = dict(world.project.participants.values_list("email", "language"))
    assert [languages[f"{c}@example.org"] for c in "aceg"] == ["lv", "lv", "lv", "lv"]
    assert "i@example.org" not in languages


def test_names_lose_control_characters_and_extra_spaces(world):
    rows = [["  Anna\u202e  Marija ", "Liepa\x0b", " a@example.org ", "", "", ""]]
    checked = check_file(world.project, csv_bytes(rows))
    assert checked.rows[0]["data"]["first_name"] == "Anna Marija"
    assert checked.rows[0]["data"]["last_name"] == "Liepa"
    assert checked.rows[0]["data"]["email"] == "a@example.org"


def test_unknown_columns_are_reported_and_left_out(client, world):
    header = ["first_name", "last_name", "email", "shoe size", "notes"]
    upload(client, world, csv_bytes([["A", "B", "a@example.org", "42", "vegan"]], header))
    page = text(client.get(preview_url(ParticipantImport.objects.get())))
    assert "These columns are not read and were left out: shoe size, notes." in page
    assert "Import 1 valid row" in page


# The ways spreadsheet programs save CSV


@pytest.mark.parametrize(
    ("delimiter", "encoding"),
    [(",", "utf-8"), (";", "utf-8-sig"), ("\t", "utf-8"), (";", "cp1252"), ("\t", "utf-16")],
)
def test_csv_as_excel_and_libreoffice_save_it(world, delimiter, encoding):
    name = "Jürgen" if encoding == "cp1252" else "Jūlija"
    data = csv_bytes([[name, "Šmits", "j@example.org", "17.05.2004", "DE", ""]], HEADER, delimiter)
    checked = check_file(world.project, data.decode().encode(encoding))
    assert checked.rows[0]["problems"] == []
    assert checked.rows[0]["data"]["first_name"] == name


def test_empty_rows_are_skipped_and_row_numbers_stay_as_the_spreadsheet_shows(world):
    data = b"\r\nfirst_name,last_name,email\r\nA,B,a@example.org\r\n,,\r\n\r\nC,D,bad\r\n"
    checked = check_file(world.project, data)
    assert [row["row"] for row in checked.rows] == [3, 6]
    assert problems_by_row(checked)[6] == [("email", "email_invalid")]


def test_xlsx_with_date_cells(client, world):
    rows = [
        ["Anna", "Liepa", "anna@example.org", datetime.datetime(2004, 5, 17), "LV", "participant"],
        ["Ivo", "Egle", "ivo@example.org", datetime.date(2003, 1, 2), "Estonia", None],
        ["Ede", "Roze", "ede@example.org", 38000, None, None],
    ]
    upload(client, world, xlsx_bytes(rows), name="list.xlsx")
    preview = ParticipantImport.objects.get()
    assert preview.file_name == "list.xlsx"
    assert problems_by_row(preview) == {2: [], 3: [], 4: [("date_of_birth", "date_invalid")]}

    client.post(preview_url(preview))

    anna = world.project.participants.get(email="anna@example.org")
    assert anna.date_of_birth == datetime.date(2004, 5, 17)
    assert world.project.participants.get(email="ivo@example.org").country.code == "EE"


# 500 rows


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_500_rows_with_a_few_bad_ones(client, world, kind):
    bad = {17, 250, 501}
    rows = many_rows(500, bad)
    data = csv_bytes(rows) if kind == "csv" else xlsx_bytes(rows)

    response = upload(client, world, data, name=f"participants.{kind}")
    preview = ParticipantImport.objects.get()
    assert (preview.row_count, preview.valid_count) == (500, 497)

    page = client.get(response.url)
    assert "The file has 500 rows. 497 can be imported. 3 have problems" in text(page)
    problems = page.content.decode().split('id="problems-heading"')[1].split("</table>")[0]
    assert re.findall(r'<tr id="row-(\d+)">', problems) == ["17", "250", "501"]
    for number in bad:
        assert f"Vārds{number - 2} Uzvārds{number - 2}" in problems
        assert f"person{number - 2}.example.org" in problems
    assert "Import 497 valid rows" in text(page)

    client.post(preview_url(preview))

    assert world.project.participants.count() == 2 + 497
    assert not world.project.participants.filter(email="person15.example.org").exists()
    assert world.project.participants.filter(last_name="Uzvārds498").exists()


# Files that cannot be imported


def corrupt_xlsx():
    data = bytearray(xlsx_bytes(many_rows(3)))
    data[200:400] = b"\x00" * 200
    return bytes(data)


def not_a_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.xml", "<office:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.csv", b"", "The file is empty."),
        ("blank.csv", b" \r\n\r\n", "The file is empty."),
        ("scan.csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "is not a CSV or XLSX spreadsheet"),
        ("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is not a CSV or XLSX spreadsheet"),
        ("list.xlsx", b"PK\x03\x04 not really a zip", "The XLSX file is damaged"),
        ("list.xlsx", corrupt_xlsx(), "The XLSX file is damaged"),
        ("list.ods", not_a_workbook(), "This is not an XLSX workbook"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old Excel (.xls) file"),
        (
            "names.csv",
            b"name,e-mail\nAnna,a@example.org\n",
            "these are missing: first_name, last_name.",
        ),
        ("header.csv", b"first_name,last_name,email\n", "no participants below them"),
        (
            "twice.csv",
            b"first_name,last_name,email,E-mail\nA,B,a@example.org,a@example.org\n",
            "Two columns of the first row mean the same: “email” and “E-mail”.",
        ),
        (
            "big.csv",
            b"first_name,last_name,email\n" + b"x" * site_settings.SPREADSHEET_MAX_BYTES,
            "larger than 2 MB",
        ),
        (
            "long.csv",
            csv_bytes(many_rows(site_settings.SPREADSHEET_MAX_ROWS + 1)),
            "more than 2,000 rows",
        ),
    ],
)
def test_a_file_that_cannot_be_imported_gives_a_message_and_changes_nothing(
    client, world, name, data, message
):
    response = upload(client, world, data, name=name)

    assert response.status_code == 200
    assert message in text(response)
    assert 'class="invalid-feedback' in response.content.decode()
    assert ParticipantImport.objects.count() == 0
    assert world.project.participants.count() == 2


def test_no_file_at_all(client, world):
    login(client, world.editor)
    response = client.post(upload_url(world.project), {})
    assert response.status_code == 200
    assert "This field is required." in text(response)
    assert ParticipantImport.objects.count() == 0


def test_reading_refuses_a_zip_that_unpacks_to_too_much(world):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/sharedStrings.xml", "a" * (60 * 1024 * 1024))
    with pytest.raises(SpreadsheetError, match="larger than"):
        check_file(world.project, buffer.getvalue())


# The template files


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_templates_import_as_they_are(client, world, kind):
    login(client, world.editor)
    response = client.get(reverse(f"dashboard:import_template_{kind}", args=[world.project.code]))
    assert response.status_code == 200
    assert f'filename="participants-template.{kind}"' in response["Content-Disposition"]

    checked = check_file(world.project, response.content)

    assert checked.warnings == []
    assert [row["problems"] for row in checked.rows] == [[]]
    assert checked.rows[0]["data"] == {
        "first_name": "Līga",
        "last_name": "Kalniņa",
        "email": "liga.kalnina@example.org",
        "place_of_birth": "Rēzekne",
        "date_of_birth": "2004-05-17",
        "start_date": "2026-07-01",
        "end_date": "2026-07-10",
        "country": "LV",
        "role": "participant",
        "language": "lv",
    }


def test_the_xlsx_template_has_date_cells(client, world):
    login(client, world.editor)
    content = client.get(
        reverse("dashboard:import_template_xlsx", args=[world.project.code])
    ).content
    sheet = xlsx_sheet(content)
    assert sheet["A1"].value == "first_name"
    assert sheet["D2"].value == datetime.datetime(2004, 5, 17)
    assert sheet["D2"].is_date


def test_the_upload_page_links_the_templates_and_the_export(client, world):
    login(client, world.editor)
    page = client.get(upload_url(world.project)).content.decode()
    for name in ("import_template_csv", "import_template_xlsx", "export_csv", "export_xlsx"):
        assert reverse(f"dashboard:{name}", args=[world.project.code]) in page
    add_page = client.get(reverse("participants:add", args=[world.project.code])).content.decode()
    assert upload_url(world.project) in add_page


# Who may


@pytest.fixture
def preview(client, world):
    upload(client, world, csv_bytes(ROWS), user=world.admin)
    client.logout()
    return ParticipantImport.objects.get()


@pytest.mark.parametrize("who", ["editor", "admin"])
def test_the_organisations_members_see_and_import(client, world, preview, who):
    login(client, getattr(world, who))
    assert client.get(upload_url(world.project)).status_code == 200
    assert client.get(preview_url(preview)).status_code == 200
    assert client.post(preview_url(preview)).status_code == 302
    assert world.project.participants.count() == 4


@pytest.mark.parametrize(("who", "status"), [("participant_user", 403), ("outsider", 404)])
def test_others_are_refused(client, world, preview, who, status):
    login(client, getattr(world, who))
    assert client.get(upload_url(world.project)).status_code == status
    assert (
        client.post(upload_url(world.project), {"file": upload_file(csv_bytes(ROWS))}).status_code
        == status
    )
    assert client.get(preview_url(preview)).status_code == status
    assert client.post(preview_url(preview)).status_code == status
    for name in ("import_template_csv", "export_csv"):
        url = reverse(f"dashboard:{name}", args=[world.project.code])
        assert client.get(url).status_code == status
    assert ParticipantImport.objects.count() == 1
    assert world.project.participants.count() == 2


def test_anonymous_is_sent_to_login(client, world, preview):
    for url in (upload_url(world.project), preview_url(preview)):
        assert client.get(url).url.startswith(reverse("login"))
        assert client.post(url).url.startswith(reverse("login"))
    assert world.project.participants.count() == 2


def test_a_preview_belongs_to_its_project(client, world, preview):
    other = make_project(world.organisation, title="Another project")
    login(client, world.admin)
    url = reverse("dashboard:import_preview", args=[other.code, preview.code])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert world.project.participants.count() == 2


def test_another_organisations_admin_cannot_see_a_preview_in_their_own_project(
    client, world, preview
):
    login(client, world.outsider)
    url = reverse("dashboard:import_preview", args=[world.other_project.code, preview.code])
    assert client.get(url).status_code == 404


def test_the_import_needs_the_csrf_token(world, preview):
    client = Client(enforce_csrf_checks=True)
    login(client, world.editor)
    page = client.get(preview_url(preview))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())

    assert client.post(preview_url(preview)).status_code == 403
    assert world.project.participants.count() == 2

    response = client.post(preview_url(preview), {"csrfmiddlewaretoken": token.group(1)})
    assert response.status_code == 302
    assert world.project.participants.count() == 4


def test_the_upload_needs_the_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    login(client, world.editor)
    response = client.post(upload_url(world.project), {"file": upload_file(csv_bytes(ROWS))})
    assert response.status_code == 403
    assert ParticipantImport.objects.count() == 0


def test_unimported_previews_are_deleted_after_a_week(client, world, time_machine):
    time_machine.move_to(datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC))
    upload(client, world, csv_bytes(ROWS))
    old = ParticipantImport.objects.get()
    time_machine.move_to(datetime.datetime(2026, 6, 9, 12, tzinfo=datetime.UTC))
    upload(client, world, csv_bytes(ROWS))
    assert list(ParticipantImport.objects.all()) != [old]
    assert ParticipantImport.objects.count() == 1


# The page


@pytest.mark.parametrize("count", [2, 50])
def test_the_preview_loads_in_a_fixed_number_of_queries(
    client, world, django_assert_num_queries, count
):
    upload(client, world, csv_bytes(many_rows(count, bad={3})))
    url = preview_url(ParticipantImport.objects.get())
    # Session, user, project, membership, preview, the project's e-mail addresses,
    # and the navigation's questions.
    with django_assert_num_queries(9):
        response = client.get(url)
    assert response.content.decode().count('<th scope="row">') == count


def test_the_preview_in_latvian(client, world):
    upload(client, world, csv_bytes(PROBLEM_ROWS, PROBLEM_HEADER))
    url = preview_url(ParticipantImport.objects.get())
    client.cookies["django_language"] = "lv"

    response = client.get(url)

    assert response.status_code == 200
    assert '<html lang="lv">' in response.content.decode()
    page = text(response)
    with translation.override("lv"):
        assert f"first_name: {MESSAGES['required']}" in page
        assert f"email: {MESSAGES['duplicate_in_file'] % {'row': 2}}" in page


# Inviting at once


def test_inviting_them_now_mails_each_new_participant_in_their_language(client, world, mailoutbox):
    header = ["first_name", "last_name", "email", "language"]
    rows = [["Oksana", "Kovalenko", "oksana@example.org", "en"]]
    rows += [["Jūlija", "Ozoliņa", "julija@example.org", "lv"], ["X", "Y", "bad", ""]]
    upload(client, world, csv_bytes(rows, header))
    preview = ParticipantImport.objects.get()

    response = client.post(preview_url(preview), {"invite": "on"})

    job = Job.objects.get()
    assert response.url == job.get_absolute_url()
    assert (job.kind, job.created_by) == (Job.Kind.INVITE, world.editor)
    assert sorted(message.to[0] for message in mailoutbox) == [
        "julija@example.org",
        "oksana@example.org",
    ]
    added = world.project.participants.filter(
        email__in=["oksana@example.org", "julija@example.org"]
    )
    assert {participant.state for participant in added} == {ParticipantState.INVITED}
    by_address = {message.to[0]: message for message in mailoutbox}
    assert by_address["oksana@example.org"].subject == "Your Youthpass for “Voices of the Baltic”"
    with translation.override("lv"):
        latvian = render_to_string("emails/invitation-subject.txt", {"project": world.project})
    assert by_address["julija@example.org"].subject == latvian.strip()
    assert latvian.strip() != by_address["oksana@example.org"].subject

    # The link in the e-mail opens the invitation.
    client.logout()
    link = re.search(
        r"https://youthpass\.test(/invitations/\S+/)", by_address["oksana@example.org"].body
    )
    assert "Oksana" in client.get(link.group(1)).content.decode()


def test_without_the_box_nobody_is_mailed(client, world, mailoutbox):
    upload(client, world, csv_bytes(ROWS))
    client.post(preview_url(ParticipantImport.objects.get()))
    assert mailoutbox == []
    assert Job.objects.count() == 0
    assert set(world.project.participants.values_list("state", flat=True)) == {
        ParticipantState.ADDED,
        ParticipantState.ACTIVE,
    }


def test_the_confirm_form_offers_the_invitation(client, world):
    upload(client, world, csv_bytes(ROWS))
    page = client.get(preview_url(ParticipantImport.objects.get())).content.decode()
    assert 'name="invite"' in page
    assert "Invite them by e-mail now" in page
    assert 'name="invite" checked' not in page


# Whatever the file holds: rows with problems, or a message, never an error page.

any_cell = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=40)
hypothesis_settings = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@given(data=st.binary(max_size=3000))
@example(data=b"first_name,last_name,email\n\x00\x00\x00")
@example(data=b'first_name,last_name,email\n"unclosed,a,b')
@example(data=xlsx_bytes(many_rows(2))[:-40])
@hypothesis_settings
def test_any_bytes_are_read_or_refused_with_a_message(world, data):
    try:
        checked = check_file(world.project, data)
    except SpreadsheetError as error:
        assert str(error)
    else:
        assert all(isinstance(row["problems"], list) for row in checked.rows)


@given(rows=st.lists(st.lists(any_cell, min_size=6, max_size=6), min_size=1, max_size=5))
@hypothesis_settings
def test_any_cells_are_checked_and_the_preview_shows(client, world, rows):
    for kind, data in (("csv", csv_bytes(rows)), ("xlsx", xlsx_bytes(printable_rows(rows)))):
        response = upload(client, world, data, name=f"list.{kind}")
        assert response.status_code in (200, 302)
        if response.status_code == 302:
            assert client.get(response.url).status_code == 200


def printable_rows(rows):
    """What an XLSX file can hold: no control characters."""
    return [[ILLEGAL_CHARACTERS_RE.sub("", cell) for cell in row] for row in rows]
