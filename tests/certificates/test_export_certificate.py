import pytest
from django.core.management import CommandError, call_command

from tests.certificates.conftest import stored_pdf


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
