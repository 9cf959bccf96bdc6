"""One guard for every bulk action: a job of a kind starts once per project at a time.

The check and the start are one step under the project's row lock, so requests that
arrive together cannot both start a job (three "remind" clicks once made two jobs).
"""

import threading
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone

from jobs.models import Job, in_progress
from participants.models import Participant, ParticipantState
from projects.models import Organisation
from tests.conftest import make_project, make_user


def _participants(project, count, state=ParticipantState.ACTIVE):
    return [
        Participant.objects.create(
            project=project,
            first_name="Name",
            last_name=f"Surname{number}",
            email=f"p{number}@example.org",
            state=state,
        )
        for number in range(count)
    ]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks between connections need PostgreSQL"
)
@pytest.mark.django_db(transaction=True)
def test_a_start_while_another_is_being_decided_waits_and_finds_it():
    organiser = make_user("organiser@example.org")
    project = make_project(
        Organisation.objects.create(
            name="Org", street="Iela 1", town="Rīga", country="LV", signatory_name="Ilze Liepiņa"
        ),
        created_by=organiser,
    )
    first_people = _participants(project, 2)
    second_people = first_people[1:]
    decided, release = threading.Event(), threading.Event()
    results = {}

    def first():
        with transaction.atomic():
            results["first"] = Job.start(
                project, Job.Kind.REMIND, first_people, by=organiser, enqueue=False
            )
            decided.set()
            release.wait(10)
        connection.close()

    def second():
        decided.wait(10)
        # Another organiser, another selection: not a double click, a second job.
        results["second"] = Job.start(
            project, Job.Kind.REMIND, second_people, by=None, enqueue=False
        )
        connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    # The second waits for the first's transaction; without the lock it would be done.
    threads[1].join(0.5)
    release.set()
    for thread in threads:
        thread.join(10)

    job, started = results["first"]
    assert started
    assert results["second"] == (job, False)
    assert Job.objects.count() == 1


def test_a_job_at_work_is_found_and_not_started_again(world):
    job, started = Job.start(
        world.project, Job.Kind.ISSUE, [world.participant], by=world.admin, enqueue=False
    )
    assert started and in_progress(world.project, Job.Kind.ISSUE) == job
    again, started = Job.start(
        world.project, Job.Kind.ISSUE, [world.other_participant], by=world.editor
    )
    assert (again, started) == (job, False)
    # Another kind, or another project, is not held up.
    assert Job.start(world.project, Job.Kind.ZIP, [world.participant], by=world.admin)[1]
    assert in_progress(world.other_project, Job.Kind.ISSUE) is None


def test_a_stalled_job_holds_nothing_up(world, time_machine):
    job, _started = Job.start(
        world.project, Job.Kind.REMIND, [world.participant], by=world.admin, enqueue=False
    )
    time_machine.move_to(timezone.now() + timedelta(minutes=11))
    assert job.is_stalled and in_progress(world.project, Job.Kind.REMIND) is None
    newer, started = Job.start(
        world.project, Job.Kind.REMIND, [world.other_participant], by=world.editor
    )
    assert started and newer != job


def test_retry_waits_while_another_job_of_its_kind_is_at_work(world, time_machine):
    stalled = Job.create(world.project, Job.Kind.REMIND, [world.participant], by=world.admin)
    time_machine.move_to(timezone.now() + timedelta(minutes=11))
    assert stalled.is_stalled
    running, started = Job.start(
        world.project, Job.Kind.REMIND, [world.other_participant], by=world.editor, enqueue=False
    )
    assert started
    assert not stalled.retry()
    stalled.refresh_from_db()
    assert stalled.state == Job.State.QUEUED and stalled.items.get().state == "pending"
    running.state = Job.State.DONE
    running.save()
    assert stalled.retry()
