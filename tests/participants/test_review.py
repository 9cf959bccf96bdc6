import pytest
from django.urls import reverse

from participants.models import Review, Status
from tests.conftest import write_outcomes


@pytest.fixture
def submitted(world):
    write_outcomes(world.participant, {"digital": "I learned to edit audio."})
    world.participant.submit()
    return world.participant


def manage_url(world, name="manage"):
    return reverse(f"participants:{name}", args=[world.project.code, world.participant.code])


def test_organiser_sees_the_submitted_self_assessment(client, world, submitted):
    client.force_login(world.editor)
    page = client.get(manage_url(world)).content.decode()
    assert "I learned to edit audio." in page
    assert "Digital competence" in page
    assert "Save decision" in page


def test_approve(client, world, submitted):
    client.force_login(world.editor)
    client.post(manage_url(world, "review"), {"decision": "approve", "comment": ""})
    submitted.refresh_from_db()
    assert submitted.status == Status.APPROVED
    assert submitted.approved_at is not None
    assert Review.objects.get().by == world.editor


def test_return_needs_a_comment_that_the_participant_then_sees(client, world, submitted):
    client.force_login(world.editor)
    response = client.post(manage_url(world, "review"), {"decision": "return"}, follow=True)
    assert "write a general comment or a comment on at least one section" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED

    client.post(
        manage_url(world, "review"),
        {"decision": "return", "comment": "Please add an example to the digital competence."},
    )
    submitted.refresh_from_db()
    assert submitted.status == Status.RETURNED

    client.force_login(world.participant_user)
    page = client.get(reverse("participants:detail", args=[submitted.code])).content.decode()
    assert "Please add an example to the digital competence." in page


def test_cannot_review_what_was_not_submitted(client, world):
    client.force_login(world.editor)
    response = client.post(manage_url(world, "review"), {"decision": "approve"}, follow=True)
    assert "Only a submitted self-assessment can be reviewed." in response.content.decode()
    world.participant.refresh_from_db()
    assert world.participant.status == Status.ACTIVE


def test_bad_decision_changes_nothing(client, world, submitted):
    client.force_login(world.editor)
    client.post(manage_url(world, "review"), {"decision": "delete-everything"})
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def test_cannot_issue_before_approval(client, world, submitted):
    client.force_login(world.editor)
    url = reverse("certificates:issue", args=[world.project.code, world.participant.code])
    response = client.post(url, {"language": "en"}, follow=True)
    assert "only after approval" in response.content.decode()
    assert not submitted.certificates.exists()


@pytest.mark.parametrize("name", ["invite", "review"])
def test_actions_are_post_only(client, world, name):
    client.force_login(world.admin)
    assert client.get(manage_url(world, name)).status_code == 405


@pytest.mark.parametrize("name", ["manage", "invite", "review"])
def test_roles_on_organiser_participant_pages(client, world, submitted, name):
    method = client.get if name == "manage" else client.post
    client.force_login(world.participant_user)
    assert method(manage_url(world, name)).status_code == 403
    client.force_login(world.outsider)
    assert method(manage_url(world, name)).status_code == 404
    client.logout()
    assert method(manage_url(world, name)).url.startswith(reverse("login"))
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def test_participant_of_another_project_is_not_found(client, world):
    client.force_login(world.admin)
    url = reverse("participants:manage", args=[world.other_project.code, world.participant.code])
    assert client.get(url).status_code == 404
