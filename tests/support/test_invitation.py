"""Accepting a support person's invitation: follow the e-mailed link, then press a button."""

import pytest
from django.urls import reverse

from accounts.models import User
from support import emails
from support.models import SupportPerson, SupportRole
from tests.conftest import PASSWORD, make_user
from tests.support.conftest import link_from

NEW_PASSWORD = "gauja-upe-2026-vasara"


@pytest.fixture
def invited(support, mailoutbox):
    person = SupportPerson.objects.create(
        project=support.project,
        first_name="Ruta",
        last_name="Ozola",
        email="ruta.ozola@example.org",
        role=SupportRole.COACH,
    )
    person.assign([support.participant])
    invitation, token = person.invite(support.admin)
    emails.send_invitation(invitation, token, "en")
    support.invited = person
    support.link = link_from(mailoutbox[0])
    return support


def test_opening_the_link_changes_nothing(client, invited):
    page = client.get(invited.link).content.decode()
    assert "Welcome, Ruta!" in page
    assert "Coach" in page
    assert "Accept and create my account" in page
    invited.invited.refresh_from_db()
    assert invited.invited.accepted_at is None
    assert invited.invited.invitations.usable().count() == 1


def test_a_new_person_chooses_a_password_and_lands_on_their_participants(client, invited):
    response = client.post(invited.link, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.url == reverse("support:mine")
    person = SupportPerson.objects.get(pk=invited.invited.pk)
    assert person.user.email == "ruta.ozola@example.org"
    assert person.user.first_name == "Ruta"
    assert person.user.check_password(NEW_PASSWORD)
    assert person.accepted_at is not None
    page = client.get(response.url).content.decode()
    assert "Līga Kalniņa" in page


def test_the_link_works_once(client, invited):
    client.post(invited.link, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    client.logout()
    assert client.get(invited.link).status_code == 404
    assert client.post(invited.link, {}).status_code == 404


def test_passwords_that_differ_are_refused(client, invited):
    response = client.post(invited.link, {"password1": NEW_PASSWORD, "password2": "other-one-2026"})
    assert "The two passwords differ." in response.content.decode()
    assert not User.objects.filter(email="ruta.ozola@example.org").exists()


def test_a_password_like_the_name_is_refused(client, invited):
    response = client.post(
        invited.link, {"password1": "ruta.ozola@example", "password2": "ruta.ozola@example"}
    )
    assert "too similar to the e-mail address" in response.content.decode()
    assert not User.objects.filter(email="ruta.ozola@example.org").exists()


def test_someone_with_an_account_logs_in_to_accept(client, invited):
    user = make_user("ruta.ozola@example.org", "Ruta", "Ozola")
    page = client.get(invited.link).content.decode()
    assert "Log in to accept" in page
    response = client.post(invited.link)
    assert response.url.startswith(reverse("login"))
    invited.invited.refresh_from_db()
    assert invited.invited.user is None

    client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    client.post(invited.link)
    invited.invited.refresh_from_db()
    assert invited.invited.user == user


def test_a_logged_in_person_accepts_with_their_account(client, invited):
    client.force_login(invited.other_participant_user)
    assert "You are logged in as" in client.get(invited.link).content.decode()
    client.post(invited.link)
    invited.invited.refresh_from_db()
    assert invited.invited.user == invited.other_participant_user


@pytest.mark.parametrize("token", ["nonsense", "x" * 200])
def test_unknown_links_are_not_found(client, support, token):
    response = client.get(reverse("support:invitation", args=[token]))
    assert response.status_code == 404
    assert "This invitation link does not work" in response.content.decode()
