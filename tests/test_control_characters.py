"""No form stores C0 or C1 control characters: they are taken out of every submitted value
(tab and line breaks stay), whatever the form; a support form is in tests/support/."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dashboard.models import ParticipantImport
from participants.models import LearningOutcome
from tests.participants.learning import posted

CONTROL_CHARACTERS = [chr(code) for code in (*range(0x20), 0x7F, *range(0x80, 0xA0))]
KEPT = "\t\n\r"


def has_control_characters(text: str) -> bool:
    return any(character in text for character in CONTROL_CHARACTERS if character not in KEPT)


@pytest.mark.parametrize("character", ["\x01", "\x00", "\x1b", "\x7f", "\x85", "\x9b"])
def test_personal_data(client, world, character):
    client.force_login(world.participant_user)
    response = client.post(
        reverse("participants:personal", args=[world.participant.code]),
        {
            "first_name": f"Lī{character}ga",
            "last_name": f"{character}Kalniņa",
            "date_of_birth": "2004-05-17",
            "place_of_birth": f'{character}=HYPERLINK("https://evil.example","Rīga")',
        },
    )
    assert response.status_code == 302
    world.participant.refresh_from_db()
    assert world.participant.first_name == "Līga"
    assert world.participant.last_name == "Kalniņa"
    assert world.participant.place_of_birth == '=HYPERLINK("https://evil.example","Rīga")'


def test_learning_outcomes_keep_line_breaks_and_tabs(client, world):
    client.force_login(world.participant_user)
    address = reverse("participants:outcomes", args=[world.participant.code])
    form = client.get(address).context["form"]
    text = "I edited\x08 videos.\r\n\tThen\x1b[31m I\x00 taught\x9d it."

    assert client.post(address, posted(form, digital=text)).status_code == 302

    saved = LearningOutcome.objects.get(participant=world.participant, competence="digital").text
    assert not has_control_characters(saved)
    assert saved.replace("\r\n", "\n") == "I edited videos.\n\tThen[31m I taught it."


def test_uploaded_files_are_left_as_they_are(client, world):
    """A file is read by its own reader; only the form's text values are cleaned."""
    client.force_login(world.editor)
    data = b"first_name,last_name,email\r\nA\x01nna,Liepa,a@example.org\r\n"
    response = client.post(
        reverse("dashboard:import", args=[world.project.code]),
        {"file": SimpleUploadedFile("list.csv", data)},
    )
    assert response.status_code == 302
    assert bytes(ParticipantImport.objects.get().content) == data
