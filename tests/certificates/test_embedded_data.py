import base64
import datetime
import io
import json
import re

from pypdf import PdfReader

from certificates.models import Certificate
from certificates.rendering import render_certificate_pdf
from tests.certificates.conftest import embedded_files, embedded_json, stored_pdf

LOGO = "data:image/png;base64," + base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"0" * 64).decode()


def test_pdf_carries_the_certificate_data_and_the_signed_credential(certificate):
    pdf = stored_pdf(certificate)

    assert sorted(embedded_files(pdf)) == [
        "credential.json",
        f"youthpass-{certificate.certificate_id}.json",
    ]
    (credential,) = embedded_files(pdf)["credential.json"]
    assert json.loads(credential) == certificate.credential
    assert json.loads(credential)["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    data = embedded_json(pdf, certificate.certificate_id)
    assert data["certificate_id"] == certificate.certificate_id
    assert data["language"] == "en"
    assert data["verification_url"] == certificate.verification_url
    assert datetime.datetime.fromisoformat(data["issued_at"]) == certificate.issued_at
    assert data["snapshot"]["holder"]["first_name"] == "Līga"
    assert data["snapshot"]["project"]["title"] == "Voices of the Baltic"
    assert data["snapshot"] == certificate.snapshot


def test_both_files_are_attached_as_pdf_a_3_data(certificate):
    reader = PdfReader(io.BytesIO(stored_pdf(certificate)))

    filespecs = [entry.get_object() for entry in reader.trailer["/Root"]["/AF"]]
    assert len(filespecs) == 2
    for filespec in filespecs:
        assert filespec["/AFRelationship"] == "/Data"
        assert filespec["/EF"]["/F"].get_object()["/Subtype"] == "/application/json"


def test_logo_data_is_left_out_of_the_json(world, approved_participant):
    certificate = Certificate.issue_for(approved_participant, world.admin, "en")
    certificate.snapshot["organisation"]["logo"] = LOGO

    data = embedded_json(render_certificate_pdf(certificate), certificate.certificate_id)

    assert "logo" not in data["snapshot"]["organisation"]
    assert data["snapshot"]["organisation"]["name"] == "Jauniešu centrs Ģēnijs"
    assert certificate.snapshot["organisation"]["logo"] == LOGO


def test_pdf_declares_itself_pdf_a_3a(certificate):
    reader = PdfReader(io.BytesIO(stored_pdf(certificate)))

    metadata = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert re.search(r"<pdfaid:part>3</pdfaid:part>|pdfaid:part=\"3\"", metadata)
    assert re.search(
        r"<pdfaid:conformance>A</pdfaid:conformance>|pdfaid:conformance=\"A\"", metadata
    )
    assert reader.pdf_header == "%PDF-1.7"
    assert "/OutputIntents" in reader.trailer["/Root"]
