"""Organisers invite support persons per project, assign them, invite again and remove them."""

import pytest
from django.urls import reverse

from support.models import SupervisorAssessment, SupportPerson, SupportRole
from tests.conftest import make_project, make_user
from tests.support.conftest import link_from, organiser_url


def new_person(world, **extra):
    data = {
        "first_name": "Ruta",
        "last_name": "Ozola",
        "email": "Ruta.Ozola@Example.org",
        "role": SupportRole.MENTOR,
        "participants": [world.participant.pk],
        "send_invitation": "on",
    }
    data.update(extra)
    return data


def assert_only_organisers_get_in(client, world, url, data=None):
    """Organisers pass; the project's participants and support persons 403; others 404."""
    for user, status in (
        (world.participant_user, 403),
        (world.supervisor_user, 403),
        (world.unassigned_user, 403),
        (world.outsider, 404),
        (world.foreign_user, 404),
    ):
        client.force_login(user)
        assert client.get(url).status_code == status, user
        assert client.post(url, data or {}).status_code == status, user
    client.logout()
    assert client.get(url).url.startswith(reverse("login"))
    assert client.post(url, data or {}).url.startswith(reverse("login"))


# The list


def test_list_shows_support_persons_their_state_and_participants(client, support):
    client.force_login(support.editor)
    page = client.get(organiser_url(support.project)).content.decode()
    assert "Dace Kļaviņa" in page
    assert "Supervisor" in page
    assert "Joined" in page
    assert "Līga Kalniņa" in page
    assert "Kaja Kask" not in page  # a support person of another project


def test_list_roles(client, support):
    assert_only_organisers_get_in(client, support, organiser_url(support.project))


def test_list_queries_do_not_grow_with_rows(client, support, django_assert_max_num_queries):
    client.force_login(support.admin)
    url = organiser_url(support.project)
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    for n in range(20):
        person = SupportPerson.objects.create(
            project=support.project,
            first_name="Anna",
            last_name=f"Liepa {n}",
            email=f"anna{n}@example.org",
            role=SupportRole.COACH,
        )
        person.assign([support.participant, support.other_participant])
        person.invite(support.admin)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


# Adding


def test_organiser_adds_and_invites_a_support_person(client, support, mailoutbox):
    client.force_login(support.admin)
    response = client.post(organiser_url(support.project, "add"), new_person(support))
    assert response.status_code == 302
    person = SupportPerson.objects.get(email="ruta.ozola@example.org")
    assert person.project == support.project
    assert person.role == SupportRole.MENTOR
    assert list(person.participants.all()) == [support.participant]
    assert person.invitations.usable().count() == 1
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["ruta.ozola@example.org"]
    assert support.project.title in mailoutbox[0].subject


def test_adding_without_invitation_sends_nothing(client, support, mailoutbox):
    client.force_login(support.admin)
    data = new_person(support)
    del data["send_invitation"]
    client.post(organiser_url(support.project, "add"), data)
    person = SupportPerson.objects.get(email="ruta.ozola@example.org")
    assert not person.invitations.exists()
    assert mailoutbox == []
    page = client.get(organiser_url(support.project)).content.decode()
    assert "Not invited yet" in page


def test_add_form_lists_only_the_projects_participants(client, support):
    client.force_login(support.admin)
    page = client.get(organiser_url(support.project, "add")).content.decode()
    assert "Līga Kalniņa" in page
    assert "Jānis Ščerbina" in page
    assert "Mari Mets" not in page


def test_participant_of_another_project_cannot_be_assigned(client, support):
    foreign_participant = support.foreign.participants.get()
    client.force_login(support.admin)
    response = client.post(
        organiser_url(support.project, "add"),
        new_person(support, participants=[foreign_participant.pk]),
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not SupportPerson.objects.filter(email="ruta.ozola@example.org").exists()


def test_the_same_address_in_the_same_role_is_refused(client, support):
    client.force_login(support.admin)
    response = client.post(
        organiser_url(support.project, "add"),
        new_person(support, email="MENTOR@example.org", role=SupportRole.MENTOR),
    )
    assert "mentor@example.org has this role in the project already." in response.content.decode()
    assert SupportPerson.objects.filter(email="mentor@example.org").count() == 1


def test_the_same_address_in_another_role_is_welcome(client, support):
    client.force_login(support.admin)
    client.post(
        organiser_url(support.project, "add"),
        new_person(support, email="mentor@example.org", role=SupportRole.DIALOGUE_PARTNER),
    )
    assert SupportPerson.objects.filter(email="mentor@example.org").count() == 2


def test_missing_fields_are_named(client, support):
    client.force_login(support.admin)
    response = client.post(
        organiser_url(support.project, "add"), new_person(support, email="", role="boss")
    )
    page = response.content.decode()
    assert "This field is required." in page
    assert "Select a valid choice. boss is not one of the available choices." in page
    assert not SupportPerson.objects.filter(first_name="Ruta").exists()


def test_supervisor_can_be_invited_in_every_format(client, support):
    client.force_login(support.admin)
    assert support.project.format == "youth_exchange"
    client.post(
        organiser_url(support.project, "add"),
        new_person(support, role=SupportRole.SUPERVISOR),
    )
    assert SupportPerson.objects.get(email="ruta.ozola@example.org").is_supervisor


def test_add_roles(client, support):
    assert_only_organisers_get_in(
        client, support, organiser_url(support.project, "add"), new_person(support)
    )
    assert not SupportPerson.objects.filter(first_name="Ruta").exists()


# The invitation e-mail


def test_invitation_is_in_the_organisers_language_for_a_new_person(client, support, mailoutbox):
    client.force_login(support.admin)
    client.post(
        organiser_url(support.project, "add"),
        new_person(support),
        headers={"accept-language": "lv"},
    )
    # Django's own Latvian dates show the language even before the texts are translated.
    assert " gada " in mailoutbox[0].body


def test_invitation_is_in_the_account_language_of_a_known_person(client, support, mailoutbox):
    make_user("ruta.ozola@example.org", "Ruta", "Ozola", language="lv")
    client.force_login(support.admin)
    client.post(organiser_url(support.project, "add"), new_person(support))
    assert " gada " in mailoutbox[0].body


# Editing and assigning


def test_organiser_assigns_and_unassigns_participants(client, support):
    client.force_login(support.editor)
    url = organiser_url(support.project, "edit", support.mentor.code)
    response = client.post(
        url,
        {
            "first_name": "Jānis",
            "last_name": "Zariņš",
            "role": SupportRole.DIALOGUE_PARTNER,
            "participants": [support.other_participant.pk],
        },
    )
    assert response.status_code == 302
    support.mentor.refresh_from_db()
    assert support.mentor.role == SupportRole.DIALOGUE_PARTNER
    assert list(support.mentor.participants.all()) == [support.other_participant]


def test_unassigning_everyone(client, support):
    client.force_login(support.editor)
    client.post(
        organiser_url(support.project, "edit", support.mentor.code),
        {"first_name": "Jānis", "last_name": "Zariņš", "role": SupportRole.MENTOR},
    )
    assert not support.mentor.participants.exists()


def test_the_address_of_someone_who_joined_stays(client, support):
    client.force_login(support.editor)
    url = organiser_url(support.project, "edit", support.mentor.code)
    assert 'name="email"' not in client.get(url).content.decode()
    client.post(
        url,
        {
            "first_name": "Jānis",
            "last_name": "Zariņš",
            "email": "someone.else@example.org",
            "role": SupportRole.MENTOR,
        },
    )
    support.mentor.refresh_from_db()
    assert support.mentor.email == "mentor@example.org"


def test_the_address_of_someone_invited_can_be_corrected(client, support):
    person = SupportPerson.objects.create(
        project=support.project,
        first_name="Ruta",
        last_name="Ozola",
        email="ruta.ozla@example.org",
        role=SupportRole.COACH,
    )
    client.force_login(support.editor)
    client.post(
        organiser_url(support.project, "edit", person.code),
        {
            "first_name": "Ruta",
            "last_name": "Ozola",
            "email": "ruta.ozola@example.org",
            "role": SupportRole.COACH,
        },
    )
    person.refresh_from_db()
    assert person.email == "ruta.ozola@example.org"


def test_edit_roles(client, support):
    url = organiser_url(support.project, "edit", support.mentor.code)
    assert_only_organisers_get_in(
        client, support, url, {"first_name": "X", "last_name": "Y", "role": "coach"}
    )
    support.mentor.refresh_from_db()
    assert support.mentor.first_name == "Jānis"


def test_a_support_person_of_another_project_is_not_there(client, support):
    client.force_login(support.admin)
    assert (
        client.get(organiser_url(support.project, "edit", support.foreign.code)).status_code == 404
    )
    assert (
        client.post(organiser_url(support.project, "remove", support.foreign.code)).status_code
        == 404
    )
    assert SupportPerson.objects.filter(pk=support.foreign.pk).exists()


# Inviting again


@pytest.fixture
def invited(support):
    person = SupportPerson.objects.create(
        project=support.project,
        first_name="Ruta",
        last_name="Ozola",
        email="ruta.ozola@example.org",
        role=SupportRole.COACH,
    )
    person.assign([support.participant])
    return person


def test_inviting_again_makes_the_older_link_stop_working(client, support, invited, mailoutbox):
    client.force_login(support.admin)
    url = organiser_url(support.project, "invite", invited.code)
    client.post(url)
    client.post(url)
    assert len(mailoutbox) == 2
    old, new = link_from(mailoutbox[0]), link_from(mailoutbox[1])
    client.logout()
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_invite_is_post_only(client, support, invited, mailoutbox):
    client.force_login(support.admin)
    assert client.get(organiser_url(support.project, "invite", invited.code)).status_code == 405
    assert mailoutbox == []


def test_someone_who_joined_is_not_invited_again(client, support, mailoutbox):
    client.force_login(support.admin)
    response = client.post(
        organiser_url(support.project, "invite", support.mentor.code), follow=True
    )
    assert "has accepted the invitation already" in response.content.decode()
    assert mailoutbox == []
    assert not support.mentor.invitations.exists()


def test_invite_roles(client, support, invited, mailoutbox):
    url = organiser_url(support.project, "invite", invited.code)
    for user, status in (
        (support.participant_user, 403),
        (support.supervisor_user, 403),
        (support.outsider, 404),
    ):
        client.force_login(user)
        assert client.post(url).status_code == status
    assert mailoutbox == []


# Removing


def test_removing_asks_first(client, support):
    client.force_login(support.admin)
    url = organiser_url(support.project, "remove", support.mentor.code)
    page = client.get(url).content.decode()
    assert "Remove Jānis Zariņš (Mentor) from the project?" in page
    assert SupportPerson.objects.filter(pk=support.mentor.pk).exists()


def test_removing_takes_away_access_and_feedback_but_keeps_the_assessment(client, support):
    support.mentor.give_feedback(support.shared_goal, "Labi!")
    SupervisorAssessment.write(support.participant, support.supervisor, "Strādīga.", 0)
    client.force_login(support.admin)
    for person in (support.mentor, support.supervisor):
        response = client.post(organiser_url(support.project, "remove", person.code))
        assert response.status_code == 302
    assert not SupportPerson.objects.filter(pk__in=[support.mentor.pk, support.supervisor.pk])
    assert not support.shared_goal.feedback.exists()
    assessment = SupervisorAssessment.objects.get(participant=support.participant)
    assert assessment.author is None
    assert assessment.written_by == "Dace Kļaviņa"

    client.force_login(support.mentor_user)
    url = reverse("support:participant", args=[support.participant.code])
    assert client.get(url).status_code == 404


def test_remove_roles(client, support):
    url = organiser_url(support.project, "remove", support.mentor.code)
    assert_only_organisers_get_in(client, support, url)
    assert SupportPerson.objects.filter(pk=support.mentor.pk).exists()


def test_project_page_shows_the_support_card(client, support):
    client.force_login(support.admin)
    page = client.get(reverse("dashboard:project", args=[support.project.code])).content.decode()
    assert "Support persons" in page
    assert "Dace Kļaviņa" in page
    assert "supports 1 participant" in page
    assert organiser_url(support.project, "add") in page


def test_project_card_offers_to_invite_when_there_is_nobody(client, world):
    project = make_project(world.organisation, title="Empty project")
    client.force_login(world.admin)
    page = client.get(reverse("dashboard:project", args=[project.code])).content.decode()
    assert "No mentors, supervisors, coaches or dialogue partners yet." in page
    assert organiser_url(project, "add") in page
