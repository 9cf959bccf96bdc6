import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from certificates.models import Certificate, SignatureMode
from certificates.rendering import render_certificate_pdf
from tests.certificates.conftest import pdf_pages, stored_pdf

# 14:05 in Riga, where the test settings keep the time zone.
ISSUE_TIME = datetime.datetime(2027, 3, 4, 12, 5, tzinfo=datetime.UTC)


@pytest.fixture
def signatory(world):
    organisation = world.organisation
    organisation.signatory_name = "Ilze Liepiņa"
    organisation.signatory_role = "Valdes priekšsēdētāja"
    organisation.town = "Rēzekne"
    organisation.save()
    return organisation


def first_page(certificate):
    return pdf_pages(stored_pdf(certificate))[0]


def test_printed_block_names_the_signatory_with_place_and_date(
    world, approved_participant, signatory
):
    with time_machine.travel(ISSUE_TIME):
        certificate = Certificate.issue_for(approved_participant, world.editor, "en")

    page = first_page(certificate)

    assert "Rēzekne, 4 March 2027" in page
    assert "PLACE AND DATE" in page
    assert "Ilze Liepiņa" in page
    assert "Valdes priekšsēdētāja, Jauniešu centrs Ģēnijs" in page
    assert "Electronically signed" not in page
    assert "Edgars Ozols" not in page
    assert certificate.snapshot["signature"] == {
        "mode": "printed",
        "name": "Ilze Liepiņa",
        "role": "Valdes priekšsēdētāja",
        "place": "Rēzekne",
        "signed_at": "2027-03-04T14:05+02:00",
    }


def test_printed_block_without_a_signatory_prints_no_empty_caption(world, approved_participant):
    # Issuing needs a signatory now; a certificate issued before still renders.
    with time_machine.travel(ISSUE_TIME):
        certificate = Certificate.issue_for(approved_participant, world.editor, "en")
    certificate.snapshot["signature"].update(name="", role="", place="")

    page = pdf_pages(render_certificate_pdf(certificate))[0]

    assert "LEGAL REPRESENTATIVE" not in page
    assert "4 March 2027 DATE Jauniešu centrs Ģēnijs" in page
    assert "electronically" not in page.lower()


def test_printed_block_says_nothing_of_electronic_issue(world, approved_participant, signatory):
    certificate = Certificate.issue_for(approved_participant, world.editor, "en")

    text = " ".join(pdf_pages(stored_pdf(certificate)))

    assert "electronically" not in text.lower()
    assert "Scan the code on the first page" in text


def test_electronic_signature_names_the_issuing_organiser(world, approved_participant, signatory):
    with time_machine.travel(ISSUE_TIME):
        certificate = Certificate.issue_for(
            approved_participant, world.editor, "en", SignatureMode.ELECTRONIC
        )

    page = first_page(certificate)

    assert "Electronically signed on 4 March 2027 14:05 by Edgars Ozols" in page
    assert "This certificate was issued electronically." in page
    assert "Ilze Liepiņa" not in page
    assert certificate.snapshot["signature"]["mode"] == "electronic"
    assert certificate.snapshot["signature"]["name"] == "Edgars Ozols"


def test_electronic_signature_in_latvian(world, approved_participant):
    with time_machine.travel(ISSUE_TIME):
        certificate = Certificate.issue_for(
            approved_participant, world.editor, "lv", SignatureMode.ELECTRONIC
        )

    with translation.override("lv"):
        date = date_format(
            datetime.date(2027, 3, 4), translation.pgettext("certificate date", "j F Y")
        )
        line = translation.gettext("Electronically signed on %(date)s %(time)s by %(name)s") % {
            "date": date,
            "time": "14:05",
            "name": "Edgars Ozols",
        }
    assert "2027" in date and "4" in date
    assert line in first_page(certificate)


def test_organiser_without_a_name_signs_for_the_organisation(world, approved_participant):
    world.editor.first_name = world.editor.last_name = ""
    world.editor.save()

    certificate = Certificate.issue_for(
        approved_participant, world.editor, "en", SignatureMode.ELECTRONIC
    )

    assert "by Jauniešu centrs Ģēnijs" in first_page(certificate)


def test_the_organiser_chooses_in_the_issue_form(client, world, approved_participant):
    client.force_login(world.admin)

    client.post(
        reverse("certificates:issue", args=[world.project.code, world.participant.code]),
        {"languages": ["en"], "signature": "electronic"},
    )

    certificate = Certificate.objects.get()
    assert certificate.signature_mode == SignatureMode.ELECTRONIC
    assert "by Anna Bērziņa" in first_page(certificate)


def test_a_replacement_keeps_the_signature_mode(world, approved_participant):
    old = Certificate.issue_for(approved_participant, world.editor, "en", SignatureMode.ELECTRONIC)

    new = old.replace(world.admin, "Typo in the title")

    assert new.signature_mode == SignatureMode.ELECTRONIC
    assert "by Anna Bērziņa" in first_page(new)
