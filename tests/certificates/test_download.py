import pytest

from certificates import rendering
from tests.certificates.conftest import stored_pdf
from tests.conftest import login


def url(certificate):
    return f"/certificates/{certificate.certificate_id}/pdf/"


@pytest.mark.parametrize("who", ["participant_user", "admin", "editor"])
def test_holder_and_organisation_members_get_the_stored_pdf(client, world, certificate, who):
    login(client, getattr(world, who))

    response = client.get(url(certificate))
    body = b"".join(response.streaming_content)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="youthpass-{certificate.certificate_id}-en.pdf"'
    )
    assert body.startswith(b"%PDF-")
    assert body == stored_pdf(certificate)


def test_download_never_renders_again(client, world, certificate, monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("rendered again")

    monkeypatch.setattr(rendering, "render_certificate_pdf", fail)
    monkeypatch.setattr(rendering, "html_to_pdf", fail)
    login(client, world.participant_user)

    response = client.get(url(certificate))

    assert b"".join(response.streaming_content) == stored_pdf(certificate)


def test_id_is_read_leniently(client, world, certificate):
    login(client, world.participant_user)

    response = client.get(f"/certificates/{certificate.certificate_id.lower()}/pdf/")

    assert response.status_code == 200


@pytest.mark.parametrize("who", ["other_participant_user", "outsider"])
def test_others_are_told_it_does_not_exist(client, world, certificate, who):
    login(client, getattr(world, who))

    assert client.get(url(certificate)).status_code == 404


def test_unknown_and_malformed_ids_are_404(client, world):
    login(client, world.admin)

    assert client.get("/certificates/AAAA-BBBB-CCCC-DDDD/pdf/").status_code == 404
    assert client.get("/certificates/nonsense/pdf/").status_code == 404


def test_anonymous_is_sent_to_log_in(client, certificate):
    response = client.get(url(certificate))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
