import datetime
from types import SimpleNamespace

import pytest
from django.urls import reverse

from participants.models import Goal, JournalEntry
from support.models import SupportPerson, SupportRole
from tests.conftest import make_user


def add_support_person(project, user, role, participants=(), email=None):
    """A support person who has accepted their invitation, assigned to `participants`."""
    support_person = SupportPerson.objects.create(
        project=project,
        first_name=user.first_name,
        last_name=user.last_name,
        email=email or user.email,
        role=role,
    )
    support_person.accept(user)
    support_person.assign(participants)
    return support_person


@pytest.fixture
def support(world):
    """The world, with support persons around its participant and what the participant wrote.

    - supervisor: assigned to `participant` (SUPERVISOR)
    - mentor: assigned to `participant` (MENTOR)
    - unassigned: a mentor in the same project, assigned to `other_participant` only
    - foreign: a supervisor in `other_project`, with a participant of their own
    - shared_goal / private_goal, shared_entry / private_entry: the participant's
    """
    participant = world.participant
    world.supervisor_user = make_user("supervisor@example.org", "Dace", "Kļaviņa")
    world.supervisor = add_support_person(
        world.project, world.supervisor_user, SupportRole.SUPERVISOR, [participant]
    )
    world.mentor_user = make_user("mentor@example.org", "Jānis", "Zariņš")
    world.mentor = add_support_person(
        world.project, world.mentor_user, SupportRole.MENTOR, [participant]
    )
    world.unassigned_user = make_user("unassigned@example.org", "Inese", "Vītola")
    world.unassigned = add_support_person(
        world.project, world.unassigned_user, SupportRole.MENTOR, [world.other_participant]
    )
    world.foreign_user = make_user("foreign@example.org", "Kaja", "Kask")
    foreign_participant = world.other_project.participants.create(
        first_name="Mari", last_name="Mets", email="mari@example.org"
    )
    world.foreign = add_support_person(
        world.other_project, world.foreign_user, SupportRole.SUPERVISOR, [foreign_participant]
    )

    world.shared_goal = Goal.objects.create(
        participant=participant,
        title="Lead a workshop in English",
        competence="multilingual",
        how="Prepare with my mentor, then run the Thursday workshop.",
        shared=True,
    )
    world.private_goal = Goal.objects.create(
        participant=participant, title="Stop being afraid of the phone", shared=False
    )
    world.shared_entry = JournalEntry.objects.create(
        participant=participant,
        date=datetime.date(2026, 7, 3),
        text="Šodien vadīju darbnīcu angliski. It went better than I feared.",
        competences=["multilingual", "personal_social_learning"],
        shared=True,
    )
    world.private_entry = JournalEntry.objects.create(
        participant=participant,
        date=datetime.date(2026, 7, 4),
        text="A private worry I keep to myself.",
        shared=False,
    )
    return world


def support_url(participant, name="participant", *args):
    return reverse(f"support:{name}", args=[participant.code, *args])


def my_support_url(participant, name="my_support"):
    return reverse(f"support:{name}", args=[participant.code])


def organiser_url(project, name="project", *args):
    return reverse(f"support:{name}", args=[project.code, *args])


def link_from(mail):
    """The first address on the site in an e-mail's text body."""
    return next(
        word for word in mail.body.split() if word.startswith("https://youthpass.test/")
    ).removeprefix("https://youthpass.test")


def people(world):
    return SimpleNamespace(
        participant=world.participant_user,
        other_participant=world.other_participant_user,
        admin=world.admin,
        editor=world.editor,
        outsider=world.outsider,
        supervisor=world.supervisor_user,
        mentor=world.mentor_user,
        unassigned=world.unassigned_user,
        foreign=world.foreign_user,
    )
