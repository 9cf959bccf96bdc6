import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from tests.certificates.conftest import embedded_json, pdf_text, stored_pdf


def test_writes_the_stored_pdf(certificate, tmp_path):
    target = tmp_path / "out.pdf"

    call_command("export_certificate", certificate.certificate_id.lower(), "-o", str(target))

    assert target.read_bytes() == stored_pdf(certificate)


def test_unknown_id(db, tmp_path):
    with pytest.raises(CommandError, match="No certificate has the ID AAAA-BBBB-CCCC-DDDD"):
        call_command("export_certificate", "aaaa bbbb cccc dddd", "-o", str(tmp_path / "x.pdf"))


def test_not_an_id(db):
    with pytest.raises(CommandError, match="is not a certificate ID"):
        call_command("export_certificate", "hello")


def test_export_is_pdf_a_with_the_embedded_json(certificate, tmp_path):
    target = tmp_path / "out.pdf"

    call_command("export_certificate", certificate.certificate_id, "-o", str(target))

    pdf = target.read_bytes()
    assert embedded_json(pdf, certificate.certificate_id)["certificate_id"] == (
        certificate.certificate_id
    )
    assert b"pdfaid:part" in PdfReader(target).trailer["/Root"]["/Metadata"].get_data()
    assert "Līga Kalniņa" in pdf_text(pdf)
