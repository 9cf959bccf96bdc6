"""Adding one participant: role, country and the language of their e-mails."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from participants.models import Participant, ParticipantRole
from tests.conftest import login


def add_url(world):
    return reverse("participants:add", args=[world.project.code])


def add(client, world, **changes):
    data = {"first_name": "Oksana", "last_name": "Kovalenko", "email": "oksana@example.org"}
    data.update(changes)
    login(client, world.editor)
    return client.post(add_url(world), data)


def test_role_country_and_language_are_saved(client, world, mailoutbox):
    response = add(client, world, role="facilitator", country="UA", language="lv")

    assert response.url == world.project.get_absolute_url()
    oksana = Participant.objects.get(email="oksana@example.org")
    assert (oksana.role, oksana.country.code, oksana.language) == ("facilitator", "UA", "lv")
    assert mailoutbox == []


def test_left_out_they_take_the_defaults(client, world):
    add(client, world)
    oksana = Participant.objects.get(email="oksana@example.org")
    assert (oksana.role, oksana.country, oksana.language) == (ParticipantRole.PARTICIPANT, "", "en")


def test_the_language_starts_as_the_organisers_own(client, world):
    login(client, world.editor)
    client.cookies["django_language"] = "lv"
    page = client.get(add_url(world)).content.decode()
    assert '<option value="lv" selected>' in page


@pytest.mark.parametrize(
    ("field", "value"), [("role", "boss"), ("country", "XX"), ("language", "de")]
)
def test_a_choice_that_is_not_offered_is_refused(client, world, field, value):
    response = add(client, world, **{field: value})
    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    assert not Participant.objects.filter(email="oksana@example.org").exists()


def test_the_invitation_is_in_the_participants_language(client, world, mailoutbox):
    # The organiser uses the site in English; the participant reads Latvian.
    add(client, world, language="lv", send_invitation="on")

    with translation.override("lv"):
        latvian = render_to_string("emails/invitation-subject.txt", {"project": world.project})
    assert mailoutbox[0].subject == latvian.strip()
    assert mailoutbox[0].subject != "Your Youthpass for “Voices of the Baltic”"


def test_resending_uses_the_participants_language(client, world, mailoutbox):
    add(client, world, language="lv")
    oksana = Participant.objects.get(email="oksana@example.org")
    client.cookies["django_language"] = "en"
    client.post(reverse("participants:invite", args=[world.project.code, oksana.code]))
    with translation.override("lv"):
        latvian = render_to_string("emails/invitation-subject.txt", {"project": world.project})
    assert mailoutbox[0].subject == latvian.strip()
