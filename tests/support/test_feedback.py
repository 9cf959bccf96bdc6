"""Feedback on a shared goal or journal entry: given, e-mailed, read, edited, deleted."""

import pytest
from django.urls import reverse

from participants.models import Goal
from support.models import Feedback
from tests.support.conftest import link_from, my_support_url, people, support_url


def goal_feedback_url(world, goal=None):
    return support_url(world.participant, "feedback_goal", (goal or world.shared_goal).code)


def entry_feedback_url(world, entry=None):
    return support_url(world.participant, "feedback_entry", (entry or world.shared_entry).code)


def test_mentor_gives_feedback_on_a_goal_and_the_participant_reads_it(client, support, mailoutbox):
    client.force_login(support.mentor_user)
    response = client.post(goal_feedback_url(support), {"text": "Lieliski! Try a co-host."})
    assert response.url == support_url(support.participant) + f"#goal-{support.shared_goal.code}"
    feedback = Feedback.objects.get()
    assert feedback.goal == support.shared_goal
    assert feedback.author == support.mentor
    assert feedback.text == "Lieliski! Try a co-host."

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["participant@example.org"]
    assert "Jānis Zariņš" in mail.subject
    assert "Lead a workshop in English" in mail.body
    client.force_login(support.participant_user)
    page = client.get(link_from(mail)).content.decode()
    assert "Lieliski! Try a co-host." in page
    assert "Jānis Zariņš" in page


def test_feedback_on_a_journal_entry(client, support, mailoutbox):
    client.force_login(support.supervisor_user)
    client.post(entry_feedback_url(support), {"text": "Good reflection."})
    feedback = Feedback.objects.get()
    assert feedback.entry == support.shared_entry
    assert feedback.author == support.supervisor
    assert "journal entry of" in mailoutbox[0].body
    page = client.get(support_url(support.participant)).content.decode()
    assert "Good reflection." in page


def test_feedback_email_in_the_participants_language(client, support, mailoutbox):
    support.participant_user.language = "lv"
    support.participant_user.save(update_fields=["language"])
    client.force_login(support.supervisor_user)
    client.post(entry_feedback_url(support), {"text": "Labi."})
    assert "2026. gada 3. jūlijs" in mailoutbox[0].body


def test_feedback_is_post_only(client, support):
    client.force_login(support.mentor_user)
    assert client.get(goal_feedback_url(support)).status_code == 405
    assert client.get(entry_feedback_url(support)).status_code == 405


def test_no_feedback_on_what_is_not_shared_even_by_its_code(client, support, mailoutbox):
    client.force_login(support.mentor_user)
    assert (
        client.post(goal_feedback_url(support, support.private_goal), {"text": "x"}).status_code
        == 404
    )
    assert (
        client.post(entry_feedback_url(support, support.private_entry), {"text": "x"}).status_code
        == 404
    )
    assert not Feedback.objects.exists()
    assert mailoutbox == []


def test_no_feedback_on_another_participants_goal_through_this_one(client, support):
    theirs = Goal.objects.create(participant=support.other_participant, title="Theirs", shared=True)
    client.force_login(support.mentor_user)
    assert client.post(goal_feedback_url(support, theirs), {"text": "x"}).status_code == 404
    assert not Feedback.objects.exists()


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("", "Write your feedback first."),
        ("   ", "Write your feedback first."),
        ("ā" * 2001, "Ensure this value has at most 2000 characters (it has 2001)."),
    ],
)
def test_bad_feedback_is_refused_with_a_clear_error(client, support, mailoutbox, text, error):
    client.force_login(support.mentor_user)
    response = client.post(goal_feedback_url(support), {"text": text})
    assert response.status_code == 200
    page = response.content.decode()
    assert error in page
    assert "Your feedback was not saved." in page
    assert not Feedback.objects.exists()
    assert mailoutbox == []


def test_longest_feedback_is_saved(client, support):
    client.force_login(support.mentor_user)
    client.post(goal_feedback_url(support), {"text": "ā" * 2000})
    assert Feedback.objects.get().text == "ā" * 2000


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("participant", 403),
        ("admin", 403),
        ("unassigned", 404),
        ("foreign", 404),
        ("outsider", 404),
    ],
)
def test_feedback_roles(client, support, who, status):
    client.force_login(getattr(people(support), who))
    assert client.post(goal_feedback_url(support), {"text": "x"}).status_code == status
    assert client.post(entry_feedback_url(support), {"text": "x"}).status_code == status
    assert not Feedback.objects.exists()


def test_feedback_needs_login(client, support):
    assert client.post(goal_feedback_url(support), {"text": "x"}).url.startswith(reverse("login"))


def test_support_persons_see_their_own_feedback_the_participant_sees_all(client, support):
    support.mentor.give_feedback(support.shared_goal, "From the mentor.")
    support.supervisor.give_feedback(support.shared_goal, "From the supervisor.")
    client.force_login(support.mentor_user)
    page = client.get(support_url(support.participant)).content.decode()
    assert "From the mentor." in page
    assert "From the supervisor." not in page

    client.force_login(support.participant_user)
    page = client.get(my_support_url(support.participant)).content.decode()
    assert "From the mentor." in page
    assert "From the supervisor." in page


# Editing and deleting


@pytest.fixture
def feedback(support):
    return support.mentor.give_feedback(support.shared_entry, "Frist draft.")


def edit_url(world, feedback):
    return support_url(world.participant, "feedback_edit", feedback.code)


def delete_url(world, feedback):
    return support_url(world.participant, "feedback_delete", feedback.code)


def test_author_edits_their_feedback(client, support, feedback):
    client.force_login(support.mentor_user)
    page = client.get(edit_url(support, feedback)).content.decode()
    assert "Frist draft." in page
    assert "Šodien vadīju darbnīcu angliski." in page
    response = client.post(edit_url(support, feedback), {"text": "First draft."})
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.text == "First draft."


def test_edit_refuses_too_long_text(client, support, feedback):
    client.force_login(support.mentor_user)
    response = client.post(edit_url(support, feedback), {"text": "x" * 2001})
    assert "at most 2000 characters" in response.content.decode()
    feedback.refresh_from_db()
    assert feedback.text == "Frist draft."


def test_author_deletes_their_feedback(client, support, feedback):
    client.force_login(support.mentor_user)
    assert client.get(delete_url(support, feedback)).status_code == 405
    assert Feedback.objects.filter(pk=feedback.pk).exists()
    client.post(delete_url(support, feedback))
    assert not Feedback.objects.filter(pk=feedback.pk).exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("supervisor", 404),  # assigned too, but not the author
        ("participant", 403),
        ("admin", 403),
        ("unassigned", 404),
        ("foreign", 404),
    ],
)
def test_only_the_author_edits_or_deletes(client, support, feedback, who, status):
    client.force_login(getattr(people(support), who))
    assert client.get(edit_url(support, feedback)).status_code == status
    assert client.post(edit_url(support, feedback), {"text": "Changed"}).status_code == status
    assert client.post(delete_url(support, feedback)).status_code == status
    feedback.refresh_from_db()
    assert feedback.text == "Frist draft."


def test_feedback_on_what_is_no_longer_shared_cannot_be_changed(client, support, feedback):
    support.shared_entry.shared = False
    support.shared_entry.save(update_fields=["shared"])
    client.force_login(support.mentor_user)
    assert client.get(edit_url(support, feedback)).status_code == 404
    assert client.post(delete_url(support, feedback)).status_code == 404
