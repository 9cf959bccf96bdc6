"""A self-assessment too long for a certificate is refused before it is submitted.

Laying out a certificate costs time in proportion to its pages, and a text of 2,000
one-letter lines fills dozens of them although it is short in characters.
"""

import pytest
from django.conf import settings

from participants.models import LearningOutcome, ParticipantState, Submission
from tests.conftest import write_outcomes
from tests.participants.conftest import my_url
from youthpass_site.lib.pages import text_lines, text_pages

PROSE = ("I learned to lead a group and to settle a quarrel between two friends. " * 60)[:4000]
KEYS = [key for key, _name in LearningOutcome._meta.get_field("competence").choices][:8]


def test_lines_are_counted_as_printed():
    assert text_lines("") == 0
    assert text_lines("one line") == 1
    # Paragraphs are separated by one empty line however many were typed.
    assert text_lines("a\n\n\n\n\nb") == text_lines("a\n\nb") == 3
    # A long line wraps; a line break is a line even with one letter on it.
    assert text_lines("x" * 250) == 3
    assert text_lines("a\n" * 2000) == 2000
    assert text_pages(["a\n" * 2000] * 8) > 100 > 12 > text_pages([PROSE] * 11)


@pytest.fixture
def writing(client, world):
    client.force_login(world.participant_user)
    return world.participant


def test_texts_of_thousands_of_lines_are_not_submitted(client, writing):
    write_outcomes(writing, dict.fromkeys(KEYS, "a\n" * 2000))
    page = client.get(my_url(writing, "detail"))
    assert "Your texts would fill about" in page.text
    assert f"at most {settings.CERTIFICATE_MAX_TEXT_PAGES} fit" in page.text

    response = client.post(my_url(writing, "submit"), follow=True)
    assert "Your texts would fill about" in response.text
    writing.refresh_from_db()
    assert writing.state == ParticipantState.ACTIVE
    assert not Submission.objects.exists()


def test_the_longest_prose_the_forms_take_is_submitted(client, writing):
    write_outcomes(writing, dict.fromkeys(KEYS, PROSE))
    assert "Your texts would fill about" not in client.get(my_url(writing, "detail")).text
    client.post(my_url(writing, "submit"))
    writing.refresh_from_db()
    assert writing.state == ParticipantState.SUBMITTED


def test_the_limit_is_a_setting(client, writing, settings):
    settings.CERTIFICATE_MAX_TEXT_PAGES = 1
    write_outcomes(writing, dict.fromkeys(KEYS[:2], PROSE))
    response = client.post(my_url(writing, "submit"), follow=True)
    assert "at most 1 fit" in response.text
    writing.refresh_from_db()
    assert writing.state == ParticipantState.ACTIVE
