import pytest

from participants.models import Participant, ParticipantState
from tests.conftest import make_user, write_outcomes


def add_participants(project, count, state=ParticipantState.APPROVED, prefix="p"):
    """Participants with accounts, straight in the given state, each with one outcome."""
    participants = []
    for number in range(count):
        participant = Participant.objects.create(
            project=project,
            user=make_user(f"{prefix}{number}@example.org"),
            first_name=f"Name{number}",
            last_name=f"{prefix.upper()}-Surname{number:03d}",
            email=f"{prefix}{number}@example.org",
            state=state,
        )
        write_outcomes(participant, {"digital": f"I learned to edit sound ({number})."})
        participants.append(participant)
    return participants


@pytest.fixture
def approved(world):
    return add_participants(world.project, 3)
