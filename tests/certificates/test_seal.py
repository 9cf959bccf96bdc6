"""The seal on the certificate PDF: a PAdES signature that outside verifiers accept."""

import asyncio
import datetime
import io
import shutil
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.urls import reverse
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from certificates.models import Certificate
from certificates.rendering import render_certificate_pdf
from certificates.sealing import (
    ROOT_CERTIFICATE,
    SealingError,
    current_seal,
    is_sealed,
    seal_pdf,
)
from tests.certificates.conftest import stored_pdf
from tests.conftest import login

needs_poppler = pytest.mark.skipif(
    shutil.which("pdfsig") is None, reason="poppler-utils (pdfsig, pdfinfo) is not installed"
)


def run(*command, pdf: bytes, tmp_path) -> str:
    path = tmp_path / "certificate.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(  # noqa: S603
        [*command, str(path)], capture_output=True, text=True, timeout=60, check=False
    )
    return result.stdout + result.stderr


def root_certificate(settings):
    return load_cert_from_pemder(str(settings.PDF_SIGNING_DIR / ROOT_CERTIFICATE))


def validate(pdf: bytes, *trust_roots):
    (signature,) = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures
    return validate_pdf_signature(signature, ValidationContext(trust_roots=list(trust_roots)))


def with_one_byte_changed(pdf: bytes) -> bytes:
    # A byte of the comment on the file's second line: the file still opens, but the
    # signed range (which starts at byte 0) no longer has the signed digest.
    assert pdf[9:10] == b"%"
    return pdf[:10] + bytes([pdf[10] ^ 0x01]) + pdf[11:]


@needs_poppler
def test_pdfsig_says_the_seal_of_an_issued_pdf_is_valid(certificate, tmp_path):
    report = run("pdfsig", pdf=stored_pdf(certificate), tmp_path=tmp_path)

    assert "Signature is Valid." in report
    assert "Total document signed" in report
    assert "Signer Certificate Common Name: Youthpass tests" in report
    assert "Signature Type: ETSI.CAdES.detached" in report


@needs_poppler
def test_pdfsig_finds_a_digest_mismatch_after_one_byte_changed(certificate, tmp_path):
    report = run("pdfsig", pdf=with_one_byte_changed(stored_pdf(certificate)), tmp_path=tmp_path)

    assert "Digest Mismatch." in report
    assert "Signature is Valid." not in report


def test_pyhanko_trusts_the_seal_with_the_platform_root(certificate, settings):
    status = validate(stored_pdf(certificate), root_certificate(settings))

    assert status.intact and status.valid and status.trusted
    assert status.bottom_line
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert status.signing_cert.subject.native["common_name"] == "Youthpass tests"


def test_pyhanko_finds_the_changed_byte(certificate, settings):
    status = validate(with_one_byte_changed(stored_pdf(certificate)), root_certificate(settings))

    assert not status.intact
    assert not status.bottom_line


def test_without_the_root_the_seal_is_intact_but_not_trusted(certificate):
    status = validate(stored_pdf(certificate))

    assert status.intact and status.valid
    assert not status.trusted


def test_the_reason_names_the_certificate_and_the_organisation(certificate):
    (signature,) = PdfFileReader(io.BytesIO(stored_pdf(certificate))).embedded_signatures

    assert signature.sig_object["/Reason"] == (
        f"Youthpass certificate {certificate.certificate_id} issued by Jauniešu centrs Ģēnijs"
    )


@needs_poppler
def test_the_sealed_pdf_is_still_pdf_a_3_with_its_data_file(certificate, tmp_path):
    pdf = stored_pdf(certificate)

    metadata = run("pdfinfo", "-meta", pdf=pdf, tmp_path=tmp_path)
    assert 'pdfaid:part="3"' in metadata
    assert 'pdfaid:conformance="A"' in metadata
    # The information dictionary and the XMP packet name the same producer, as PDF/A wants.
    assert "Producer:        WeasyPrint" in run("pdfinfo", pdf=pdf, tmp_path=tmp_path)
    assert 'pdf:Producer="WeasyPrint' in metadata
    attachments = run("pdfdetach", "-list", pdf=pdf, tmp_path=tmp_path)
    assert f"youthpass-{certificate.certificate_id}.json" in attachments
    assert "credential.json" in attachments


def test_the_seal_is_invisible(certificate):
    reader = PdfFileReader(io.BytesIO(stored_pdf(certificate)))
    (signature,) = reader.embedded_signatures
    widget = signature.sig_field

    assert [float(value) for value in widget["/Rect"]] == [0, 0, 0, 0]
    assert widget["/F"] & 4  # printed, as PDF/A wants of every annotation


def test_a_latvian_certificate_is_sealed_with_its_id_and_organisation(world, approved_participant):
    certificate = Certificate.issue_for(approved_participant, world.admin, "lv")
    (signature,) = PdfFileReader(io.BytesIO(stored_pdf(certificate))).embedded_signatures

    assert certificate.certificate_id in signature.sig_object["/Reason"]
    assert "Jauniešu centrs Ģēnijs" in signature.sig_object["/Reason"]


def test_without_a_signing_certificate_nothing_is_issued(
    client, world, approved_participant, settings, tmp_path
):
    settings.PDF_SIGNING_P12 = str(tmp_path / "missing.p12")
    client.force_login(world.admin)

    response = client.post(
        reverse(
            "certificates:issue",
            args=[approved_participant.project.code, approved_participant.code],
        ),
        {"languages": ["en"], "signature": "printed"},
        follow=True,
    )

    assert response.status_code == 200
    assert "The certificate could not be sealed" in response.text
    assert "Nothing was issued." in response.text
    assert not Certificate.objects.exists()


def test_a_wrong_password_is_refused(settings):
    settings.PDF_SIGNING_P12_PASSWORD = "not-the-password"

    with pytest.raises(SealingError):
        current_seal()


def test_in_production_no_signing_certificate_is_made(settings, tmp_path):
    settings.DEBUG = False
    settings.PDF_SIGNING_P12 = ""
    settings.PDF_SIGNING_DIR = tmp_path / "pdf-signing"

    with pytest.raises(SealingError):
        current_seal()
    assert not (tmp_path / "pdf-signing").exists()


def test_a_development_server_makes_its_own_on_first_use(settings, tmp_path):
    settings.DEBUG = True
    settings.PDF_SIGNING_P12 = ""
    settings.PDF_SIGNING_P12_PASSWORD = ""
    settings.PDF_SIGNING_DIR = tmp_path / "pdf-signing"

    seal = current_seal()

    assert (tmp_path / "pdf-signing" / "signing.p12").is_file()
    assert (tmp_path / "pdf-signing" / "root-key.pem").stat().st_mode & 0o077 == 0
    assert seal.root is not None
    assert current_seal() is seal


def test_without_a_timestamp_server_the_seal_has_no_timestamp(certificate, settings):
    status = validate(stored_pdf(certificate), root_certificate(settings))

    assert status.timestamp_validity is None


class TimestampServer(ThreadingHTTPServer):
    """An RFC 3161 timestamp authority on 127.0.0.1 that answers with pyHanko's own."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), TimestampHandler)
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test timestamps")])
        now = datetime.datetime.now(datetime.UTC)
        certificate = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(
                x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True
            )
            .sign(key, hashes.SHA256())
        )
        self.certificate = asn1_x509.Certificate.load(
            certificate.public_bytes(serialization.Encoding.DER)
        )
        self.stamper = DummyTimeStamper(
            tsa_cert=self.certificate,
            tsa_key=asn1_keys.PrivateKeyInfo.load(
                key.private_bytes(
                    serialization.Encoding.DER,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption(),
                )
            ),
        )
        self.requests = 0


class TimestampHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        self.server.requests += 1
        request = tsp.TimeStampReq.load(self.rfile.read(int(self.headers["Content-Length"])))
        body = self.server.stamper.request_tsa_response(request).dump()
        self.send_response(200)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        return None


@pytest.fixture
def timestamp_server():
    server = TimestampServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_a_timestamp_server_adds_a_trusted_time(
    world, approved_participant, settings, timestamp_server
):
    host, port = timestamp_server.server_address
    settings.PDF_TIMESTAMP_URL = f"http://{host}:{port}/"

    certificate = Certificate.issue_for(approved_participant, world.admin, "en")

    status = validate(
        stored_pdf(certificate), root_certificate(settings), timestamp_server.certificate
    )
    assert timestamp_server.requests >= 1
    assert status.timestamp_validity is not None
    assert status.timestamp_validity.intact and status.timestamp_validity.valid
    assert status.bottom_line


def test_verify_page_offers_the_root_certificate(client, settings):
    response = client.get(reverse("certificates:verify_form"))

    seal = current_seal()
    assert "Download the root certificate" in response.text
    assert seal.root_fingerprint in response.text
    assert reverse("certificates:root_certificate") in response.text

    download = client.get(reverse("certificates:root_certificate"))
    assert download.status_code == 200
    assert download.content == (settings.PDF_SIGNING_DIR / ROOT_CERTIFICATE).read_bytes()
    assert "youthpass-root-certificate.crt" in download["Content-Disposition"]
    assert x509.load_pem_x509_certificate(download.content).subject.rfc4514_string() == (
        "O=Youthpass,CN=Youthpass tests root"
    )


def test_without_a_signing_certificate_the_verify_page_works_without_the_root(
    client, settings, tmp_path
):
    settings.PDF_SIGNING_P12 = str(tmp_path / "missing.p12")

    response = client.get(reverse("certificates:verify_form"))

    assert response.status_code == 200
    assert "Download the root certificate" not in response.text
    assert client.get(reverse("certificates:root_certificate")).status_code == 404


def test_is_sealed_tells_sealed_from_unsealed(certificate):
    from certificates.rendering import render_certificate_pdf

    assert is_sealed(stored_pdf(certificate))
    assert not is_sealed(render_certificate_pdf(certificate))
    assert not is_sealed(b"not a pdf")


def test_the_holder_downloads_the_sealed_pdf(client, world, certificate):
    login(client, world.participant_user)

    response = client.get(certificate.get_download_url())

    assert is_sealed(b"".join(response.streaming_content))


def test_every_seal_of_a_process_fits_its_room(certificate, settings):
    """Later seals reuse the room measured on the first; signatures differ by a few bytes."""
    from certificates.rendering import render_certificate_pdf
    from certificates.sealing import seal_pdf

    rendered = render_certificate_pdf(certificate)
    root = root_certificate(settings)

    for _ in range(15):
        status = validate(seal_pdf(rendered, certificate), root)
        assert status.bottom_line


def test_without_a_signing_certificate_a_replacement_leaves_the_old_one_valid(
    client, world, certificate, settings, tmp_path
):
    settings.PDF_SIGNING_P12 = str(tmp_path / "missing.p12")
    client.force_login(world.admin)

    response = client.post(
        reverse(
            "certificates:replace",
            args=[world.project.code, world.participant.code, certificate.certificate_id],
        ),
        {"reason": "The dates were wrong."},
        follow=True,
    )

    assert "The certificate could not be sealed" in response.text
    assert "Nothing was issued." in response.text
    certificate.refresh_from_db()
    assert certificate.is_valid
    assert Certificate.objects.count() == 1


def test_a_seal_is_made_where_an_event_loop_runs_already(certificate):
    # pyHanko signs through asyncio.run(); an asynchronous server or a program driving a
    # browser has a loop running in the thread that issues.
    unsealed = render_certificate_pdf(certificate)

    async def issue_inside_a_loop():
        return seal_pdf(unsealed, certificate)

    sealed = asyncio.run(issue_inside_a_loop())
    assert sealed.startswith(unsealed)
    (signature,) = PdfFileReader(io.BytesIO(sealed)).embedded_signatures
    assert signature.field_name
