import pytest
from django.urls import reverse

from participants.models import Goal, ParticipantState
from support.models import Feedback, SupportPerson
from tests.participants.conftest import assert_only_the_holder_gets_in
from tests.participants.learning import (
    assert_only_the_holder_may_post,
    count_queries,
    make_goal,
    posted,
    support_person_for,
    url,
)

GOAL = {
    "title": "Speak in front of a group",
    "competence": "literacy",
    "how": "Present our radio show at the final evening.",
    "helpers": "My mentor Dace",
    "success": "I present for five minutes without notes.",
}


def test_the_plan_lists_the_goals_with_their_details(client, world):
    make_goal(world.participant, **GOAL, state=Goal.State.REACHED, shared=True)
    make_goal(world.other_participant, title="Not mine")
    client.force_login(world.participant_user)

    page = client.get(url("plan", world.participant.code)).content.decode()

    assert "Speak in front of a group" in page
    assert "Literacy competence" in page
    assert "Present our radio show at the final evening." in page
    assert "My mentor Dace" in page
    assert "I present for five minutes without notes." in page
    assert "Reached" in page
    assert "Shared" in page
    assert "Not mine" not in page


def test_an_empty_plan_says_how_to_start(client, world):
    client.force_login(world.participant_user)
    page = client.get(url("plan", world.participant.code)).content.decode()
    assert "No goals yet." in page
    assert url("goal_add", world.participant.code) in page


def test_the_plan_shows_feedback_from_support_persons(client, world):
    goal = make_goal(world.participant, shared=True)
    support_person_for(world.participant)
    author = SupportPerson.objects.get()
    Feedback.objects.create(author=author, goal=goal, text="Try it first with the team.")
    client.force_login(world.participant_user)

    page = client.get(url("plan", world.participant.code)).content.decode()

    assert "Feedback from your support persons" in page
    assert "Try it first with the team." in page
    assert "Dace Kļaviņa, mentor" in page
    assert "What you share can be read by:" in page


def test_the_plan_takes_the_same_queries_for_2_goals_as_for_50(client, world):
    support_person_for(world.participant)
    author = SupportPerson.objects.get()
    client.force_login(world.participant_user)
    plan_url = url("plan", world.participant.code)
    counts = []
    for total in (2, 50):
        while world.participant.goals.count() < total:
            goal = make_goal(world.participant, shared=True)
            Feedback.objects.create(author=author, goal=goal, text="Well done.")
        counts.append(count_queries(client, plan_url))
    assert counts[0] == counts[1]
    assert client.get(plan_url).content.decode().count("Well done.") == 50


def test_a_goal_is_added(client, world):
    client.force_login(world.participant_user)
    response = client.post(url("goal_add", world.participant.code), GOAL)

    goal = world.participant.goals.get()
    assert response.url == url("plan", world.participant.code) + f"#goal-{goal.code}"
    assert goal.title == GOAL["title"]
    assert goal.competence == "literacy"
    assert goal.success == GOAL["success"]
    assert goal.state == Goal.State.OPEN
    assert goal.shared is False


def test_a_goal_can_be_shared_when_added(client, world):
    client.force_login(world.participant_user)
    client.post(url("goal_add", world.participant.code), {**GOAL, "shared": "on"})
    assert world.participant.goals.get().shared is True


def test_a_goal_without_a_title_explains_and_adds_nothing(client, world):
    client.force_login(world.participant_user)
    response = client.post(url("goal_add", world.participant.code), {**GOAL, "title": "  "})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Goal.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("competence", "flying", "Select a valid choice."),
        ("title", "x" * 301, "at most 300 characters"),
        ("how", "x" * 1501, "at most 1500 characters"),
    ],
)
def test_bad_goal_input_explains_and_adds_nothing(client, world, field, value, message):
    client.force_login(world.participant_user)
    response = client.post(url("goal_add", world.participant.code), {**GOAL, field: value})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Goal.objects.exists()


def test_a_goal_is_edited_and_its_version_counts_the_save(client, world):
    goal = make_goal(world.participant)
    client.force_login(world.participant_user)
    form = client.get(url("goal_edit", world.participant.code, goal.code)).context["form"]

    response = client.post(
        url("goal_edit", world.participant.code, goal.code),
        posted(form, title="Lead two workshops in English", how="One each week"),
    )

    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.title == "Lead two workshops in English"
    assert goal.how == "One each week"
    assert goal.version == 2


def test_the_goal_form_names_its_competence_choices_from_the_framework(client, world):
    goal = make_goal(world.participant)
    client.force_login(world.participant_user)
    page = client.get(url("goal_edit", world.participant.code, goal.code)).content.decode()
    assert "No particular competence" in page
    assert "Cultural awareness and expression competence" in page
    assert 'name="version" value="1"' in page


def test_state_changes_on_post(client, world):
    goal = make_goal(world.participant)
    client.force_login(world.participant_user)
    state_url = url("goal_state", world.participant.code, goal.code)

    assert client.get(state_url).status_code == 405
    response = client.post(state_url, {"state": "dropped"}, follow=True)

    goal.refresh_from_db()
    assert goal.state == Goal.State.DROPPED
    assert goal.version == 2
    assert "is now marked: Dropped" in response.content.decode()


def test_an_unknown_state_explains_and_changes_nothing(client, world):
    goal = make_goal(world.participant)
    client.force_login(world.participant_user)
    response = client.post(
        url("goal_state", world.participant.code, goal.code), {"state": "won"}, follow=True
    )
    assert "Choose one of the states offered" in response.content.decode()
    goal.refresh_from_db()
    assert goal.state == Goal.State.OPEN


def test_a_goal_is_shared_and_made_private_again(client, world):
    goal = make_goal(world.participant)
    client.force_login(world.participant_user)
    share_url = url("goal_share", world.participant.code, goal.code)

    assert client.get(share_url).status_code == 405
    response = client.post(share_url, {"shared": "1"}, follow=True)
    goal.refresh_from_db()
    assert goal.shared is True
    assert "Your support persons can now read this goal." in response.content.decode()

    client.post(share_url, {"shared": "0"})
    goal.refresh_from_db()
    assert goal.shared is False

    response = client.post(share_url, {"shared": "maybe"}, follow=True)
    assert "Say whether to share it" in response.content.decode()
    goal.refresh_from_db()
    assert goal.shared is False


def test_deleting_a_goal_asks_first_then_deletes_it_with_its_feedback(client, world):
    goal = make_goal(world.participant, shared=True)
    support_person_for(world.participant)
    Feedback.objects.create(author=SupportPerson.objects.get(), goal=goal, text="Good one.")
    client.force_login(world.participant_user)
    delete_url = url("goal_delete", world.participant.code, goal.code)

    page = client.get(delete_url).content.decode()
    assert "Delete this goal?" in page
    assert "Lead a workshop in English" in page
    assert "(1 note)" in page
    assert Goal.objects.filter(pk=goal.pk).exists()

    response = client.post(delete_url)
    assert response.url == url("plan", world.participant.code)
    assert not Goal.objects.filter(pk=goal.pk).exists()
    assert not Feedback.objects.exists()


def test_the_plan_stays_open_while_the_organisers_review(client, world):
    world.participant.state = ParticipantState.SUBMITTED
    world.participant.save()
    client.force_login(world.participant_user)

    client.post(url("goal_add", world.participant.code), GOAL)

    assert world.participant.goals.count() == 1


def test_after_the_certificate_is_issued_the_plan_is_read_only(client, world):
    goal = make_goal(world.participant)
    world.participant.state = ParticipantState.ISSUED
    world.participant.save()
    client.force_login(world.participant_user)
    code = world.participant.code

    page = client.get(url("plan", code)).content.decode()
    assert "Lead a workshop in English" in page
    assert "your plan stays here to read" in page
    assert url("goal_add", code) not in page
    assert url("goal_edit", code, goal.code) not in page

    assert client.get(url("goal_add", code)).url == url("plan", code)
    client.post(url("goal_add", code), GOAL)
    client.post(url("goal_edit", code, goal.code), {**GOAL, "version": "1"})
    client.post(url("goal_state", code, goal.code), {"state": "reached"})
    client.post(url("goal_share", code, goal.code), {"shared": "1"})
    client.post(url("goal_delete", code, goal.code))
    goal.refresh_from_db()
    assert (goal.title, goal.state, goal.shared) == ("Lead a workshop in English", "open", False)
    assert world.participant.goals.count() == 1


def test_a_goal_of_another_participant_is_not_found_under_ones_own_record(client, world):
    theirs = make_goal(world.other_participant)
    client.force_login(world.participant_user)
    code = world.participant.code
    assert client.get(url("goal_edit", code, theirs.code)).status_code == 404
    assert client.post(url("goal_delete", code, theirs.code)).status_code == 404
    assert (
        client.post(url("goal_state", code, theirs.code), {"state": "dropped"}).status_code == 404
    )
    theirs.refresh_from_db()
    assert theirs.state == Goal.State.OPEN


@pytest.mark.parametrize("name", ["plan", "goal_add", "goal_edit", "goal_delete"])
def test_only_the_participant_reaches_the_plan(client, world, name):
    goal = make_goal(world.participant)
    code = world.participant.code
    args = [code] if name in ("plan", "goal_add") else [code, goal.code]
    assert_only_the_holder_gets_in(
        client, world, reverse(f"participants:{name}", args=args), {**GOAL, "version": "1"}
    )
    goal.refresh_from_db()
    assert goal.title == "Lead a workshop in English"
    assert Goal.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "data"), [("goal_state", {"state": "dropped"}), ("goal_share", {"shared": "1"})]
)
def test_only_the_participant_changes_a_goal_and_only_by_post(client, world, name, data):
    goal = make_goal(world.participant)
    assert_only_the_holder_may_post(
        client, world, url(name, world.participant.code, goal.code), data
    )
    goal.refresh_from_db()
    assert (goal.state, goal.shared, goal.version) == ("open", False, 1)


def test_a_support_person_does_not_reach_the_participants_own_plan_pages(client, world):
    goal = make_goal(world.participant, shared=True)
    client.force_login(support_person_for(world.participant))
    assert client.get(url("plan", world.participant.code)).status_code == 404
    assert client.get(url("goal_edit", world.participant.code, goal.code)).status_code == 404
