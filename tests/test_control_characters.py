"""No form stores C0 or C1 control characters: every text field refuses them with a message
(a text box allows tab and line breaks), whatever the form; a support form is in
tests/support/."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dashboard.models import ParticipantImport
from participants.models import LearningOutcome
from tests.participants.learning import posted

CONTROL_CHARACTERS = [chr(code) for code in (*range(0x20), 0x7F, *range(0x80, 0xA0))]
MESSAGE = "This contains control characters, which cannot be shown."


def has_control_characters(text: str) -> bool:
    return any(character in text for character in CONTROL_CHARACTERS if character not in "\t\n\r")


def post_personal(client, world, **changes):
    client.force_login(world.participant_user)
    data = {
        "first_name": "Līga",
        "last_name": "Kalniņa",
        "date_of_birth": "2004-05-17",
        "place_of_birth": "Rīga",
        **changes,
    }
    return client.post(reverse("participants:personal", args=[world.participant.code]), data)


@pytest.mark.parametrize("character", ["\x01", "\x00", "\x1b", "\x7f", "\x85", "\x9b", "\n"])
@pytest.mark.parametrize("field", ["first_name", "last_name", "place_of_birth"])
def test_personal_data_refuses_them(client, world, character, field):
    before = world.participant.first_name, world.participant.last_name
    value = f'{character}=HYPERLINK("https://evil.example","Rī{character}ga")'

    response = post_personal(client, world, **{field: value})

    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    world.participant.refresh_from_db()
    assert (world.participant.first_name, world.participant.last_name) == before
    assert not has_control_characters(world.participant.place_of_birth)


def test_personal_data_without_them_is_saved(client, world):
    assert post_personal(client, world, place_of_birth="Rīga").status_code == 302
    world.participant.refresh_from_db()
    assert world.participant.place_of_birth == "Rīga"


def outcomes_url(world):
    return reverse("participants:outcomes", args=[world.participant.code])


@pytest.mark.parametrize("character", ["\x08", "\x1b", "\x00", "\x9d", "\x0c"])
def test_learning_outcomes_refuse_them(client, world, character):
    client.force_login(world.participant_user)
    form = client.get(outcomes_url(world)).context["form"]

    response = client.post(
        outcomes_url(world), posted(form, digital=f"I edited{character} videos.")
    )

    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    assert not LearningOutcome.objects.filter(
        participant=world.participant, competence="digital"
    ).exists()


def test_learning_outcomes_keep_line_breaks_and_tabs(client, world):
    client.force_login(world.participant_user)
    form = client.get(outcomes_url(world)).context["form"]

    response = client.post(
        outcomes_url(world), posted(form, digital="I edited videos.\r\n\tThen I taught it.")
    )

    assert response.status_code == 302
    saved = LearningOutcome.objects.get(participant=world.participant, competence="digital")
    assert saved.text.replace("\r\n", "\n") == "I edited videos.\n\tThen I taught it."


def test_uploaded_files_are_left_to_their_own_readers(client, world):
    client.force_login(world.editor)
    data = b"first_name,last_name,email\r\nA\x01nna,Liepa,a@example.org\r\n"
    response = client.post(
        reverse("dashboard:import", args=[world.project.code]),
        {"file": SimpleUploadedFile("list.csv", data)},
    )
    assert response.status_code == 302
    preview = ParticipantImport.objects.get()
    assert bytes(preview.content) == data
    assert preview.rows[0]["data"]["first_name"] == "Anna"
