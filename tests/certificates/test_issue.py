import pytest
from django.urls import reverse
from django.utils import translation

from certificates.forms import IssueForm
from certificates.models import Certificate, CertificateError
from participants.models import Participant, ParticipantState
from tests.certificates.conftest import pdf_text, stored_pdf


def issue_url(world):
    return reverse("certificates:issue", args=[world.project.code, world.participant.code])


def manage_url(world):
    return reverse("participants:manage", args=[world.project.code, world.participant.code])


def issue(client, world, **data):
    return client.post(
        issue_url(world), {"languages": ["en"], "signature": "printed", **data}, follow=True
    )


def test_organiser_issues_in_two_languages(client, world, approved_participant):
    client.force_login(world.editor)
    page = client.get(manage_url(world)).content.decode()
    assert issue_url(world) in page
    assert 'name="csrfmiddlewaretoken"' in page

    response = issue(client, world, languages=["en", "lv"])

    english, latvian = (Certificate.objects.get(language=code) for code in ("en", "lv"))
    assert english.certificate_id != latvian.certificate_id
    assert english.issued_by == latvian.issued_by == world.editor
    assert english.issued_at == latvian.issued_at
    content = response.content.decode()
    assert english.certificate_id in content
    assert latvian.certificate_id in content
    assert "The participant can download them now." in content
    approved_participant.refresh_from_db()
    assert approved_participant.state == ParticipantState.ISSUED
    english_pdf, latvian_pdf = stored_pdf(english), stored_pdf(latvian)
    assert english_pdf != latvian_pdf
    assert english.certificate_id in pdf_text(english_pdf)
    assert "Part 1 — Confirmation of participation".upper() in pdf_text(english_pdf)
    assert latvian.certificate_id in pdf_text(latvian_pdf)
    assert latvian.snapshot["language"] == "lv"


def test_one_language(client, world, approved_participant):
    client.force_login(world.editor)

    response = issue(client, world, languages=["lv"])

    certificate = Certificate.objects.get()
    assert certificate.language == "lv"
    assert "The participant can download it now." in response.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"languages": []}, "Choose at least one language."),
        ({"languages": ["xx"]}, "Select a valid choice."),
        ({"signature": "stamp"}, "Select a valid choice."),
    ],
)
def test_invalid_choices_change_nothing(client, world, approved_participant, data, message):
    client.force_login(world.editor)

    response = issue(client, world, **data)

    content = response.content.decode()
    assert message in content
    assert "Nothing was issued." in content
    assert not Certificate.objects.exists()
    approved_participant.refresh_from_db()
    assert approved_participant.state == ParticipantState.APPROVED


def test_not_before_approval(client, world):
    client.force_login(world.editor)

    response = issue(client, world)

    assert "A certificate can be issued only after approval." in response.content.decode()
    assert not Certificate.objects.exists()


def test_issuing_again_without_a_reason_changes_nothing(client, world, certificate):
    client.force_login(world.editor)

    response = issue(client, world, languages=["en", "lv"])

    assert "There is a valid certificate in English already." in response.content.decode()
    assert Certificate.objects.get() == certificate
    certificate.refresh_from_db()
    assert certificate.state == Certificate.State.VALID


def test_issuing_again_with_a_reason_replaces_the_valid_certificate(client, world, certificate):
    client.force_login(world.editor)

    response = issue(client, world, languages=["en", "lv"], reason="Name misspelt")

    certificate.refresh_from_db()
    new_english = Certificate.objects.valid().get(language="en")
    assert Certificate.objects.valid().filter(language="lv").exists()
    assert certificate.state == Certificate.State.REPLACED
    assert certificate.replaced_by == new_english
    assert certificate.state_reason == "Name misspelt"
    assert certificate.state_changed_by == world.editor
    assert certificate.certificate_id in response.content.decode()


def test_another_language_later_replaces_nothing(client, world, certificate):
    client.force_login(world.editor)

    issue(client, world, languages=["lv"])

    certificate.refresh_from_db()
    assert certificate.state == Certificate.State.VALID
    assert Certificate.objects.valid().count() == 2


def test_model_refuses_a_silent_duplicate(world, certificate):
    with pytest.raises(CertificateError):
        Certificate.issue_for(certificate.participant, world.admin, "en")

    assert Certificate.objects.count() == 1


def test_model_issues_all_languages_or_none(world, approved_participant, monkeypatch):
    from certificates import rendering

    calls = []
    original = rendering.render_certificate_pdf

    def fail_on_second(certificate):
        calls.append(certificate.language)
        if len(calls) == 2:
            raise RuntimeError("renderer crashed")
        return original(certificate)

    monkeypatch.setattr(rendering, "render_certificate_pdf", fail_on_second)

    with pytest.raises(RuntimeError):
        Certificate.issue(approved_participant, world.admin, ["en", "lv"])

    assert not Certificate.objects.exists()
    approved_participant.refresh_from_db()
    assert approved_participant.state == ParticipantState.APPROVED


def asks_for(monkeypatch, languages):
    # The participants app owns how the choice is stored; the form only reads it.
    monkeypatch.setattr(
        Participant, "certificate_languages", property(lambda self: languages), raising=False
    )


def test_form_offers_the_languages_the_participant_asked_for(
    world, approved_participant, monkeypatch
):
    asks_for(monkeypatch, ["lv", "en", "xx"])

    form = IssueForm(participant=approved_participant)

    assert form.initial["languages"] == ["lv", "en"]
    assert "reason" not in form.fields


def test_form_defaults_to_the_current_language(world, approved_participant, monkeypatch):
    asks_for(monkeypatch, [])

    with translation.override("lv"):
        form = IssueForm(participant=approved_participant)

    assert form.initial["languages"] == ["lv"]


def test_issue_is_post_only(client, world, approved_participant):
    client.force_login(world.admin)
    assert client.get(issue_url(world)).status_code == 405


@pytest.mark.parametrize(
    ("who", "status"),
    [("participant_user", 403), ("outsider", 404), ("other_participant_user", 403)],
)
def test_issue_roles(client, world, approved_participant, who, status):
    client.force_login(getattr(world, who))
    response = client.post(issue_url(world), {"languages": ["en"], "signature": "printed"})
    assert response.status_code == status
    assert not Certificate.objects.exists()


def test_anonymous_is_sent_to_login(client, world, approved_participant):
    response = client.post(issue_url(world), {"languages": ["en"], "signature": "printed"})
    assert response.url.startswith(reverse("login"))


def test_the_participant_is_told_by_email_that_the_certificate_is_ready(
    client, world, approved_participant, mailoutbox
):
    client.force_login(world.editor)
    client.post(issue_url(world), {"languages": ["en"], "signature": "printed"})
    certificate = Certificate.objects.get()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [world.participant_user.email]
    assert certificate.get_download_url() in mailoutbox[0].body
