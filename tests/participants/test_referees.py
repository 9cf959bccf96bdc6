import pytest

from participants.models import ParticipantState, Referee
from tests.participants.conftest import (
    assert_only_the_holder_gets_in,
    formset_data,
    manage_url,
    my_url,
)

MARTA = {"name": "Marta Ozoliņa", "role": "Mentor, Jauniešu centrs", "contact": "marta@example.org"}
JANIS = {"name": "Jānis Bērziņš", "role": "", "contact": "+371 2612 3456"}


def post(client, participant, rows, dialogue_partner="", **kwargs):
    data = formset_data("referees", rows, **kwargs)
    data["dialogue_partner"] = dialogue_partner
    return client.post(my_url(participant, "referees"), data)


def referees(participant):
    return list(participant.referees.values_list("name", "role", "contact"))


def test_the_page_offers_two_referees_and_the_dialogue_partner(client, world):
    client.force_login(world.participant_user)

    page = client.get(my_url(world.participant, "referees")).content.decode()

    assert "Referee 1" in page
    assert "Referee 2" in page
    assert "Referee 3" not in page
    assert 'name="dialogue_partner"' in page


def test_referees_and_dialogue_partner_are_saved(client, world):
    client.force_login(world.participant_user)

    response = post(client, world.participant, [MARTA, JANIS], dialogue_partner=" Marta Ozoliņa ")

    assert response.url == my_url(world.participant, "detail")
    assert referees(world.participant) == [
        ("Marta Ozoliņa", "Mentor, Jauniešu centrs", "marta@example.org"),
        ("Jānis Bērziņš", "", "+371 2612 3456"),
    ]
    world.participant.refresh_from_db()
    assert world.participant.dialogue_partner == "Marta Ozoliņa"


def test_emptying_a_row_removes_the_referee(client, world):
    world.participant.replace_referees(
        [("Marta", "", "marta@example.org"), ("Jānis", "", "26123456")]
    )
    client.force_login(world.participant_user)

    post(client, world.participant, [{"name": "", "role": "", "contact": ""}, JANIS], initial=2)

    assert referees(world.participant) == [("Jānis Bērziņš", "", "+371 2612 3456")]


def test_a_third_referee_is_refused(client, world):
    world.participant.replace_referees([("Marta", "", "marta@example.org")])
    client.force_login(world.participant_user)
    third = {"name": "Third", "role": "", "contact": "third@example.org"}

    response = post(client, world.participant, [MARTA, JANIS, third], dialogue_partner="Someone")

    assert response.status_code == 200
    assert "You can name at most 2 referees." in response.content.decode()
    assert referees(world.participant) == [("Marta", "", "marta@example.org")]
    world.participant.refresh_from_db()
    assert world.participant.dialogue_partner == ""


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"name": "Marta", "role": "Mentor", "contact": ""}, "Give an e-mail address or a phone"),
        ({"name": "", "role": "", "contact": "marta@example.org"}, "Give the referee&#x27;s name."),
        ({"name": "Marta", "role": "", "contact": "ask at the office"}, "Enter an e-mail address"),
        ({"name": "", "role": "", "contact": "ask me"}, "Give the referee&#x27;s name."),
        ({"name": "Marta", "role": "", "contact": "marta@"}, "Enter a valid email address."),
        ({"name": "Marta", "role": "", "contact": "12"}, "Enter an e-mail address or a phone"),
        ({"name": "M" * 101, "role": "", "contact": "26123456"}, "at most 100 characters"),
        ({"name": "Marta", "role": "R" * 151, "contact": "26123456"}, "at most 150 characters"),
    ],
)
def test_bad_referees_explain_and_change_nothing(client, world, row, message):
    client.force_login(world.participant_user)

    response = post(client, world.participant, [row], dialogue_partner="Marta")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was saved." in page
    assert message in page
    assert not Referee.objects.exists()
    world.participant.refresh_from_db()
    assert world.participant.dialogue_partner == ""


def test_too_long_dialogue_partner_explains_and_changes_nothing(client, world):
    client.force_login(world.participant_user)

    response = post(client, world.participant, [MARTA], dialogue_partner="D" * 101)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was saved." in page
    assert "at most 100 characters" in page
    assert not Referee.objects.exists()


def test_the_organiser_sees_referees_and_dialogue_partner(client, world):
    world.participant.replace_referees([("Marta Ozoliņa", "Mentor", "marta@example.org")])
    world.participant.dialogue_partner = "Pēteris Liepa"
    world.participant.save()
    client.force_login(world.editor)

    page = client.get(manage_url(world.participant)).content.decode()

    assert "Marta Ozoliņa" in page
    assert "marta@example.org" in page
    assert "Pēteris Liepa" in page


def test_not_editable_once_approved(client, world):
    world.participant.state = ParticipantState.APPROVED
    world.participant.save()
    client.force_login(world.participant_user)

    response = post(client, world.participant, [MARTA], dialogue_partner="Marta")

    assert response.url == my_url(world.participant, "detail")
    assert not Referee.objects.exists()


def test_roles(client, world):
    data = formset_data("referees", [MARTA])
    assert_only_the_holder_gets_in(client, world, my_url(world.participant, "referees"), data)
    assert not Referee.objects.exists()
