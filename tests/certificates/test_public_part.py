"""The public part of a frozen snapshot: what an erased holder's certificate keeps."""

import json

from certificates.models import Certificate
from certificates.snapshot import holder_name, public_part

# A certificate erased before the snapshot module described its shape, as stored.
STORED_ERASED = {
    "language": "en",
    "holder": {"first_name": "Līga", "last_name": "Kalniņa"},
    "project": {
        "title": "Voices of the Baltic",
        "format": "youth_exchange",
        "format_name": "Youth Exchange",
        "start_date": "2026-07-01",
        "end_date": "2026-07-10",
    },
    "organisation": {"name": "Jauniešu centrs Ģēnijs"},
    "issue_date": "2026-07-20",
    "erased": True,
}


def test_the_public_part_of_a_full_snapshot(world, approved_participant):
    certificate = Certificate.issue(approved_participant, world.admin, ["en"])[0]
    full = certificate.snapshot

    public = public_part(full)

    assert public == {
        "language": "en",
        "holder": {"first_name": "Līga", "last_name": "Kalniņa"},
        "project": {
            key: full["project"][key]
            for key in ("title", "format", "format_name", "start_date", "end_date")
        },
        "organisation": {"name": "Jauniešu centrs Ģēnijs"},
        "issue_date": full["issue_date"],
        "erased": True,
    }
    assert "2004-05-17" not in json.dumps(public)
    assert holder_name(full) == holder_name(public) == "Līga Kalniņa"


def test_a_stored_public_part_stays_byte_for_byte_the_same():
    again = public_part(STORED_ERASED)
    assert json.dumps(again, ensure_ascii=False) == json.dumps(STORED_ERASED, ensure_ascii=False)


def test_a_stored_erased_certificate_still_verifies(client, world, approved_participant):
    certificate = Certificate.issue(approved_participant, world.admin, ["en"])[0]
    Certificate.objects.filter(pk=certificate.pk).update(snapshot=STORED_ERASED, pdf="")

    page = client.get(certificate.get_absolute_url()).text

    assert "Līga Kalniņa" in page
    assert "Voices of the Baltic" in page
    assert "Jauniešu centrs Ģēnijs" in page


def test_reducing_keeps_the_certificate_verifiable_without_its_pdf(
    client, world, approved_participant
):
    certificate = Certificate.issue(approved_participant, world.admin, ["en"])[0]
    pdf = certificate.pdf.name

    assert certificate.reduce_to_public_part() == pdf

    certificate.refresh_from_db()
    assert not certificate.pdf
    assert certificate.snapshot["erased"] is True
    assert "outcomes" not in certificate.snapshot
    assert "Līga Kalniņa" in client.get(certificate.get_absolute_url()).text
