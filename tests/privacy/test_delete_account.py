import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from accounts.models import User
from certificates.models import Certificate
from participants.models import EvidenceLink, Goal, JournalEntry, LearningOutcome, Participant
from projects.models import Membership, MembershipRole
from support.models import Feedback, SupportPerson
from tests.conftest import PASSWORD, login, make_user

URL = reverse("privacy:delete_account")


@pytest.fixture
def record(world, approved_participant):
    """The participant's writing, a journal photo, a valid and a revoked certificate."""
    participant = approved_participant
    goal = Goal.objects.create(participant=participant, title="Lead a radio interview")
    entry = JournalEntry.objects.create(
        participant=participant, date=datetime.date(2026, 7, 3), text="Pirmais raidījums."
    )
    entry.photo.save("stage.jpg", ContentFile(b"\xff\xd8photo"), save=True)
    EvidenceLink.objects.create(participant=participant, url="https://example.org/show")
    mentor = SupportPerson.objects.create(
        project=world.project,
        first_name="Maija",
        last_name="Liepa",
        email="m@example.org",
        role="mentor",
    )
    Feedback.objects.create(author=mentor, goal=goal, text="Great goal.")
    valid, revoked = Certificate.issue(participant, world.admin, ["en", "lv"])
    revoked.revoke(world.admin, "Wrong dates")
    return {"entry": entry, "valid": valid, "revoked": revoked}


def delete(client, user, password=PASSWORD, **kwargs):
    return login(client, user).post(URL, {"password": password}, **kwargs)


def test_deleting_erases_the_participant_but_keeps_the_valid_certificate_verifiable(
    client, world, record, django_capture_on_commit_callbacks
):
    valid, revoked, entry = record["valid"], record["revoked"], record["entry"]
    photo, pdf = entry.photo.name, valid.pdf.name
    assert default_storage.exists(photo) and default_storage.exists(pdf)

    with django_capture_on_commit_callbacks(execute=True):
        response = delete(client, world.participant_user, follow=True)

    assert "Your account and your data have been deleted." in response.content.decode()
    assert not User.objects.filter(email="participant@example.org").exists()
    assert not client.login(username="participant@example.org", password=PASSWORD)
    participant = Participant.objects.get(pk=world.participant.pk)
    assert participant.user is None
    assert participant.date_of_birth is None
    assert participant.place_of_birth == ""
    assert "participant@example.org" not in participant.email
    assert not LearningOutcome.objects.filter(participant=participant).exists()
    assert not Goal.objects.filter(participant=participant).exists()
    assert not JournalEntry.objects.filter(participant=participant).exists()
    assert not EvidenceLink.objects.filter(participant=participant).exists()
    assert not participant.submissions.exists()
    assert not default_storage.exists(photo)
    assert not default_storage.exists(pdf)

    valid.refresh_from_db()
    assert not valid.pdf
    assert "2004" not in str(valid.snapshot) and "Rēzekne" not in str(valid.snapshot)
    page = client.get(valid.get_absolute_url())
    assert page.status_code == 200
    content = page.content.decode()
    assert "Līga Kalniņa" in content
    assert "Voices of the Baltic" in content
    assert "Rēzekne" not in content and "2004" not in content

    assert not Certificate.objects.filter(pk=revoked.pk).exists()
    assert client.get(revoked.get_absolute_url()).status_code == 404
    # Other people's records are untouched.
    assert Participant.objects.get(pk=world.other_participant.pk).user is not None


def test_participation_without_certificate_is_deleted(client, world):
    Goal.objects.create(participant=world.participant, title="A goal")

    delete(client, world.participant_user)

    assert not Participant.objects.filter(pk=world.participant.pk).exists()
    assert not Goal.objects.filter(title="A goal").exists()


def test_wrong_password_changes_nothing(client, world, record):
    response = delete(client, world.participant_user, password="not-my-password")

    assert response.status_code == 200
    assert "the password was wrong" in response.content.decode()
    assert User.objects.filter(pk=world.participant_user.pk).exists()
    participant = Participant.objects.get(pk=world.participant.pk)
    assert participant.date_of_birth == datetime.date(2004, 5, 17)
    assert Certificate.objects.filter(pk=record["revoked"].pk).exists()
    assert client.get(reverse("me")).status_code == 200


def test_get_shows_the_confirmation_and_changes_nothing(client, world, record):
    response = login(client, world.participant_user).get(URL)

    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()
    assert User.objects.filter(pk=world.participant_user.pk).exists()
    assert Goal.objects.filter(participant=world.participant).exists()


def test_last_admin_is_refused(client, world):
    response = delete(client, world.admin)

    content = response.content.decode()
    assert "only admin" in content
    assert "Jauniešu centrs Ģēnijs" in content
    assert User.objects.filter(pk=world.admin.pk).exists()
    assert Membership.objects.filter(user=world.admin).exists()


def test_admin_with_a_second_admin_may_go(client, world):
    Membership.objects.filter(user=world.editor).update(role=MembershipRole.ADMIN)

    delete(client, world.admin)

    assert not User.objects.filter(pk=world.admin.pk).exists()
    assert Membership.objects.filter(organisation=world.organisation).count() == 1


def test_support_person_feedback_stays_with_the_participant(client, world):
    mentor_user = make_user("mentor@example.org", "Maija", "Liepa")
    mentor = SupportPerson.objects.create(
        project=world.project,
        user=mentor_user,
        first_name="Maija",
        last_name="Liepa",
        email="mentor@example.org",
        role="mentor",
    )
    goal = Goal.objects.create(participant=world.participant, title="A goal", shared=True)
    Feedback.objects.create(author=mentor, goal=goal, text="Keep going.")

    delete(client, mentor_user)

    mentor.refresh_from_db()
    assert mentor.user is None
    assert "mentor@example.org" not in mentor.email
    assert Feedback.objects.get(goal=goal).text == "Keep going."


def test_anonymous_is_sent_to_login(client, world):
    response = client.post(URL, {"password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_organisers_still_see_the_erased_participant(client, world, record):
    delete(client, world.participant_user)

    url = reverse("participants:manage", args=[world.project.code, world.participant.code])
    response = login(client, world.admin).get(url)
    assert response.status_code == 200
    assert "Līga Kalniņa" in response.content.decode()
    assert "Rēzekne" not in response.content.decode()


def test_after_deletion_organisers_can_neither_download_nor_reissue(client, world, record):
    delete(client, world.participant_user)
    valid = record["valid"]
    participant = valid.participant
    login(client, world.admin)

    assert client.get(valid.get_download_url()).status_code == 404

    issue = reverse("certificates:issue", args=[world.project.code, participant.code])
    response = client.post(issue, {"languages": ["en"], "signature": "printed"}, follow=True)
    assert "deleted their account" in response.content.decode()
    assert Certificate.objects.filter(participant=participant).count() == 1
