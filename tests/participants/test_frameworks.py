import pytest
from django.core.exceptions import ValidationError

from participants.competences import KEY_COMPETENCES, YOUTH_WORKER_COMPETENCES
from participants.frameworks import framework_for
from participants.models import LearningOutcome
from projects.formats import Format
from tests.conftest import write_outcomes
from tests.participants.conftest import manage_url, my_url

ETS_AREAS = [
    "Facilitating learning",
    "Designing programmes",
    "Managing resources",
    "Collaborating in teams",
    "Communicating meaningfully",
    "Displaying intercultural sensitivity",
    "Networking and advocating",
    "Assessing and evaluating",
    "Being civically engaged",
]


@pytest.fixture
def youth_workers(world):
    world.project.format = Format.YOUTH_WORKERS_MOBILITY
    world.project.save()
    return world.participant


@pytest.mark.parametrize("project_format", Format.values)
def test_every_format_has_its_framework(project_format):
    key, name, competences = framework_for(project_format)

    if project_format in (Format.YOUTH_WORKERS_MOBILITY, Format.TRAINING_COOPERATION):
        assert key == "ets_youth_workers"
        assert str(name) == "ETS Competence Model for Youth Workers"
        assert [str(c.name) for c in competences] == ETS_AREAS
    else:
        assert key == "key_competences"
        assert str(name) == "Key Competences for Lifelong Learning"
        assert len(competences) == 8


@pytest.mark.parametrize("competence", [*KEY_COMPETENCES, *YOUTH_WORKER_COMPETENCES])
def test_every_competence_helps_the_writer(competence):
    assert 40 < len(str(competence.description)) < 220
    assert 3 <= len(competence.questions) <= 5
    assert all(str(question).endswith("?") for question in competence.questions)
    assert 1 <= len(competence.examples) <= 2


def test_keys_are_unique_across_frameworks():
    keys = [c.key for c in (*KEY_COMPETENCES, *YOUTH_WORKER_COMPETENCES)]
    assert len(keys) == len(set(keys)) == 17


def test_an_outcome_accepts_the_keys_of_both_frameworks(world):
    for key in ("citizenship", "civic_engagement"):
        LearningOutcome(participant=world.participant, competence=key, text="x").full_clean()
    with pytest.raises(ValidationError):
        LearningOutcome(participant=world.participant, competence="cooking", text="x").full_clean()


def test_youth_workers_write_by_the_ets_areas_with_their_help(client, world, youth_workers):
    client.force_login(world.participant_user)

    page = client.get(my_url(youth_workers, "outcomes")).content.decode()

    assert "following the ETS Competence Model for Youth Workers" in page
    assert page.count('<textarea name="') == 9
    for area in ETS_AREAS:
        assert area in page
    assert "Helping individuals and groups to find out what they want to learn" in page
    assert "Which methods or tools did you try for the first time?" in page
    assert "I prepared the risk assessment for our outdoor activities" in page
    assert "Literacy competence" not in page


def test_ets_outcomes_are_saved_and_kept_in_the_models_order(client, world, youth_workers):
    client.force_login(world.participant_user)

    response = client.post(
        my_url(youth_workers, "outcomes"),
        {"civic_engagement": "I ran a youth vote.", "facilitating_learning": "I led sessions."},
    )

    assert response.status_code == 302
    texts = dict(youth_workers.outcomes.values_list("competence", "text"))
    assert texts == {
        "civic_engagement": "I ran a youth vote.",
        "facilitating_learning": "I led sessions.",
    }
    keys = [competence.key for competence, _ in youth_workers.filled_outcomes()]
    assert keys == ["facilitating_learning", "civic_engagement"]


def test_texts_of_another_framework_are_kept_but_not_shown(client, world):
    write_outcomes(world.participant, {"digital": "I edited a radio show."})
    world.project.format = Format.YOUTH_WORKERS_MOBILITY
    world.project.save()

    assert world.participant.filled_outcomes() == []
    client.force_login(world.participant_user)
    client.post(my_url(world.participant, "outcomes"), {"managing_resources": "A budget."})

    assert world.participant.outcomes.get(competence="digital").text == "I edited a radio show."


def test_the_organiser_sees_the_framework(client, world, youth_workers):
    write_outcomes(youth_workers, {"networking_advocating": "I met three partners."})
    client.force_login(world.editor)

    page = client.get(manage_url(youth_workers)).content.decode()

    assert "ETS Competence Model for Youth Workers" in page
    assert "Networking and advocating" in page
    assert "I met three partners." in page
