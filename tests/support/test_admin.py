"""The site admin for support persons, their invitations, feedback and assessments."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from support.models import (
    Feedback,
    SupervisorAssessment,
    SupportInvitation,
    SupportPerson,
    SupportRole,
)
from tests.conftest import PASSWORD, make_user
from tests.support.conftest import add_support_person

MODELS = (SupportPerson, SupportInvitation, Feedback, SupervisorAssessment)


def url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def full(support):
    support.invited = SupportPerson.objects.create(
        project=support.project,
        first_name="Ruta",
        last_name="Ozola",
        email="ruta.ozola@example.org",
        role=SupportRole.COACH,
    )
    support.invitation, support.token = support.invited.invite(support.admin)
    support.feedback = support.mentor.give_feedback(support.shared_goal, "Labs mērķis.")
    support.mentor.give_feedback(support.shared_entry, "Laba refleksija.")
    support.assessment, _changed = SupervisorAssessment.write(
        support.participant, support.supervisor, "Kalniņa strādāja rūpīgi.", 0
    )
    return support


@pytest.fixture
def admin_client(client, db):
    client.force_login(User.objects.create_superuser("root@example.org", PASSWORD))
    return client


def grow(world, n=10):
    for i in range(n):
        user = make_user(f"mentor{i}@example.org", "Anna", f"Liepa {i}")
        person = add_support_person(world.project, user, SupportRole.MENTOR, [world.participant])
        person.give_feedback(world.shared_goal, f"Feedback {i}")
        person.give_feedback(world.shared_entry, f"Feedback {i}")
        invited = SupportPerson.objects.create(
            project=world.project,
            first_name="Ilze",
            last_name=f"Kalna {i}",
            email=f"ilze{i}@example.org",
            role=SupportRole.COACH,
        )
        invited.invite(world.admin)
        participant = world.project.participants.create(
            first_name="Olena", last_name=f"Koval {i}", email=f"olena{i}@example.org"
        )
        SupervisorAssessment.write(participant, world.supervisor, f"Assessment {i}", 0)


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.label)
def test_changelist_search_and_change_page_open(admin_client, full, model):
    assert admin_client.get(url(model, "changelist")).status_code == 200
    assert admin_client.get(url(model, "changelist"), {"q": "Kalniņa"}).status_code == 200
    obj = model._default_manager.first()
    assert admin_client.get(url(model, "change", obj.pk)).status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.label)
def test_list_pages_take_the_same_number_of_queries_for_more_rows(admin_client, full, model):
    with CaptureQueriesContext(connection) as few:
        assert admin_client.get(url(model, "changelist")).status_code == 200
    grow(full)
    with CaptureQueriesContext(connection) as many:
        assert admin_client.get(url(model, "changelist")).status_code == 200
    assert len(many) == len(few)


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.label)
def test_non_staff_is_sent_to_login(client, full, model):
    client.force_login(full.admin)
    response = client.get(url(model, "changelist"))
    assert response.url.startswith(reverse("admin:login"))


def test_support_persons_are_found_by_name_and_project(admin_client, full):
    response = admin_client.get(url(SupportPerson, "changelist"), {"q": "Kļaviņa"})
    assert "supervisor@example.org" in response.text
    assert "mentor@example.org" not in response.text
    response = admin_client.get(url(SupportPerson, "changelist"), {"q": "Other project"})
    assert "foreign@example.org" in response.text
    assert "supervisor@example.org" not in response.text


def test_invitation_token_hash_is_never_shown(admin_client, full):
    for page in (
        url(SupportInvitation, "change", full.invitation.pk),
        url(SupportPerson, "change", full.invited.pk),
        url(SupportInvitation, "changelist"),
    ):
        response = admin_client.get(page)
        assert response.status_code == 200
        assert full.invitation.token_hash not in response.text
        assert "token_hash" not in response.text
        assert "token hash" not in response.text.lower()
    assert admin_client.get(url(SupportInvitation, "add")).status_code == 403


def test_revoke_action_stops_the_link(admin_client, full):
    admin_client.post(
        url(SupportInvitation, "changelist"),
        {"action": "revoke", admin.helpers.ACTION_CHECKBOX_NAME: [full.invitation.pk]},
    )
    assert SupportInvitation.find_usable(full.token) is None


def test_feedback_and_assessment_are_readable_not_writable(admin_client, full):
    response = admin_client.get(url(Feedback, "change", full.feedback.pk))
    assert "Labs mērķis." in response.text
    assert 'name="text"' not in response.text
    response = admin_client.get(url(SupervisorAssessment, "change", full.assessment.pk))
    assert "Kalniņa strādāja rūpīgi." in response.text
    assert 'name="text"' not in response.text
    assert 'name="consent_at"' not in response.text
    admin_client.post(url(SupervisorAssessment, "change", full.assessment.pk), {"text": "Nope"})
    full.assessment.refresh_from_db()
    assert full.assessment.text == "Kalniņa strādāja rūpīgi."
    assert admin_client.get(url(Feedback, "add")).status_code == 403
    assert admin_client.get(url(SupervisorAssessment, "add")).status_code == 403


def test_operator_may_delete_abusive_feedback(admin_client, full):
    response = admin_client.post(url(Feedback, "delete", full.feedback.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Feedback.objects.filter(pk=full.feedback.pk).exists()


def test_feedback_list_says_what_it_is_about(admin_client, full):
    response = admin_client.get(url(Feedback, "changelist"))
    assert "Goal: Lead a workshop in English" in response.text
    assert "Journal entry of" in response.text


def test_admin_assigns_only_participants_of_the_project(admin_client, full):
    foreign_participant = full.foreign.participants.get()
    person = full.mentor
    response = admin_client.post(
        url(SupportPerson, "change", person.pk),
        {
            "project": person.project.pk,
            "role": person.role,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "email": person.email,
            "user": person.user.pk,
            "participants": [full.participant.pk, foreign_participant.pk],
            "invitations-TOTAL_FORMS": "0",
            "invitations-INITIAL_FORMS": "0",
        },
    )
    assert "Only participants of the support person’s project can be assigned: Mari Mets" in (
        response.text
    )
    assert list(person.participants.all()) == [full.participant]
