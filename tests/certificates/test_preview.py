from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from audit.models import AuditEvent
from certificates.models import Certificate
from tests.certificates.conftest import pdf_pages
from tests.conftest import write_outcomes

MARK = "PREVIEW — not a certificate"


@pytest.fixture
def writing(world):
    """The world's participant, still writing, with two competences described."""
    write_outcomes(
        world.participant,
        {
            "multilingual": "Es iemācījos runāt latviešu valodā: ā, č, ē, ģ, ī, ķ, ļ, ņ, š, ū, ž.",
            "digital": "I edited a radio show with free software.",
        },
    )
    return world.participant


def holder_url(participant, language=None):
    url = reverse("certificates:preview_mine", args=[participant.code])
    return f"{url}?language={language}" if language else url


def editor_url(participant, language=None):
    url = reverse("certificates:preview", args=[participant.project.code, participant.code])
    return f"{url}?language={language}" if language else url


def stored_files():
    root = Path(settings.MEDIA_ROOT)
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def test_holder_previews_while_writing(client, world, writing):
    client.force_login(world.participant_user)

    response = client.get(holder_url(writing))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pages = pdf_pages(response.content)
    assert len(pages) >= 2
    for page in pages:
        assert MARK in page
        assert "Certificate ID" not in page
        assert "/verify/" not in page
    text = " ".join(pages)
    assert "Līga Kalniņa" in text
    assert "I edited a radio show with free software." in text
    assert "Scan to verify" not in text
    assert "electronically" not in text.lower()
    # Nothing is kept: no certificate, no file, no entry in the activity log.
    assert not Certificate.objects.exists()
    assert stored_files() == []
    assert not AuditEvent.objects.filter(action__startswith="certificate").exists()
    writing.refresh_from_db()
    assert writing.state == "active"


def test_preview_is_neither_cached_nor_indexed(client, world, writing):
    client.force_login(world.participant_user)

    response = client.get(holder_url(writing))

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]
    assert response["Content-Disposition"] == 'inline; filename="youthpass-preview-en.pdf"'


def test_organiser_previews_while_reviewing(client, world, writing):
    writing.submit()
    client.force_login(world.editor)

    page = client.get(
        reverse("participants:manage", args=[world.project.code, writing.code])
    ).content.decode()
    assert editor_url(writing, "en") in page
    assert "Preview certificate" in page

    response = client.get(editor_url(writing, "en"))

    assert response.status_code == 200
    pages = pdf_pages(response.content)
    assert all(MARK in page for page in pages)
    assert "I edited a radio show with free software." in " ".join(pages)
    assert not Certificate.objects.exists()
    assert stored_files() == []


def test_preview_in_each_language_the_participant_asked_for(client, world, writing):
    writing.requested_languages = ["en", "lv"]
    writing.save(update_fields=["requested_languages"])
    client.force_login(world.participant_user)

    page = client.get(reverse("participants:detail", args=[writing.code])).content.decode()
    assert holder_url(writing, "en") in page
    assert holder_url(writing, "lv") in page

    latvian = " ".join(pdf_pages(client.get(holder_url(writing, "lv")).content))

    assert "Līga Kalniņa" in latvian
    assert "1. DAĻA" in latvian.upper()
    assert "PART 1" not in latvian


def test_a_language_not_asked_for_is_refused_with_a_message(client, world, writing):
    client.force_login(world.participant_user)

    response = client.get(holder_url(writing, "de"), follow=True)

    assert response["Content-Type"].startswith("text/html")
    assert "The certificate is not asked for in that language." in response.content.decode()


def test_previews_are_limited_per_person(client, world, writing, settings):
    settings.PREVIEW_LIMIT_PER_USER = 1
    client.force_login(world.participant_user)
    assert client.get(holder_url(writing)).status_code == 200

    response = client.get(holder_url(writing), follow=True)

    assert response["Content-Type"].startswith("text/html")
    assert "You have opened many previews in the last hour." in response.content.decode()


def test_texts_too_long_are_refused_before_rendering(client, world, writing, settings):
    settings.CERTIFICATE_MAX_PAGES = 0
    client.force_login(world.participant_user)

    response = client.get(holder_url(writing), follow=True)

    assert response["Content-Type"].startswith("text/html")
    assert "Shorten the texts" in response.content.decode()


@pytest.mark.parametrize(
    ("who", "side", "expected"),
    [
        ("participant_user", "holder", 200),
        ("other_participant_user", "holder", 404),
        ("outsider", "holder", 404),
        ("editor", "holder", 403),
        ("editor", "editor", 200),
        ("admin", "editor", 200),
        ("outsider", "editor", 404),
        ("participant_user", "editor", 403),
    ],
)
def test_access(client, world, writing, who, side, expected):
    client.force_login(getattr(world, who))
    url = holder_url(writing) if side == "holder" else editor_url(writing)

    assert client.get(url).status_code == expected


@pytest.mark.parametrize("side", ["holder", "editor"])
def test_anonymous_is_sent_to_log_in(client, world, writing, side):
    url = holder_url(writing) if side == "holder" else editor_url(writing)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
