import pytest
from django.urls import reverse

from participants.models import LearningOutcome, ParticipantState


def url(world, name, participant=None):
    return reverse(f"participants:{name}", args=[(participant or world.participant).code])


def test_my_youthpass_lists_own_participations_only(client, world):
    client.force_login(world.participant_user)
    page = client.get(reverse("participants:mine")).content.decode()
    assert reverse("participants:detail", args=[world.participant.code]) in page
    assert world.other_participant.code not in page


def test_detail_shows_the_steps(client, world):
    client.force_login(world.participant_user)
    page = client.get(url(world, "detail")).content.decode()
    assert "Describe what you learned" in page
    assert "Submit for review" in page


def test_personal_data_is_saved(client, world):
    client.force_login(world.participant_user)
    response = client.post(
        url(world, "personal"),
        {
            "first_name": "Līga",
            "last_name": "Kalniņa-Ozola",
            "date_of_birth": "2004-05-17",
            "place_of_birth": "Daugavpils",
        },
    )
    assert response.url == url(world, "detail")
    world.participant.refresh_from_db()
    assert world.participant.last_name == "Kalniņa-Ozola"
    assert world.participant.place_of_birth == "Daugavpils"


def test_personal_data_with_bad_date_explains_and_changes_nothing(client, world):
    client.force_login(world.participant_user)
    response = client.post(
        url(world, "personal"),
        {"first_name": "", "last_name": "X", "date_of_birth": "17.05.2004x"},
    )
    assert response.status_code == 200
    assert "Enter a valid date." in response.content.decode()
    world.participant.refresh_from_db()
    assert world.participant.last_name == "Kalniņa"


def test_outcomes_page_shows_every_competence_with_help(client, world):
    client.force_login(world.participant_user)
    page = client.get(url(world, "outcomes")).content.decode()
    assert page.count('<textarea name="') == 8
    assert "Personal, social and learning to learn competence" in page
    assert "What did you learn about yourself?" in page


def test_outcomes_are_saved_and_blank_ones_are_not_stored(client, world):
    client.force_login(world.participant_user)
    client.post(
        url(world, "outcomes"),
        {"digital": "  I built a website.  ", "citizenship": "I volunteered weekly.", "stem": " "},
    )
    texts = dict(world.participant.outcomes.values_list("competence", "text"))
    assert texts == {"digital": "I built a website.", "citizenship": "I volunteered weekly."}

    client.post(url(world, "outcomes"), {"digital": "I built two websites.", "citizenship": ""})
    texts = dict(world.participant.outcomes.values_list("competence", "text"))
    assert texts == {"digital": "I built two websites.", "citizenship": ""}


def test_too_long_outcome_explains_and_saves_nothing(client, world):
    client.force_login(world.participant_user)
    response = client.post(url(world, "outcomes"), {"digital": "x" * 4001, "literacy": "ok"})
    assert response.status_code == 200
    assert "at most 4000 characters" in response.content.decode()
    assert not LearningOutcome.objects.exists()


def test_submit_needs_at_least_one_outcome(client, world):
    client.force_login(world.participant_user)
    response = client.post(url(world, "submit"), follow=True)
    assert "at least one competence" in response.content.decode()
    world.participant.refresh_from_db()
    assert world.participant.state == ParticipantState.ACTIVE


def test_submit_hands_over_and_locks_editing(client, world):
    client.force_login(world.participant_user)
    client.post(url(world, "outcomes"), {"digital": "I built a website."})
    assert client.get(url(world, "submit")).status_code == 405

    client.post(url(world, "submit"))

    world.participant.refresh_from_db()
    assert world.participant.state == ParticipantState.SUBMITTED
    assert world.participant.submitted_at is not None
    assert client.get(url(world, "outcomes")).url == url(world, "detail")
    client.post(url(world, "outcomes"), {"digital": "Changed after submitting"})
    assert world.participant.outcomes.get().text == "I built a website."
    response = client.post(url(world, "submit"), follow=True)
    assert "submitted already" in response.content.decode()


@pytest.mark.parametrize("name", ["detail", "personal", "outcomes", "submit"])
def test_roles_on_participant_pages(client, world, name):
    method = client.post if name == "submit" else client.get
    client.force_login(world.other_participant_user)
    assert method(url(world, name)).status_code == 404
    client.force_login(world.outsider)
    assert method(url(world, name)).status_code == 404
    client.force_login(world.editor)
    assert method(url(world, name)).status_code == 403
    client.logout()
    assert method(url(world, name)).url.startswith(reverse("login"))
    world.participant.refresh_from_db()
    assert world.participant.state == ParticipantState.ACTIVE
