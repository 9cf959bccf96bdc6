"""Sign-up and password reset send a limited number of e-mails, per address and per client,
and the e-mails carry nothing typed by whoever filled in the form."""

import pytest
from django.urls import reverse

from accounts.models import SignupRequest
from tests.conftest import make_user

TOO_MANY = "Too many e-mails have been asked for from here or for this address."


def signup_data(email, organisation="Biedrība Jaunatne Kustībā"):
    return {
        "organisation_name": organisation,
        "first_name": "Ilze",
        "last_name": "Zariņa",
        "email": email,
        "password1": "a-long-enough-password",
        "password2": "a-long-enough-password",
    }


def sign_up(client, email, client_address="203.0.113.5", **data):
    return client.post(reverse("signup"), signup_data(email, **data), REMOTE_ADDR=client_address)


@pytest.mark.django_db
def test_signups_for_one_address_send_a_limited_number_of_e_mails(client, settings, mailoutbox):
    for number in range(20):
        # From many clients, so that only the address's limit applies.
        response = sign_up(client, "Victim@example.org", client_address=f"198.51.100.{number}")
        assert response.status_code == 200

    assert len(mailoutbox) == settings.MAIL_LIMIT_PER_ADDRESS == 3
    assert TOO_MANY in response.content.decode()
    assert "Check your e-mail" not in response.content.decode()
    assert SignupRequest.objects.count() == 3


@pytest.mark.django_db
def test_the_refusal_says_nothing_about_whether_the_address_has_an_account(client, mailoutbox):
    make_user("taken@example.org")
    pages = {}
    for email in ("taken@example.org", "free@example.org"):
        for _ in range(4):
            response = sign_up(client, email, client_address=f"198.51.100.{len(pages)}")
        pages[email] = response.content.decode()

    assert len(mailoutbox) == 6
    assert TOO_MANY in pages["taken@example.org"]
    assert TOO_MANY in pages["free@example.org"]
    assert "exists" not in pages["taken@example.org"]
    assert "has an account" not in pages["taken@example.org"]


@pytest.mark.django_db
def test_one_client_may_ask_for_a_limited_number_of_e_mails(client, settings, mailoutbox):
    limit = settings.MAIL_LIMIT_PER_CLIENT
    assert limit == 10
    for number in range(limit):
        assert "Check your e-mail" in sign_up(client, f"a{number}@example.org").content.decode()

    refused = sign_up(client, "one.more@example.org")
    assert TOO_MANY in refused.content.decode()
    assert len(mailoutbox) == limit

    other_client = sign_up(client, "one.more@example.org", client_address="198.51.100.9")
    assert "Check your e-mail" in other_client.content.decode()
    assert len(mailoutbox) == limit + 1


@pytest.mark.django_db
def test_password_resets_send_a_limited_number_of_e_mails(client, world, mailoutbox):
    for number in range(5):
        response = client.post(
            reverse("password_reset"),
            {"email": world.admin.email},
            REMOTE_ADDR=f"198.51.100.{number}",
        )
    assert len(mailoutbox) == 3
    assert response.status_code == 200
    assert TOO_MANY in response.content.decode()


@pytest.mark.django_db
def test_password_resets_for_unknown_addresses_count_for_the_client(client, world, mailoutbox):
    for number in range(10):
        response = client.post(reverse("password_reset"), {"email": f"n{number}@example.org"})
        assert response.url == reverse("password_reset_done")
    response = client.post(reverse("password_reset"), {"email": world.admin.email})
    assert TOO_MANY in response.content.decode()
    assert mailoutbox == []


@pytest.mark.django_db
def test_the_signup_confirmation_quotes_nothing_the_form_filler_typed(client, mailoutbox):
    organisation = "Win a prize at https://evil.example now " + "x" * 150
    sign_up(client, "victim@example.org", organisation=organisation)

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    html = message.alternatives[0].content
    for part in (message.subject, message.body, html):
        assert "evil.example" not in part
        assert "Ilze" not in part
    assert "Thank you for signing up on Youthpass." in message.body
