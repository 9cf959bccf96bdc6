"""Accepting an invitation: once, for one account, all or nothing, whoever answers.

These go through both kinds of invitation (participants' and support persons'), which
share answer_invitation and InvitationBase.
"""

import datetime
from urllib.parse import quote

import pytest
import time_machine
from django.urls import reverse

from accounts.models import User
from participants.models import Invitation, Participant, ParticipantState, TransitionError
from support.models import SupportInvitation, SupportPerson, SupportRole
from tests.conftest import PASSWORD, make_user
from youthpass_site.lib import invitations
from youthpass_site.lib.invitations import InvitationStateError
from youthpass_site.lib.tokens import hash_token

NEW_PASSWORD = "gauja-upe-2026-vasara"


@pytest.fixture
def invited(world):
    """A participant record that has been invited, and the link's path."""
    participant = Participant.objects.create(
        project=world.project,
        first_name="Oksana",
        last_name="Kovalenko",
        email="Oksana.Kovalenko@Example.ORG",
    )
    invitation, token = participant.invite(world.editor)
    world.invited = participant
    world.invitation = invitation
    world.token = token
    world.link = reverse("participants:invitation", args=[token])
    return world


@pytest.fixture
def coach(world):
    person = SupportPerson.objects.create(
        project=world.project,
        first_name="Ruta",
        last_name="Ozola",
        email="ruta.ozola@example.org",
        role=SupportRole.COACH,
    )
    invitation, token = person.invite(world.admin)
    world.coach = person
    world.coach_invitation = invitation
    world.coach_link = reverse("support:invitation", args=[token])
    return world


def test_the_stored_hash_is_the_links_token_hashed(invited):
    stored = Invitation.objects.get(pk=invited.invitation.pk).token_hash
    assert stored == hash_token(invited.token)
    assert len(stored) == 64
    assert invited.token not in stored


def test_an_account_in_another_letter_case_logs_in_instead_of_a_duplicate(client, invited):
    oksana = make_user("oksana.kovalenko@example.org", "Oksana", "Kovalenko")
    users = User.objects.count()

    page = client.get(invited.link).content.decode()
    assert "Log in to accept" in page
    assert "You have an account with Oksana.Kovalenko@Example.ORG already" in page
    assert f'href="{reverse("login")}?next={quote(invited.link)}"' in page
    assert 'name="password1"' not in page

    response = client.post(invited.link, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert User.objects.count() == users
    invited.invited.refresh_from_db()
    assert invited.invited.user is None
    assert invited.invited.state == ParticipantState.INVITED

    client.post(reverse("login"), {"username": oksana.email, "password": PASSWORD})
    client.post(invited.link)
    invited.invited.refresh_from_db()
    assert invited.invited.user == oksana
    assert User.objects.count() == users


def test_login_leads_back_to_the_invitation(client, invited):
    make_user("oksana.kovalenko@example.org", "Oksana", "Kovalenko")

    response = client.post(invited.link)

    assert response.url == f"{reverse('login')}?next={invited.link}"
    after_login = client.post(
        response.url, {"username": "oksana.kovalenko@example.org", "password": PASSWORD}
    )
    assert after_login.url == invited.link
    assert "You are logged in as" in client.get(after_login.url).content.decode()


def test_the_support_link_also_leads_back_after_login(client, coach):
    make_user("ruta.ozola@example.org", "Ruta", "Ozola")
    response = client.post(coach.coach_link)
    assert response.url == f"{reverse('login')}?next={quote(coach.coach_link)}"


def test_an_active_record_cannot_be_bound_to_a_second_account(client, world):
    """Even with a link that still works, the record stays with its holder."""
    invitation, token = Invitation.create_for(world.participant, world.admin)
    client.force_login(world.outsider)

    response = client.post(reverse("participants:invitation", args=[token]))

    assert response.status_code == 404
    assert "This invitation link does not work" in response.content.decode()
    world.participant.refresh_from_db()
    assert world.participant.user == world.participant_user
    assert world.participant.state == ParticipantState.ACTIVE
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_refusing_an_active_record_leaves_the_invitation_unused(world):
    invitation, _token = Invitation.create_for(world.participant, world.admin)

    with pytest.raises(InvitationStateError):
        invitation.accept(world.outsider)

    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert Participant.objects.get(pk=world.participant.pk).user == world.participant_user


def test_a_new_person_on_a_taken_record_gets_no_account(client, world):
    """The account and the acceptance are one transaction: no account without the record."""
    world.participant.email = "newcomer@example.org"
    world.participant.save()
    _invitation, token = Invitation.create_for(world.participant, world.admin)

    response = client.post(
        reverse("participants:invitation", args=[token]),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 404
    assert not User.objects.filter(email="newcomer@example.org").exists()
    assert "_auth_user_id" not in client.session
    assert Participant.objects.get(pk=world.participant.pk).user == world.participant_user


def test_an_invitation_is_used_once_even_by_an_answer_that_read_it_before(invited):
    stale = Invitation.objects.get(pk=invited.invitation.pk)
    first = make_user("first@example.org")
    second = make_user("second@example.org")

    invited.invitation.accept(first)
    with pytest.raises(InvitationStateError):
        stale.accept(second)

    participant = Participant.objects.get(pk=invited.invited.pk)
    assert participant.user == first
    assert participant.state == ParticipantState.ACTIVE


def test_accepting_binds_the_record_and_uses_the_invitation_up_together(invited):
    user = make_user("oksana.kovalenko@example.org")

    invited.invitation.accept(user)

    invitation = Invitation.objects.get(pk=invited.invitation.pk)
    participant = Participant.objects.get(pk=invited.invited.pk)
    assert invitation.accepted_at is not None
    assert participant.user == user
    assert participant.state == ParticipantState.ACTIVE
    assert Invitation.find_usable(invited.token) is None


def test_a_support_role_is_taken_once(coach):
    stale = SupportInvitation.objects.get(pk=coach.coach_invitation.pk)
    first = make_user("first@example.org")
    second = make_user("second@example.org")

    coach.coach_invitation.accept(first)
    with pytest.raises(InvitationStateError):
        stale.accept(second)

    assert SupportPerson.objects.get(pk=coach.coach.pk).user == first


def test_a_support_role_taken_already_refuses_a_working_link(client, coach):
    """An accepted role with a link that still works (sent before): the role stays."""
    first = make_user("first@example.org")
    coach.coach.accept(first)
    accepted_at = SupportPerson.objects.get(pk=coach.coach.pk).accepted_at
    client.force_login(coach.outsider)

    response = client.post(coach.coach_link)

    assert response.status_code == 404
    person = SupportPerson.objects.get(pk=coach.coach.pk)
    assert person.user == first
    assert person.accepted_at == accepted_at
    assert SupportInvitation.objects.get(pk=coach.coach_invitation.pk).accepted_at is None


def test_a_new_person_on_a_taken_role_gets_no_account(client, coach):
    coach.coach.accept(make_user("first@example.org"))
    coach.coach.email = "newcomer@example.org"
    coach.coach.save()

    response = client.post(coach.coach_link, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert response.status_code == 404
    assert not User.objects.filter(email="newcomer@example.org").exists()


def test_a_support_person_in_another_letter_case_logs_in(client, coach):
    make_user("ruta.ozola@example.org", "Ruta", "Ozola")
    coach.coach.email = "Ruta.Ozola@Example.org"
    coach.coach.save()
    users = User.objects.count()

    assert "Log in to accept" in client.get(coach.coach_link).content.decode()
    client.post(coach.coach_link, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert User.objects.count() == users
    assert SupportPerson.objects.get(pk=coach.coach.pk).user is None


def test_an_invitation_records_who_sent_it_and_when_it_runs_out(invited, settings):
    invitation = Invitation.objects.get(pk=invited.invitation.pk)
    assert invitation.sent_by == invited.editor
    assert invitation.expires_at - invitation.created_at == datetime.timedelta(
        days=settings.INVITATION_MAX_AGE_DAYS
    )


def test_an_absurd_token_is_not_even_hashed(db, monkeypatch):
    hashed = []
    monkeypatch.setattr(invitations, "hash_token", lambda token: hashed.append(token) or "x")

    assert Invitation.find_usable("x" * 101) is None
    assert Invitation.find_usable("") is None
    assert hashed == []
    assert Invitation.find_usable("x" * 100) is None
    assert hashed == ["x" * 100]


def test_a_link_revoked_while_it_was_being_answered_refuses(invited):
    """The invitation was read as usable, then a newer one was sent: the old one is dead."""
    old = Invitation.objects.get(pk=invited.invitation.pk)
    invited.invited.invite(invited.editor)

    with pytest.raises(InvitationStateError):
        old.accept(make_user("oksana.kovalenko@example.org"))

    participant = Participant.objects.get(pk=invited.invited.pk)
    assert participant.user is None
    assert participant.state == ParticipantState.INVITED


def test_a_link_that_ran_out_while_it_was_being_answered_refuses(invited, settings):
    old = Invitation.objects.get(pk=invited.invitation.pk)
    later = old.expires_at + datetime.timedelta(minutes=1)

    with time_machine.travel(later), pytest.raises(InvitationStateError):
        old.accept(make_user("oksana.kovalenko@example.org"))

    assert Participant.objects.get(pk=invited.invited.pk).user is None
    assert Invitation.objects.get(pk=old.pk).accepted_at is None


def test_a_record_read_before_it_was_accepted_cannot_be_accepted_again(invited):
    """The state is read again under a row lock, not taken from the copy in memory."""
    first_copy = Participant.objects.get(pk=invited.invited.pk)
    second_copy = Participant.objects.get(pk=invited.invited.pk)
    first = make_user("first@example.org")

    first_copy.accept(first)
    with pytest.raises(TransitionError):
        second_copy.accept(make_user("second@example.org"))

    participant = Participant.objects.get(pk=invited.invited.pk)
    assert participant.user == first
    assert participant.state == ParticipantState.ACTIVE


def test_a_role_read_before_it_was_accepted_cannot_be_accepted_again(coach):
    first_copy = SupportPerson.objects.get(pk=coach.coach.pk)
    second_copy = SupportPerson.objects.get(pk=coach.coach.pk)
    first = make_user("first@example.org")

    first_copy.accept(first)
    with pytest.raises(InvitationStateError):
        second_copy.accept(make_user("second@example.org"))

    assert SupportPerson.objects.get(pk=coach.coach.pk).user == first


@pytest.mark.parametrize("status", [ParticipantState.ADDED, ParticipantState.INVITED])
def test_a_record_not_yet_bound_is_accepted_from_either_state(world, status):
    participant = Participant.objects.create(
        project=world.project, first_name="Ada", last_name="Liepa", email="ada@example.org"
    )
    Participant.objects.filter(pk=participant.pk).update(state=status)
    user = make_user("ada@example.org")

    participant.accept(user)

    participant = Participant.objects.get(pk=participant.pk)
    assert participant.state == ParticipantState.ACTIVE
    assert participant.user == user
