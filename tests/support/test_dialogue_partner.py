"""The participant names one of their support persons as the dialogue partner of Part 2."""

import pytest

from participants.models import ParticipantState
from support.models import SupportRole
from tests.conftest import make_user
from tests.support.conftest import add_support_person, my_support_url, people


@pytest.fixture
def partner(support):
    user = make_user("partner@example.org", "Laura", "Bērziņa")
    return add_support_person(
        support.project, user, SupportRole.DIALOGUE_PARTNER, [support.participant]
    )


def name(client, world, support_person):
    return client.post(
        my_support_url(world.participant, "dialogue_partner"),
        {"support_person": support_person.code},
    )


def test_support_persons_are_offered_with_their_roles(client, support, partner):
    client.force_login(support.participant_user)
    page = client.get(my_support_url(support.participant)).content.decode()
    assert "Name Laura Bērziņa as my dialogue partner" in page
    assert "Dialogue partner" in page
    assert "Name Dace Kļaviņa as my dialogue partner" in page
    assert "Supervisor" in page
    assert "Inese Vītola" not in page  # in the project, but not assigned to her


def test_participant_names_the_dialogue_partner(client, support, partner):
    client.force_login(support.participant_user)
    response = name(client, support, partner)
    assert response.url == my_support_url(support.participant)
    support.participant.refresh_from_db()
    assert support.participant.dialogue_partner == "Laura Bērziņa"
    page = client.get(my_support_url(support.participant)).content.decode()
    assert "Your dialogue partner" in page
    assert "Name Laura Bērziņa as my dialogue partner" not in page


def test_naming_is_post_only(client, support, partner):
    client.force_login(support.participant_user)
    response = client.get(
        my_support_url(support.participant, "dialogue_partner"),
        {"support_person": partner.code},
    )
    assert response.status_code == 405
    support.participant.refresh_from_db()
    assert support.participant.dialogue_partner == ""


def test_only_while_the_self_assessment_can_change(client, support, partner):
    support.participant.state = ParticipantState.SUBMITTED
    support.participant.save(update_fields=["state"])
    client.force_login(support.participant_user)
    page = client.get(my_support_url(support.participant)).content.decode()
    assert "as my dialogue partner" not in page
    response = name(client, support, partner)
    assert response.status_code == 302
    support.participant.refresh_from_db()
    assert support.participant.dialogue_partner == ""


def test_only_an_assigned_support_person_can_be_named(client, support):
    client.force_login(support.participant_user)
    assert name(client, support, support.unassigned).status_code == 404
    assert name(client, support, support.foreign).status_code == 404
    response = client.post(my_support_url(support.participant, "dialogue_partner"), {})
    assert response.status_code == 404
    support.participant.refresh_from_db()
    assert support.participant.dialogue_partner == ""


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("admin", 403),
        ("supervisor", 404),
        ("other_participant", 404),
        ("outsider", 404),
    ],
)
def test_only_the_holder_names(client, support, partner, who, status):
    client.force_login(getattr(people(support), who))
    assert name(client, support, partner).status_code == status
    support.participant.refresh_from_db()
    assert support.participant.dialogue_partner == ""


def test_a_long_name_is_cut_to_what_the_certificate_holds(client, support):
    user = make_user("long@example.org", "Ā" * 80, "Ž" * 80)
    long = add_support_person(
        support.project, user, SupportRole.DIALOGUE_PARTNER, [support.participant]
    )
    client.force_login(support.participant_user)
    name(client, support, long)
    support.participant.refresh_from_db()
    assert support.participant.dialogue_partner == ("Ā" * 80 + " " + "Ž" * 80)[:100]


def test_the_dialogue_partner_sentence_only_when_one_is_named(client, support, partner):
    client.force_login(support.participant_user)
    page = client.get(my_support_url(support.participant)).text
    assert "Your dialogue partner talked your self-assessment through" not in page
    assert "If someone talks your self-assessment through with you" in page
    name(client, support, partner)
    page = client.get(my_support_url(support.participant)).text
    assert "Your dialogue partner talked your self-assessment through" in page
    assert "If someone talks your self-assessment through with you" not in page
