"""An invitation speaks the language the organisers chose for the person: its e-mail, and
the page its link opens, unless the reader has chosen a language on the site before."""

import pytest
from django.conf import settings
from django.urls import reverse

from participants.models import Participant
from support.models import SupportPerson, SupportRole
from tests.conftest import make_user

LATVIAN_WELCOME = "Laipni lūdzam, Oksana!"
ENGLISH_WELCOME = "Welcome, Oksana!"


@pytest.fixture
def latvian_invitation(world):
    participant = Participant.objects.create(
        project=world.project,
        first_name="Oksana",
        last_name="Kovalenko",
        email="oksana@example.org",
        language="lv",
    )
    _, token = participant.invite(world.editor)
    return reverse("participants:invitation", args=[token])


def test_the_link_opens_in_the_invitations_language(client, latvian_invitation):
    response = client.get(latvian_invitation, headers={"accept-language": "en"})
    page = response.content.decode()
    assert LATVIAN_WELCOME in page
    assert '<html lang="lv">' in page
    assert response["Content-Language"] == "lv"


def test_the_site_stays_in_that_language_afterwards(client, latvian_invitation):
    client.get(latvian_invitation, headers={"accept-language": "en"})
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "lv"
    login_page = client.get(reverse("login"), headers={"accept-language": "en"})
    assert '<html lang="lv">' in login_page.content.decode()


def test_a_language_the_reader_chose_on_the_site_wins(client, latvian_invitation):
    client.post(reverse("set_language"), {"language": "en"})
    page = client.get(latvian_invitation).content.decode()
    assert ENGLISH_WELCOME in page
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_a_new_account_made_from_the_link_keeps_the_language(client, latvian_invitation):
    client.get(latvian_invitation)
    client.post(
        latvian_invitation,
        {"password1": "gauja-upe-2026-vasara", "password2": "gauja-upe-2026-vasara"},
    )
    participant = Participant.objects.get(email="oksana@example.org")
    assert participant.user is not None
    assert participant.user.language == "lv"


# Support persons


def _add_support_person(client, world, **extra):
    client.force_login(world.admin)
    data = {
        "first_name": "Ruta",
        "last_name": "Ozola",
        "email": "ruta.ozola@example.org",
        "role": SupportRole.MENTOR,
        "participants": [world.participant.pk],
        "send_invitation": "on",
        **extra,
    }
    return client.post(
        reverse("support:add", args=[world.project.code]),
        data,
        headers={"accept-language": "en"},
    )


def test_organisers_choose_a_support_persons_language(client, world, mailoutbox):
    _add_support_person(client, world, language="lv")
    person = SupportPerson.objects.get(email="ruta.ozola@example.org")
    assert person.language == "lv"
    html = mailoutbox[0].alternatives[0][0]
    assert '<html lang="lv">' in html
    assert " gada " in mailoutbox[0].body


def test_the_support_form_offers_the_organisers_language_first(client, world):
    client.force_login(world.admin)
    page = client.get(
        reverse("support:add", args=[world.project.code]), headers={"accept-language": "lv"}
    ).content.decode()
    assert '<option value="lv" selected>' in page


def test_sending_again_uses_the_persons_language_not_the_organisers(client, world, mailoutbox):
    _add_support_person(client, world, language="lv")
    person = SupportPerson.objects.get(email="ruta.ozola@example.org")
    client.post(
        reverse("support:invite", args=[world.project.code, person.code]),
        headers={"accept-language": "en"},
    )
    assert len(mailoutbox) == 2
    assert '<html lang="lv">' in mailoutbox[1].alternatives[0][0]


def test_the_support_invitation_opens_in_its_language(client, world):
    person = SupportPerson.objects.create(
        project=world.project,
        first_name="Ruta",
        last_name="Ozola",
        email="ruta.ozola@example.org",
        role=SupportRole.COACH,
        language="lv",
    )
    _, token = person.invite(world.admin)
    response = client.get(reverse("support:invitation", args=[token]))
    assert '<html lang="lv">' in response.content.decode()


def test_feedback_reaches_a_participant_without_account_in_their_language(
    client, world, mailoutbox
):
    participant = Participant.objects.create(
        project=world.project,
        first_name="Oksana",
        last_name="Kovalenko",
        email="oksana@example.org",
        language="lv",
    )
    mentor = make_user("mentor@example.org", "Anna", "Liepa", language="en")
    person = SupportPerson.objects.create(
        project=world.project,
        first_name="Anna",
        last_name="Liepa",
        email=mentor.email,
        role=SupportRole.MENTOR,
    )
    person.accept(mentor)
    person.assign([participant])
    goal = participant.goals.create(title="Runāt latviski", shared=True)
    client.force_login(mentor)
    client.post(
        reverse("support:feedback_goal", args=[participant.code, goal.code]),
        {"text": "Labi!"},
        headers={"accept-language": "en"},
    )
    assert [message.to for message in mailoutbox] == [["oksana@example.org"]]
    assert '<html lang="lv">' in mailoutbox[0].alternatives[0][0]
