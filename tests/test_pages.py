import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_home_for_visitors_offers_signup_and_verification(client):
    page = client.get(reverse("home")).content.decode()
    assert "Sign up as an organiser" in page
    assert reverse("certificates:verify_form") in page


def test_home_shows_each_role_what_it_can_do(client, world):
    client.force_login(world.admin)
    page = client.get(reverse("home")).content.decode()
    assert reverse("dashboard:projects") in page
    assert reverse("participants:mine") not in page

    client.force_login(world.participant_user)
    page = client.get(reverse("home")).content.decode()
    assert reverse("participants:mine") in page
    assert reverse("dashboard:projects") not in page


@pytest.mark.django_db
def test_language_switcher_turns_the_site_latvian(client):
    client.post(reverse("set_language"), {"language": "lv", "next": "/"})
    page = client.get(reverse("home"))
    assert page.content.decode().startswith("<!doctype html>")
    assert '<html lang="lv">' in page.content.decode()
    assert "Pārbaudīt sertifikātu" in page.content.decode()


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client):
    policy = client.get(reverse("home"))["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
