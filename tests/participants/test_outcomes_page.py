"""The self-assessment page: beside each competence, the participant's own goals and journal
entries about it, the help, and the organisers' comments when they returned it."""

import datetime
import re

from participants.models import ParticipantState
from tests.conftest import write_outcomes
from tests.participants.learning import count_queries, make_entry, make_goal, url


def section_html(page: str, key: str) -> str:
    match = re.search(
        rf'<section class="card mb-4" aria-labelledby="heading-{key}">.*?</section>', page, re.S
    )
    assert match, key
    return match.group(0)


def outcomes_page(client, world):
    client.force_login(world.participant_user)
    return client.get(url("outcomes", world.participant.code)).content.decode()


def test_goals_and_entries_appear_beside_their_competence(client, world):
    make_goal(world.participant, title="Order food in Spanish", competence="multilingual")
    make_goal(world.participant, title="Edit a podcast", competence="digital")
    make_entry(
        world.participant,
        date=datetime.date(2026, 7, 4),
        text="I asked for directions in Spanish and understood the answer.",
        competences=["multilingual", "personal_social_learning"],
    )
    make_entry(world.other_participant, text="Not mine.", competences=["multilingual"])

    page = outcomes_page(client, world)

    multilingual = section_html(page, "multilingual")
    assert "Order food in Spanish" in multilingual
    assert "I asked for directions in Spanish" in multilingual
    assert "04.07.2026" in multilingual
    assert "Your goals (1) and journal entries (1)" in multilingual
    assert "Edit a podcast" not in multilingual
    assert "Not mine." not in multilingual
    assert "I asked for directions" in section_html(page, "personal_social_learning")
    assert "Edit a podcast" in section_html(page, "digital")
    assert "I asked for directions" not in section_html(page, "digital")


def test_long_entries_are_cut_short_beside_the_text(client, world):
    make_entry(world.participant, text="Word " * 200, competences=["literacy"])
    literacy = section_html(outcomes_page(client, world), "literacy")
    assert "Word " * 40 in literacy
    assert "Word " * 60 not in literacy
    assert "?competence=literacy" in literacy


def test_the_help_stays_beside_every_competence(client, world):
    page = outcomes_page(client, world)
    digital = section_html(page, "digital")
    assert "Questions to reflect on" in digital
    assert "For example" in digital
    assert "Nothing yet." in digital


def test_the_competence_name_is_shown_once_and_names_the_text_box(client, world):
    page = outcomes_page(client, world)
    digital = section_html(page, "digital")
    assert digital.count(">Digital competence<") == 1
    assert '<label for="id_digital"' not in digital
    assert re.search(r'<textarea name="digital"[^>]*aria-labelledby="heading-digital"', digital)


def test_the_organisers_comments_are_shown_beside_the_texts_when_returned(client, world):
    write_outcomes(world.participant, {"digital": "I edited videos.", "literacy": "I wrote."})
    world.participant.submit()
    world.participant.return_for_changes(
        world.admin,
        "Nearly there.",
        section_comments={"digital": "Say which software you used."},
    )

    page = outcomes_page(client, world)

    assert "Nearly there." in page
    assert "Say which software you used." in section_html(page, "digital")
    assert "Say which software you used." not in section_html(page, "literacy")


def test_comments_of_an_older_review_are_not_shown_once_resubmitted_and_returned_again(
    client, world
):
    write_outcomes(world.participant, {"digital": "I edited videos."})
    participant = world.participant
    participant.submit()
    participant.return_for_changes(world.admin, "First round.", {"digital": "Old remark."})
    participant.submit()
    participant.return_for_changes(world.admin, "Second round.", {"literacy": "Add this one."})

    page = outcomes_page(client, world)

    assert "Second round." in page
    assert "Add this one." in section_html(page, "literacy")
    assert "Old remark." not in page
    assert "First round." not in page


def test_no_comments_are_shown_while_writing_the_first_time(client, world):
    assert world.participant.state == ParticipantState.ACTIVE
    page = outcomes_page(client, world)
    assert "The organisers returned your self-assessment" not in page
    assert "Organisers’ comment" not in page


def test_the_page_takes_the_same_queries_for_2_goals_and_entries_as_for_50(client, world):
    client.force_login(world.participant_user)
    address = url("outcomes", world.participant.code)
    counts = []
    for total in (2, 50):
        while world.participant.goals.count() < total:
            make_goal(world.participant)
            make_entry(world.participant)
        counts.append(count_queries(client, address))
    assert counts[0] == counts[1]


def test_examples_are_quoted_the_latvian_way_on_latvian_pages(client, world):
    client.force_login(world.participant_user)
    page = client.get(
        url("outcomes", world.participant.code), headers={"accept-language": "lv"}
    ).text
    assert "„Es pārvaldīju ēdināšanas budžetu 30 cilvēkiem" in page
    assert "“Es pārvaldīju" not in page
