import pytest

from participants.models import EvidenceLink, ParticipantState
from tests.participants.conftest import (
    assert_only_the_holder_gets_in,
    formset_data,
    manage_url,
    my_url,
)


def post(client, participant, rows, **kwargs):
    return client.post(my_url(participant, "evidence"), formset_data("evidence", rows, **kwargs))


def links(participant):
    return list(participant.evidence_links.values_list("url", "description"))


def test_the_page_offers_five_links(client, world):
    client.force_login(world.participant_user)

    page = client.get(my_url(world.participant, "evidence")).content.decode()

    assert page.count('type="url"') == 5
    assert "Further evidence" in page


def test_links_are_saved_in_order_and_empty_rows_dropped(client, world):
    client.force_login(world.participant_user)

    response = post(
        client,
        world.participant,
        [
            {"url": "https://example.org/blog", "description": "  My blog  "},
            {"url": "", "description": ""},
            {"url": "example.org/video", "description": ""},
        ],
        total=5,
    )

    assert response.url == my_url(world.participant, "detail")
    assert links(world.participant) == [
        ("https://example.org/blog", "My blog"),
        ("https://example.org/video", ""),
    ]


def test_saving_again_replaces_the_links(client, world):
    world.participant.replace_evidence([("https://old.example.org/", "Old")])
    client.force_login(world.participant_user)

    post(
        client,
        world.participant,
        [{"url": "", "description": ""}, {"url": "http://new.example.org/", "description": "New"}],
        initial=1,
    )

    assert links(world.participant) == [("http://new.example.org/", "New")]


def test_the_page_shows_the_saved_links(client, world):
    world.participant.replace_evidence([("https://example.org/blog", "My blog")])
    client.force_login(world.participant_user)

    page = client.get(my_url(world.participant, "evidence")).content.decode()

    assert 'value="https://example.org/blog"' in page
    assert 'value="My blog"' in page
    assert page.count('type="url"') == 5


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"url": "javascript:alert(1)", "description": "x"}, "starts with https:// or http://"),
        ({"url": "file:///etc/passwd", "description": ""}, "starts with https:// or http://"),
        ({"url": "ftp://example.org/a", "description": ""}, "starts with https:// or http://"),
        ({"url": "data:text/html,hi", "description": ""}, "starts with https:// or http://"),
        ({"url": "", "description": "A link I forgot"}, "Add the web address"),
        ({"url": "https://example.org/" + "a" * 500, "description": ""}, "at most 500 characters"),
        ({"url": "https://example.org/", "description": "d" * 201}, "at most 200 characters"),
    ],
)
def test_bad_links_explain_and_change_nothing(client, world, row, message):
    world.participant.replace_evidence([("https://example.org/kept", "Kept")])
    client.force_login(world.participant_user)

    response = post(client, world.participant, [{"url": "https://example.org/ok"}, row])

    page = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was saved." in page
    assert message in page
    assert links(world.participant) == [("https://example.org/kept", "Kept")]


def test_a_sixth_link_is_refused(client, world):
    client.force_login(world.participant_user)
    rows = [{"url": f"https://example.org/{n}", "description": ""} for n in range(6)]

    response = post(client, world.participant, rows)

    assert response.status_code == 200
    assert "You can add at most 5 links." in response.content.decode()
    assert not EvidenceLink.objects.exists()


def test_the_organiser_sees_the_links(client, world):
    world.participant.replace_evidence([("https://example.org/blog", "My blog")])
    client.force_login(world.editor)

    page = client.get(manage_url(world.participant)).content.decode()

    assert "https://example.org/blog" in page
    assert "My blog" in page
    assert 'rel="noopener noreferrer nofollow"' in page


def test_not_editable_once_submitted(client, world):
    world.participant.state = ParticipantState.SUBMITTED
    world.participant.save()
    client.force_login(world.participant_user)

    response = post(client, world.participant, [{"url": "https://example.org/"}])

    assert response.url == my_url(world.participant, "detail")
    assert not EvidenceLink.objects.exists()
    page = client.get(response.url).content.decode()
    assert "cannot change now" in page


def test_roles(client, world):
    data = formset_data("evidence", [{"url": "https://example.org/"}])
    assert_only_the_holder_gets_in(client, world, my_url(world.participant, "evidence"), data)
    assert not EvidenceLink.objects.exists()
