"""Headers on every kind of response: nothing personal is kept by a browser or a proxy,
static files stay cacheable, and browser features the site does not use are refused."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from certificates.models import Certificate
from tests.participants.learning import image_bytes, url

NO_STORE = "private, no-store"


def test_pages_behind_login_are_not_stored(client, world):
    client.force_login(world.editor)
    for path in (
        reverse("dashboard:projects"),
        reverse("me"),
        world.project.get_absolute_url(),
        reverse("participants:manage", args=[world.project.code, world.participant.code]),
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["Cache-Control"] == NO_STORE, path


def test_a_certificate_pdf_is_not_stored(client, world, approved_participant):
    certificate = Certificate.issue_for(approved_participant, world.admin, "en")
    client.force_login(world.participant_user)
    response = client.get(reverse("certificates:download", args=[certificate.certificate_id]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == NO_STORE


def test_exports_and_data_downloads_are_not_stored(client, world):
    client.force_login(world.editor)
    export = client.get(reverse("dashboard:export_csv", args=[world.project.code]))
    assert export.status_code == 200
    assert export["Cache-Control"] == NO_STORE

    client.force_login(world.participant_user)
    data = client.post(reverse("privacy:my_data"))
    assert data["Content-Type"] == "application/zip"
    assert "no-store" in data["Cache-Control"]


def test_a_view_keeps_its_own_cache_control(client, world):
    # A journal photo is checked again on every view (ETag), never kept in a shared cache.
    client.force_login(world.participant_user)
    client.post(
        url("entry_add", world.participant.code),
        {
            "date": "2026-07-03",
            "text": "Our stage.",
            "photo": SimpleUploadedFile("a.png", image_bytes("PNG"), content_type="image/png"),
        },
    )
    entry = world.participant.journal_entries.get()
    response = client.get(url("journal_photo", entry.code))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"


def test_public_pages_for_anonymous_visitors_are_left_alone(client, db):
    for path in (reverse("home"), reverse("certificates:verify_form")):
        response = client.get(path)
        assert response.status_code == 200
        assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.parametrize("logged_in", [False, True])
def test_static_files_stay_cacheable(client, world, settings, logged_in):
    # Served by WhiteNoise from the app directories, as without `collectstatic`.
    settings.WHITENOISE_USE_FINDERS = True
    if logged_in:
        client.force_login(world.editor)
    response = client.get("/static/css/site.css")
    assert response.status_code == 200
    assert "max-age" in response["Cache-Control"]
    assert "no-store" not in response["Cache-Control"]


def test_unused_browser_features_are_refused(client, world):
    for response in (client.get(reverse("login")), client.get(reverse("certificates:verify_form"))):
        policy = response["Permissions-Policy"]
        for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
            assert feature in policy
    client.force_login(world.editor)
    assert "camera=()" in client.get(reverse("dashboard:projects"))["Permissions-Policy"]
