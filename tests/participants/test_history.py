import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from participants.models import Review, ReviewComment
from tests.conftest import write_outcomes
from tests.participants.conftest import assert_only_the_holder_gets_in, manage_url, my_url
from youthpass_site.lib.textdiff import word_diff

FIRST = "I learned to edit audio."
SECOND = "I learned to edit audio with Audacity and to cut interviews."


def history_url(participant):
    return my_url(participant, "history")


def organiser_history_url(participant):
    return manage_url(participant, "manage_history")


def card(page, number):
    """The part of the page about one submission."""
    match = re.search(
        rf'<article[^>]*aria-labelledby="submission-{number}".*?</article>', page, flags=re.S
    )
    assert match, f"no submission {number}"
    return match[0]


def section(page, number, key):
    match = re.search(
        rf'<section[^>]*aria-labelledby="s{number}-{key}".*?</section>', card(page, number), re.S
    )
    assert match, f"no section {key} in submission {number}"
    return match[0]


@pytest.fixture
def two_rounds(world):
    """Submitted, returned with comments by the editor, resubmitted, approved by the admin."""
    participant = world.participant
    write_outcomes(participant, {"digital": FIRST, "multilingual": "Tere! Aitäh!"})
    participant.submit()
    participant.return_for_changes(
        world.editor,
        "Tell us more about the radio show.",
        {"digital": "Which programme did you use?"},
    )
    write_outcomes(participant, {"digital": SECOND})
    participant.submit()
    participant.approve(world.admin, "Thank you!", {"multilingual": "Lovely."})
    return participant


def test_the_holder_sees_every_submission_and_review(client, world, two_rounds):
    client.force_login(world.participant_user)
    page = client.get(history_url(two_rounds)).content.decode()

    first = card(page, 1)
    assert "Submission 1" in first
    assert "Returned for changes" in first
    assert "by Edgars Ozols" in first
    assert "Tell us more about the radio show." in first
    assert FIRST in section(page, 1, "digital")
    assert "Which programme did you use?" in section(page, 1, "digital")
    assert "Which programme" not in section(page, 1, "multilingual")

    second = card(page, 2)
    assert "Approved" in second
    assert "by Anna Bērziņa" in second
    assert "Thank you!" in second
    assert "Lovely." in section(page, 2, "multilingual")
    assert "1 section changed since submission 1" in second
    # Newest first: the latest round is what both sides look for.
    assert page.index("submission-2") < page.index("submission-1")


def test_changes_between_submissions_are_marked_word_by_word(client, world, two_rounds):
    client.force_login(world.participant_user)
    page = client.get(history_url(two_rounds)).content.decode()

    digital = section(page, 2, "digital")
    assert "Changed" in digital
    assert "audio <ins" in digital
    assert ">with Audacity and to cut interviews</ins>." in digital
    multilingual = section(page, 2, "multilingual")
    assert "Unchanged" in multilingual
    assert "Tere! Aitäh!" in multilingual
    assert "<ins" not in multilingual
    # The first submission has nothing to be compared with.
    assert "<ins" not in card(page, 1)


def test_a_new_and_a_removed_section(client, world):
    participant = world.participant
    write_outcomes(participant, {"digital": FIRST, "multilingual": "Tere!"})
    participant.submit()
    participant.return_for_changes(world.editor, "Different focus, please.")
    write_outcomes(participant, {"multilingual": "", "literacy": "I wrote articles."})
    participant.submit()
    client.force_login(world.editor)

    page = client.get(organiser_history_url(participant)).content.decode()

    literacy = section(page, 2, "literacy")
    assert "New" in literacy
    assert "I wrote articles." in literacy
    multilingual = section(page, 2, "multilingual")
    assert "Removed" in multilingual
    assert ">Tere!</del>" in multilingual
    assert "Waiting for review" in card(page, 2)
    assert "Waiting for review" not in card(page, 1)


def test_user_text_is_escaped_in_the_history_and_its_changes(client, world):
    participant = world.participant
    write_outcomes(participant, {"digital": "I like <b>bold</b> radio."})
    participant.submit()
    participant.return_for_changes(world.editor, "<script>alert(1)</script>")
    write_outcomes(participant, {"digital": "I like <script>alert(2)</script> radio."})
    participant.submit()
    client.force_login(world.participant_user)

    page = client.get(history_url(participant)).content.decode()

    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    # Read without the marks, the new text is all there, escaped.
    new_text = re.sub(r"<del[^>]*>.*?</del>\s?|</?ins[^>]*>", "", section(page, 2, "digital"))
    assert "I like &lt;script&gt;alert(2)&lt;/script&gt; radio." in new_text
    assert "&lt;b&gt;bold&lt;/b&gt;" in section(page, 1, "digital")


def test_organisers_see_the_same_history(client, world, two_rounds):
    for user in (world.admin, world.editor):
        client.force_login(user)
        page = client.get(organiser_history_url(two_rounds)).content.decode()
        assert "Tell us more about the radio show." in card(page, 1)
        assert "Which programme did you use?" in section(page, 1, "digital")
        assert "Lovely." in section(page, 2, "multilingual")
        assert f'href="{manage_url(two_rounds)}"' in page


def test_nothing_submitted_yet(client, world):
    client.force_login(world.participant_user)
    page = client.get(history_url(world.participant)).content.decode()
    assert "You have not submitted your self-assessment yet." in page
    client.force_login(world.editor)
    page = client.get(organiser_history_url(world.participant)).content.decode()
    assert "Nothing has been submitted for review yet." in page


def test_a_review_of_no_stored_submission_stays_in_the_history(client, world):
    participant = world.participant
    write_outcomes(participant, {"digital": FIRST})
    participant.submit()
    review = participant.return_for_changes(world.editor, "An old review.", {"digital": "Old."})
    participant.submissions.all().delete()
    review.refresh_from_db()
    assert review.submission is None
    client.force_login(world.participant_user)

    page = client.get(history_url(participant)).content.decode()

    assert "Earlier reviews" in page
    assert "An old review." in page
    assert "Digital competence:" in page
    assert "Old." in page


def test_the_manage_page_links_to_the_history(client, world, two_rounds):
    client.force_login(world.editor)
    page = client.get(manage_url(two_rounds)).content.decode()
    link = re.search(r'href="([^"]+/history/)"', page)[1]
    assert "Lovely." in client.get(link).content.decode()


def test_the_holder_may_edit_from_the_history_when_returned(client, world):
    participant = world.participant
    write_outcomes(participant, {"digital": FIRST})
    participant.submit()
    participant.return_for_changes(world.editor, "More, please.")
    client.force_login(world.participant_user)
    page = client.get(history_url(participant)).content.decode()
    assert f'href="{my_url(participant, "outcomes")}"' in page


# Access


def test_only_the_holder_opens_their_history(client, world, two_rounds):
    assert_only_the_holder_gets_in(client, world, history_url(two_rounds))


def test_only_organisers_open_the_organiser_history(client, world, two_rounds):
    url = organiser_history_url(two_rounds)
    for user, status in (
        (world.participant_user, 403),
        (world.other_participant_user, 403),
        (world.outsider, 404),
        (world.admin, 200),
        (world.editor, 200),
    ):
        client.force_login(user)
        assert client.get(url).status_code == status
    client.logout()
    assert client.get(url).url.startswith(reverse("login"))


def test_organiser_history_of_a_participant_of_another_project_is_not_found(client, world):
    client.force_login(world.admin)
    url = reverse(
        "participants:manage_history", args=[world.other_project.code, world.participant.code]
    )
    assert client.get(url).status_code == 404


def test_the_history_changes_nothing(client, world, two_rounds):
    client.force_login(world.participant_user)
    client.post(history_url(two_rounds))
    client.force_login(world.admin)
    client.post(organiser_history_url(two_rounds))
    assert Review.objects.count() == 2
    assert ReviewComment.objects.count() == 2
    assert two_rounds.submissions.count() == 2


# Queries


def rounds(participant, by, count):
    for number in range(1, count + 1):
        write_outcomes(participant, {"digital": f"Round {number}.", "literacy": f"Text {number}."})
        participant.submit()
        participant.return_for_changes(
            by, f"General {number}.", {"digital": f"On digital {number}.", "literacy": "Hm."}
        )


@pytest.mark.parametrize("url", [history_url, organiser_history_url])
def test_history_queries_do_not_grow_with_the_rounds(client, world, url):
    participant = world.participant
    viewer = world.participant_user if url is history_url else world.editor
    client.force_login(viewer)
    rounds(participant, world.editor, 1)
    with CaptureQueriesContext(connection) as one:
        assert "General 1." in client.get(url(participant)).content.decode()
    rounds(participant, world.editor, 4)
    assert participant.submissions.count() == 5
    with CaptureQueriesContext(connection) as five:
        page = client.get(url(participant)).content.decode()
    assert "Submission 5" in page
    assert len(five) == len(one)


# The word diff


@pytest.mark.parametrize(
    ("old", "new", "marked"),
    [
        ("same text", "same text", "same text"),
        ("a b c", "a b", 'a b <del class="{d}">c</del>'),
        ("a b", "a x b", 'a <ins class="{i}">x</ins> b'),
        ("a x c", "a y c", 'a <del class="{d}">x</del> <ins class="{i}">y</ins> c'),
        ("audio.", "audio with Audacity.", 'audio <ins class="{i}">with Audacity</ins>.'),
        ("", "new", '<ins class="{i}">new</ins>'),
        ("A\n\nB\n\nC", "A\n\nC", 'A\n\n<del class="{d}">B</del>\n\nC'),
        ("Es runāju.", "Es labi runāju.", 'Es <ins class="{i}">labi</ins> runāju.'),
        ("a b", "a c", 'a <del class="{d}">b</del><ins class="{i}">c</ins>'),
        ("x", "<i>&", '<del class="{d}">x</del><ins class="{i}">&lt;i&gt;&amp;</ins>'),
    ],
)
def test_word_diff(old, new, marked):
    classes = {
        "i": "bg-success-subtle text-success-emphasis",
        "d": "bg-danger-subtle text-danger-emphasis",
    }
    assert word_diff(old, new) == marked.format(**classes)


# Texts that would make a word diff costly

COSTLY_OLD = "a " * 2000  # 4,000 characters, as many as a section may hold
COSTLY_NEW = "a b " * 1000
REWRITTEN = (
    'a <del class="bg-danger-subtle text-danger-emphasis">'
    + ("a " * 1999).strip()
    + '</del><ins class="bg-success-subtle text-success-emphasis">'
    + ("b a " * 999 + "b")
    + "</ins>"
)


@pytest.mark.parametrize("url", [history_url, organiser_history_url])
def test_texts_too_different_to_compare_cheaply_are_shown_as_rewritten(client, world, url):
    participant = world.participant
    write_outcomes(participant, {"digital": COSTLY_OLD})
    participant.submit()
    participant.return_for_changes(world.editor, "Again.")
    write_outcomes(participant, {"digital": COSTLY_NEW})
    participant.submit()
    client.force_login(world.participant_user if url is history_url else world.editor)

    page = client.get(url(participant)).content.decode()

    digital = section(page, 2, "digital")
    assert "Changed" in digital
    assert REWRITTEN in digital
