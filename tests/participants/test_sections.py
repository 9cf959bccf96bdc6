import pytest

from participants.models import Participant
from projects.formats import Format
from tests.participants.conftest import manage_url, my_url


def with_format(world, project_format):
    world.project.format = project_format
    world.project.save()
    return world.participant


@pytest.mark.parametrize(
    "project_format", [Format.VOLUNTEERING, Format.HUMANITARIAN_AID_VOLUNTEERING]
)
def test_volunteers_also_describe_tasks_and_training(client, world, project_format):
    participant = with_format(world, project_format)
    client.force_login(world.participant_user)

    page = client.get(my_url(participant, "outcomes")).content.decode()

    assert page.count('<textarea name="') == 10
    assert "Tasks" in page
    assert "What you did as a volunteer" in page
    assert "Training activities" in page
    assert "on-arrival training" in page
    assert "Professional competences" not in page


def test_sections_are_saved_with_the_outcomes(client, world):
    participant = with_format(world, Format.VOLUNTEERING)
    client.force_login(world.participant_user)

    response = client.post(
        my_url(participant, "outcomes"),
        {
            "digital": "I made videos.",
            "tasks": "  I ran the youth café.  ",
            "training_activities": "On-arrival training in Riga.",
            "professional_competences": "Not part of volunteering.",
        },
    )

    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.tasks == "I ran the youth café."
    assert participant.training_activities == "On-arrival training in Riga."
    assert participant.professional_competences == ""
    assert participant.outcomes.get().text == "I made videos."


def test_trainees_describe_their_professional_competences(client, world):
    participant = with_format(world, Format.TRAINEESHIP_JOB)
    client.force_login(world.participant_user)

    page = client.get(my_url(participant, "outcomes")).content.decode()
    client.post(my_url(participant, "outcomes"), {"professional_competences": "I wrote reports."})

    assert "Professional competences" in page
    assert "professional skills and knowledge" in page
    assert "Training activities" not in page
    participant.refresh_from_db()
    assert participant.professional_competences == "I wrote reports."


@pytest.mark.parametrize(
    "project_format",
    [
        f
        for f in Format.values
        if f
        not in (Format.VOLUNTEERING, Format.HUMANITARIAN_AID_VOLUNTEERING, Format.TRAINEESHIP_JOB)
    ],
)
def test_other_formats_have_no_extra_sections(client, world, project_format):
    participant = with_format(world, project_format)
    client.force_login(world.participant_user)

    page = client.get(my_url(participant, "outcomes")).content.decode()
    client.post(my_url(participant, "outcomes"), {"tasks": "Sneaked in."})

    assert 'name="tasks"' not in page
    participant.refresh_from_db()
    assert participant.tasks == ""


def test_too_long_section_explains_and_saves_nothing(client, world):
    participant = with_format(world, Format.VOLUNTEERING)
    client.force_login(world.participant_user)

    response = client.post(
        my_url(participant, "outcomes"),
        {"tasks": "x" * (Participant.SECTION_MAX_LENGTH + 1), "digital": "I made videos."},
    )

    assert response.status_code == 200
    assert "at most 4000 characters" in response.content.decode()
    participant.refresh_from_db()
    assert participant.tasks == ""
    assert not participant.outcomes.exists()


def test_the_organiser_sees_the_filled_sections_only(client, world):
    participant = with_format(world, Format.VOLUNTEERING)
    participant.tasks = "I ran the youth café."
    participant.save()
    client.force_login(world.editor)

    page = client.get(manage_url(participant)).content.decode()

    assert "Tasks" in page
    assert "I ran the youth café." in page
    assert "Training activities" not in page
