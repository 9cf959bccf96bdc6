"""List pages take the same number of queries for 2 participants as for 50.

The dashboard, the project list, the task pages, the import preview and the export pin
theirs beside their own tests; these are the remaining lists of participants.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from participants.models import Participant, ParticipantState
from support.models import SupportRole
from tests.conftest import login, make_project, make_user
from tests.support.conftest import add_support_person


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def crowd(project, count):
    return [
        Participant.objects.create(
            project=project,
            first_name=f"Name{number}",
            last_name=f"Surname{number:03d}",
            email=f"person{number}@example.org",
            state=ParticipantState.ACTIVE,
            user=make_user(f"person{number}@example.org"),
        )
        for number in range(count)
    ]


@pytest.mark.parametrize("view", ["support:project", "support:mine"])
def test_support_lists_take_the_same_queries_for_2_and_50_participants(client, world, view):
    mentor = make_user("mentor@example.org", "Jānis", "Zariņš")
    support_person = add_support_person(
        world.project, mentor, SupportRole.MENTOR, crowd(world.project, 2)
    )
    user, args = (world.editor, [world.project.code]) if view == "support:project" else (mentor, [])
    url = reverse(view, args=args)
    login(client, user)
    few = queries(client, url)

    more = Participant.objects.bulk_create(
        Participant(
            project=world.project,
            first_name="Extra",
            last_name=f"Person{number:03d}",
            email=f"extra{number}@example.org",
        )
        for number in range(48)
    )
    support_person.assign([*support_person.participants.all(), *more])
    assert support_person.participants.count() == 50
    assert queries(client, url) == few


def test_my_participations_take_the_same_queries_for_2_and_50_projects(client, world):
    person = make_user("many@example.org", "Anna", "Daudze")

    def take_part(count):
        for number in range(count):
            project = make_project(world.organisation, title=f"Project {number}")
            Participant.objects.create(
                project=project,
                user=person,
                first_name="Anna",
                last_name="Daudze",
                email=person.email,
                state=ParticipantState.ACTIVE,
            )

    take_part(2)
    login(client, person)
    url = reverse("participants:mine")
    few = queries(client, url)
    take_part(48)
    assert queries(client, url) == few
