import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from projects.models import Membership, MembershipRole, Organisation
from tests.conftest import PASSWORD, make_user

SIGNUP = {
    "organisation_name": "Biedrība Jaunatne Kustībā",
    "first_name": "Ilze",
    "last_name": "Zariņa",
    "email": "Ilze@Example.org",
    "password1": "a-long-enough-password",
    "password2": "a-long-enough-password",
}


def confirmation_path(message):
    return re.search(r"https://youthpass\.test(/accounts/signup/\S+/)", message.body).group(1)


@pytest.mark.django_db
def test_signup_confirmed_by_email_creates_account_and_organisation(client, mailoutbox):
    response = client.post(reverse("signup"), SIGNUP)

    assert "Check your e-mail" in response.content.decode()
    assert not User.objects.exists()
    assert not Organisation.objects.exists()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["ilze@example.org"]
    path = confirmation_path(mailoutbox[0])

    page = client.get(path)
    assert "Confirm and create my account" in page.content.decode()
    assert not User.objects.exists()

    response = client.post(path)

    assert response.url == reverse("projects:create")
    user = User.objects.get(email="ilze@example.org")
    assert user.check_password("a-long-enough-password")
    organisation = Organisation.objects.get(name="Biedrība Jaunatne Kustībā")
    assert Membership.objects.get(user=user).organisation == organisation
    assert organisation.role_of(user) == MembershipRole.ADMIN
    page = client.get(reverse("projects:create"))
    assert "Biedrība Jaunatne Kustībā is ready" in page.content.decode()
    client.logout()
    assert client.post(path).status_code == 404
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_signup_link_expires_after_two_days(client, mailoutbox):
    client.post(reverse("signup"), SIGNUP)
    path = confirmation_path(mailoutbox[0])
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2, minutes=1)):
        response = client.post(path)
    assert response.status_code == 404
    assert "does not work any more" in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_signup_with_a_taken_address_looks_the_same_and_tells_only_the_owner(client, mailoutbox):
    make_user("ilze@example.org")

    response = client.post(reverse("signup"), SIGNUP)

    assert "Check your e-mail" in response.content.decode()
    assert "exists" not in response.content.decode()
    assert Organisation.objects.count() == 0
    assert User.objects.count() == 1
    assert len(mailoutbox) == 1
    assert "has an account already" in mailoutbox[0].body
    assert "/accounts/signup/" not in mailoutbox[0].body


@pytest.mark.django_db
def test_address_taken_between_request_and_confirmation(client, mailoutbox):
    client.post(reverse("signup"), SIGNUP)
    make_user("ilze@example.org")
    response = client.post(confirmation_path(mailoutbox[0]))
    assert response.url == reverse("login")
    assert Organisation.objects.count() == 0


@pytest.mark.django_db
def test_unknown_confirmation_tokens_are_not_found(client):
    assert client.get(reverse("signup_confirm", args=["nonsense"])).status_code == 404
    assert client.post(reverse("signup_confirm", args=["x" * 300])).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"password2": "something-else-entirely"}, "The two passwords differ."),
        ({"password1": "123", "password2": "123"}, "too short"),
        ({"email": "not-an-address"}, "Enter a valid email address."),
        ({"organisation_name": ""}, "This field is required."),
        ({"organisation_name": "x" * 201}, "at most 200 characters"),
    ],
)
def test_signup_shows_what_is_wrong(client, changes, message):
    response = client.post(reverse("signup"), {**SIGNUP, **changes})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert User.objects.count() == 0


def test_signed_in_person_is_sent_home_from_signup(client, world):
    client.force_login(world.admin)
    assert client.get(reverse("signup")).url == reverse("home")


def test_login_with_email_in_any_case_and_logout_by_post(client, world):
    response = client.post(
        reverse("login"), {"username": "ADMIN@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("dashboard:projects")).status_code == 200

    assert client.get(reverse("logout")).status_code == 405
    client.post(reverse("logout"))
    assert client.get(reverse("dashboard:projects")).status_code == 302


def test_login_with_wrong_password_says_so(client, world):
    response = client.post(reverse("login"), {"username": world.admin.email, "password": "nope"})
    assert response.status_code == 200
    assert "Please enter a correct" in response.content.decode()


def test_password_reset_by_email_link(client, world, mailoutbox):
    client.post(reverse("password_reset"), {"email": world.admin.email})

    assert len(mailoutbox) == 1
    link = re.search(r"https://youthpass\.test(/accounts/reset/\S+)", mailoutbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "brand-new-password-42", "new_password2": "brand-new-password-42"},
    )
    world.admin.refresh_from_db()
    assert world.admin.check_password("brand-new-password-42")
    assert "does not work any more" in client.get(link, follow=True).content.decode()


def test_password_reset_answers_the_same_for_unknown_addresses(client, world, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response.url == reverse("password_reset_done")
    assert mailoutbox == []
