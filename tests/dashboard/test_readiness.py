import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from certificates.models import Certificate
from jobs.models import Job
from participants.models import ParticipantState
from tests.conftest import write_outcomes


def dashboard(client, world):
    return client.get(reverse("dashboard:project", args=[world.project.code])).content.decode()


def readiness_item(page, key):
    start = page.index(f"readiness-{key}")
    return page[start : page.index("</li>", start)]


@pytest.fixture
def unready(world):
    world.organisation.street = ""
    world.organisation.signatory_name = ""
    world.organisation.save()
    return world.organisation


def test_readiness_list_links_to_what_is_missing(client, world, unready):
    write_outcomes(world.participant, {"digital": "I made a podcast."})
    world.participant.submit()
    client.force_login(world.admin)

    page = dashboard(client, world)

    settings_url = reverse("projects:organisation", args=[unready.code])
    address = readiness_item(page, "address")
    assert "Organisation’s address" in address
    assert "missing; needed to issue" in address
    assert f'href="{settings_url}#id_street"' in address
    signatory = readiness_item(page, "signatory")
    assert "missing; needed to issue" in signatory
    assert f'href="{settings_url}#id_signatory_name"' in signatory
    approved = readiness_item(page, "approved")
    assert "0 participants approved" in approved
    assert "Review 1 submission" in approved
    assert "?state=submitted#participants" in approved


def test_editors_are_told_who_fills_the_organisation_in(client, world, unready):
    client.force_login(world.editor)

    page = dashboard(client, world)

    address = readiness_item(page, "address")
    assert "missing; needed to issue" in address
    assert "An organisation admin fills it in" in address
    assert reverse("projects:organisation", args=[unready.code]) not in address


def test_readiness_list_when_all_is_there(client, world, approved_participant):
    client.force_login(world.editor)

    page = dashboard(client, world)

    for key in ("address", "signatory", "approved"):
        item = readiness_item(page, key)
        assert "missing" not in item
        assert "(done)" in item
    assert "1 participant approved" in readiness_item(page, "approved")


def test_bulk_issue_is_refused_with_a_message(client, world, approved_participant, unready):
    client.force_login(world.editor)
    url = reverse("dashboard:issue_all", args=[world.project.code])
    assert "Certificates cannot be issued yet" in client.get(url).content.decode()

    response = client.post(url, {"signature": "printed"}, follow=True)

    content = response.content.decode()
    assert "Certificates cannot be issued yet" in content
    assert "Nothing was issued." in content
    assert not Job.objects.exists()
    assert not Certificate.objects.exists()
    approved_participant.refresh_from_db()
    assert approved_participant.state == ParticipantState.APPROVED


def test_command_is_refused_with_a_message(world, approved_participant, unready):
    with pytest.raises(CommandError, match="Certificates cannot be issued yet"):
        call_command("issue_certificates", world.project.code)

    assert not Job.objects.exists()
    assert not Certificate.objects.exists()
