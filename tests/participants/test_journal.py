import datetime

import pytest
from django.urls import reverse

from participants.models import JournalEntry, ParticipantState
from support.models import Feedback, SupportPerson
from tests.participants.conftest import assert_only_the_holder_gets_in
from tests.participants.learning import (
    assert_only_the_holder_may_post,
    count_queries,
    make_entry,
    posted,
    support_person_for,
    url,
)

ENTRY = {
    "date": "2026-07-03",
    "text": "I interviewed the mayor for our radio show, in English.",
    "competences": ["multilingual", "digital"],
    "link": "https://video.example.org/interview",
}


def test_entries_are_listed_newest_first(client, world):
    make_entry(world.participant, date=datetime.date(2026, 7, 2), text="The second day.")
    make_entry(world.participant, date=datetime.date(2026, 7, 5), text="The fifth day.")
    make_entry(world.participant, date=datetime.date(2026, 7, 1), text="The first day.")
    make_entry(world.other_participant, text="Somebody else's day.")
    client.force_login(world.participant_user)

    page = client.get(url("journal", world.participant.code)).content.decode()

    assert (
        page.index("The fifth day.") < page.index("The second day.") < page.index("The first day.")
    )
    assert "5 July 2026" in page
    assert "Somebody else" not in page


def test_entries_are_filtered_by_competence(client, world):
    make_entry(world.participant, text="About languages.", competences=["multilingual"])
    make_entry(world.participant, text="About editing.", competences=["digital"])
    client.force_login(world.participant_user)

    page = client.get(url("journal", world.participant.code), {"competence": "digital"})
    text = page.content.decode()

    assert "About editing." in text
    assert "About languages." not in text
    assert "1 entry about Digital competence" in text


def test_an_unknown_competence_filter_explains_and_shows_everything(client, world):
    make_entry(world.participant, text="About languages.")
    client.force_login(world.participant_user)
    page = client.get(url("journal", world.participant.code), {"competence": "<b>x</b>"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Choose a competence from the list." in text
    assert "About languages." in text


def test_entries_show_their_link_tags_and_privacy(client, world):
    make_entry(world.participant, link="https://video.example.org/1", competences=["digital"])
    client.force_login(world.participant_user)
    page = client.get(url("journal", world.participant.code)).content.decode()
    assert 'href="https://video.example.org/1"' in page
    assert "Digital competence" in page
    assert "Private" in page


def test_entries_show_feedback_from_support_persons(client, world):
    entry = make_entry(world.participant, shared=True)
    support_person_for(world.participant)
    Feedback.objects.create(
        author=SupportPerson.objects.get(), entry=entry, text="You spoke clearly."
    )
    client.force_login(world.participant_user)
    page = client.get(url("journal", world.participant.code)).content.decode()
    assert "You spoke clearly." in page
    assert "Dace Kļaviņa, mentor" in page


def test_the_journal_takes_the_same_queries_for_2_entries_as_for_50(client, world):
    support_person_for(world.participant)
    author = SupportPerson.objects.get()
    client.force_login(world.participant_user)
    journal_url = url("journal", world.participant.code)
    counts = []
    for total in (2, 50):
        while world.participant.journal_entries.count() < total:
            entry = make_entry(world.participant, shared=True)
            Feedback.objects.create(author=author, entry=entry, text="Noted.")
        counts.append(count_queries(client, journal_url))
    assert counts[0] == counts[1]


def test_an_entry_is_written(client, world):
    client.force_login(world.participant_user)
    response = client.post(url("entry_add", world.participant.code), ENTRY)

    entry = world.participant.journal_entries.get()
    assert response.url == url("journal", world.participant.code) + f"#entry-{entry.code}"
    assert entry.date == datetime.date(2026, 7, 3)
    assert entry.text == ENTRY["text"]
    assert entry.competences == ["multilingual", "digital"]
    assert entry.link == ENTRY["link"]
    assert entry.shared is False
    assert not entry.photo


def test_a_new_entry_is_dated_today(client, world):
    client.force_login(world.participant_user)
    form = client.get(url("entry_add", world.participant.code)).context["form"]
    assert form["date"].value() == datetime.date.today()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"text": ""}, "This field is required."),
        ({"text": "x" * 4001}, "at most 4000 characters"),
        ({"link": "javascript:alert(1)"}, "starts with https:// or http://"),
        ({"link": "ftp://files.example.org/a.jpg"}, "starts with https:// or http://"),
        ({"competences": ["flying"]}, "Select a valid choice."),
        ({"date": "2026-13-45"}, "Enter a valid date."),
        ({"text": "Null \x00 byte"}, "Null characters are not allowed."),
    ],
)
def test_bad_entry_input_explains_and_saves_nothing(client, world, changes, message):
    client.force_login(world.participant_user)
    response = client.post(url("entry_add", world.participant.code), {**ENTRY, **changes})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not JournalEntry.objects.exists()


def test_an_entry_is_edited_and_its_version_counts_the_save(client, world):
    entry = make_entry(world.participant)
    client.force_login(world.participant_user)
    form = client.get(url("entry_edit", world.participant.code, entry.code)).context["form"]

    client.post(
        url("entry_edit", world.participant.code, entry.code),
        posted(form, text="Rewritten.", competences=["literacy"]),
    )

    entry.refresh_from_db()
    assert entry.text == "Rewritten."
    assert entry.competences == ["literacy"]
    assert entry.version == 2


def test_an_entry_is_shared_and_made_private_again(client, world):
    entry = make_entry(world.participant)
    client.force_login(world.participant_user)
    share_url = url("entry_share", world.participant.code, entry.code)

    response = client.post(share_url, {"shared": "1"}, follow=True)
    entry.refresh_from_db()
    assert entry.shared is True
    assert "Your support persons can now read this entry." in response.content.decode()

    client.post(share_url, {"shared": "0"})
    entry.refresh_from_db()
    assert entry.shared is False
    client.post(share_url, {})
    entry.refresh_from_db()
    assert entry.shared is False


def test_deleting_an_entry_asks_first(client, world):
    entry = make_entry(world.participant)
    client.force_login(world.participant_user)
    delete_url = url("entry_delete", world.participant.code, entry.code)

    page = client.get(delete_url).content.decode()
    assert "Delete this journal entry?" in page
    assert "Today I led the morning energiser" in page
    assert JournalEntry.objects.exists()

    assert client.post(delete_url).url == url("journal", world.participant.code)
    assert not JournalEntry.objects.exists()


def test_after_the_certificate_is_issued_the_journal_is_read_only(client, world):
    entry = make_entry(world.participant)
    world.participant.state = ParticipantState.ISSUED
    world.participant.save()
    client.force_login(world.participant_user)
    code = world.participant.code

    page = client.get(url("journal", code)).content.decode()
    assert "Today I led the morning energiser" in page
    assert "your journal stays here to read" in page
    assert url("entry_add", code) not in page

    client.post(url("entry_add", code), ENTRY)
    client.post(url("entry_edit", code, entry.code), {**ENTRY, "version": "1"})
    client.post(url("entry_share", code, entry.code), {"shared": "1"})
    client.post(url("entry_delete", code, entry.code))
    entry.refresh_from_db()
    assert (entry.text, entry.shared) == ("Today I led the morning energiser in English.", False)
    assert JournalEntry.objects.count() == 1


def test_an_entry_of_another_participant_is_not_found_under_ones_own_record(client, world):
    theirs = make_entry(world.other_participant)
    client.force_login(world.participant_user)
    code = world.participant.code
    assert client.get(url("entry_edit", code, theirs.code)).status_code == 404
    assert client.post(url("entry_delete", code, theirs.code)).status_code == 404
    assert client.post(url("entry_share", code, theirs.code), {"shared": "1"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.shared is False


@pytest.mark.parametrize("name", ["journal", "entry_add", "entry_edit", "entry_delete"])
def test_only_the_participant_reaches_the_journal(client, world, name):
    entry = make_entry(world.participant)
    code = world.participant.code
    args = [code] if name in ("journal", "entry_add") else [code, entry.code]
    assert_only_the_holder_gets_in(
        client, world, reverse(f"participants:{name}", args=args), {**ENTRY, "version": "1"}
    )
    entry.refresh_from_db()
    assert entry.text == "Today I led the morning energiser in English."
    assert JournalEntry.objects.count() == 1


def test_only_the_participant_shares_an_entry_and_only_by_post(client, world):
    entry = make_entry(world.participant)
    assert_only_the_holder_may_post(
        client, world, url("entry_share", world.participant.code, entry.code), {"shared": "1"}
    )
    entry.refresh_from_db()
    assert entry.shared is False
