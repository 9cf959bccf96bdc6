from django.core import mail

from jobs.models import Job, JobItem
from participants.models import Invitation, Participant, ParticipantState
from tests.jobs.conftest import add_participants


def run(world, kind, participants):
    job, _started = Job.start(world.project, kind, participants, by=world.admin)
    job.refresh_from_db()
    return job


def reasons(job):
    return {item.participant.email: (item.state, item.error) for item in job.items.all()}


def test_invite_mails_everyone_added_in_their_own_language(world):
    added = add_participants(world.project, 3, state=ParticipantState.ADDED, prefix="a")
    # Not yet holding accounts: the invitation goes out in the participant's language.
    Participant.objects.filter(pk__in=[p.pk for p in added]).update(user=None)
    Participant.objects.filter(pk=added[2].pk).update(language="lv")
    job = run(world, Job.Kind.INVITE, [*added, world.participant])
    assert job.state == Job.State.DONE
    assert sorted(message.to[0] for message in mail.outbox) == [p.email for p in added]
    by_address = {message.to[0]: message for message in mail.outbox}
    english, latvian = by_address[added[0].email], by_address[added[2].email]
    assert "Voices of the Baltic" in latvian.subject
    assert latvian.subject != english.subject
    invited = Participant.objects.filter(
        pk__in=[p.pk for p in added], state=ParticipantState.INVITED
    )
    assert invited.count() == 3
    assert reasons(job)[world.participant.email] == (
        JobItem.State.SKIPPED,
        "Has accepted the invitation already.",
    )


def test_resend_revokes_the_older_link(world):
    (invited,) = add_participants(world.project, 1, state=ParticipantState.ADDED, prefix="r")
    Participant.objects.filter(pk=invited.pk).update(user=None)
    invited.refresh_from_db()
    first, _token = invited.invite(by=world.admin)
    run(world, Job.Kind.RESEND, [invited])
    assert len(mail.outbox) == 1
    first.refresh_from_db()
    assert Invitation.objects.filter(participant=invited).count() == 2
    assert first.revoked_at is not None


def test_remind_mails_those_who_have_not_submitted(world):
    world.project.deadline = world.project.start_date
    world.project.save()
    submitted = add_participants(world.project, 1, state=ParticipantState.SUBMITTED, prefix="s")[0]
    returned = add_participants(world.project, 1, state=ParticipantState.RETURNED, prefix="t")[0]
    job = run(world, Job.Kind.REMIND, [world.participant, submitted, returned])
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [world.participant_user.email, returned.user.email]
    )
    reminder = mail.outbox[0]
    assert reminder.subject == "Reminder: your self-assessment for “Voices of the Baltic”"
    assert "Please submit it by 1 July 2026." in reminder.body
    assert reasons(job)[submitted.email] == (JobItem.State.SKIPPED, "Has submitted already.")
    world.participant.refresh_from_db()
    assert world.participant.last_reminded_at is not None
