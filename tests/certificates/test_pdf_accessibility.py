"""The certificate PDF for screen readers (tagged PDF/A-3a) and without what PDF/A forbids."""

import io
import logging

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

from certificates.models import Certificate
from tests.certificates.conftest import stored_pdf
from tests.projects.test_certificate_content import full_project, give_logo  # noqa: F401


def resolve(value):
    return value.get_object() if isinstance(value, IndirectObject) else value


def structure_elements(pdf: bytes) -> list[DictionaryObject]:
    """The structure tree's elements in reading order."""
    root = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    elements = []

    def walk(node):
        node = resolve(node)
        if isinstance(node, ArrayObject):
            for child in node:
                walk(child)
        elif isinstance(node, DictionaryObject) and "/S" in node:
            elements.append(node)
            if "/K" in node:
                walk(node["/K"])

    walk(resolve(root["/StructTreeRoot"])["/K"])
    return elements


def text_of(element) -> str:
    return str(element.get("/Alt", ""))


def image_objects(pdf: bytes) -> list[StreamObject]:
    reader = PdfReader(io.BytesIO(pdf))
    images = []
    for number in range(1, reader.trailer["/Size"]):
        try:
            item = reader.get_object(number)
        except Exception:  # noqa: S112 (free entries of the cross-reference table)
            continue
        if isinstance(item, StreamObject) and item.get("/Subtype") == "/Image":
            images.append(item)
    return images


def test_no_image_asks_for_interpolation(world, approved_participant, full_project):  # noqa: F811
    give_logo(world.organisation)
    certificate = Certificate.issue_for(approved_participant, world.admin, "en")

    images = image_objects(stored_pdf(certificate))

    # The organisation's logo and its transparency mask (or at least the logo) are there.
    assert images
    assert all(image.get("/Interpolate") in (None, False) for image in images)


def test_the_pdf_is_tagged_in_the_certificate_language(world, approved_participant):
    english = Certificate.issue_for(approved_participant, world.admin, "en")
    latvian = Certificate.issue_for(approved_participant, world.admin, "lv")

    for certificate in (english, latvian):
        root = PdfReader(io.BytesIO(stored_pdf(certificate))).trailer["/Root"]
        assert root["/Lang"] == certificate.language
        assert root["/MarkInfo"]["/Marked"].value is True
        assert "/StructTreeRoot" in root


def test_headings_come_in_order(certificate):
    tags = [str(element["/S"]) for element in structure_elements(stored_pdf(certificate))]
    headings = [int(tag[2]) for tag in tags if tag in {"/H1", "/H2", "/H3", "/H4", "/H5"}]

    assert headings[0] == 1
    assert headings.count(1) == 1
    # Never a level skipped on the way down: h1, h2, h3, then h2 again, and so on.
    assert all(later <= earlier + 1 for earlier, later in zip(headings, headings[1:], strict=False))
    assert 2 in headings and 3 in headings
    assert {"/Table", "/TH", "/TD", "/P", "/Sect"} <= set(tags)


def test_the_logos_and_the_qr_code_have_alternative_texts(
    world,
    approved_participant,
    full_project,  # noqa: F811
    caplog,
):
    give_logo(world.organisation)
    with caplog.at_level(logging.ERROR, logger="weasyprint"):
        certificate = Certificate.issue_for(approved_participant, world.admin, "en")

    figures = [
        element
        for element in structure_elements(stored_pdf(certificate))
        if element["/S"] == "/Figure"
    ]
    texts = [text_of(figure) for figure in figures]
    assert "Youthpass logo" in texts
    assert "Logo of Jauniešu centrs Ģēnijs" in texts
    assert "QR code: the address where this certificate is verified" in texts
    assert all(texts)
    assert not [record for record in caplog.records if "alt" in record.getMessage()]
