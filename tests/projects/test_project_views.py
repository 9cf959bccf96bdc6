import pytest
from django.urls import reverse

from projects.models import Membership, Organisation, Project

PROJECT_DATA = {
    "format": "volunteering",
    "title": "Green Valmiera",
    "grant_number": "2026-2-LV02-ESC51-000000042",
    "start_date": "2026-03-01",
    "end_date": "2026-11-30",
    "venue_town": "Valmiera",
    "venue_country": "LV",
    "description": "Volunteers care for the river banks.",
}


def member_views(world):
    code = world.project.code
    return [
        reverse("dashboard:project", args=[code]),
        reverse("projects:edit", args=[code]),
    ]


def test_project_list_shows_only_own_organisations_projects(client, world):
    client.force_login(world.editor)
    page = client.get(reverse("dashboard:projects")).content.decode()
    assert world.project.title in page
    assert world.other_project.title not in page


def test_create_project(client, world):
    client.force_login(world.editor)
    response = client.post(
        reverse("projects:create"), {**PROJECT_DATA, "organisation": world.organisation.pk}
    )
    project = Project.objects.get(title="Green Valmiera")
    assert response.url == project.get_absolute_url()
    assert project.organisation == world.organisation
    assert project.created_by == world.editor
    assert project.programme.label == "European Solidarity Corps"


def test_create_project_only_in_own_organisation(client, world):
    client.force_login(world.editor)
    client.post(
        reverse("projects:create"), {**PROJECT_DATA, "organisation": world.other_organisation.pk}
    )
    assert Project.objects.get(title="Green Valmiera").organisation == world.organisation


def test_member_of_two_organisations_chooses_one_of_them(client, world):
    Membership.objects.create(organisation=world.other_organisation, user=world.editor)
    third = Organisation.objects.create(name="Third")
    client.force_login(world.editor)
    page = client.get(reverse("projects:create")).content.decode()
    assert "Other Org" in page
    assert "Third" not in page

    response = client.post(reverse("projects:create"), {**PROJECT_DATA, "organisation": third.pk})
    assert "Select a valid choice" in response.content.decode()
    client.post(
        reverse("projects:create"), {**PROJECT_DATA, "organisation": world.other_organisation.pk}
    )
    assert Project.objects.get(title="Green Valmiera").organisation == world.other_organisation


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"end_date": "2026-01-01"}, "The project cannot end before it starts."),
        ({"start_date": "yesterday"}, "Enter a valid date."),
        ({"format": "party"}, "Select a valid choice"),
        ({"title": ""}, "This field is required."),
        ({"title": "t" * 201}, "at most 200 characters"),
    ],
)
def test_create_project_with_bad_input_explains_and_saves_nothing(client, world, changes, message):
    client.force_login(world.admin)
    data = {**PROJECT_DATA, "organisation": world.organisation.pk, **changes}
    response = client.post(reverse("projects:create"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Project.objects.count() == 2


def test_person_without_organisation_is_sent_to_signup(client, world):
    client.force_login(world.participant_user)
    assert client.get(reverse("projects:create")).url == reverse("signup")


def test_project_detail_lists_participants_with_state(client, world):
    client.force_login(world.admin)
    page = client.get(world.project.get_absolute_url()).content.decode()
    assert "Līga Kalniņa" in page
    assert "Writing: 2" in page
    assert "Other project" not in page


def test_edit_project(client, world):
    client.force_login(world.editor)
    data = {**PROJECT_DATA, "title": "Renamed"}
    response = client.post(reverse("projects:edit", args=[world.project.code]), data)
    assert response.status_code == 302
    world.project.refresh_from_db()
    assert world.project.title == "Renamed"


@pytest.mark.parametrize("user_name", ["admin", "editor"])
def test_members_open_project_pages(client, world, user_name):
    client.force_login(getattr(world, user_name))
    for url in member_views(world):
        assert client.get(url).status_code == 200


def test_participant_of_the_project_is_refused(client, world):
    client.force_login(world.participant_user)
    for url in member_views(world):
        assert client.get(url).status_code == 403


def test_outsider_does_not_learn_the_project_exists(client, world):
    client.force_login(world.outsider)
    for url in member_views(world):
        assert client.get(url).status_code == 404
    assert client.get(reverse("dashboard:project", args=["nosuchcode"])).status_code == 404


def test_anonymous_is_sent_to_login(client, world):
    for url in [reverse("dashboard:projects"), reverse("projects:create"), *member_views(world)]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_outsider_cannot_edit_project(client, world):
    client.force_login(world.outsider)
    response = client.post(reverse("projects:edit", args=[world.project.code]), PROJECT_DATA)
    assert response.status_code == 404
    world.project.refresh_from_db()
    assert world.project.title == "Voices of the Baltic"


def test_organisation_admin_edits_organisation(client, world):
    client.force_login(world.admin)
    url = reverse("projects:organisation", args=[world.organisation.code])
    assert "editor@example.org" in client.get(url).content.decode()
    response = client.post(
        url, {"name": "Jauniešu centrs Ģēnijs", "town": "Cēsis", "country": "LV"}
    )
    assert response.status_code == 302
    world.organisation.refresh_from_db()
    assert world.organisation.town == "Cēsis"


def test_organisation_page_roles(client, world):
    url = reverse("projects:organisation", args=[world.organisation.code])
    client.force_login(world.editor)
    assert client.get(url).status_code == 403
    client.force_login(world.outsider)
    assert client.get(url).status_code == 404
    client.force_login(world.participant_user)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).url.startswith(reverse("login"))
