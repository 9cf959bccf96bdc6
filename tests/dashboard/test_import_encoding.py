"""CSV files in the encoding Excel saves them in: recognised, named on the preview, and read
again in another one if the organiser chooses."""

import pytest
from django.urls import reverse

from dashboard.models import ParticipantImport
from tests.conftest import login
from tests.dashboard.test_import import preview_url, text, upload
from youthpass_site.lib import spreadsheets
from youthpass_site.lib.spreadsheets import reading_slot

LATVIAN = (
    "first_name;last_name;email\r\n"
    "Līga;Kalniņa;liga@example.org\r\n"
    "Ģirts;Ķēniņš;girts@example.org\r\n"
)


def encoding_url(preview):
    return reverse("dashboard:import_encoding", args=[preview.project.code, preview.code])


def test_latvian_excel_csv_reads_right_and_says_how(client, world):
    upload(client, world, LATVIAN.encode("cp1257"))
    preview = ParticipantImport.objects.get()
    page = text(client.get(preview_url(preview)))

    assert "Read as Windows-1257 (Baltic)." in page
    assert "Līga Kalniņa" in page
    assert "Ģirts Ķēniņš" in page
    assert preview.encoding == "cp1257"


def test_western_excel_csv_reads_right(client, world):
    data = "first_name;last_name;email\r\nFrançois;Müller;f@example.org\r\n".encode("cp1252")
    upload(client, world, data)
    page = text(client.get(preview_url(ParticipantImport.objects.get())))

    assert "Read as Windows-1252 (Western European)." in page
    assert "François Müller" in page


def test_a_bad_byte_in_utf8_is_named_by_its_row(client, world):
    data = LATVIAN.encode() + b"Ann\xe2;Liepa;anna@example.org\r\n"
    upload(client, world, data)
    page = text(client.get(preview_url(ParticipantImport.objects.get())))

    assert "Read as UTF-8 (Unicode)." in page
    assert "Līga Kalniņa" in page
    assert (
        "Some characters are not valid UTF-8 (Unicode) and are shown as �, in rows 4. "
        "Check these names, or save the file again as CSV UTF-8."
    ) in page


def test_choosing_another_encoding_reads_the_file_again(client, world):
    upload(client, world, LATVIAN.encode("cp1257"))
    preview = ParticipantImport.objects.get()

    response = client.post(encoding_url(preview), {"encoding": "cp1252"})

    assert response.url == preview_url(preview)
    page = text(client.get(preview_url(preview)))
    assert "Read as Windows-1252 (Western European)." in page
    assert "Lîga Kalniòa" in page
    assert "Ģirts Ķēniņš" not in page

    client.post(encoding_url(preview), {"encoding": "cp1257"})
    client.post(preview_url(preview))
    assert set(world.project.participants.values_list("first_name", "last_name")) >= {
        ("Līga", "Kalniņa"),
        ("Ģirts", "Ķēniņš"),
    }


def test_the_file_goes_once_imported(client, world):
    upload(client, world, LATVIAN.encode("cp1257"))
    preview = ParticipantImport.objects.get()
    assert bytes(preview.content) == LATVIAN.encode("cp1257")

    client.post(preview_url(preview))

    preview.refresh_from_db()
    assert preview.content is None
    assert client.post(encoding_url(preview), {"encoding": "cp1252"}).status_code == 302
    assert 'name="encoding"' not in client.get(preview_url(preview)).content.decode()


def test_an_xlsx_file_is_not_kept_and_has_no_encoding(client, world):
    from tests.dashboard.spreadsheets import xlsx_bytes

    upload(client, world, xlsx_bytes([["Anna", "Liepa", "a@example.org", "", "", ""]]), "l.xlsx")
    preview = ParticipantImport.objects.get()
    assert (preview.encoding, preview.content) == ("", None)
    assert "Read as" not in text(client.get(preview_url(preview)))


def test_an_unknown_encoding_changes_nothing(client, world):
    upload(client, world, LATVIAN.encode("cp1257"))
    preview = ParticipantImport.objects.get()
    client.post(encoding_url(preview), {"encoding": "ebcdic"})
    preview.refresh_from_db()
    assert preview.encoding == "cp1257"


def test_choosing_is_post_only_and_for_the_organisers(client, world):
    upload(client, world, LATVIAN.encode("cp1257"))
    preview = ParticipantImport.objects.get()
    assert client.get(encoding_url(preview)).status_code == 405
    login(client, world.outsider)
    assert client.post(encoding_url(preview), {"encoding": "cp1252"}).status_code == 404
    preview.refresh_from_db()
    assert preview.encoding == "cp1257"


def test_a_busy_site_asks_to_try_again(client, world, settings, tmp_path, monkeypatch):
    monkeypatch.setattr(spreadsheets, "LOCK_DIR", tmp_path)
    settings.SPREADSHEET_PARALLEL_READS = 1
    with reading_slot():
        response = upload(client, world, LATVIAN.encode())
    assert response.status_code == 200
    assert "The site is busy reading other lists right now. Try again in a minute." in text(
        response
    )
    assert ParticipantImport.objects.count() == 0
    assert upload(client, world, LATVIAN.encode()).status_code == 302


@pytest.mark.parametrize("encoding", ["cp1257", "cp1252"])
def test_the_command_reads_the_encoding_it_is_given(world, tmp_path, encoding):
    from tests.dashboard.test_import_command import run

    path = tmp_path / "list.csv"
    path.write_bytes(LATVIAN.encode("cp1257"))
    out, err = run(world.project.code, path, "--dry-run", "--encoding", encoding)
    assert "could be added: 2" in out
    assert ("Read as Windows-1257 (Baltic)." if encoding == "cp1257" else "Windows-1252") in err
