"""What the libraries leave out for Latvian pages and for the programmes: Django's empty choice
in Latvian, Kosovo among the countries, and the countries in the order of each reader's
language."""

import datetime
import re

import pytest
from django.contrib.auth.password_validation import MinimumLengthValidator
from django.urls import reverse
from django.utils import translation
from django.utils.timesince import timeuntil


def test_the_empty_choice_of_a_select_is_latvian(client, world):
    client.force_login(world.editor)
    english = client.get(reverse("projects:create"))
    assert "- Select an option -" in english.text
    latvian = client.get(reverse("projects:create"), headers={"accept-language": "lv"})
    assert "– Izvēlieties –" in latvian.text
    assert "Select an option" not in latvian.text


def test_kosovo_is_a_country_to_choose_in_both_languages(client, world):
    client.force_login(world.editor)
    url = reverse("participants:add", args=[world.project.code])
    assert '<option value="XK">Kosovo</option>' in client.get(url).text
    latvian = client.get(url, headers={"accept-language": "lv"})
    assert '<option value="XK">Kosova</option>' in latvian.text


# Django's Latvian plural forms, in the order of its own formula.


def test_latvian_counts_take_the_right_form():
    start = datetime.datetime(2026, 1, 1)
    with translation.override("lv"):
        assert MinimumLengthValidator(8).get_help_text().endswith("8 rakstzīmēm.")
        assert MinimumLengthValidator(21).get_help_text().endswith("21 rakstzīmei.")

        def until(days):
            return timeuntil(start + datetime.timedelta(days=days), start).replace("\xa0", " ")

        assert until(3) == "3 dienas"
        assert until(1) == "1 diena"
        assert until(11) == "1 nedēļa, 4 dienas"


def test_a_too_long_name_is_counted_in_latvian(client, world):
    client.force_login(world.editor)
    response = client.post(
        reverse("participants:add", args=[world.project.code]),
        {"first_name": "A" * 101, "last_name": "Bērziņa", "email": "a@example.org"},
        headers={"accept-language": "lv"},
    )
    assert "ne vairāk kā 100 rakstzīmes (tajā ir 101)" in response.text


def test_adding_a_support_person_does_not_call_them_a_participant(client, world):
    client.force_login(world.admin)
    response = client.post(
        reverse("support:add", args=[world.project.code]),
        {
            "first_name": "Dace",
            "last_name": "Kļaviņa",
            "email": "dace@example.org",
            "role": "supervisor",
        },
        headers={"accept-language": "lv"},
        follow=True,
    )
    assert "Pievienots: Dace Kļaviņa." in response.text
    assert "dalībnieks" not in response.text.split("Pievienots")[1][:40]


def country_names(html: str, field: str = "country") -> list[str]:
    select = html.split(f'name="{field}"', 1)[1].split("</select>", 1)[0]
    return re.findall(r'<option value="[A-Z]{2}"[^>]*>([^<]+)</option>', select)


@pytest.mark.parametrize(
    ("language", "before", "after"),
    [
        # Latvian: "Č" is a letter after "C"; accents of other letters count only in a tie.
        ("lv", "Afganistāna", "Ālandu salas"),
        ("lv", "Ālandu salas", "Albānija"),
        ("lv", "Centrālāfrikas Republika", "Čada"),
        ("lv", "Kuba", "Ķīna"),
        ("lv", "Čīle", "Dānija"),
        # English: "Å" and "Ç" stand beside "A" and "C".
        ("en", "Afghanistan", "Åland Islands"),
        ("en", "Åland Islands", "Albania"),
        ("en", "Curaçao", "Cyprus"),
    ],
)
def test_countries_are_in_the_order_of_the_readers_language(client, world, language, before, after):
    client.force_login(world.editor)
    url = reverse("participants:add", args=[world.project.code])
    names = country_names(client.get(url, headers={"accept-language": language}).text)
    assert names.index(before) < names.index(after)


def test_every_country_select_is_in_latvian_order(client, world):
    client.force_login(world.admin)
    pages = [
        (reverse("participants:add", args=[world.project.code]), "country"),
        (reverse("projects:create"), "venue_country"),
        (reverse("projects:partner_add", args=[world.project.code]), "country"),
        (reverse("projects:activity_add", args=[world.project.code]), "venue_country"),
    ]
    for url, field in pages:
        page = client.get(url, headers={"accept-language": "lv"}).text
        names = country_names(page, field)
        assert names.index("Centrālāfrikas Republika") < names.index("Čada"), url
        assert names.index("Čīle") < names.index("Dānija"), url
