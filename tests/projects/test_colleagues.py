"""Colleagues: organisation admins invite people by e-mail, change their roles and remove
them; the last admin stays; every change is in the activity log."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts.models import User
from audit.models import AuditEvent
from privacy.erasure import delete_account
from privacy.export import export_data
from projects.models import ColleagueInvitation, LastAdminError, Membership, MembershipRole
from tests.conftest import PASSWORD, login, make_user
from tests.support.conftest import link_from

NEW_PASSWORD = "Kolēģis-2026-rudens"
REFUSING = {"default": {"BACKEND": "tests.mail.RefusingBackend"}}


def colleagues_url(organisation):
    return reverse("projects:colleagues", args=[organisation.code])


def invite(client, organisation, email, role="editor", language="en", follow=True):
    return client.post(
        reverse("projects:colleague_invite", args=[organisation.code]),
        {"email": email, "role": role, "language": language},
        follow=follow,
    )


def membership_of(world, user):
    return Membership.objects.get(organisation=world.organisation, user=user)


def actions(organisation):
    return list(organisation.audit_events.order_by("pk").values_list("action", "actor", "target"))


@pytest.fixture
def invited(client, world, mailoutbox):
    """Anna (admin) has invited dace@example.org as an editor; the client is logged out."""
    login(client, world.admin)
    invite(client, world.organisation, "dace@example.org")
    client.logout()
    world.invitation = ColleagueInvitation.objects.get(email="dace@example.org")
    world.link = link_from(mailoutbox[-1])
    return world


# Inviting.


def test_the_organisation_page_links_to_the_colleagues(client, world):
    page = login(client, world.admin).get(
        reverse("projects:organisation", args=[world.organisation.code])
    )
    assert colleagues_url(world.organisation) in page.text


def test_an_admin_invites_a_colleague_by_e_mail(client, world, mailoutbox):
    login(client, world.admin)
    response = invite(client, world.organisation, "Dace@Example.org", role="admin")

    assert "Invitation sent to Dace@Example.org (role: Organisation admin)." in response.text
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["Dace@Example.org"]
    assert mail.subject == "Join Jauniešu centrs Ģēnijs on Youthpass"
    assert "Anna Bērziņa invites you to join Jauniešu centrs Ģēnijs" in mail.body
    assert "Organisation admin" in mail.body
    assert link_from(mail).startswith("/colleagues/invitations/")

    invitation = ColleagueInvitation.objects.get()
    assert (invitation.email, invitation.role, invitation.sent_by) == (
        "Dace@Example.org",
        "admin",
        world.admin,
    )
    assert invitation.is_pending
    # Listed as pending; nobody became a member yet.
    assert "Dace@Example.org" in response.text.split("Pending invitations")[1]
    assert not User.objects.filter(email__iexact="dace@example.org").exists()
    assert actions(world.organisation) == [
        ("colleague_invited", world.admin.pk, f"invitation {invitation.code}: admin")
    ]


def test_the_e_mail_is_in_the_language_the_admin_chose(client, world, mailoutbox):
    login(client, world.admin)
    invite(client, world.organisation, "dace@example.org", language="lv")

    with translation.override("lv"):
        latvian = gettext("Open this link to accept the invitation:")
    assert latvian != "Open this link to accept the invitation:"
    assert latvian in mailoutbox[0].body
    assert ColleagueInvitation.objects.get().language == "lv"


def test_someone_with_an_account_gets_it_in_their_accounts_language(client, world, mailoutbox):
    make_user("dace@example.org", "Dace", "Kļaviņa", language="lv")
    login(client, world.admin)
    invite(client, world.organisation, "dace@example.org", language="en")
    assert '<html lang="lv">' in mailoutbox[0].alternatives[0][0]


def test_a_colleagues_invitation_link_opens_in_its_language(client, world, mailoutbox):
    login(client, world.admin)
    invite(client, world.organisation, "dace@example.org", language="lv")
    client.logout()
    client.cookies.clear()
    page = client.get(link_from(mailoutbox[0]), headers={"accept-language": "en"})
    assert '<html lang="lv">' in page.text


def test_the_form_offers_the_current_language(client, world):
    login(client, world.admin)
    page = client.get(colleagues_url(world.organisation), headers={"accept-language": "lv"})
    assert '<option value="lv" selected>' in page.text


def test_a_bad_address_is_refused_on_the_page(client, world, mailoutbox):
    login(client, world.admin)
    response = invite(client, world.organisation, "not an address", follow=False)
    assert response.status_code == 200
    assert "Enter a valid email address." in response.text
    assert not ColleagueInvitation.objects.exists()
    assert mailoutbox == []


def test_a_role_outside_the_list_is_refused(client, world, mailoutbox):
    login(client, world.admin)
    response = invite(client, world.organisation, "dace@example.org", role="owner", follow=False)
    assert response.status_code == 200
    assert "Select a valid choice." in response.text
    assert not ColleagueInvitation.objects.exists()


def test_inviting_a_member_says_so_and_changes_nothing(client, world, mailoutbox):
    login(client, world.admin)
    response = invite(client, world.organisation, "EDITOR@example.org", role="admin")

    assert "EDITOR@example.org is a member of Jauniešu centrs Ģēnijs already." in response.text
    assert "Nothing was changed." in response.text
    assert mailoutbox == []
    assert not ColleagueInvitation.objects.exists()
    assert membership_of(world, world.editor).role == MembershipRole.EDITOR
    assert actions(world.organisation) == []


def test_a_member_of_another_organisation_can_be_invited(client, world, mailoutbox):
    login(client, world.admin)
    invite(client, world.organisation, world.outsider.email)
    assert len(mailoutbox) == 1


def test_inviting_a_pending_address_again_replaces_the_first_link(client, invited, mailoutbox):
    first_link = invited.link
    login(client, invited.admin)
    response = invite(client, invited.organisation, "dace@example.org", role="admin")

    pending = invited.organisation.pending_invitations()
    assert [(i.email, i.role) for i in pending] == [("dace@example.org", "admin")]
    assert response.text.split("Pending invitations")[1].count("dace@example.org") == 1
    client.logout()
    assert client.get(first_link).status_code == 404
    assert client.get(link_from(mailoutbox[-1])).status_code == 200


def test_a_refused_e_mail_leaves_no_invitation(client, world, settings):
    settings.MAILERS = REFUSING
    login(client, world.admin)
    response = invite(client, world.organisation, "dace@example.org")
    assert "The invitation to dace@example.org could not be sent" in response.text
    assert not ColleagueInvitation.objects.exists()
    assert actions(world.organisation) == []


# Accepting.


def test_opening_the_link_changes_nothing(client, invited):
    page = client.get(invited.link)
    assert page.status_code == 200
    assert "Join Jauniešu centrs Ģēnijs" in page.text
    assert "Anna Bērziņa invites you to work with Jauniešu centrs Ģēnijs" in page.text
    assert "Editor" in page.text
    invited.invitation.refresh_from_db()
    assert invited.invitation.accepted_at is None
    assert not User.objects.filter(email="dace@example.org").exists()


def test_a_new_person_creates_an_account_and_becomes_a_member(client, invited):
    response = client.post(
        invited.link,
        {
            "first_name": "Dace",
            "last_name": "Kļaviņa",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
        follow=True,
    )

    assert "Welcome to Jauniešu centrs Ģēnijs! Your role: Editor." in response.text
    user = User.objects.get(email="dace@example.org")
    assert (user.first_name, user.last_name) == ("Dace", "Kļaviņa")
    assert user.check_password(NEW_PASSWORD)
    assert membership_of(invited, user).role == MembershipRole.EDITOR
    # Logged in, and the organisation's projects are open to the new member.
    dashboard = client.get(reverse("dashboard:project", args=[invited.project.code]))
    assert dashboard.status_code == 200
    invited.invitation.refresh_from_db()
    assert invited.invitation.accepted_at is not None
    assert actions(invited.organisation)[-1] == (
        "colleague_joined",
        user.pk,
        f"user {user.pk}: editor (invitation {invited.invitation.code})",
    )


def test_a_new_person_gives_a_name(client, invited):
    response = client.post(invited.link, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 200
    assert "This field is required." in response.text
    assert not User.objects.filter(email="dace@example.org").exists()
    assert not Membership.objects.filter(user__email="dace@example.org").exists()


def test_the_link_works_once(client, invited):
    data = {"first_name": "Dace", "last_name": "Kļaviņa"}
    client.post(invited.link, {**data, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    client.logout()

    again = client.get(invited.link)
    assert again.status_code == 404
    assert "This invitation was accepted already" in again.text
    assert client.post(invited.link, {}).status_code == 404
    assert Membership.objects.filter(user__email="dace@example.org").count() == 1


def test_someone_with_an_account_logs_in_to_accept(client, invited):
    dace = make_user("dace@example.org", "Dace", "Kļaviņa")
    page = client.get(invited.link)
    assert "Log in to accept" in page.text

    response = client.post(invited.link)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not Membership.objects.filter(user=dace).exists()

    client.post(
        reverse("login") + f"?next={invited.link}",
        {"username": "dace@example.org", "password": PASSWORD},
    )
    assert "You are logged in as dace@example.org" in client.get(invited.link).text
    client.post(invited.link)
    assert membership_of(invited, dace).role == MembershipRole.EDITOR


def test_a_member_opening_an_invitation_is_told_and_it_stays_usable(client, invited):
    login(client, invited.editor)
    response = client.post(invited.link, follow=True)
    assert "You are a member of Jauniešu centrs Ģēnijs already." in response.text
    assert invited.organisation.memberships.count() == 2
    invited.invitation.refresh_from_db()
    assert invited.invitation.accepted_at is None


def test_an_expired_link_does_not_work_and_shows_as_expired(client, invited):
    later = timezone.now() + datetime.timedelta(days=15)
    with time_machine.travel(later):
        assert client.get(invited.link).status_code == 404
        page = login(client, invited.admin).get(colleagues_url(invited.organisation))
    assert "expired" in page.text.split("Pending invitations")[1]


def test_unknown_links_are_not_found(client, db):
    response = client.get(reverse("projects:colleague_invitation", args=["no-such-token"]))
    assert response.status_code == 404
    assert "This invitation link does not work" in response.text


# Pending invitations: send again, cancel.


def test_sending_again_mails_a_new_link_and_the_old_one_stops(client, invited, mailoutbox):
    login(client, invited.admin)
    response = client.post(
        reverse(
            "projects:colleague_invitation_resend",
            args=[invited.organisation.code, invited.invitation.code],
        ),
        follow=True,
    )
    assert "Invitation sent to dace@example.org." in response.text
    assert len(mailoutbox) == 2
    assert mailoutbox[1].to == ["dace@example.org"]
    new = invited.organisation.pending_invitations().get()
    assert new.pk != invited.invitation.pk and new.role == MembershipRole.EDITOR
    client.logout()
    assert client.get(invited.link).status_code == 404
    assert client.get(link_from(mailoutbox[1])).status_code == 200
    assert actions(invited.organisation)[-1] == (
        "colleague_invited",
        invited.admin.pk,
        f"invitation {new.code}: editor",
    )


def test_cancelling_stops_the_link(client, invited):
    login(client, invited.admin)
    url = reverse(
        "projects:colleague_invitation_cancel",
        args=[invited.organisation.code, invited.invitation.code],
    )
    response = client.post(url, follow=True)
    assert "The invitation to dace@example.org was cancelled" in response.text
    assert "No invitations are waiting for an answer." in response.text
    assert not invited.organisation.pending_invitations().exists()
    assert actions(invited.organisation)[-1] == (
        "colleague_invitation_cancelled",
        invited.admin.pk,
        f"invitation {invited.invitation.code}: editor",
    )
    # A second cancel says so and logs nothing more.
    count = len(actions(invited.organisation))
    assert "is not pending any more" in client.post(url, follow=True).text
    assert len(actions(invited.organisation)) == count
    client.logout()
    assert client.get(invited.link).status_code == 404


def test_an_accepted_invitation_cannot_be_sent_again(client, invited, mailoutbox):
    invited.invitation.accept(make_user("dace@example.org"))
    login(client, invited.admin)
    response = client.post(
        reverse(
            "projects:colleague_invitation_resend",
            args=[invited.organisation.code, invited.invitation.code],
        ),
        follow=True,
    )
    assert "is not pending any more" in response.text
    assert len(mailoutbox) == 1


def test_another_organisations_invitation_is_not_found(client, invited):
    login(client, invited.outsider)
    url = reverse(
        "projects:colleague_invitation_cancel",
        args=[invited.other_organisation.code, invited.invitation.code],
    )
    assert client.post(url).status_code == 404
    invited.invitation.refresh_from_db()
    assert invited.invitation.is_pending


# Roles.


def role_url(world, user):
    membership = membership_of(world, user)
    return reverse("projects:colleague_role", args=[world.organisation.code, membership.code])


def test_an_admin_makes_an_editor_an_admin(client, world):
    login(client, world.admin)
    response = client.post(role_url(world, world.editor), {"role": "admin"}, follow=True)
    assert "The role of Edgars Ozols is now: Organisation admin." in response.text
    assert membership_of(world, world.editor).role == MembershipRole.ADMIN
    assert actions(world.organisation) == [
        ("membership_changed", world.admin.pk, f"user {world.editor.pk}: admin")
    ]


def test_the_same_role_again_changes_nothing(client, world):
    login(client, world.admin)
    client.post(role_url(world, world.editor), {"role": "editor"})
    assert actions(world.organisation) == []


def test_a_role_outside_the_list_changes_nothing(client, world):
    login(client, world.admin)
    response = client.post(role_url(world, world.editor), {"role": "owner"}, follow=True)
    assert "Choose a role from the list." in response.text
    assert membership_of(world, world.editor).role == MembershipRole.EDITOR


def test_the_last_admin_cannot_become_an_editor(client, world):
    login(client, world.admin)
    response = client.post(role_url(world, world.admin), {"role": "editor"}, follow=True)
    assert "Anna Bērziņa is the organisation’s only admin and stays one." in response.text
    assert membership_of(world, world.admin).role == MembershipRole.ADMIN
    assert actions(world.organisation) == []


def test_with_two_admins_one_may_step_down(client, world):
    membership_of(world, world.editor).change_role("admin", by=world.admin)
    login(client, world.admin)
    response = client.post(role_url(world, world.admin), {"role": "editor"}, follow=True)
    assert membership_of(world, world.admin).role == MembershipRole.EDITOR
    # Now an editor: the list is read-only for them.
    assert response.request["PATH_INFO"] == colleagues_url(world.organisation)
    assert "Invite a colleague" not in response.text


def test_two_admins_demoting_each_other_leave_one(world):
    """Each change reads the roles afresh under the organisation's lock: the second
    demotion, decided on a stale copy, is refused."""
    membership_of(world, world.editor).change_role("admin", by=world.admin)
    anna = membership_of(world, world.admin)
    edgars = membership_of(world, world.editor)

    assert anna.change_role("editor", by=world.editor)
    with pytest.raises(LastAdminError):
        edgars.change_role("editor", by=world.admin)

    roles = dict(world.organisation.memberships.values_list("user", "role"))
    assert roles == {world.admin.pk: "editor", world.editor.pk: "admin"}


# Removing.


def remove_url(world, user):
    membership = membership_of(world, user)
    return reverse("projects:colleague_remove", args=[world.organisation.code, membership.code])


def test_the_removal_asks_first(client, world):
    login(client, world.admin)
    page = client.get(remove_url(world, world.editor))
    assert "Remove Edgars Ozols from Jauniešu centrs Ģēnijs?" in page.text
    assert Membership.objects.filter(user=world.editor).exists()


def test_a_removed_colleague_loses_the_projects_at_once(client, world):
    project_url = reverse("dashboard:project", args=[world.project.code])
    editor_client = login(client.__class__(), world.editor)
    assert editor_client.get(project_url).status_code == 200

    login(client, world.admin)
    response = client.post(remove_url(world, world.editor), follow=True)

    assert "Edgars Ozols is no longer a member of Jauniešu centrs Ģēnijs." in response.text
    assert not Membership.objects.filter(user=world.editor).exists()
    assert editor_client.get(project_url).status_code == 404
    assert editor_client.get(colleagues_url(world.organisation)).status_code == 404
    assert actions(world.organisation) == [
        ("membership_changed", world.admin.pk, f"user {world.editor.pk}: removed")
    ]


def test_the_last_admin_cannot_be_removed(client, world):
    login(client, world.admin)
    response = client.post(remove_url(world, world.admin), follow=True)
    assert "Anna Bērziņa is the organisation’s only admin and cannot be removed." in response.text
    assert membership_of(world, world.admin).role == MembershipRole.ADMIN
    assert actions(world.organisation) == []


def test_an_admin_may_leave_when_another_admin_stays(client, world):
    membership_of(world, world.editor).change_role("admin", by=world.admin)
    login(client, world.admin)
    assert "Leave Jauniešu centrs Ģēnijs?" in client.get(remove_url(world, world.admin)).text
    response = client.post(remove_url(world, world.admin))
    assert response["Location"] == reverse("dashboard:projects")
    assert not Membership.objects.filter(user=world.admin, organisation=world.organisation)


# Who sees what.


def test_an_admin_sees_the_controls(client, world):
    page = login(client, world.admin).get(colleagues_url(world.organisation)).text
    assert "Invite a colleague" in page
    assert "Change role" in page
    assert remove_url(world, world.editor) in page
    # The only admin's own role cannot be changed here.
    assert remove_url(world, world.admin) not in page
    assert "The only admin" in page


def test_an_editor_sees_the_list_read_only(client, invited):
    login(client, invited.editor)
    page = client.get(colleagues_url(invited.organisation)).text
    assert "Anna Bērziņa" in page and "Edgars Ozols" in page
    assert "dace@example.org" in page
    for control in ("Invite a colleague", "Change role", "Send again", "Cancel invitation"):
        assert control not in page
    assert remove_url(invited, invited.admin) not in page

    assert invite(client, invited.organisation, "x@example.org").status_code == 403
    assert client.post(role_url(invited, invited.editor), {"role": "admin"}).status_code == 403
    assert client.post(remove_url(invited, invited.admin)).status_code == 403
    assert membership_of(invited, invited.editor).role == MembershipRole.EDITOR
    assert invited.organisation.memberships.count() == 2
    assert ColleagueInvitation.objects.count() == 1


def test_an_outsider_gets_not_found(client, world):
    login(client, world.outsider)
    assert client.get(colleagues_url(world.organisation)).status_code == 404
    assert invite(client, world.organisation, "x@example.org").status_code == 404
    assert client.post(role_url(world, world.editor), {"role": "admin"}).status_code == 404
    assert not ColleagueInvitation.objects.exists()


def test_a_participant_gets_not_found(client, world):
    login(client, world.participant_user)
    assert client.get(colleagues_url(world.organisation)).status_code == 404


def test_anonymous_is_sent_to_log_in(client, world):
    response = client.get(colleagues_url(world.organisation))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    response = invite(client, world.organisation, "x@example.org", follow=False)
    assert response["Location"].startswith(reverse("login"))
    assert not ColleagueInvitation.objects.exists()


def test_the_list_takes_the_same_queries_for_2_and_50_colleagues(client, world):
    login(client, world.admin)

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(colleagues_url(world.organisation)).status_code == 200
        return len(captured)

    few = count()
    for n in range(48):
        Membership.objects.create(
            organisation=world.organisation, user=make_user(f"colleague{n}@example.org")
        )
        world.organisation.invite_colleague(
            f"pending{n}@example.org", "editor", by=world.admin, language="en"
        )
    assert count() == few


# Account deletion.


def test_deleting_an_account_deletes_the_invitations_to_its_address(invited):
    dace = make_user("DACE@example.org")
    other, _token = invited.organisation.invite_colleague(
        "someone.else@example.org", "editor", by=dace, language="en"
    )
    delete_account(dace)
    assert not ColleagueInvitation.objects.filter(email__iexact="dace@example.org").exists()
    # Invitations the person sent to others stay, without the link to the account.
    other.refresh_from_db()
    assert other.sent_by is None and other.is_pending


def test_the_persons_data_download_lists_the_invitations_to_their_address(invited):
    dace = make_user("dace@example.org")
    data = export_data(dace)
    assert [
        (i["organisation"], i["role"], i["accepted"]) for i in data["invitations_to_organisations"]
    ] == [("Jauniešu centrs Ģēnijs", "Editor", None)]


def test_the_audit_log_shows_the_changes(client, invited):
    login(client, invited.admin)
    page = client.get(reverse("projects:organisation_log", args=[invited.organisation.code]))
    assert "Colleague invited" in page.text
    assert f"invitation {invited.invitation.code}: editor" in page.text
    assert AuditEvent.objects.filter(action="colleague_invited").count() == 1


def test_the_navigation_leads_editors_to_the_colleagues(client, world):
    organisation_url = reverse("projects:organisation", args=[world.organisation.code])
    page = login(client, world.editor).get(reverse("dashboard:projects")).text
    assert f'href="{colleagues_url(world.organisation)}">Organisation<' in page
    assert f'href="{organisation_url}"' not in page
    page = login(client, world.admin).get(reverse("dashboard:projects")).text
    assert f'href="{organisation_url}">Organisation<' in page
