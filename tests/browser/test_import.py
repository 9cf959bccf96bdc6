"""Importing a participant list in a browser: a bad file, the preview with a bad row, the
import with invitations, and the participant list downloaded."""

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import expect

from participants.models import ParticipantState
from projects.models import Membership, MembershipRole, Organisation
from tests.browser.test_journey import button, link, main
from tests.browser.test_process import log_in
from tests.conftest import make_project, make_user

pytestmark = pytest.mark.browser

ORGANISER_EMAIL = "anna@genijs.example.org"
LIST = (
    "first_name;last_name;email;date_of_birth;country;role;language\r\n"
    "Oksana;Kovalenko;oksana@example.org;17.05.2004;Ukraine;Group leader;en\r\n"
    "Mateusz;Nowak;mateusz.example.org;2003-01-02;PL;;en\r\n"
    "Jūlija;Ozoliņa;julija@example.org;;Latvija;facilitator;lv\r\n"
)


@pytest.fixture
def project(transactional_db):
    organisation = Organisation.objects.create(name="Jauniešu centrs Ģēnijs", country="LV")
    organiser = make_user(ORGANISER_EMAIL, "Anna", "Bērziņa")
    Membership.objects.create(organisation=organisation, user=organiser, role=MembershipRole.ADMIN)
    return make_project(organisation, created_by=organiser)


def choose_file(page, name, content: bytes, mime_type="text/csv"):
    page.get_by_label("Participant list (CSV or XLSX)").set_input_files(
        files=[{"name": name, "mimeType": mime_type, "buffer": content}]
    )


def test_upload_preview_and_import(new_page, audit, project, mailoutbox):
    page = new_page()
    log_in(page, ORGANISER_EMAIL)
    page.goto(f"/projects/{project.code}/participants/new/")
    link(page, "Adding many people? Import them from a spreadsheet.").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Import participants from a spreadsheet"
    )
    audit.check(page, "import-upload")

    # A PDF picked by mistake is refused on the page.
    choose_file(page, "list.csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "application/pdf")
    button(page, "Check the list").click()
    expect(main(page)).to_contain_text("This file is not a CSV or XLSX spreadsheet.")
    audit.check(page, "import-wrong-file")

    choose_file(page, "participants.csv", LIST.encode("utf-8"))
    button(page, "Check the list").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the list")
    expect(main(page)).to_contain_text("The file has 3 rows. 2 can be imported. 1 has problems")
    problems = page.get_by_role("row").filter(has_text="Mateusz")
    expect(problems).to_contain_text("“mateusz.example.org” is not a valid e-mail address.")
    expect(problems.get_by_role("rowheader")).to_have_text("3")
    page.get_by_text("The 2 rows to import").click()
    expect(page.get_by_role("row").filter(has_text="Oksana")).to_contain_text("Group leader")
    audit.check(page, "import-preview")
    assert project.participants.count() == 0

    page.get_by_label("Invite them by e-mail now").check()
    button(page, "Import 2 valid rows").click()
    expect(page.get_by_role("heading", name="Finished")).to_be_visible()
    expect(main(page)).to_contain_text("2 participants were added from participants.csv.")
    audit.check(page, "import-invited")
    assert sorted(message.to[0] for message in mailoutbox) == [
        "julija@example.org",
        "oksana@example.org",
    ]
    assert set(project.participants.values_list("state", flat=True)) == {ParticipantState.INVITED}

    # The list, downloaded from the import page.
    page.goto(f"/projects/{project.code}/participants/import/")
    with page.expect_download() as download_info:
        link(page, "Download as CSV").click()
    download = download_info.value
    assert download.suggested_filename == "participants-voices-of-the-baltic.csv"
    content = Path(download.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert sorted(row[2] for row in rows[1:]) == ["julija@example.org", "oksana@example.org"]
    audit.assert_clean()
