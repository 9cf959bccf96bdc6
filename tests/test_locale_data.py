"""What the libraries leave out for Latvian pages and for the programmes: Django's empty choice
in Latvian, Kosovo among the countries, and the countries in the order of each reader's
language."""

import re

import pytest
from django.urls import reverse


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
