"""E-mails to many participants from the dashboard: the confirmation says who gets one and
who is left out; only confirming (POST) starts the background job."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from jobs.models import Job
from participants.models import Participant, ParticipantState
from tests.conftest import login
from tests.jobs.conftest import add_participants


def url(project):
    return reverse("dashboard:bulk_email", args=[project.code])


def confirm(client, world, user=None, **query):
    login(client, user or world.editor)
    return client.get(url(world.project), query)


def codes(participants):
    return [participant.code for participant in participants]


@pytest.fixture
def mixed(world):
    """12 writing (with the world's two), 3 submitted, 2 added and 1 invited."""
    return {
        "writing": [world.participant, world.other_participant]
        + add_participants(world.project, 10, state=ParticipantState.ACTIVE, prefix="w"),
        "submitted": add_participants(
            world.project, 3, state=ParticipantState.SUBMITTED, prefix="s"
        ),
        "added": add_participants(world.project, 2, state=ParticipantState.ADDED, prefix="a"),
        "invited": add_participants(world.project, 1, state=ParticipantState.INVITED, prefix="i"),
    }


def test_confirmation_counts_who_gets_an_e_mail_and_why_others_do_not(client, world, mixed):
    selected = mixed["writing"] + mixed["submitted"]
    response = confirm(
        client, world, action="remind", scope="selected", participant=codes(selected)
    )
    assert response.status_code == 200
    assert "12 of 15 get an e-mail." in response.text
    assert "3 have submitted already." in response.text
    assert "Send 12 e-mails" in response.text
    # Nothing happens on GET.
    assert not Job.objects.exists()
    assert not mail.outbox


def test_confirming_starts_the_job_for_those_eligible_only(client, world, mixed):
    selected = mixed["writing"][:3] + mixed["submitted"] + mixed["added"]
    login(client, world.editor)
    data = {"action": "remind", "scope": "selected", "participant": codes(selected)}
    response = client.post(url(world.project), data, follow=True)
    job = Job.objects.get()
    assert response.redirect_chain[-1][0] == job.get_absolute_url()
    assert "Sending 3 e-mails in the background." in response.text
    assert job.kind == Job.Kind.REMIND and job.state == Job.State.DONE
    assert job.created_by == world.editor
    assert set(job.items.values_list("participant__code", flat=True)) == set(
        codes(mixed["writing"][:3])
    )
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        participant.user.email for participant in mixed["writing"][:3]
    )


def test_everyone_matching_the_filters(client, world, mixed):
    query = {"action": "invite", "scope": "filter", "q": "example.org"}
    response = confirm(client, world, **query)
    # Everyone's address is at example.org: 18 found, the 2 added get an invitation.
    assert "2 of 18 get an e-mail." in response.text
    assert "1 was invited already." in response.text
    assert "15 have accepted the invitation already." in response.text

    response = client.post(url(world.project), query)
    job = Job.objects.get()
    assert response.url == job.get_absolute_url()
    assert set(job.items.values_list("participant__code", flat=True)) == set(codes(mixed["added"]))
    assert Participant.objects.filter(state=ParticipantState.INVITED).count() == 3


def test_filters_narrow_everyone_matching(client, world, mixed):
    response = confirm(client, world, action="resend", scope="filter", state="invited")
    assert "1 of 1 gets an e-mail." in response.text
    client.post(url(world.project), {"action": "resend", "scope": "filter", "state": "invited"})
    assert [message.to[0] for message in mail.outbox] == [mixed["invited"][0].email]


def test_codes_of_other_projects_are_left_out_never_acted_on(client, world, mixed):
    stranger = Participant.objects.create(
        project=world.other_project, first_name="Ott", last_name="Tamm", email="ott@example.ee"
    )
    selected = [mixed["added"][0].code, stranger.code, "no-such-code", "a\x00b", "x" * 300]
    response = confirm(client, world, action="invite", scope="selected", participant=selected)
    assert "1 of 5 gets an e-mail." in response.text
    assert "4 are not participants of this project." in response.text
    assert f'name="participant" value="{stranger.code}"' not in response.text

    data = {"action": "invite", "scope": "selected", "participant": selected}
    client.post(url(world.project), data)
    stranger.refresh_from_db()
    assert stranger.state == ParticipantState.ADDED
    assert [message.to[0] for message in mail.outbox] == [mixed["added"][0].email]


def test_nobody_eligible_shows_no_button_and_starts_nothing(client, world, mixed):
    data = {"action": "invite", "scope": "selected", "participant": codes(mixed["submitted"])}
    response = confirm(client, world, **data)
    assert "0 of 3 get an e-mail." in response.text
    assert "Send" not in response.text.split("<h1", 1)[1]
    response = client.post(url(world.project), data, follow=True)
    assert "None of the selected participants gets an e-mail." in response.text
    assert not Job.objects.exists()


def test_a_double_click_starts_the_e_mails_once(client, world, mixed):
    login(client, world.editor)
    data = {"action": "remind", "scope": "selected", "participant": codes(mixed["writing"][:2])}
    first = client.post(url(world.project), data)
    second = client.post(url(world.project), data, follow=True)
    job = Job.objects.get()
    assert first.url == job.get_absolute_url()
    assert second.redirect_chain[-1][0] == job.get_absolute_url()
    assert "started a moment ago" in second.text
    assert len(mail.outbox) == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"scope": "selected", "participant": ["x"]}, "This field is required."),
        ({"action": "delete", "scope": "filter"}, "Select a valid choice."),
        ({"action": "remind", "scope": "everyone"}, "Select a valid choice."),
        ({"action": "remind", "scope": "selected"}, "Select at least one participant"),
        # An unreadable filter would widen "everyone who matches": refused, not dropped.
        ({"action": "remind", "scope": "filter", "state": "flying"}, "Select a valid choice."),
        ({"action": "remind", "scope": "filter", "q": "x" * 300}, "at most 100 characters"),
        (
            {"action": "remind", "scope": "selected", "participant": [f"p{n}" for n in range(501)]},
            "Select at most 500 participants",
        ),
    ],
)
def test_bad_input_is_explained_and_changes_nothing(client, world, mixed, data, message):
    login(client, world.editor)
    for send in (client.get, client.post):
        response = send(url(world.project), data, follow=True)
        assert response.status_code == 200
        assert response.redirect_chain[-1][0].startswith(world.project.get_absolute_url())
        assert message in response.text
    assert not Job.objects.exists()
    assert not mail.outbox


def test_pseudonymised_project_refuses(client, world, mixed):
    world.project.pseudonymised_at = timezone.now()
    world.project.save()
    data = {"action": "invite", "scope": "filter"}
    for send in (confirm, lambda client, world, **data: client.post(url(world.project), data)):
        response = send(client, world, **data)
        assert response.url == world.project.get_absolute_url()
    response = client.get(response.url)
    assert "are pseudonymised: nothing can be added, changed or sent" in response.text
    assert not Job.objects.exists()
    assert not mail.outbox


def test_only_the_organisers(client, world, mixed):
    data = {"action": "invite", "scope": "filter"}
    assert confirm(client, world, user=world.admin, **data).status_code == 200
    for user, status in [(world.participant_user, 403), (world.outsider, 404)]:
        login(client, user)
        assert client.get(url(world.project), data).status_code == status
        assert client.post(url(world.project), data).status_code == status
    assert not Job.objects.exists()


def test_the_post_needs_csrf(world, mixed):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.editor)
    response = client.post(url(world.project), {"action": "invite", "scope": "filter"})
    assert response.status_code == 403
    assert not Job.objects.exists()


def test_dashboard_table_leads_here(client, world, mixed):
    login(client, world.editor)
    page = client.get(world.project.get_absolute_url(), {"state": "active"}).text
    assert f'action="{url(world.project)}"' in page
    assert '<input type="hidden" name="state" value="active">' in page
    assert f'name="participant" value="{world.participant.code}"' in page
    assert 'name="scope" value="filter"' in page
    assert "Everyone found (12)…" in page
