"""Journal photos: only pixels are kept, and only the participant and, once the entry is
shared, their assigned support persons get to see them."""

import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from participants.models import JournalEntry
from tests.participants.learning import (
    image_bytes,
    posted,
    support_person_for,
    url,
)

ENTRY = {"date": "2026-07-03", "text": "Our stage, before the show."}


def upload(content: bytes, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def stored_files():
    root = settings.MEDIA_ROOT
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def served(response) -> Image.Image:
    return Image.open(io.BytesIO(b"".join(response.streaming_content)))


@pytest.fixture
def photo_entry(client, world):
    """An entry of the participant with a photo uploaded through the form."""
    client.force_login(world.participant_user)
    client.post(
        url("entry_add", world.participant.code),
        {**ENTRY, "photo": upload(image_bytes("PNG"), "stage.png", "image/png")},
    )
    client.logout()
    return world.participant.journal_entries.get()


def test_a_big_png_is_stored_as_a_jpeg_of_at_most_1600_pixels(client, world):
    client.force_login(world.participant_user)
    big = image_bytes("PNG", size=(4000, 2500), color=(10, 120, 200))

    client.post(url("entry_add", world.participant.code), {**ENTRY, "photo": upload(big)})

    entry = world.participant.journal_entries.get()
    assert entry.photo.name.startswith(f"journal/{world.participant.code}/")
    assert entry.photo.name.endswith(".jpg")
    assert "photo" not in entry.photo.name.rsplit("/", 1)[-1]
    response = client.get(url("journal_photo", entry.code))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    picture = served(response)
    assert picture.format == "JPEG"
    assert picture.size == (1600, 1000)


def test_a_photo_loses_its_exif_data(client, world):
    exif = Image.Exif()
    exif[0x010E] = "Secret place description"  # ImageDescription
    exif[0x0110] = "Phone of Līga"  # Model
    jpeg = image_bytes("JPEG", size=(800, 600), exif=exif.tobytes())
    assert b"Secret place" in jpeg
    client.force_login(world.participant_user)

    client.post(url("entry_add", world.participant.code), {**ENTRY, "photo": upload(jpeg)})

    entry = world.participant.journal_entries.get()
    content = b"".join(client.get(url("journal_photo", entry.code)).streaming_content)
    assert b"Secret place" not in content
    assert b"Exif" not in content
    assert not Image.open(io.BytesIO(content)).getexif()


def test_a_transparent_webp_is_put_on_white(client, world):
    buffer = io.BytesIO()
    Image.new("RGBA", (50, 50), (0, 0, 0, 0)).save(buffer, format="WEBP", lossless=True)
    client.force_login(world.participant_user)

    client.post(
        url("entry_add", world.participant.code),
        {**ENTRY, "photo": upload(buffer.getvalue(), "a.webp", "image/webp")},
    )

    entry = world.participant.journal_entries.get()
    picture = served(client.get(url("journal_photo", entry.code)))
    assert picture.mode == "RGB"
    assert min(picture.getpixel((25, 25))) > 245


@pytest.mark.parametrize(
    "content",
    [
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b"<!doctype html><html><body><script>alert(1)</script></body></html>",
        b"Just some text that claims to be a photo.",
        image_bytes("GIF"),
        image_bytes("PNG")[:60],  # cut off
    ],
    ids=["svg", "html", "text", "gif", "truncated"],
)
def test_anything_but_a_jpeg_png_or_webp_is_refused(client, world, content):
    client.force_login(world.participant_user)
    response = client.post(
        url("entry_add", world.participant.code), {**ENTRY, "photo": upload(content)}
    )
    assert response.status_code == 200
    assert "Upload the photo as a JPEG, PNG or WebP image." in response.content.decode()
    assert not JournalEntry.objects.exists()
    assert stored_files() == []


def test_a_photo_over_5_mb_is_refused(client, world):
    client.force_login(world.participant_user)
    too_big = image_bytes("PNG") + b"\0" * (5 * 1024 * 1024)
    response = client.post(
        url("entry_add", world.participant.code), {**ENTRY, "photo": upload(too_big)}
    )
    assert "The photo is larger than 5 MB." in response.content.decode()
    assert not JournalEntry.objects.exists()


def test_a_photo_is_replaced_and_the_old_file_goes(
    client, world, photo_entry, django_capture_on_commit_callbacks
):
    client.force_login(world.participant_user)
    edit_url = url("entry_edit", world.participant.code, photo_entry.code)
    old_name = photo_entry.photo.name
    form = client.get(edit_url).context["form"]
    new_photo = upload(image_bytes("JPEG", size=(90, 60)))

    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit_url, {**posted(form), "photo": new_photo})

    photo_entry.refresh_from_db()
    assert photo_entry.photo.name != old_name
    assert [path.name for path in stored_files()] == [photo_entry.photo.name.rsplit("/", 1)[-1]]
    assert served(client.get(url("journal_photo", photo_entry.code))).size == (90, 60)


def test_a_photo_is_removed(client, world, photo_entry, django_capture_on_commit_callbacks):
    client.force_login(world.participant_user)
    edit_url = url("entry_edit", world.participant.code, photo_entry.code)
    form = client.get(edit_url).context["form"]

    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit_url, posted(form, remove_photo="on"))

    photo_entry.refresh_from_db()
    assert not photo_entry.photo
    assert stored_files() == []
    assert client.get(url("journal_photo", photo_entry.code)).status_code == 404


def test_deleting_an_entry_deletes_its_photo(
    client, world, photo_entry, django_capture_on_commit_callbacks
):
    client.force_login(world.participant_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("entry_delete", world.participant.code, photo_entry.code))
    assert stored_files() == []


def test_a_private_entrys_photo_is_for_the_participant_alone(client, world, photo_entry):
    photo_url = url("journal_photo", photo_entry.code)
    mentor = support_person_for(world.participant)
    others_mentor = support_person_for(world.other_participant, email="other.mentor@example.org")

    client.force_login(world.participant_user)
    assert client.get(photo_url).status_code == 200
    for user in (mentor, others_mentor, world.other_participant_user, world.admin, world.outsider):
        client.force_login(user)
        assert client.get(photo_url).status_code == 404
    client.logout()
    assert client.get(photo_url).url.startswith(reverse("login"))


def test_a_shared_entrys_photo_is_also_for_the_assigned_support_persons(client, world, photo_entry):
    photo_url = url("journal_photo", photo_entry.code)
    mentor = support_person_for(world.participant)
    others_mentor = support_person_for(world.other_participant, email="other.mentor@example.org")
    JournalEntry.objects.filter(pk=photo_entry.pk).update(shared=True)

    client.force_login(mentor)
    response = client.get(photo_url)
    assert response.status_code == 200
    assert served(response).format == "JPEG"
    assert "private" in response["Cache-Control"]
    for user in (others_mentor, world.other_participant_user, world.editor, world.outsider):
        client.force_login(user)
        assert client.get(photo_url).status_code == 404


def test_the_browser_keeps_a_photo_until_it_changes(client, world, photo_entry):
    client.force_login(world.participant_user)
    photo_url = url("journal_photo", photo_entry.code)
    etag = client.get(photo_url)["ETag"]
    assert client.get(photo_url, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(photo_url, headers={"If-None-Match": '"other"'}).status_code == 200


def test_a_photo_whose_file_went_missing_is_not_found(client, world, photo_entry):
    photo_entry.photo.storage.delete(photo_entry.photo.name)
    client.force_login(world.participant_user)
    assert client.get(url("journal_photo", photo_entry.code)).status_code == 404


def test_stored_photos_are_not_reachable_under_the_media_address(client, world, photo_entry):
    client.force_login(world.participant_user)
    assert client.get(f"/{settings.MEDIA_URL}{photo_entry.photo.name}").status_code == 404


def test_the_journal_shows_the_photo_through_the_view(client, world, photo_entry):
    client.force_login(world.participant_user)
    page = client.get(url("journal", world.participant.code)).content.decode()
    assert f'src="{url("journal_photo", photo_entry.code)}"' in page
    assert photo_entry.photo.name not in page


# Pixel limits: what a worker may have to decode


def test_a_photo_above_the_pixel_limit_is_refused_and_one_at_it_is_stored(client, world):
    assert settings.IMAGE_MAX_PIXELS == 5000 * 2500
    client.force_login(world.participant_user)
    above = image_bytes("PNG", size=(5000, 2501), color=(10, 120, 200))

    response = client.post(
        url("entry_add", world.participant.code), {**ENTRY, "photo": upload(above)}
    )

    assert response.status_code == 200
    assert (
        "The photo has too many pixels. Upload an image of at most 12.5 megapixels."
        in response.content.decode()
    )
    assert not JournalEntry.objects.exists()
    assert stored_files() == []

    at_limit = image_bytes("PNG", size=(5000, 2500), color=(10, 120, 200))
    client.post(url("entry_add", world.participant.code), {**ENTRY, "photo": upload(at_limit)})

    entry = world.participant.journal_entries.get()
    picture = served(client.get(url("journal_photo", entry.code)))
    assert picture.format == "JPEG"
    assert picture.size == (1600, 800)
    red, green, blue = picture.getpixel((800, 400))
    assert abs(red - 10) <= 3 and abs(green - 120) <= 3 and abs(blue - 200) <= 3


def test_a_webp_has_a_lower_pixel_limit(client, world):
    assert settings.IMAGE_MAX_WEBP_PIXELS == 2000 * 2000
    client.force_login(world.participant_user)
    above = image_bytes("WEBP", size=(2000, 2001), lossless=True)

    response = client.post(
        url("entry_add", world.participant.code),
        {**ENTRY, "photo": upload(above, "a.webp", "image/webp")},
    )

    assert "Upload an image of at most 4 megapixels." in response.content.decode()
    assert not JournalEntry.objects.exists()


def test_a_large_photo_taken_sideways_is_stored_upright(client, world):
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: the camera was turned; rotate 90° clockwise to show
    # Left half red, right half blue, as the sensor saw it.
    sideways = Image.new("RGB", (4000, 3000), (200, 0, 0))
    sideways.paste((0, 0, 200), (2000, 0, 4000, 3000))
    buffer = io.BytesIO()
    sideways.save(buffer, format="JPEG", exif=exif.tobytes())
    client.force_login(world.participant_user)

    client.post(
        url("entry_add", world.participant.code), {**ENTRY, "photo": upload(buffer.getvalue())}
    )

    entry = world.participant.journal_entries.get()
    picture = served(client.get(url("journal_photo", entry.code)))
    assert picture.size == (1200, 1600)
    # Turned upright, the sensor's left half is on top.
    assert picture.getpixel((600, 200))[0] > 150
    assert picture.getpixel((600, 1400))[2] > 150
