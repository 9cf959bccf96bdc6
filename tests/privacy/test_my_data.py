import datetime
import io
import json
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from certificates.models import Certificate
from participants.models import Goal, JournalEntry
from projects.formats import Format
from tests.conftest import login

URL = reverse("privacy:my_data")


@pytest.fixture
def written(world, approved_participant):
    participant = approved_participant
    Goal.objects.create(participant=participant, title="Lead a radio interview in Latvian")
    entry = JournalEntry.objects.create(
        participant=participant,
        date=datetime.date(2026, 7, 3),
        text="Šodien mēs ierakstījām pirmo raidījumu.",
        competences=["multilingual"],
    )
    entry.photo.save("stage.jpg", ContentFile(b"\xff\xd8photo-bytes"), save=True)
    # Someone else's writing in the same project, which must never be in the download.
    Goal.objects.create(participant=world.other_participant, title="Other person's secret goal")
    return entry


def download(client, user):
    response = login(client, user).post(URL)
    assert response.status_code == 200
    return response, zipfile.ZipFile(io.BytesIO(response.content))


def test_zip_holds_the_participants_data_photos_and_certificates(client, world, written):
    certificate = Certificate.issue_for(world.participant, world.admin, "en")

    response, archive = download(client, world.participant_user)

    assert response["Content-Type"] == "application/zip"
    today = datetime.date.today().isoformat()
    assert f'filename="youthpass-data-{today}.zip"' in response["Content-Disposition"]
    data = json.loads(archive.read("data.json").decode())
    assert data["account"]["email"] == "participant@example.org"
    assert data["account"]["submission_notices"] is True
    (participation,) = data["participations"]
    assert participation["personal_data"]["date_of_birth"] == "2004-05-17"
    assert participation["project"]["title"] == "Voices of the Baltic"
    texts = [outcome["text"] for outcome in participation["learning_outcomes"]]
    assert "I edited a radio show with free software." in texts
    assert participation["goals"][0]["title"] == "Lead a radio interview in Latvian"
    assert participation["journal"][0]["text"] == "Šodien mēs ierakstījām pirmo raidījumu."
    assert participation["journal"][0]["date"] == "2026-07-03"
    # Written as UTF-8, not as \u escapes.
    assert "Šodien" in archive.read("data.json").decode()
    assert archive.read(f"journal/2026-07-03-{written.code}.jpg") == b"\xff\xd8photo-bytes"
    with certificate.pdf.open("rb") as stored:
        expected = stored.read()
    assert archive.read(f"certificates/{certificate.certificate_id}-en.pdf") == expected


def test_another_persons_data_never_appears(client, world, written):
    _response, archive = download(client, world.other_participant_user)

    raw = archive.read("data.json").decode()
    assert "Other person's secret goal" in raw
    assert "Lead a radio interview" not in raw
    assert "Šodien" not in raw
    assert "Rēzekne" not in raw
    assert archive.namelist() == ["data.json"]


def test_organiser_gets_their_memberships(client, world):
    _response, archive = download(client, world.admin)

    data = json.loads(archive.read("data.json"))
    assert data["participations"] == []
    assert data["organisations"][0]["organisation"] == "Jauniešu centrs Ģēnijs"


def test_get_is_refused(client, world):
    assert login(client, world.participant_user).get(URL).status_code == 405


def test_anonymous_is_sent_to_login(client, world):
    response = client.post(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_account_page_offers_the_download_and_deletion(client, world):
    response = login(client, world.participant_user).get(reverse("me"))

    content = response.content.decode()
    assert "participant@example.org" in content
    assert "Līga Kalniņa" in content
    assert URL in content
    assert reverse("privacy:delete_account") in content
    assert reverse("password_change") in content


def test_account_page_needs_login(client, world):
    response = client.get(reverse("me"))
    assert response["Location"].startswith(reverse("login"))


def test_the_training_cycle_that_organisers_recorded_is_in_the_download(client, world):
    world.project.format = Format.VOLUNTEERING
    world.project.save()
    world.participant.record_training_cycle([("on_arrival", datetime.date(2026, 7, 2))])

    _response, archive = download(client, world.participant_user)

    (participation,) = json.loads(archive.read("data.json"))["participations"]
    assert participation["training_cycle"] == [{"event": "on_arrival", "date": "2026-07-02"}]
