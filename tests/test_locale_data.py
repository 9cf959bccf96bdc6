"""What the libraries leave out for Latvian pages and for the programmes: Django's empty choice
in Latvian, and Kosovo among the countries."""

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
