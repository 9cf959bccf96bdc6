import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from participants.models import Invitation, Participant, ParticipantState
from tests.conftest import make_user


def link_path(message):
    return re.search(r"https://youthpass\.test(/invitations/\S+/)", message.body).group(1)


def add_participant(client, world, **changes):
    data = {
        "first_name": "Oksana",
        "last_name": "Kovalenko",
        "email": "oksana@example.org",
        "send_invitation": "on",
        **changes,
    }
    client.force_login(world.editor)
    return client.post(reverse("participants:add", args=[world.project.code]), data)


def test_adding_a_participant_sends_an_invitation(client, world, mailoutbox):
    response = add_participant(client, world)

    assert response.url == world.project.get_absolute_url()
    participant = Participant.objects.get(email="oksana@example.org")
    assert participant.state == ParticipantState.INVITED
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["oksana@example.org"]
    assert "Voices of the Baltic" in message.subject
    assert "Jauniešu centrs Ģēnijs invites you" in message.body
    assert link_path(message) in message.alternatives[0][0]
    assert Invitation.objects.get().token_hash not in message.body


def test_adding_without_invitation_sends_nothing(client, world, mailoutbox):
    add_participant(client, world, send_invitation="")
    assert Participant.objects.get(email="oksana@example.org").state == ParticipantState.ADDED
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"email": "PARTICIPANT@example.org"}, "is in the project already"),
        ({"email": "no-at-sign"}, "Enter a valid email address."),
        ({"first_name": ""}, "This field is required."),
        ({"last_name": "x" * 101}, "at most 100 characters"),
    ],
)
def test_adding_with_bad_input_explains_and_saves_nothing(
    client, world, mailoutbox, changes, message
):
    response = add_participant(client, world, **changes)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert world.project.participants.count() == 2
    assert mailoutbox == []


def test_new_person_accepts_invitation_and_sets_password(client, world, mailoutbox):
    add_participant(client, world)
    client.logout()
    path = link_path(mailoutbox[0])

    page = client.get(path)
    assert "Welcome, Oksana!" in page.content.decode()
    assert Participant.objects.get(email="oksana@example.org").state == ParticipantState.INVITED

    response = client.post(
        path, {"password1": "my-own-password-1", "password2": "my-own-password-1"}
    )

    participant = Participant.objects.get(email="oksana@example.org")
    assert response.url == reverse("participants:detail", args=[participant.code])
    assert participant.state == ParticipantState.ACTIVE
    assert participant.user == User.objects.get(email="oksana@example.org")
    assert participant.user.check_password("my-own-password-1")
    assert client.get(response.url).status_code == 200
    client.logout()
    assert client.get(path).status_code == 404


def test_accepting_with_a_weak_password_explains_and_creates_nothing(client, world, mailoutbox):
    add_participant(client, world)
    client.logout()
    response = client.post(link_path(mailoutbox[0]), {"password1": "oksana", "password2": "oksana"})
    assert response.status_code == 200
    assert "too short" in response.content.decode()
    assert not User.objects.filter(email="oksana@example.org").exists()


def test_existing_account_logs_in_to_accept(client, world, mailoutbox):
    oksana = make_user("oksana@example.org", "Oksana", "Kovalenko")
    add_participant(client, world)
    client.logout()
    path = link_path(mailoutbox[0])

    page = client.get(path).content.decode()
    assert "Log in to accept" in page
    assert client.post(path).url.startswith(reverse("login"))

    client.force_login(oksana)
    client.post(path)
    participant = Participant.objects.get(email="oksana@example.org")
    assert participant.user == oksana
    assert participant.state == ParticipantState.ACTIVE


def test_resending_invalidates_the_older_link(client, world, mailoutbox):
    add_participant(client, world)
    participant = Participant.objects.get(email="oksana@example.org")
    url = reverse("participants:invite", args=[world.project.code, participant.code])

    assert client.get(url).status_code == 405
    client.post(url)

    assert len(mailoutbox) == 2
    client.logout()
    assert client.get(link_path(mailoutbox[0])).status_code == 404
    assert client.get(link_path(mailoutbox[1])).status_code == 200


def test_invitation_expires_after_fourteen_days(client, world, mailoutbox):
    add_participant(client, world)
    client.logout()
    path = link_path(mailoutbox[0])
    with time_machine.travel(timezone.now() + datetime.timedelta(days=14, minutes=1)):
        response = client.get(path)
    assert response.status_code == 404
    assert "does not work" in response.content.decode()


def test_unknown_or_absurd_tokens_are_not_found(client, db):
    assert client.get(reverse("participants:invitation", args=["nonsense"])).status_code == 404
    assert client.post(reverse("participants:invitation", args=["x" * 500])).status_code == 404


def test_accepted_participant_cannot_be_invited_again(client, world, mailoutbox):
    client.force_login(world.admin)
    url = reverse("participants:invite", args=[world.project.code, world.participant.code])
    response = client.post(url, follow=True)
    assert "has accepted the invitation already" in response.content.decode()
    assert mailoutbox == []


def test_invitation_email_is_in_the_inviters_language(client, world, mailoutbox):
    client.post(reverse("set_language"), {"language": "lv", "next": "/"})
    add_participant(client, world)
    assert "Sveiki, Oksana" in mailoutbox[0].body


def test_a_second_click_on_an_accepted_invitation_offers_to_log_in(client, world, mailoutbox):
    add_participant(client, world)
    client.logout()
    path = link_path(mailoutbox[0])
    client.post(path, {"password1": "my-own-password-1", "password2": "my-own-password-1"})
    client.logout()

    again = client.get(path)
    assert again.status_code == 404
    assert "This invitation was accepted already" in again.text
    assert "Log in with it to continue." in again.text
    assert f'href="{reverse("login")}"' in again.text
    assert "send you a new one" not in again.text

    unknown = client.get(reverse("participants:invitation", args=["x" * 43]))
    assert "This invitation link does not work" in unknown.text
    assert "accepted already" not in unknown.text
