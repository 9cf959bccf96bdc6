import pytest
from django.urls import reverse

from certificates.models import Certificate, CertificateError
from participants.models import ParticipantState
from tests.certificates.conftest import stored_pdf
from tests.conftest import login


def action_url(world, certificate, action):
    return reverse(
        f"certificates:{action}",
        args=[world.project.code, world.participant.code, certificate.certificate_id],
    )


def manage_page(client, world):
    url = reverse("participants:manage", args=[world.project.code, world.participant.code])
    return client.get(url).content.decode()


def test_organiser_revokes_with_a_reason(client, world, certificate):
    login(client, world.editor)
    assert action_url(world, certificate, "revoke") in manage_page(client, world)

    response = client.post(
        action_url(world, certificate, "revoke"), {"reason": "Did not take part"}, follow=True
    )

    certificate.refresh_from_db()
    assert certificate.state == Certificate.State.REVOKED
    assert certificate.state_reason == "Did not take part"
    assert certificate.state_changed_by == world.editor
    assert certificate.state_changed_at is not None
    content = response.content.decode()
    assert f"Certificate {certificate.certificate_id} is revoked." in content
    assert "Revoked on" in content
    assert "Download PDF (no longer valid)" in content
    assert action_url(world, certificate, "revoke") not in content


def test_organiser_replaces_with_a_reason(client, world, certificate):
    login(client, world.admin)

    response = client.post(
        action_url(world, certificate, "replace"), {"reason": "Name misspelt"}, follow=True
    )

    certificate.refresh_from_db()
    new = Certificate.objects.valid().get()
    assert certificate.state == Certificate.State.REPLACED
    assert certificate.replaced_by == new
    assert certificate.state_reason == "Name misspelt"
    assert new.certificate_id != certificate.certificate_id
    assert new.language == certificate.language
    assert new.issued_by == world.admin
    content = response.content.decode()
    assert (
        f"Certificate {certificate.certificate_id} is replaced by {new.certificate_id}." in content
    )
    assert "Replaced on" in content
    assert f'Replaced by <span class="cert-id">{new.certificate_id}</span>.' in content
    assert "Reason: Name misspelt" in content


@pytest.mark.parametrize(("action", "doing"), [("revoke", "revoking"), ("replace", "replacing")])
@pytest.mark.parametrize("reason", ["", "   "])
def test_a_reason_is_required(client, world, certificate, action, doing, reason):
    login(client, world.editor)

    response = client.post(action_url(world, certificate, action), {"reason": reason}, follow=True)

    assert (
        f"Give the reason for {doing} certificate {certificate.certificate_id}. "
        "Nothing was changed."
    ) in response.content.decode()
    certificate.refresh_from_db()
    assert certificate.state == Certificate.State.VALID
    assert Certificate.objects.count() == 1


@pytest.mark.parametrize("action", ["revoke", "replace"])
def test_only_a_valid_certificate_changes(client, world, certificate, action):
    certificate.revoke(world.admin, "First time")
    login(client, world.editor)

    response = client.post(action_url(world, certificate, action), {"reason": "Again"}, follow=True)

    assert "is no longer valid" in response.content.decode()
    certificate.refresh_from_db()
    assert certificate.state_reason == "First time"
    assert Certificate.objects.count() == 1


@pytest.mark.parametrize("action", ["revoke", "replace"])
def test_post_only(client, world, certificate, action):
    login(client, world.admin)

    assert client.get(action_url(world, certificate, action)).status_code == 405


@pytest.mark.parametrize("action", ["revoke", "replace"])
@pytest.mark.parametrize(
    ("who", "status"),
    [("participant_user", 403), ("other_participant_user", 403), ("outsider", 404)],
)
def test_roles(client, world, certificate, action, who, status):
    login(client, getattr(world, who))

    response = client.post(action_url(world, certificate, action), {"reason": "Because"})

    assert response.status_code == status
    certificate.refresh_from_db()
    assert certificate.state == Certificate.State.VALID


@pytest.mark.parametrize("action", ["revoke", "replace"])
def test_anonymous_is_sent_to_login(client, world, certificate, action):
    response = client.post(action_url(world, certificate, action), {"reason": "Because"})

    assert response.url.startswith(reverse("login"))


def test_certificate_of_another_participant_is_not_found(client, world, certificate):
    login(client, world.admin)
    url = reverse(
        "certificates:revoke",
        args=[world.project.code, world.other_participant.code, certificate.certificate_id],
    )

    assert client.post(url, {"reason": "Because"}).status_code == 404


def test_revoked_certificate_is_still_downloaded_as_stored(client, world, certificate):
    pdf = stored_pdf(certificate)
    certificate.revoke(world.admin, "Did not take part")

    for user in (world.participant_user, world.editor):
        login(client, user)
        response = client.get(certificate.get_download_url())
        assert b"".join(response.streaming_content) == pdf


def test_replaced_certificate_points_to_the_new_one(world, certificate):
    new = certificate.replace(world.editor, "Name misspelt")

    assert certificate.state == Certificate.State.REPLACED
    assert certificate.replaced_by == new
    assert list(new.replaces.all()) == [certificate]
    assert stored_pdf(new) != stored_pdf(certificate)
    assert world.participant.certificates.valid().get() == new


def test_replacing_needs_an_approved_participant(client, world, certificate):
    certificate.participant.state = ParticipantState.RETURNED
    certificate.participant.save()
    login(client, world.editor)

    response = client.post(
        action_url(world, certificate, "replace"), {"reason": "Because"}, follow=True
    )

    assert "only after approval" in response.content.decode()
    assert Certificate.objects.count() == 1


def test_model_needs_a_reason(world, certificate):
    with pytest.raises(CertificateError):
        certificate.revoke(world.admin, " ")
    with pytest.raises(CertificateError):
        certificate.replace(world.admin, "")

    certificate.refresh_from_db()
    assert certificate.state == Certificate.State.VALID


def test_the_holder_sees_a_revoked_certificate_as_revoked(client, world, approved_participant):
    certificate = Certificate.issue_for(approved_participant, world.admin, "en")
    certificate.revoke(world.admin, "Issued to the wrong person.")
    client.force_login(world.participant_user)

    page = client.get(reverse("participants:detail", args=[approved_participant.code]))
    assert "Revoked on" in page.content.decode()

    mine = client.get(reverse("participants:mine")).content.decode()
    assert f"Download certificate {certificate.certificate_id}" not in mine
