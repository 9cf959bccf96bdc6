import pypdf
import pytest
from django.urls import reverse

from certificates.models import Certificate
from participants.models import Status


def issue_url(world):
    return reverse("certificates:issue", args=[world.project.code, world.participant.code])


def test_organiser_issues_an_approved_participant(client, world, approved_participant):
    client.force_login(world.editor)
    page = client.get(
        reverse("participants:manage", args=[world.project.code, world.participant.code])
    ).content.decode()
    assert issue_url(world) in page
    assert 'name="csrfmiddlewaretoken"' in page

    response = client.post(issue_url(world), {"language": "lv"}, follow=True)

    certificate = Certificate.objects.get()
    assert certificate.language == "lv"
    assert certificate.issued_by == world.editor
    assert certificate.certificate_id in response.content.decode()
    approved_participant.refresh_from_db()
    assert approved_participant.status == Status.ISSUED
    with certificate.pdf.open("rb") as stored:
        text = "".join(page.extract_text() for page in pypdf.PdfReader(stored).pages)
    assert certificate.certificate_id in text


def test_unknown_language_changes_nothing(client, world, approved_participant):
    client.force_login(world.editor)
    response = client.post(issue_url(world), {"language": "xx"}, follow=True)
    assert "Choose the language of the certificate." in response.content.decode()
    assert not Certificate.objects.exists()


def test_issue_is_post_only(client, world, approved_participant):
    client.force_login(world.admin)
    assert client.get(issue_url(world)).status_code == 405


@pytest.mark.parametrize(
    ("who", "status"),
    [("participant_user", 403), ("outsider", 404), ("other_participant_user", 403)],
)
def test_issue_roles(client, world, approved_participant, who, status):
    client.force_login(getattr(world, who))
    assert client.post(issue_url(world), {"language": "en"}).status_code == status
    assert not Certificate.objects.exists()


def test_anonymous_is_sent_to_login(client, world, approved_participant):
    assert client.post(issue_url(world), {"language": "en"}).url.startswith(reverse("login"))
