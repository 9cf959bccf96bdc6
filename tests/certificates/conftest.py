import io
import json
import re

import pytest
from pypdf import PdfReader

from certificates.models import Certificate


def normalise(text: str) -> str:
    """PDF text as a person reads it: hyphenated line ends joined, whitespace collapsed."""
    text = re.sub(r"\u2010\s*", "", text)
    return re.sub(r"\s+", " ", text).strip()


def pdf_pages(pdf_bytes: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf_bytes))
    return [normalise(page.extract_text()) for page in reader.pages]


def pdf_text(pdf_bytes: bytes) -> str:
    return " ".join(pdf_pages(pdf_bytes))


def stored_pdf(certificate) -> bytes:
    with certificate.pdf.open("rb") as pdf:
        return pdf.read()


def embedded_files(pdf_bytes: bytes) -> dict[str, list[bytes]]:
    return PdfReader(io.BytesIO(pdf_bytes)).attachments


def embedded_json(pdf_bytes: bytes, certificate_id: str) -> dict:
    (data,) = embedded_files(pdf_bytes)[f"youthpass-{certificate_id}.json"]
    return json.loads(data)


@pytest.fixture
def certificate(world, approved_participant):
    return Certificate.issue_for(approved_participant, world.admin, "en")
