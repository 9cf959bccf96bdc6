"""`manage.py seal_certificates`: the PDFs of certificates issued before the seal get one."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from certificates.models import Certificate
from certificates.rendering import render_certificate_pdf
from certificates.sealing import is_sealed
from tests.certificates.conftest import pdf_pages, stored_pdf


def seal_certificates() -> str:
    out = io.StringIO()
    call_command("seal_certificates", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def issued_without_seal(certificate) -> bytes:
    """The certificate as it was stored before PDFs were sealed: rendered, not signed."""
    pdf = render_certificate_pdf(certificate)
    old_name = certificate.pdf.name
    certificate.pdf.save(certificate.filename, ContentFile(pdf), save=True)
    certificate.pdf.storage.delete(old_name)
    return pdf


def test_an_old_pdf_is_sealed_without_changing_what_it_shows(certificate):
    unsealed = issued_without_seal(certificate)
    old_name = certificate.pdf.name
    assert not is_sealed(unsealed)

    output = seal_certificates()

    certificate.refresh_from_db()
    sealed = stored_pdf(certificate)
    assert "Sealed 1, already sealed 0" in output
    assert is_sealed(sealed)
    # An incremental update: the old file is the start of the new one, byte for byte.
    assert sealed.startswith(unsealed)
    assert pdf_pages(sealed) == pdf_pages(unsealed)
    assert len(PdfReader(io.BytesIO(sealed)).pages) == len(PdfReader(io.BytesIO(unsealed)).pages)
    # Beside the old file, which is gone.
    assert certificate.pdf.name.rsplit("/", 1)[0] == old_name.rsplit("/", 1)[0]
    assert not certificate.pdf.storage.exists(old_name)


def test_running_again_changes_nothing(world, approved_participant, certificate):
    issued_without_seal(certificate)
    seal_certificates()
    certificate.refresh_from_db()
    name, pdf = certificate.pdf.name, stored_pdf(certificate)

    output = seal_certificates()

    certificate.refresh_from_db()
    assert "Sealed 0, already sealed 1" in output
    assert certificate.pdf.name == name
    assert stored_pdf(certificate) == pdf


def test_certificates_issued_sealed_are_left_alone(certificate):
    name, pdf = certificate.pdf.name, stored_pdf(certificate)

    assert "Sealed 0, already sealed 1" in seal_certificates()

    certificate.refresh_from_db()
    assert certificate.pdf.name == name
    assert stored_pdf(certificate) == pdf


def test_a_missing_pdf_is_reported_and_the_others_are_sealed(world, approved_participant):
    english, latvian = Certificate.issue(approved_participant, world.admin, ["en", "lv"])
    issued_without_seal(english)
    latvian.pdf.storage.delete(latvian.pdf.name)

    output = seal_certificates()

    english.refresh_from_db()
    assert "Sealed 1, already sealed 0, PDF missing 1, failed 0." in output
    assert is_sealed(stored_pdf(english))


def test_a_certificate_without_its_pdf_is_skipped(certificate):
    certificate.reduce_to_public_part()

    assert "Sealed 0, already sealed 0, PDF missing 0, failed 0." in seal_certificates()


def test_without_a_signing_certificate_nothing_is_touched(certificate, settings, tmp_path):
    unsealed = issued_without_seal(certificate)
    settings.PDF_SIGNING_P12 = str(tmp_path / "missing.p12")

    with pytest.raises(CommandError, match="No signing certificate"):
        seal_certificates()

    certificate.refresh_from_db()
    assert stored_pdf(certificate) == unsealed
