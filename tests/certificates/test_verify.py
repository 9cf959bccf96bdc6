import datetime
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from certificates.models import STATE_CACHE_SECONDS, Certificate


def test_form_page(client):
    response = client.get("/verify/")

    assert response.status_code == 200
    assert b'name="certificate_id"' in response.content
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_form_sends_a_leniently_typed_id_to_its_canonical_page(client):
    response = client.get("/verify/", {"certificate_id": " 9xxc avfy m7dm yg5f "})

    assert response.status_code == 302
    assert response["Location"] == "/verify/9XXC-AVFY-M7DM-YG5F/"


@pytest.mark.parametrize(
    "typed",
    ["", "hello", "9XXC-AVFY-M7DM", "9XXC-AVFY-M7DM-YG5F-AAAA", "<script>", "\x00" * 16, "Ā" * 16],
)
def test_form_explains_what_an_id_looks_like(client, typed):
    response = client.get("/verify/", {"certificate_id": typed})

    assert response.status_code == 200
    assert b"is-invalid" in response.content
    assert b"<script>" not in response.content.split(b"<main", 1)[1]


def test_form_survives_a_huge_input(client):
    response = client.get("/verify/", {"certificate_id": "A" * 100_000})

    assert response.status_code == 200
    assert b"is-invalid" in response.content


def test_valid_certificate_shows_only_the_public_facts(client, certificate):
    response = client.get(f"/verify/{certificate.certificate_id}/")
    content = response.content.decode()

    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "Valid." in content
    assert certificate.certificate_id in content
    assert "Līga Kalniņa" in content
    assert "Youth Exchange" in content
    assert "Voices of the Baltic" in content
    assert "1 July 2026 – 10 July 2026" in content
    assert "Jauniešu centrs Ģēnijs" in content
    for private in [
        "Rēzekne",
        "2004-05-17",
        "May 17, 2004",
        "17 May 2004",
        "participant@example.org",
        "radio show with free software",
        "latviešu valodā",
    ]:
        assert private not in content


def test_page_reads_the_snapshot_not_the_live_records(client, world, certificate):
    world.project.title = "Renamed later"
    world.project.save()

    response = client.get(f"/verify/{certificate.certificate_id}/")

    assert b"Voices of the Baltic" in response.content
    assert b"Renamed later" not in response.content


STATE_CHANGE = datetime.datetime(2027, 3, 4, 12, 0, tzinfo=datetime.UTC)


def page_in(client, certificate, language):
    response = client.get(
        f"/verify/{certificate.certificate_id}/", headers={"accept-language": language}
    )
    assert response.status_code == 200
    return response.content.decode()


def expected(language, message, state_changed_at=STATE_CHANGE):
    with translation.override(language):
        date = date_format(timezone.localtime(state_changed_at).date(), "DATE_FORMAT")
        return translation.gettext(message) % {"date": date}


@pytest.mark.parametrize("language", ["en", "lv"])
def test_revoked_certificate_says_so_with_the_date(client, world, certificate, language):
    with time_machine.travel(STATE_CHANGE):
        certificate.revoke(world.admin, "Did not take part in the project")

    content = page_in(client, certificate, language)

    assert expected(language, "Revoked.") in content
    assert (
        expected(
            language,
            "The issuing organisation revoked this certificate on %(date)s. It is no longer valid.",
        )
        in content
    )
    assert expected(language, "Valid.") not in content
    assert "Līga Kalniņa" in content
    assert "Did not take part" not in content


@pytest.mark.parametrize("language", ["en", "lv"])
def test_replaced_certificate_says_so_with_the_date(client, world, certificate, language):
    with time_machine.travel(STATE_CHANGE):
        new = certificate.replace(world.admin, "Name misspelt")

    content = page_in(client, certificate, language)

    assert expected(language, "Replaced.") in content
    assert (
        expected(
            language,
            "The issuing organisation replaced this certificate with a corrected one on %(date)s. "
            "Ask the holder for the new certificate.",
        )
        in content
    )
    assert expected(language, "Valid.") not in content
    # That a newer one exists, but not which: its ID would lead to the holder's new data.
    assert new.certificate_id not in content
    assert "Name misspelt" not in content


def test_the_replacement_itself_is_valid(client, world, certificate):
    new = certificate.replace(world.admin, "Name misspelt")

    content = page_in(client, new, "en")

    assert "Valid." in content
    assert certificate.certificate_id not in content


def test_leniently_written_id_redirects_permanently_to_the_canonical_page(client, certificate):
    typed = certificate.certificate_id.replace("-", "").lower().replace("0", "o").replace("1", "l")

    response = client.get(f"/verify/{typed}/")

    assert response.status_code == 301
    assert response["Location"] == f"/verify/{certificate.certificate_id}/"
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("path", ["/verify/AAAA-BBBB-CCCC-DDDD/", "/verify/not-an-id/"])
def test_unknown_id_is_a_friendly_404_with_the_form(client, db, path):
    response = client.get(path)

    assert response.status_code == 404
    assert b"No Youthpass certificate has this ID." in response.content
    assert b'name="certificate_id"' in response.content
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_unknown_id_page_escapes_what_was_typed(client, db):
    response = client.get("/verify/%3Cscript%3Ealert(1)%3C%2Fscript%3E/")

    assert response.status_code == 404
    assert b"<script>alert(1)" not in response.content


# Anonymous visitors get the page as it was rendered for the first of them (per state
# and language); what differs between visitors must still differ.


def csrf_token_on(content: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', content)[1]


def test_a_page_seen_before_revoking_says_revoked_after(client, world, certificate):
    assert "Valid." in page_in(client, certificate, "en")

    certificate.revoke(world.admin, "Did not take part in the project")

    content = page_in(client, certificate, "en")
    assert "Revoked." in content
    assert "Valid." not in content


def test_a_revocation_by_another_server_process_shows_within_seconds(client, certificate):
    """Each process keeps a certificate's state for STATE_CACHE_SECONDS; a change made by
    another process (here: straight in the database) is seen once they have passed."""
    with time_machine.travel(timezone.now(), tick=False) as clock:
        assert "Valid." in page_in(client, certificate, "en")
        Certificate.objects.filter(pk=certificate.pk).update(
            state=Certificate.State.REVOKED, state_changed_at=timezone.now()
        )
        clock.shift(datetime.timedelta(seconds=STATE_CACHE_SECONDS + 1))
        content = page_in(client, certificate, "en")
    assert "Revoked." in content
    assert "Valid." not in content


def test_a_page_seen_in_one_language_is_not_shown_in_another(client, certificate):
    assert 'lang="en"' in page_in(client, certificate, "en")

    content = page_in(client, certificate, "lv")

    assert 'lang="lv"' in content
    assert expected("lv", "Valid.") in content


def test_every_visitor_gets_a_language_switch_that_works_for_them(certificate):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    tokens = [csrf_token_on(page_in(visitor, certificate, "en")) for visitor in (first, second)]

    assert tokens[0] != tokens[1]
    for visitor, token in zip((first, second), tokens, strict=True):
        response = visitor.post(
            reverse("set_language"),
            {"language": "lv", "next": "/", "csrfmiddlewaretoken": token},
        )
        assert response.status_code == 302
        assert response.cookies["django_language"].value == "lv"


def test_a_logged_in_visitor_sees_their_own_menu_on_a_page_seen_before(client, world, certificate):
    assert "Log out" not in page_in(client, certificate, "en")

    client.force_login(world.editor)
    content = page_in(client, certificate, "en")

    assert world.editor.email in content
    assert "Log out" in content
    assert "Valid." in content
