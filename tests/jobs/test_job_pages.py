"""The background tasks' pages load in a fixed number of queries, whatever their size."""

import pytest
from django.urls import reverse

from jobs.models import Job, JobItem
from participants.models import ParticipantState
from tests.conftest import login
from tests.jobs.conftest import add_participants

# Session, user, project, membership, the page's rows and count, and the navigation's three.
LIST_QUERIES = 9
# Session, user, project, membership, job, its counts, failed items (retry), the problems'
# count and rows, and the navigation's three.
DETAIL_QUERIES = 12


def add_jobs(world, count):
    people = add_participants(world.project, 2, state=ParticipantState.ACTIVE, prefix=f"j{count}-")
    for _number in range(count):
        Job.create(world.project, Job.Kind.REMIND, people, by=world.admin)


@pytest.mark.parametrize("count", [2, 50])
def test_job_list_queries_do_not_grow(client, world, django_assert_num_queries, count):
    add_jobs(world, count)
    login(client, world.editor)
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(reverse("jobs:list", args=[world.project.code]))
    assert response.text.count("<td><a href=") == min(count, 25)


@pytest.mark.parametrize("count", [2, 50])
def test_job_detail_queries_do_not_grow(client, world, django_assert_num_queries, count):
    people = add_participants(world.project, count, state=ParticipantState.ACTIVE, prefix="d")
    job = Job.create(world.project, Job.Kind.REMIND, people, by=world.admin)
    # Half of them failed, half were skipped: every one is listed with its reason.
    for number, item in enumerate(job.items.all()):
        item.state = JobItem.State.FAILED if number % 2 else JobItem.State.SKIPPED
        item.error = f"Reason {number}"
        item.save()
    job.state = Job.State.DONE
    job.save()
    login(client, world.editor)
    with django_assert_num_queries(DETAIL_QUERIES):
        response = client.get(job.get_absolute_url())
    assert response.text.count("Reason ") == count
