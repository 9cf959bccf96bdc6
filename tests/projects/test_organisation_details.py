"""The organisation page: address, website, signatory and the logo, and the logo's own view."""

from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import ImageFile

from accounts.models import User
from projects.models import PNG_SIGNATURE
from tests.projects.images import (
    image_bytes,
    image_upload,
    jpeg_with_exif,
    noise_png,
    open_image,
    png_with_metadata,
    upload,
)

DETAILS = {
    "name": "Jauniešu centrs Ģēnijs",
    "street": "Rīgas iela 12",
    "postcode": "LV-4101",
    "town": "Cēsis",
    "country": "LV",
    "website": "https://genijs.example.org",
    "signatory_name": "Anna Bērziņa",
    "signatory_role": "Director",
}


def page_url(world):
    return reverse("projects:organisation", args=[world.organisation.code])


def logo_url(world):
    return reverse("projects:organisation_logo", args=[world.organisation.code])


def post_logo(client, world, logo, **changes):
    return client.post(page_url(world), {**DETAILS, **changes, "logo": logo})


def stored_logo(world) -> bytes:
    world.organisation.refresh_from_db()
    with world.organisation.logo.open("rb") as logo:
        return logo.read()


def test_admin_saves_address_website_and_signatory(client, world):
    client.force_login(world.admin)
    response = client.post(page_url(world), DETAILS)
    assert response.status_code == 302
    organisation = world.organisation
    organisation.refresh_from_db()
    assert organisation.street == "Rīgas iela 12"
    assert organisation.address_lines == ["Rīgas iela 12", "LV-4101 Cēsis", "Latvia"]
    assert organisation.website == "https://genijs.example.org"
    assert organisation.signatory_name == "Anna Bērziņa"
    assert organisation.signatory_role == "Director"
    page = client.get(page_url(world)).content.decode()
    assert 'value="Rīgas iela 12"' in page
    assert 'value="Director"' in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"website": "javascript:alert(1)"}, "Enter a valid URL."),
        ({"name": ""}, "This field is required."),
        ({"signatory_role": "r" * 101}, "at most 100 characters"),
        ({"country": "XX"}, "Select a valid choice"),
    ],
)
def test_bad_details_are_explained_and_nothing_changes(client, world, changes, message):
    client.force_login(world.admin)
    response = client.post(page_url(world), {**DETAILS, **changes})
    assert response.status_code == 200
    assert message in response.content.decode()
    world.organisation.refresh_from_db()
    assert world.organisation.street == "Rīgas iela 1"
    assert world.organisation.name == "Jauniešu centrs Ģēnijs"


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP"])
def test_logo_is_stored_as_a_new_png(client, world, fmt):
    client.force_login(world.admin)
    response = post_logo(client, world, image_upload(fmt, size=(300, 120)))
    assert response.status_code == 302

    data = stored_logo(world)
    assert data.startswith(PNG_SIGNATURE)
    assert world.organisation.logo.name.startswith("organisations/logos/")
    assert world.organisation.logo.name.endswith(".png")
    assert open_image(data).size == (300, 120)


def test_logo_is_scaled_down_keeping_its_shape(client, world):
    client.force_login(world.admin)
    post_logo(client, world, image_upload("JPEG", size=(2400, 600)))
    assert open_image(stored_logo(world)).size == (800, 200)


@pytest.mark.parametrize(
    ("data", "secret"),
    [
        (png_with_metadata(), b"secret-note-from-the-designer"),
        (jpeg_with_exif(), b"SecretCameraMaker"),
    ],
)
def test_logo_metadata_is_stripped(client, world, data, secret):
    assert secret in data
    client.force_login(world.admin)
    post_logo(client, world, upload(data))
    stored = stored_logo(world)
    assert stored.startswith(PNG_SIGNATURE)
    assert secret not in stored
    assert not open_image(stored).info.get("exif")


def test_transparency_is_kept(client, world):
    client.force_login(world.admin)
    post_logo(client, world, image_upload("PNG", mode="RGBA", color=(31, 63, 143, 0)))
    assert open_image(stored_logo(world)).mode == "RGBA"


SVG = b"""<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">
<image href="file:///etc/passwd"/><script>alert(1)</script></svg>"""
NOT_AN_IMAGE = "Upload the logo as a PNG, JPEG or WebP image."


def three_megabytes():
    data = noise_png()
    assert len(data) > 3 * 1024 * 1024
    return upload(data)


@pytest.mark.parametrize(
    ("make_logo", "message"),
    [
        (lambda: upload(SVG, "logo.svg", "image/svg+xml"), NOT_AN_IMAGE),
        (lambda: upload(SVG, "logo.png"), NOT_AN_IMAGE),
        (lambda: upload(b"just some text\n" * 20, "logo.png"), NOT_AN_IMAGE),
        (lambda: upload(b"<html><body><img src=x></body></html>", "logo.png"), NOT_AN_IMAGE),
        (lambda: image_upload("GIF"), NOT_AN_IMAGE),
        (lambda: upload(image_bytes("PNG")[:60]), NOT_AN_IMAGE),
        (three_megabytes, "The logo file is larger than 2 MB."),
        (
            lambda: upload(image_bytes("PNG", size=(8000, 8000), mode="1", color=1)),
            "The logo has too many pixels.",
        ),
    ],
    ids=["svg", "svg-named-png", "text", "html", "gif", "truncated", "3-mb", "too-many-pixels"],
)
def test_refused_logo_is_explained_and_nothing_changes(client, world, settings, make_logo, message):
    client.force_login(world.admin)
    response = post_logo(client, world, make_logo(), street="Changed street 1")
    assert response.status_code == 200
    assert message in response.content.decode()
    world.organisation.refresh_from_db()
    assert not world.organisation.logo
    assert world.organisation.street == "Rīgas iela 1"
    assert not [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


def test_truncated_png_is_refused_where_pillow_pads_truncated_images(client, world, monkeypatch):
    # WeasyPrint sets this for the whole process as soon as it is imported.
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    data = image_bytes("PNG", size=(300, 120))
    client.force_login(world.admin)
    response = post_logo(client, world, upload(data[: len(data) // 2]))
    assert NOT_AN_IMAGE in response.content.decode()
    world.organisation.refresh_from_db()
    assert not world.organisation.logo


def test_new_logo_replaces_the_old_file(client, world):
    client.force_login(world.admin)
    post_logo(client, world, image_upload("PNG", size=(100, 50)))
    world.organisation.refresh_from_db()
    first = world.organisation.logo.name

    post_logo(client, world, image_upload("PNG", size=(200, 50)))
    world.organisation.refresh_from_db()
    assert world.organisation.logo.name != first
    assert not default_storage.exists(first)
    assert open_image(stored_logo(world)).size == (200, 50)


def test_saving_without_a_new_file_keeps_the_logo(client, world):
    client.force_login(world.admin)
    post_logo(client, world, image_upload("PNG"))
    world.organisation.refresh_from_db()
    name = world.organisation.logo.name

    client.post(page_url(world), {**DETAILS, "town": "Valmiera"})
    world.organisation.refresh_from_db()
    assert world.organisation.logo.name == name
    assert world.organisation.town == "Valmiera"


def test_admin_removes_the_logo(client, world):
    client.force_login(world.admin)
    post_logo(client, world, image_upload("PNG"))
    world.organisation.refresh_from_db()
    name = world.organisation.logo.name
    assert "Remove the logo" in client.get(page_url(world)).content.decode()

    client.post(page_url(world), {**DETAILS, "remove_logo": "on"})
    world.organisation.refresh_from_db()
    assert not world.organisation.logo
    assert not default_storage.exists(name)
    assert "Remove the logo" not in client.get(page_url(world)).content.decode()


def test_organisation_page_shows_the_logo_through_the_members_view(client, world):
    client.force_login(world.admin)
    assert logo_url(world) not in client.get(page_url(world)).content.decode()
    post_logo(client, world, image_upload("PNG"))
    page = client.get(page_url(world)).content.decode()
    assert f'src="{logo_url(world)}?v=' in page
    assert "/media/" not in page


@pytest.mark.parametrize("user_name", ["admin", "editor"])
def test_members_get_the_logo(client, world, user_name):
    client.force_login(world.admin)
    post_logo(client, world, image_upload("PNG"))
    client.force_login(getattr(world, user_name))
    response = client.get(logo_url(world))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]
    assert response.content == stored_logo(world)


def test_logo_view_refuses_post(client, world):
    client.force_login(world.admin)
    post_logo(client, world, image_upload("PNG"))
    assert client.post(logo_url(world)).status_code == 405


def test_logo_view_answers_404_without_a_logo(client, world):
    client.force_login(world.admin)
    assert client.get(logo_url(world)).status_code == 404


@pytest.mark.parametrize("user_name", ["outsider", "participant_user"])
def test_logo_is_hidden_from_everyone_else(client, world, user_name):
    client.force_login(world.admin)
    post_logo(client, world, image_upload("PNG"))
    client.force_login(getattr(world, user_name))
    assert client.get(logo_url(world)).status_code == 404


def test_logo_is_not_served_as_a_public_media_file(client, world):
    client.force_login(world.admin)
    post_logo(client, world, image_upload("PNG"))
    world.organisation.refresh_from_db()
    client.logout()
    assert client.get(logo_url(world)).url.startswith(reverse("login"))
    assert client.get("/media/" + world.organisation.logo.name).status_code == 404


def test_editor_cannot_change_details_or_logo(client, world):
    client.force_login(world.editor)
    response = post_logo(client, world, image_upload("PNG"))
    assert response.status_code == 403
    world.organisation.refresh_from_db()
    assert not world.organisation.logo
    assert world.organisation.street == "Rīgas iela 1"


def test_outsider_and_anonymous_cannot_change_details(client, world):
    client.force_login(world.outsider)
    assert client.post(page_url(world), DETAILS).status_code == 404
    client.logout()
    response = client.post(page_url(world), DETAILS)
    assert response.url.startswith(reverse("login"))
    world.organisation.refresh_from_db()
    assert world.organisation.street == "Rīgas iela 1"


def test_site_admin_sees_the_logo_inline_and_cannot_upload_one(client, world):
    client.force_login(world.admin)
    post_logo(client, world, image_upload("PNG"))
    client.force_login(User.objects.create_superuser("root@example.org", "pw"))
    page = client.get(
        reverse("admin:projects_organisation_change", args=[world.organisation.pk])
    ).content.decode()
    assert '<img src="data:image/png;base64,' in page
    assert 'name="logo"' not in page
    assert 'name="signatory_role"' in page


def test_a_logo_above_the_pixel_limit_is_refused_and_one_at_it_is_stored(client, world, settings):
    assert settings.IMAGE_MAX_PIXELS == 5000 * 2500
    client.force_login(world.admin)

    response = post_logo(client, world, upload(image_bytes("PNG", size=(5000, 2501))))

    assert response.status_code == 200
    assert (
        "The logo has too many pixels. Upload an image of at most 12.5 megapixels."
        in response.content.decode()
    )
    world.organisation.refresh_from_db()
    assert not world.organisation.logo

    post_logo(client, world, upload(image_bytes("PNG", size=(5000, 2500))))

    assert open_image(stored_logo(world)).size == (800, 400)
