"""Django's strings that its own Latvian catalogue lacks reach Latvian pages in Latvian."""

from django.urls import reverse


def test_the_empty_choice_of_a_select_is_latvian(client, world):
    client.force_login(world.editor)
    english = client.get(reverse("projects:create"))
    assert "- Select an option -" in english.text
    latvian = client.get(reverse("projects:create"), headers={"accept-language": "lv"})
    assert "– Izvēlieties –" in latvian.text
    assert "Select an option" not in latvian.text
