"""Partner organisations of a project: added, edited and removed by the project's members."""

import pytest
from django.urls import reverse

from projects.models import MAX_PARTNERS, PartnerOrganisation

PARTNER = {"name": "MTÜ Noorte Hääl", "town": "Tartu", "country": "EE"}


@pytest.fixture
def partner(world):
    return PartnerOrganisation.objects.create(
        project=world.project, name="Κέντρο Νεότητας", town="Θεσσαλονίκη", country="GR"
    )


def add_url(world):
    return reverse("projects:partner_add", args=[world.project.code])


def edit_url(partner):
    return reverse("projects:partner_edit", args=[partner.project.code, partner.code])


def remove_url(partner):
    return reverse("projects:partner_remove", args=[partner.project.code, partner.code])


@pytest.mark.parametrize("user_name", ["admin", "editor"])
def test_member_adds_a_partner(client, world, user_name):
    client.force_login(getattr(world, user_name))
    assert client.get(add_url(world)).status_code == 200

    response = client.post(add_url(world), PARTNER)

    assert response.url == world.project.get_absolute_url() + "#partners"
    partner = world.project.partners.get()
    assert (partner.name, partner.town, partner.country.code) == ("MTÜ Noorte Hääl", "Tartu", "EE")
    page = client.get(world.project.get_absolute_url()).content.decode()
    assert "MTÜ Noorte Hääl" in page
    assert "Tartu, Estonia" in page
    assert edit_url(partner) in page
    assert remove_url(partner) in page


def test_urls_carry_an_opaque_code(world, partner):
    assert partner.code in edit_url(partner)
    assert f"/{partner.pk}/" not in edit_url(partner)


def test_member_edits_a_partner(client, world, partner):
    client.force_login(world.editor)
    assert "Κέντρο Νεότητας" in client.get(edit_url(partner)).content.decode()

    response = client.post(edit_url(partner), {**PARTNER, "name": "Νέο όνομα"})

    assert response.status_code == 302
    partner.refresh_from_db()
    assert (partner.name, partner.town, partner.country.code) == ("Νέο όνομα", "Tartu", "EE")


def test_remove_asks_first_and_removes_only_on_post(client, world, partner):
    client.force_login(world.editor)
    page = client.get(remove_url(partner)).content.decode()
    assert "Remove Κέντρο Νεότητας from the project" in page
    assert 'method="post"' in page
    assert PartnerOrganisation.objects.filter(pk=partner.pk).exists()

    response = client.post(remove_url(partner))

    assert response.url == world.project.get_absolute_url() + "#partners"
    assert not PartnerOrganisation.objects.filter(pk=partner.pk).exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "This field is required."),
        ({"town": ""}, "This field is required."),
        ({"country": ""}, "This field is required."),
        ({"country": "XX"}, "Select a valid choice"),
        ({"name": "n" * 201}, "at most 200 characters"),
    ],
)
def test_bad_input_is_explained_and_nothing_changes(client, world, partner, changes, message):
    client.force_login(world.admin)
    for url in (add_url(world), edit_url(partner)):
        response = client.post(url, {**PARTNER, **changes})
        assert response.status_code == 200
        assert message in response.content.decode()
    assert world.project.partners.count() == 1
    partner.refresh_from_db()
    assert partner.name == "Κέντρο Νεότητας"


def test_number_of_partners_is_limited(client, world):
    PartnerOrganisation.objects.bulk_create(
        PartnerOrganisation(project=world.project, name=f"Partner {n}", town="Riga", country="LV")
        for n in range(MAX_PARTNERS)
    )
    client.force_login(world.admin)
    assert add_url(world) not in client.get(world.project.get_absolute_url()).content.decode()

    response = client.post(add_url(world), PARTNER)

    assert f"at most {MAX_PARTNERS} partner organisations" in response.content.decode()
    assert world.project.partners.count() == MAX_PARTNERS


def test_participant_of_the_project_is_refused(client, world, partner):
    client.force_login(world.participant_user)
    for url in (add_url(world), edit_url(partner), remove_url(partner)):
        assert client.get(url).status_code == 403
        assert client.post(url, PARTNER).status_code == 403
    assert world.project.partners.get().name == "Κέντρο Νεότητας"


def test_outsider_gets_404_and_changes_nothing(client, world, partner):
    client.force_login(world.outsider)
    for url in (add_url(world), edit_url(partner), remove_url(partner)):
        assert client.get(url).status_code == 404
        assert client.post(url, PARTNER).status_code == 404
    assert world.project.partners.get().name == "Κέντρο Νεότητας"


def test_partner_of_another_project_is_not_found_through_ones_own(client, world, partner):
    client.force_login(world.outsider)
    own = world.other_project.code
    for name in ("projects:partner_edit", "projects:partner_remove"):
        assert client.post(reverse(name, args=[own, partner.code]), PARTNER).status_code == 404
    assert PartnerOrganisation.objects.filter(pk=partner.pk, name="Κέντρο Νεότητας").exists()


def test_anonymous_is_sent_to_login(client, world, partner):
    for url in (add_url(world), edit_url(partner), remove_url(partner)):
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302
            assert response.url.startswith(reverse("login"))
    assert world.project.partners.count() == 1
