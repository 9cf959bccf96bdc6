"""E-mails leave in the background: a mail server that refuses them never breaks a page."""

import pytest
from django.core import mail
from django.tasks import TaskResultStatus
from django.urls import reverse

from jobs.models import Job, JobItem
from participants.models import Participant, Status
from tests.conftest import login
from youthpass_site.lib.mail import deliver

REFUSING = {"default": {"BACKEND": "tests.mail.RefusingBackend"}}


@pytest.fixture
def added(world):
    return Participant.objects.create(
        project=world.project, first_name="Anna", last_name="Liepa", email="anna@example.org"
    )


def test_a_single_invitation_is_handed_to_a_worker(client, world, added):
    response = login(client, world.editor).post(
        reverse("participants:invite", args=[world.project.code, added.code]), follow=True
    )
    assert "Invitation sent to anna@example.org." in response.text
    (message,) = mail.outbox
    assert message.to == ["anna@example.org"]
    assert "/invitations/" in message.body


def test_a_refused_e_mail_does_not_break_the_page(client, world, added, settings):
    settings.MAILERS = REFUSING
    response = login(client, world.editor).post(
        reverse("participants:invite", args=[world.project.code, added.code]), follow=True
    )
    assert response.status_code == 200
    added.refresh_from_db()
    assert added.status == Status.INVITED
    assert not mail.outbox


def test_a_refused_e_mail_in_a_job_fails_that_participant_and_can_be_tried_again(
    world, added, settings
):
    settings.MAILERS = REFUSING
    job = Job.start(world.project, Job.Kind.INVITE, [added], by=world.admin)
    item = job.items.get()
    assert item.state == JobItem.State.FAILED
    assert item.error == "The e-mail could not be sent: the mail server did not take it."
    added.refresh_from_db()
    assert added.status == Status.ADDED
    assert not added.invitations.exists()

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    assert job.retry()
    item.refresh_from_db()
    assert item.state == JobItem.State.DONE
    added.refresh_from_db()
    assert added.status == Status.INVITED
    assert [message.to for message in mail.outbox] == [["anna@example.org"]]


def test_a_failed_delivery_names_no_recipient(settings):
    settings.MAILERS = REFUSING
    result = deliver.enqueue("Subject", "Body", "<p>Body</p>", ["anna@example.org"])
    assert result.status == TaskResultStatus.FAILED
    (error,) = result.errors
    assert error.exception_class_path == "youthpass_site.lib.mail.DeliveryFailed"
    assert "DeliveryFailed: SMTPRecipientsRefused" in error.traceback
    assert "anna@example.org" not in error.traceback
