"""Which role signs, for a person who supports the same participant in several roles."""

import itertools

import pytest
from django.test import RequestFactory
from django.urls import reverse

from support.access import participant_for_support
from support.models import Feedback, SupportRole
from tests.conftest import make_user
from tests.support.conftest import add_support_person

# From the role that signs first to the one that signs last.
PRECEDENCE = [
    SupportRole.SUPERVISOR,
    SupportRole.MENTOR,
    SupportRole.COACH,
    SupportRole.DIALOGUE_PARTNER,
]


def supporting_as(user, participant):
    request = RequestFactory().get("/")
    request.user = user
    return participant_for_support(request, participant.code)


@pytest.mark.parametrize(
    ("first", "second"), list(itertools.combinations(PRECEDENCE, 2)), ids=lambda role: role
)
def test_the_higher_role_signs_whichever_was_added_first(world, first, second):
    """`first` outranks `second`; both orders of creation give the same author."""
    for order in ((first, second), (second, first)):
        user = make_user(f"{order[0]}-{order[1]}@example.org", "Ilze", "Liepa")
        for number, role in enumerate(order):
            add_support_person(
                world.project, user, role, [world.participant], email=f"{number}-{user.email}"
            )

        supporting = supporting_as(user, world.participant)

        assert supporting.author.role == first
        assert [role.role for role in supporting.roles] == [first, second]


def test_the_supervisor_is_found_whatever_its_place(world):
    user = make_user("all@example.org", "Ilze", "Liepa")
    for number, role in enumerate(reversed(PRECEDENCE)):
        add_support_person(
            world.project, user, role, [world.participant], email=f"{number}@example.org"
        )

    supporting = supporting_as(user, world.participant)

    assert [role.role for role in supporting.roles] == PRECEDENCE
    assert supporting.author.role == SupportRole.SUPERVISOR
    assert supporting.supervisor.role == SupportRole.SUPERVISOR


def test_no_supervisor_among_other_roles(world):
    user = make_user("two@example.org", "Ilze", "Liepa")
    for number, role in enumerate((SupportRole.DIALOGUE_PARTNER, SupportRole.COACH)):
        add_support_person(
            world.project, user, role, [world.participant], email=f"{number}@example.org"
        )

    supporting = supporting_as(user, world.participant)

    assert supporting.supervisor is None
    assert supporting.author.role == SupportRole.COACH


def test_feedback_is_signed_by_the_mentor_not_the_dialogue_partner(client, support):
    """The dialogue-partner role was added last, so it has the higher id."""
    add_support_person(
        support.project,
        support.mentor_user,
        SupportRole.DIALOGUE_PARTNER,
        [support.participant],
        email="partner@example.org",
    )
    client.force_login(support.mentor_user)

    client.post(
        reverse("support:feedback_goal", args=[support.participant.code, support.shared_goal.code]),
        {"text": "Well prepared."},
    )

    feedback = Feedback.objects.get(goal=support.shared_goal)
    assert feedback.author == support.mentor
    assert feedback.author.role == SupportRole.MENTOR
