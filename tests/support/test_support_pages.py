"""A support person's pages: their participants, and what each participant shares."""

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from participants.models import Goal, JournalEntry, Participant
from support.models import SupportRole
from tests.support.conftest import add_support_person, people, support_url

MINE = reverse("support:mine")


def test_my_participants_across_projects_and_roles(client, support):
    # The same person supervises here and coaches in another organisation's project.
    add_support_person(
        support.other_project,
        support.supervisor_user,
        SupportRole.COACH,
        support.foreign.participants.all(),
    )
    client.force_login(support.supervisor_user)
    page = client.get(MINE).content.decode()
    assert "Voices of the Baltic" in page
    assert "Other project" in page
    assert "Supervisor" in page
    assert "Coach" in page
    assert "Līga Kalniņa" in page
    assert "Mari Mets" in page
    assert "1 shared goal" in page
    assert "1 shared journal entry" in page
    assert "Jānis Ščerbina" not in page  # in the project, but not assigned to her


def test_my_participants_shows_nothing_of_others(client, support):
    client.force_login(support.participant_user)
    page = client.get(MINE).content.decode()
    assert "You are not a support person in any project." in page
    assert "Dace" not in page


def test_my_participants_needs_login(client, support):
    assert client.get(MINE).url.startswith(reverse("login"))


def grow(world, participants, goals_each=2, entries_each=2):
    for n in range(participants):
        participant = Participant.objects.create(
            project=world.project, first_name="Olena", last_name=f"Koval {n}", email=f"o{n}@x.org"
        )
        world.supervisor.participants.add(participant)
        for m in range(goals_each):
            Goal.objects.create(participant=participant, title=f"Goal {m}", shared=m % 2 == 0)
        for m in range(entries_each):
            JournalEntry.objects.create(participant=participant, text=f"Entry {m}", shared=True)


def test_my_participants_queries_do_not_grow(client, support, django_assert_max_num_queries):
    client.force_login(support.supervisor_user)
    with django_assert_max_num_queries(30) as few:
        client.get(MINE)
    grow(support, 50)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "Olena Koval 49" in client.get(MINE).content.decode()


def test_support_link_in_the_navigation_only_for_support_persons(client, support):
    client.force_login(support.mentor_user)
    assert f'href="{MINE}"' in client.get(reverse("home")).content.decode()
    client.force_login(support.participant_user)
    assert f'href="{MINE}"' not in client.get(reverse("home")).content.decode()


# One participant


def test_assigned_support_person_sees_what_is_shared_and_nothing_else(client, support):
    for user in (support.supervisor_user, support.mentor_user):
        client.force_login(user)
        page = client.get(support_url(support.participant)).content.decode()
        assert "Lead a workshop in English" in page
        assert "Multilingual competence" in page
        assert "Prepare with my mentor" in page
        assert "Šodien vadīju darbnīcu angliski." in page
        assert "Personal, social and learning to learn competence" in page
        assert "Stop being afraid of the phone" not in page
        assert "A private worry" not in page


def test_a_goal_shared_and_then_made_private_disappears(client, support):
    Goal.objects.filter(pk=support.shared_goal.pk).update(shared=False)
    client.force_login(support.mentor_user)
    page = client.get(support_url(support.participant)).content.decode()
    assert "Lead a workshop in English" not in page
    assert "has not shared any goals" in page


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("participant", 403),
        ("admin", 403),
        ("editor", 403),
        ("unassigned", 404),
        ("foreign", 404),
        ("outsider", 404),
        ("other_participant", 404),
    ],
)
def test_participant_page_roles(client, support, who, status):
    client.force_login(getattr(people(support), who))
    assert client.get(support_url(support.participant)).status_code == status


def test_participant_page_needs_login(client, support):
    assert client.get(support_url(support.participant)).url.startswith(reverse("login"))


def test_an_invited_support_person_without_an_account_sees_nothing(client, support):
    support.mentor.user = None
    support.mentor.save(update_fields=["user"])
    client.force_login(support.mentor_user)
    assert client.get(support_url(support.participant)).status_code == 404


def test_participant_page_queries_do_not_grow(client, support, django_assert_max_num_queries):
    client.force_login(support.supervisor_user)
    url = support_url(support.participant)
    support.supervisor.give_feedback(support.shared_goal, "Labi.")
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    for n in range(25):
        goal = Goal.objects.create(participant=support.participant, title=f"Goal {n}", shared=True)
        entry = JournalEntry.objects.create(
            participant=support.participant,
            date=datetime.date(2026, 7, 1),
            text=f"Entry {n}",
            competences=["digital"],
            shared=True,
        )
        support.supervisor.give_feedback(goal, f"Feedback {n}")
        support.supervisor.give_feedback(entry, f"Feedback {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert "Goal 24" in page
    assert "Feedback 24" in page


def test_supervisor_sees_the_assessment_card_the_mentor_does_not(client, support):
    client.force_login(support.supervisor_user)
    page = client.get(support_url(support.participant)).content.decode()
    assert "Write the assessment" in page
    client.force_login(support.mentor_user)
    page = client.get(support_url(support.participant)).content.decode()
    assert "Write the assessment" not in page


def jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "#1f3f8f").save(buffer, format="JPEG")
    return ContentFile(buffer.getvalue(), name="photo.jpg")


def test_photos_of_shared_entries_only(client, support):
    support.shared_entry.photo.save("photo.jpg", jpeg())
    support.private_entry.photo.save("photo.jpg", jpeg())
    client.force_login(support.mentor_user)
    page = client.get(support_url(support.participant)).content.decode()
    shared_photo = reverse("participants:journal_photo", args=[support.shared_entry.code])
    private_photo = reverse("participants:journal_photo", args=[support.private_entry.code])
    assert f'src="{shared_photo}"' in page
    assert private_photo not in page
    assert client.get(shared_photo).status_code == 200
    assert client.get(private_photo).status_code == 404
