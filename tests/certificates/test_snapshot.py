import datetime
import json

from django.utils import translation

from certificates.models import Certificate
from certificates.snapshot import build_snapshot
from participants.competences import COMPETENCE_BY_KEY
from tests.certificates.conftest import pdf_text, stored_pdf
from tests.conftest import write_outcomes


def test_snapshot_holds_what_is_printed(world, approved_participant):
    snapshot = build_snapshot(approved_participant, "en")

    assert json.loads(json.dumps(snapshot)) == snapshot
    assert snapshot["language"] == "en"
    # Other apps add their own keys; these are the ones the certificate began with.
    assert (
        snapshot["holder"].items()
        >= {
            "first_name": "Līga",
            "last_name": "Kalniņa",
            "date_of_birth": "2004-05-17",
            "place_of_birth": "Rēzekne",
        }.items()
    )
    project = snapshot["project"]
    assert project["title"] == "Voices of the Baltic"
    assert project["format"] == "youth_exchange"
    assert project["format_name"] == "Youth Exchange"
    assert project["programme_name"] == "Erasmus+ Youth"
    assert project["grant_number"] == "2024-1-LV01-KA152-YOU-000123456"
    assert (project["start_date"], project["end_date"]) == ("2026-07-01", "2026-07-10")
    assert (project["venue_town"], project["venue_country_name"]) == ("Cēsis", "Latvia")
    assert snapshot["organisation"]["name"] == "Jauniešu centrs Ģēnijs"
    assert snapshot["organisation"]["country_name"] == "Latvia"
    assert datetime.date.fromisoformat(snapshot["issue_date"])


def test_outcomes_in_framework_order_without_empty_ones(world, approved_participant):
    write_outcomes(approved_participant, {"literacy": "I wrote articles.", "stem": "   \n "})

    outcomes = build_snapshot(approved_participant, "en")["outcomes"]

    assert [outcome["key"] for outcome in outcomes] == ["literacy", "multilingual", "digital"]
    assert outcomes[0] == {
        "key": "literacy",
        "name": "Literacy competence",
        "text": "I wrote articles.",
    }


def test_missing_birth_data_is_stored_as_empty(world, approved_participant):
    approved_participant.date_of_birth = None
    approved_participant.place_of_birth = ""
    approved_participant.save()

    holder = build_snapshot(approved_participant, "en")["holder"]

    assert holder["date_of_birth"] is None
    assert holder["place_of_birth"] == ""


def test_names_are_stored_in_the_certificate_language(world, approved_participant):
    snapshot = build_snapshot(approved_participant, "lv")

    with translation.override("lv"):
        assert snapshot["project"]["format_name"] == str(world.project.get_format_display())
        assert snapshot["outcomes"][0]["name"] == str(COMPETENCE_BY_KEY["multilingual"].name)
    assert snapshot["language"] == "lv"


def test_issued_certificate_does_not_follow_later_edits(world, approved_participant):
    certificate = Certificate.issue_for(approved_participant, world.admin, "en")
    pdf_before = stored_pdf(certificate)

    world.project.title = "A completely new title"
    world.project.save()
    approved_participant.first_name = "Renamed"
    approved_participant.save()
    certificate.refresh_from_db()

    assert certificate.snapshot["project"]["title"] == "Voices of the Baltic"
    assert certificate.snapshot["holder"]["first_name"] == "Līga"
    assert stored_pdf(certificate) == pdf_before
    text = pdf_text(stored_pdf(certificate))
    assert "Voices of the Baltic" in text
    assert "A completely new title" not in text


def test_issue_date_and_signature_time_are_local(world, approved_participant):
    # 23:30 UTC on 31 December is already New Year's Day in Riga.
    now = datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC)

    snapshot = build_snapshot(
        approved_participant, "en", signature="electronic", by=world.editor, now=now
    )

    assert snapshot["issue_date"] == "2027-01-01"
    assert snapshot["signature"] == {
        "mode": "electronic",
        "name": "Edgars Ozols",
        "role": "",
        "place": "",
        "signed_at": "2027-01-01T01:30+02:00",
    }
