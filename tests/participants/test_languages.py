import pytest
from django.core.exceptions import ValidationError

from participants.models import ParticipantState
from tests.participants.conftest import assert_only_the_holder_gets_in, manage_url, my_url


def test_the_page_offers_the_sites_languages(client, world):
    client.force_login(world.participant_user)

    page = client.get(my_url(world.participant, "languages")).content.decode()

    assert 'value="en"' in page
    assert 'value="lv"' in page


def test_the_choice_is_saved(client, world):
    client.force_login(world.participant_user)

    response = client.post(my_url(world.participant, "languages"), {"languages": ["lv", "en"]})

    assert response.url == my_url(world.participant, "detail")
    world.participant.refresh_from_db()
    assert sorted(world.participant.requested_languages) == ["en", "lv"]
    # In the order of settings.LANGUAGES, whatever order the browser sent.
    assert world.participant.certificate_languages == ["en", "lv"]


def test_until_chosen_the_accounts_language_is_assumed(world):
    participant = world.participant
    assert participant.requested_languages == []
    participant.user.language = "lv"
    assert participant.certificate_languages == ["lv"]

    participant.user = None
    assert participant.certificate_languages == ["en"]


def test_a_language_the_site_no_longer_offers_is_ignored(world, settings):
    world.participant.requested_languages = ["lv", "en"]
    settings.LANGUAGES = [("en", "English")]
    assert world.participant.certificate_languages == ["en"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"languages": ["xx"]}, "xx is not one of the languages offered."),
        ({"languages": ["en", "de"]}, "de is not one of the languages offered."),
        ({}, "Choose at least one language."),
    ],
)
def test_bad_choices_explain_and_change_nothing(client, world, data, message):
    world.participant.requested_languages = ["lv"]
    world.participant.save()
    client.force_login(world.participant_user)

    response = client.post(my_url(world.participant, "languages"), data)

    assert response.status_code == 200
    assert message in response.content.decode()
    world.participant.refresh_from_db()
    assert world.participant.requested_languages == ["lv"]


def test_the_model_refuses_unknown_codes(world):
    world.participant.requested_languages = ["en", "klingon"]
    with pytest.raises(ValidationError):
        world.participant.full_clean()


def test_pages_show_the_languages(client, world):
    world.participant.requested_languages = ["lv"]
    world.participant.save()

    client.force_login(world.participant_user)
    assert "Latvian" in client.get(my_url(world.participant, "detail")).content.decode()
    client.force_login(world.editor)
    page = client.get(manage_url(world.participant)).content.decode()
    assert "Certificate languages" in page
    assert "Latvian" in page


def test_not_editable_once_submitted(client, world):
    world.participant.state = ParticipantState.SUBMITTED
    world.participant.save()
    client.force_login(world.participant_user)

    response = client.post(my_url(world.participant, "languages"), {"languages": ["lv"]})

    assert response.url == my_url(world.participant, "detail")
    world.participant.refresh_from_db()
    assert world.participant.requested_languages == []


def test_roles(client, world):
    url = my_url(world.participant, "languages")
    assert_only_the_holder_gets_in(client, world, url, {"languages": ["lv"]})
    world.participant.refresh_from_db()
    assert world.participant.requested_languages == []
