"""An erased record is known by its erased_at, by every part that leaves it out."""

import importlib

import pytest
from django.apps import apps

from certificates.models import Certificate
from dashboard.issue_views import approved_participants
from jobs import handlers
from jobs.models import ItemSkipped, Job
from participants.models import Participant, ParticipantState
from privacy.erasure import delete_account
from support.models import SupportPerson


@pytest.fixture
def erased(world, approved_participant):
    Certificate.issue(approved_participant, world.admin, ["en"])
    delete_account(world.participant_user)
    participant = Participant.objects.get(pk=approved_participant.pk)
    assert participant.is_erased
    return participant


def test_bulk_issue_and_zip_leave_out_erased_records(world, erased):
    Participant.objects.filter(pk=erased.pk).update(state=ParticipantState.APPROVED)
    erased.refresh_from_db()
    job = Job.create(world.project, Job.Kind.ISSUE, [erased], by=world.admin)

    assert erased not in approved_participants(world.project)
    with pytest.raises(ItemSkipped, match="deleted their account"):
        handlers.issue(erased, job)
    with pytest.raises(ItemSkipped, match="deleted their account"):
        handlers.check_pdfs(erased, job)


def test_an_address_alone_does_not_make_a_record_erased(world):
    """The placeholder address is only a value: the state is the field."""
    world.other_participant.email = f"{world.other_participant.code}@deleted.invalid"
    world.other_participant.save()
    assert not world.other_participant.is_erased
    assert world.other_participant in Participant.objects.not_erased()


@pytest.mark.parametrize(
    ("module", "model"),
    [
        ("participants.migrations.0008_erased_at", Participant),
        ("support.migrations.0003_erased_at", SupportPerson),
    ],
)
def test_the_migration_marks_records_erased_before_the_field(world, module, model):
    if model is Participant:
        kept, old = world.other_participant, world.participant
    else:
        kept = SupportPerson.objects.create(
            project=world.project,
            first_name="A",
            last_name="B",
            email="a@example.org",
            role="coach",
        )
        old = SupportPerson.objects.create(
            project=world.project,
            first_name="C",
            last_name="D",
            email="c@example.org",
            role="coach",
        )
    model.objects.filter(pk=old.pk).update(email=f"{old.code}@deleted.invalid")

    importlib.import_module(module).mark_erased(apps, None)

    assert model.objects.get(pk=old.pk).erased_at is not None
    assert model.objects.get(pk=kept.pk).erased_at is None
