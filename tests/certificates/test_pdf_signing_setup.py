"""Setting up the seal: `manage.py init_pdf_signing` and the deployment check."""

import datetime
import io

import pytest
import time_machine
from cryptography import x509
from cryptography.hazmat.primitives.serialization import pkcs12
from django.core.management import CommandError, call_command

from certificates.checks import pdf_signing
from certificates.sealing import ROOT_CERTIFICATE, ROOT_KEY, SIGNING_P12, current_seal


@pytest.fixture
def own_signing(settings, tmp_path):
    """A site that uses the platform's own signing certificate, not yet made."""
    settings.DEBUG = False
    settings.PDF_SIGNING_P12 = ""
    settings.PDF_SIGNING_P12_PASSWORD = "a-long-password"
    settings.PDF_SIGNING_DIR = tmp_path / "pdf-signing"
    return settings.PDF_SIGNING_DIR


def init(*args) -> str:
    out = io.StringIO()
    call_command("init_pdf_signing", *args, stdout=out)
    return out.getvalue()


def test_init_makes_a_root_and_a_signing_certificate_issued_by_it(own_signing):
    output = init("--name", "Youthpass Example")

    root = x509.load_pem_x509_certificate((own_signing / ROOT_CERTIFICATE).read_bytes())
    key, certificate, chain = pkcs12.load_key_and_certificates(
        (own_signing / SIGNING_P12).read_bytes(), b"a-long-password"
    )
    assert certificate.issuer == root.subject
    assert certificate.subject.rfc4514_string() == "O=Youthpass,CN=Youthpass Example"
    assert root.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    certificate.verify_directly_issued_by(root)
    assert chain == [root]
    for private in (SIGNING_P12, ROOT_KEY):
        assert (own_signing / private).stat().st_mode & 0o077 == 0
    assert current_seal().root_fingerprint in output


def test_init_does_not_overwrite_without_being_told(own_signing):
    init()
    first = (own_signing / SIGNING_P12).read_bytes()

    with pytest.raises(CommandError, match="--replace"):
        init()
    assert (own_signing / SIGNING_P12).read_bytes() == first

    init("--replace")
    assert (own_signing / SIGNING_P12).read_bytes() != first


def test_deploy_check_fails_without_a_signing_certificate(own_signing):
    (error,) = pdf_signing(None)

    assert error.id == "certificates.E001"
    assert "init_pdf_signing" in error.hint


def test_deploy_check_passes_once_the_platform_has_its_own(own_signing):
    init()

    assert pdf_signing(None) == []


def test_deploy_check_fails_with_a_wrong_password(own_signing, settings):
    init()
    settings.PDF_SIGNING_P12_PASSWORD = "something else"

    (error,) = pdf_signing(None)

    assert error.id == "certificates.E002"


def test_deploy_check_accepts_the_operators_file(settings):
    # The test suite's own: a PKCS#12 named in PDF_SIGNING_P12, with its password.
    settings.DEBUG = False

    assert pdf_signing(None) == []


def test_deploy_check_warns_a_month_before_the_signing_certificate_expires(own_signing):
    init()

    with time_machine.travel(
        datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=5 * 365 - 20), tick=False
    ):
        (warning,) = pdf_signing(None)

    assert warning.id == "certificates.W003"
    assert "init_pdf_signing --replace" in warning.hint
