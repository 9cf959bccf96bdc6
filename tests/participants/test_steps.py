"""The participant's steps page: plan and journal, the ticks, submitting, and reading after."""

import re

from django.urls import reverse

from participants.models import Goal, ParticipantState
from tests.conftest import write_outcomes
from tests.participants.learning import make_entry, make_goal, url


def step(page: str, title: str) -> str:
    """The <li> of the step with this title."""
    match = re.search(rf"<li[^>]*>\s*<strong>{re.escape(title)}</strong>.*?</li>", page, re.S)
    assert match, title
    return match.group(0)


def steps_page(client, user, participant):
    client.force_login(user)
    return client.get(url("detail", participant.code)).content.decode()


def is_ticked(item: str) -> bool:
    return item.startswith('<li class="done"')


def test_plan_and_journal_are_steps_with_their_counts(client, world):
    make_goal(world.participant, state=Goal.State.REACHED)
    make_goal(world.participant)
    make_entry(world.participant, shared=True)

    page = steps_page(client, world.participant_user, world.participant)

    plan = step(page, "Plan your learning")
    assert "2 goals, 1 reached" in plan
    assert url("plan", world.participant.code) in plan
    assert is_ticked(plan)
    journal = step(page, "Keep a journal")
    assert "1 entry, 1 shared" in journal
    assert url("journal", world.participant.code) in journal


def test_empty_plan_and_journal_invite_to_start(client, world):
    page = steps_page(client, world.participant_user, world.participant)
    assert "Start your learning plan" in step(page, "Plan your learning")
    assert "Write your first entry" in step(page, "Keep a journal")
    assert not is_ticked(step(page, "Keep a journal"))


def test_personal_data_is_ticked_once_the_participant_has_checked_it(client, world):
    # The participant has birth data that the organisers entered, and a name only is enough:
    # the step is done when the participant saves the form themselves.
    participant = world.participant
    page = steps_page(client, world.participant_user, participant)
    assert not is_ticked(step(page, "Check your personal data"))

    client.post(url("personal", participant.code), {"first_name": "Līga", "last_name": "Kalniņa"})

    participant.refresh_from_db()
    assert participant.personal_data_checked_at is not None
    page = steps_page(client, world.participant_user, participant)
    assert is_ticked(step(page, "Check your personal data"))


def test_personal_data_with_errors_is_not_ticked(client, world):
    participant = world.other_participant
    client.force_login(world.other_participant_user)
    client.post(url("personal", participant.code), {"first_name": "", "last_name": "Ščerbina"})
    participant.refresh_from_db()
    assert participant.personal_data_checked_at is None
    page = steps_page(client, world.other_participant_user, participant)
    assert not is_ticked(step(page, "Check your personal data"))


def test_submitting_needs_a_described_competence_first(client, world):
    page = steps_page(client, world.participant_user, world.participant)
    submit = step(page, "Submit for review")
    assert url("submit", world.participant.code) not in submit
    assert "Describe your learning in at least one competence first" in submit

    write_outcomes(world.participant, {"digital": "I edited videos."})
    page = steps_page(client, world.participant_user, world.participant)
    assert url("submit", world.participant.code) in step(page, "Submit for review")


def test_after_submitting_the_texts_can_still_be_read(client, world):
    world.project.format = "volunteering"
    world.project.save()
    write_outcomes(world.participant, {"digital": "I edited videos for the town."})
    world.participant.tasks = "I ran the youth café."
    world.participant.save()
    world.participant.submit()
    assert world.participant.state == ParticipantState.SUBMITTED

    page = steps_page(client, world.participant_user, world.participant)

    assert "Your self-assessment" in page
    assert "I edited videos for the town." in page
    assert "I ran the youth café." in page
    assert url("outcomes", world.participant.code) not in page
    assert url("submit", world.participant.code) not in page
    # Plan and journal stay open during the review.
    assert url("plan", world.participant.code) in page


def test_while_writing_the_texts_are_not_repeated_on_the_steps_page(client, world):
    write_outcomes(world.participant, {"digital": "I edited videos for the town."})
    page = steps_page(client, world.participant_user, world.participant)
    assert "I edited videos for the town." not in page


def test_the_steps_page_leads_to_support_persons_and_to_the_review_history(client, world):
    page = steps_page(client, world.participant_user, world.participant)
    assert reverse("support:my_support", args=[world.participant.code]) in page
    assert url("history", world.participant.code) not in page

    write_outcomes(world.participant, {"digital": "I edited videos."})
    world.participant.submit()
    page = steps_page(client, world.participant_user, world.participant)
    assert url("history", world.participant.code) in page
