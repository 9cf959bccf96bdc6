import pytest
from django.urls import reverse

from tests.conftest import PASSWORD


@pytest.fixture
def lockout(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3


def attempt(client, email, password):
    return client.post(reverse("login"), {"username": email, "password": password})


def test_repeated_failures_lock_the_address_out_even_with_the_right_password(
    client, world, lockout
):
    for _ in range(2):
        assert attempt(client, world.admin.email, "wrong").status_code == 200
    response = attempt(client, world.admin.email.upper(), "wrong")
    assert response.status_code == 429
    assert "Too many failed attempts" in response.content.decode()

    response = attempt(client, world.admin.email, PASSWORD)
    assert response.status_code == 429
    assert client.get(reverse("dashboard:projects")).status_code == 302


def test_other_addresses_are_not_locked_out(client, world, lockout):
    for _ in range(3):
        attempt(client, world.admin.email, "wrong")
    response = attempt(client, world.editor.email, PASSWORD)
    assert response.status_code == 302


def test_a_success_before_the_limit_resets_the_count(client, world, lockout):
    for _ in range(2):
        attempt(client, world.admin.email, "wrong")
    assert attempt(client, world.admin.email, PASSWORD).status_code == 302
    client.post(reverse("logout"))
    for _ in range(2):
        assert attempt(client, world.admin.email, "wrong").status_code == 200


def test_passwords_are_hashed_with_argon2_in_production(db):
    from django.conf import settings

    from youthpass_site import settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"


# Behind a reverse proxy, which sends every request from its own address

PROXY = "10.0.0.1"
CLIENT_A = "203.0.113.5"
CLIENT_B = "198.51.100.7"


@pytest.fixture
def behind_a_proxy(settings):
    """Production settings (the lockout on, its default limit) behind one proxy."""
    settings.AXES_ENABLED = True
    settings.PROXY_COUNT = 1


def attempt_from(client, forwarded, email, password):
    return client.post(
        reverse("login"),
        {"username": email, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def test_behind_a_proxy_a_lockout_holds_one_client_only(client, world, behind_a_proxy):
    from django.conf import settings

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt_from(client, CLIENT_A, world.admin.email, "wrong").status_code == 200
    assert attempt_from(client, CLIENT_A, world.admin.email, "wrong").status_code == 429
    assert attempt_from(client, CLIENT_A, world.admin.email, PASSWORD).status_code == 429

    response = attempt_from(client, CLIENT_B, world.admin.email, PASSWORD)
    assert response.status_code == 302
    assert client.get(reverse("dashboard:projects")).status_code == 200


def test_a_forged_forwarded_entry_cannot_lock_out_another_client(client, world, behind_a_proxy):
    from django.conf import settings

    # The attacker writes B's address into the header; the proxy appends the attacker's.
    forged = f"{CLIENT_B}, {CLIENT_A}"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt_from(client, forged, world.admin.email, "wrong")
    assert attempt_from(client, forged, world.admin.email, PASSWORD).status_code == 429
    assert attempt_from(client, CLIENT_A, world.admin.email, PASSWORD).status_code == 429

    response = attempt_from(client, CLIENT_B, world.admin.email, PASSWORD)
    assert response.status_code == 302
