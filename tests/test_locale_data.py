"""What the libraries leave out for Latvian pages and for the programmes: Django's empty choice
in Latvian, and Kosovo among the countries."""

import datetime

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
