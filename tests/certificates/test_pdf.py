import io

from django.utils import translation
from pypdf import PdfReader

from certificates.models import Certificate
from certificates.rendering import ASSET_DIR, AssetFetcher
from tests.certificates.conftest import embedded_files, pdf_pages, pdf_text, stored_pdf
from tests.conftest import write_outcomes


def test_pdf_prints_the_holder_project_and_self_assessment(certificate):
    pdf = stored_pdf(certificate)
    text = pdf_text(pdf)

    assert pdf.startswith(b"%PDF-")
    assert "Līga Kalniņa" in text
    assert "born on 17 May 2004 in Rēzekne" in text
    assert "Voices of the Baltic" in text
    assert "Youth Exchange" in text
    assert "Erasmus+ Youth" in text
    assert "2024-1-LV01-KA152-YOU-000123456" in text
    assert "Cēsis, Latvia" in text
    assert "1 July 2026" in text
    assert "Jauniešu centrs Ģēnijs" in text
    assert "Youthpass is the European recognition tool" in text
    assert "Digital competence" in text
    assert "I edited a radio show with free software." in text


def test_latvian_letters_greek_and_cyrillic_survive(world, approved_participant):
    write_outcomes(approved_participant, {"literacy": "Ελληνικά γράμματα και русские буквы."})
    certificate = Certificate.issue_for(approved_participant, world.admin, "en")

    text = pdf_text(stored_pdf(certificate))

    assert "ā, č, ē, ģ, ī, ķ, ļ, ņ, š, ū, ž" in text
    assert "Ελληνικά γράμματα και русские буквы." in text


def test_id_page_number_and_verification_address_on_every_page(world, approved_participant):
    long_text = "\n\n".join(["I learned to plan, to listen and to ask good questions."] * 30)
    write_outcomes(approved_participant, {"literacy": long_text, "citizenship": long_text})
    certificate = Certificate.issue_for(approved_participant, world.admin, "en")

    pages = pdf_pages(stored_pdf(certificate))

    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert certificate.certificate_id in page
        assert f"Page {number} of {len(pages)}" in page
        assert f"https://youthpass.test/verify/{certificate.certificate_id}/" in page


def test_birth_data_is_left_out_when_empty(world, approved_participant):
    approved_participant.date_of_birth = None
    approved_participant.place_of_birth = ""
    approved_participant.save()

    text = pdf_text(stored_pdf(Certificate.issue_for(approved_participant, world.admin, "en")))

    assert "Līga Kalniņa" in text
    assert "born" not in text


def test_paragraphs_of_an_outcome_stay_paragraphs(world, approved_participant):
    write_outcomes(approved_participant, {"literacy": "First paragraph.\n\nSecond paragraph."})
    certificate = Certificate.issue_for(approved_participant, world.admin, "en")

    reader = PdfReader(io.BytesIO(stored_pdf(certificate)))
    raw = "".join(page.extract_text() for page in reader.pages)

    assert "First paragraph.\nSecond paragraph." in raw


def test_certificate_in_latvian(world, approved_participant):
    certificate = Certificate.issue_for(approved_participant, world.admin, "lv")
    pdf = stored_pdf(certificate)
    text = pdf_text(pdf)

    assert certificate.language == "lv"
    assert PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Lang"] == "lv"
    # The headings as the Latvian catalogue has them (English until it is translated).
    with translation.override("lv"):
        assert translation.gettext("Part 1 — Confirmation of participation").upper() in text
        assert translation.gettext("This is to confirm that") in text
        assert str(world.project.get_format_display()) in text


def test_markup_in_user_text_is_printed_literally_and_fetches_nothing(
    world, approved_participant, monkeypatch
):
    hostile = (
        'Look: <img src="file:///etc/passwd"> and '
        '<link rel="attachment" href="file:///etc/passwd"> and '
        "<style>body { background: url(file:///etc/passwd) }</style> done."
    )
    write_outcomes(approved_participant, {"literacy": hostile})
    approved_participant.project.title = '<a rel="attachment" href="file:///etc/passwd">x</a>'
    approved_participant.project.save()
    fetched = []
    original_fetch = AssetFetcher.fetch

    def recording_fetch(self, url, headers=None):
        fetched.append(url)
        return original_fetch(self, url, headers)

    monkeypatch.setattr(AssetFetcher, "fetch", recording_fetch)

    certificate = Certificate.issue_for(approved_participant, world.admin, "en")
    pdf = stored_pdf(certificate)
    text = pdf_text(pdf)

    assert '<img src="file:///etc/passwd">' in text
    assert '<link rel="attachment" href="file:///etc/passwd">' in text
    assert "url(file:///etc/passwd)" in text
    assert '“<a rel="attachment" href="file:///etc/passwd">x</a>”' in text
    assert "root:" not in text
    # Only the two files the renderer attaches itself: the data and the credential.
    assert sorted(embedded_files(pdf)) == [
        "credential.json",
        f"youthpass-{certificate.certificate_id}.json",
    ]
    assert all(url.startswith(ASSET_DIR.as_uri()) for url in fetched)
