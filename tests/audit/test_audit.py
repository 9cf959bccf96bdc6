import datetime

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from certificates.models import Certificate
from participants.models import TransitionError
from privacy.erasure import delete_account
from privacy.export import export_zip
from projects.models import Membership, MembershipRole
from tests.conftest import login, make_user

Action = AuditEvent.Action


def only_event(action):
    (event,) = AuditEvent.objects.filter(action=action)
    return event


@pytest.fixture
def certificate(world, approved_participant):
    return Certificate.issue_for(approved_participant, world.admin, "en")


def log_url(organisation):
    return reverse("projects:organisation_log", args=[organisation.code])


# Each action records one event: who, for which organisation, about what.


def test_approving_is_recorded(world, approved_participant):
    event = only_event(Action.REVIEW_APPROVED)
    assert (event.actor, event.actor_label) == (world.admin, "admin@example.org")
    assert event.organisation == world.organisation
    assert event.target == approved_participant.code


def test_returning_is_recorded(world):
    world.participant.submit()
    world.participant.return_for_changes(world.editor, "Please add an example.")
    event = only_event(Action.REVIEW_RETURNED)
    assert (event.actor, event.organisation) == (world.editor, world.organisation)
    assert event.target == world.participant.code


def test_issuing_is_recorded(world, certificate):
    event = only_event(Action.CERTIFICATE_ISSUED)
    assert (event.actor, event.organisation) == (world.admin, world.organisation)
    assert event.target == certificate.certificate_id


def test_revoking_is_recorded(world, certificate):
    certificate.revoke(world.editor, "Did not take part")
    event = only_event(Action.CERTIFICATE_REVOKED)
    assert (event.actor, event.organisation) == (world.editor, world.organisation)
    assert event.target == certificate.certificate_id


def test_replacing_is_recorded(world, certificate):
    new = certificate.replace(world.editor, "Wrong dates")
    event = only_event(Action.CERTIFICATE_REPLACED)
    assert (event.actor, event.organisation) == (world.editor, world.organisation)
    assert event.target == certificate.certificate_id
    issued = AuditEvent.objects.filter(action=Action.CERTIFICATE_ISSUED).first()
    assert issued.target == new.certificate_id


def test_refused_action_records_nothing(world):
    with pytest.raises(TransitionError):
        world.participant.approve(world.admin)  # not submitted
    assert not AuditEvent.objects.exists()


def test_data_download_is_recorded(world):
    export_zip(world.participant_user)
    event = only_event(Action.DATA_EXPORTED)
    assert (event.actor, event.actor_label) == (world.participant_user, "participant@example.org")
    assert event.organisation is None


def test_account_deletion_is_recorded_without_saying_whose(world):
    export_zip(world.participant_user)
    code = world.participant.code
    delete_account(world.participant_user)
    event = only_event(Action.ACCOUNT_DELETED)
    assert (event.actor, event.actor_label) == (None, "")
    assert event.actor_display == "a participant"
    assert (event.organisation, event.target) == (world.organisation, code)
    # The person's download no longer names them either.
    assert only_event(Action.DATA_EXPORTED).actor_label == ""
    assert not AuditEvent.objects.filter(actor_label="participant@example.org").exists()


def test_actor_label_stays_when_an_organiser_account_goes(world, approved_participant):
    world.admin.delete()
    event = only_event(Action.REVIEW_APPROVED)
    assert (event.actor, event.actor_label) == (None, "admin@example.org")


@pytest.fixture
def site_admin(client, db):
    user = make_user("root@example.org", is_staff=True, is_superuser=True)
    return login(client, user)


def test_membership_changes_in_the_admin_are_recorded(site_admin, world):
    newcomer = make_user("new@example.org")
    url = reverse("admin:projects_membership_add")
    data = {
        "organisation": world.organisation.pk,
        "user": newcomer.pk,
        "role": MembershipRole.EDITOR,
    }
    assert site_admin.post(url, data).status_code == 302
    membership = Membership.objects.get(user=newcomer)
    event = only_event(Action.MEMBERSHIP_CHANGED)
    assert event.actor.email == "root@example.org"
    assert event.organisation == world.organisation
    assert event.target == f"user {newcomer.pk}: editor"

    url = reverse("admin:projects_membership_delete", args=[membership.pk])
    assert site_admin.post(url, {"post": "yes"}).status_code == 302
    removed = AuditEvent.objects.filter(action=Action.MEMBERSHIP_CHANGED).first()
    assert removed.target == f"user {newcomer.pk}: removed"


def test_signing_up_records_the_first_admin(client, db):
    from accounts.models import SignupRequest
    from projects.signup import confirm

    request = SignupRequest.objects.create(
        email="founder@example.org",
        organisation_name="Founders",
        password="x",
        language="en",
        expires_at=timezone.now() + datetime.timedelta(days=1),
    )
    user = confirm(request)
    event = only_event(Action.MEMBERSHIP_CHANGED)
    assert (event.actor, event.organisation.name) == (user, "Founders")
    assert event.target == f"user {user.pk}: admin"


# The page: the organisation's own events, for its admins.


def test_admin_sees_the_organisations_events_newest_first(client, world, certificate):
    certificate.revoke(world.admin, "Did not take part")
    AuditEvent.objects.create(
        action=Action.CERTIFICATE_ISSUED, organisation=world.other_organisation, target="OTHER-1"
    )
    response = login(client, world.admin).get(log_url(world.organisation))
    content = response.content.decode()
    assert response.status_code == 200
    assert "OTHER-1" not in content
    assert content.index("Certificate revoked") < content.index("Certificate issued")
    assert content.index("Certificate issued") < content.index("Self-assessment approved")
    assert certificate.certificate_id in content
    assert "admin@example.org" in content


def test_organisation_page_links_to_the_log(client, world):
    response = login(client, world.admin).get(
        reverse("projects:organisation", args=[world.organisation.code])
    )
    assert log_url(world.organisation) in response.content.decode()


@pytest.mark.parametrize(
    ("who", "status"), [("editor", 403), ("outsider", 404), ("participant_user", 404)]
)
def test_roles(client, world, who, status):
    response = login(client, getattr(world, who)).get(log_url(world.organisation))
    assert response.status_code == status


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(log_url(world.organisation))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def add_events(organisation, count):
    AuditEvent.objects.bulk_create(
        AuditEvent(action=Action.REVIEW_APPROVED, organisation=organisation, target=f"P{n}")
        for n in range(count)
    )


@pytest.mark.parametrize("count", [2, 50])
def test_fixed_number_of_queries(client, world, django_assert_num_queries, count):
    add_events(world.organisation, count)
    login(client, world.admin)
    # The same for 2 rows as for 50: session, user, organisation, role, count, page…
    with django_assert_num_queries(9):
        response = client.get(log_url(world.organisation))
    assert response.content.decode().count("<code>P") == count


def test_paginated_by_50(client, world):
    add_events(world.organisation, 51)
    login(client, world.admin)
    assert client.get(log_url(world.organisation)).content.decode().count("<code>P") == 50
    second = client.get(log_url(world.organisation) + "?page=2").content.decode()
    assert second.count("<code>P") == 1


# Site admins: read-only in the Django admin.


def test_admin_is_read_only(site_admin, world, approved_participant):
    event = only_event(Action.REVIEW_APPROVED)
    model_admin = admin.site._registry[AuditEvent]
    request = site_admin.get("/").wsgi_request
    request.user = event.actor.__class__.objects.get(email="root@example.org")
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, event)
    assert not model_admin.has_delete_permission(request, event)
    assert site_admin.get(reverse("admin:audit_auditevent_changelist")).status_code == 200
    change = site_admin.get(reverse("admin:audit_auditevent_change", args=[event.pk]))
    assert change.status_code == 200
    assert approved_participant.code in change.content.decode()
    assert site_admin.get(reverse("admin:audit_auditevent_add")).status_code == 403
    delete_url = reverse("admin:audit_auditevent_delete", args=[event.pk])
    assert site_admin.post(delete_url, {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()
