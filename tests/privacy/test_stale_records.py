"""Records that wait for someone's answer do not wait for ever: apply_retention deletes
unanswered invitations to an organisation, expired sign-ups and uploads never imported."""

import datetime
import io

import time_machine
from django.core.management import call_command
from django.utils import timezone

from accounts.models import SignupRequest
from dashboard.models import ParticipantImport
from projects.models import ColleagueInvitation, MembershipRole

START = datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC)


def run(*args) -> str:
    out = io.StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


def invite(world, email):
    invitation, _token = ColleagueInvitation.create_for(
        world.organisation, email=email, role=MembershipRole.EDITOR, language="lv", by=world.admin
    )
    return invitation


def upload(world, **fields):
    return ParticipantImport.objects.create(
        project=world.project, created_by=world.editor, file_name="people.csv", **fields
    )


def test_unanswered_invitations_go_30_days_after_they_ran_out(world, settings):
    with time_machine.travel(START, tick=False):
        unanswered = invite(world, "dace@example.org")
        accepted = invite(world, "juris@example.org")
        ColleagueInvitation.objects.filter(pk=accepted.pk).update(accepted_at=timezone.now())
    expiry = unanswered.expires_at
    with time_machine.travel(expiry + datetime.timedelta(days=29), tick=False):
        run()
        assert ColleagueInvitation.objects.filter(pk=unanswered.pk).exists()
    with time_machine.travel(expiry + datetime.timedelta(days=31), tick=False):
        output = run()
    assert not ColleagueInvitation.objects.filter(pk=unanswered.pk).exists()
    assert ColleagueInvitation.objects.filter(pk=accepted.pk).exists(), "a record of who joined"
    assert "Unanswered invitations to organisations: 1" in output


def test_a_cancelled_invitation_goes_30_days_after_it_was_cancelled(world):
    with time_machine.travel(START, tick=False):
        cancelled = invite(world, "dace@example.org")
        ColleagueInvitation.objects.filter(pk=cancelled.pk).update(revoked_at=timezone.now())
    with time_machine.travel(START + datetime.timedelta(days=31), tick=False):
        run()
    assert not ColleagueInvitation.objects.filter(pk=cancelled.pk).exists()


def test_expired_sign_ups_go(world):
    with time_machine.travel(START, tick=False):
        SignupRequest.objects.create(
            token_hash="a" * 64,
            email="new@example.org",
            first_name="Ilze",
            last_name="Lapa",
            organisation_name="Biedrība Lapa",
            password="!",
            language="lv",
            expires_at=timezone.now() + SignupRequest.MAX_AGE,
        )
        run()
        assert SignupRequest.objects.count() == 1
    with time_machine.travel(START + datetime.timedelta(days=3), tick=False):
        run()
    assert SignupRequest.objects.count() == 0


def test_uploads_never_imported_go_after_a_week(world):
    with time_machine.travel(START, tick=False):
        forgotten = upload(world, content=b"first_name,last_name,email\nIlze,Lapa,i@example.org\n")
        done = upload(world, imported_at=timezone.now())
    with time_machine.travel(START + datetime.timedelta(days=6), tick=False):
        run()
        assert ParticipantImport.objects.filter(pk=forgotten.pk).exists()
    with time_machine.travel(START + datetime.timedelta(days=8), tick=False):
        run()
    assert not ParticipantImport.objects.filter(pk=forgotten.pk).exists()
    assert ParticipantImport.objects.filter(pk=done.pk).exists()


def test_a_dry_run_counts_them_and_deletes_nothing(world):
    with time_machine.travel(START, tick=False):
        invite(world, "dace@example.org")
    with time_machine.travel(START + datetime.timedelta(days=90), tick=False):
        output = run("--dry-run")
    assert "Unanswered invitations to organisations: 1" in output
    assert ColleagueInvitation.objects.count() == 1
