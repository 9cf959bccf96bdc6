"""E-mails leave in the background: a mail server that refuses them never breaks a page."""

import pytest
from django.core import mail
from django.tasks import TaskResultStatus
from django.urls import reverse

from accounts.models import SignupRequest
from jobs.models import Job, JobItem
from participants.models import Participant, ParticipantState
from support.models import SupportInvitation
from tests.accounts.test_signup_login import SIGNUP
from tests.conftest import login, make_user, write_outcomes
from youthpass_site.lib import mail as mail_module
from youthpass_site.lib.mail import deliver

REFUSING = {"default": {"BACKEND": "tests.mail.RefusingBackend"}}


@pytest.fixture
def queued(monkeypatch):
    """The subjects of the e-mails handed to the task queue (they are delivered as usual)."""
    subjects = []

    class Recording:
        call = staticmethod(deliver.call)

        @staticmethod
        def enqueue(subject, *args):
            subjects.append(subject)
            return deliver.enqueue(subject, *args)

    monkeypatch.setattr(mail_module, "deliver", Recording)
    return subjects


@pytest.fixture
def added(world):
    return Participant.objects.create(
        project=world.project, first_name="Anna", last_name="Liepa", email="anna@example.org"
    )


def test_an_invitation_is_sent_at_once_and_never_queued(client, world, added, queued):
    """Its link carries the secret token, which must not wait in the task queue."""
    response = login(client, world.editor).post(
        reverse("participants:invite", args=[world.project.code, added.code]), follow=True
    )
    assert "Invitation sent to anna@example.org." in response.text
    (message,) = mail.outbox
    assert message.to == ["anna@example.org"]
    assert "/invitations/" in message.body
    assert queued == []


def test_a_refused_invitation_changes_nothing_and_says_so(client, world, added, settings):
    settings.MAILERS = REFUSING
    response = login(client, world.editor).post(
        reverse("participants:invite", args=[world.project.code, added.code]), follow=True
    )
    assert "The invitation to anna@example.org could not be sent" in response.text
    added.refresh_from_db()
    assert added.state == ParticipantState.ADDED
    assert not added.invitations.exists()


def test_a_refused_support_invitation_changes_nothing_and_says_so(client, world, settings):
    settings.MAILERS = REFUSING
    login(client, world.editor)
    response = client.post(
        reverse("support:add", args=[world.project.code]),
        {
            "first_name": "Dace",
            "last_name": "Kļaviņa",
            "email": "dace@example.org",
            "role": "mentor",
            "send_invitation": "on",
        },
        follow=True,
    )
    assert "Dace Kļaviņa was added." in response.text
    assert "The invitation to dace@example.org could not be sent" in response.text
    assert not SupportInvitation.objects.exists()


@pytest.mark.parametrize("existing", [False, True])
def test_a_refused_sign_up_e_mail_says_so_either_way(client, db, settings, existing):
    if existing:
        make_user("ilze@example.org")
    settings.MAILERS = REFUSING
    response = client.post(reverse("signup"), SIGNUP)
    assert response.status_code == 200
    assert "We could not send you the e-mail just now" in response.text
    assert not SignupRequest.objects.exists()


def test_a_notice_goes_through_the_queue_and_a_refusal_does_not_break_the_page(
    client, world, settings, queued
):
    write_outcomes(world.participant, {"digital": "I learned to edit audio."})
    world.participant.submit()
    settings.MAILERS = REFUSING
    login(client, world.editor)
    response = client.post(
        reverse("participants:review", args=[world.project.code, world.participant.code]),
        {"decision": "return", "comment": "Say more about the radio show."},
        follow=True,
    )
    assert response.status_code == 200
    world.participant.refresh_from_db()
    assert world.participant.state == ParticipantState.RETURNED
    assert queued == ["Returned for changes: your self-assessment for “Voices of the Baltic”"]
    assert not mail.outbox


def test_a_refused_e_mail_in_a_job_fails_that_participant_and_can_be_tried_again(
    world, added, settings
):
    settings.MAILERS = REFUSING
    job, _started = Job.start(world.project, Job.Kind.INVITE, [added], by=world.admin)
    item = job.items.get()
    assert item.state == JobItem.State.FAILED
    assert item.error == "The e-mail could not be sent: the mail server did not take it."
    added.refresh_from_db()
    assert added.state == ParticipantState.ADDED
    assert not added.invitations.exists()

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    assert job.retry()
    item.refresh_from_db()
    assert item.state == JobItem.State.DONE
    added.refresh_from_db()
    assert added.state == ParticipantState.INVITED
    assert [message.to for message in mail.outbox] == [["anna@example.org"]]


def test_a_failed_delivery_names_no_recipient(settings):
    settings.MAILERS = REFUSING
    result = deliver.enqueue("Subject", "Body", "<p>Body</p>", ["anna@example.org"])
    assert result.status == TaskResultStatus.FAILED
    (error,) = result.errors
    assert error.exception_class_path == "youthpass_site.lib.mail.DeliveryFailed"
    assert "DeliveryFailed: SMTPRecipientsRefused" in error.traceback
    assert "anna@example.org" not in error.traceback
