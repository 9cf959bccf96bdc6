"""Writing never loses text: versions, conflicts shown side by side, and autosave."""

import pytest
from django.urls import reverse

from participants import versioned_save
from participants.models import Goal, LearningOutcome, Participant, ParticipantState
from participants.versioned_save import fingerprint, save_checked
from projects.formats import Format
from tests.conftest import write_outcomes
from tests.participants.learning import make_entry, make_goal, posted, url


def outcomes_form(client, participant):
    """The outcomes form as the page showed it."""
    return client.get(url("outcomes", participant.code)).context["form"]


def text_of(participant, key):
    return LearningOutcome.objects.get(participant=participant, competence=key).text


# The self-assessment page


def test_the_page_carries_the_version_and_fingerprint_of_every_text(client, world):
    write_outcomes(world.participant, {"digital": "I edited videos."})
    client.force_login(world.participant_user)
    page = client.get(url("outcomes", world.participant.code)).content.decode()
    assert '<input type="hidden" name="digital__version" value="1"' in page
    assert '<input type="hidden" name="literacy__version" value="0"' in page
    assert f'name="digital__loaded" value="{fingerprint("I edited videos.")}"' in page
    assert "data-autosave-url=" in page
    assert "data-warn-unsaved" in page
    assert 'aria-live="polite"' in page
    assert "js/drafts.js" in page


def test_a_save_counts_up_the_version(client, world):
    write_outcomes(world.participant, {"digital": "I edited videos."})
    client.force_login(world.participant_user)
    form = outcomes_form(client, world.participant)

    client.post(url("outcomes", world.participant.code), posted(form, digital="I edited two."))

    outcome = LearningOutcome.objects.get(competence="digital")
    assert (outcome.text, outcome.version) == ("I edited two.", 2)


def test_a_second_save_from_the_same_page_shows_the_conflict_and_keeps_the_first(client, world):
    write_outcomes(world.participant, {"digital": "I edited videos."})
    client.force_login(world.participant_user)
    first_tab = outcomes_form(client, world.participant)
    second_tab = outcomes_form(client, world.participant)
    address = url("outcomes", world.participant.code)

    assert (
        client.post(address, posted(first_tab, digital="Text from the laptop.")).status_code == 302
    )
    response = client.post(address, posted(second_tab, digital="Text from the phone."))

    assert response.status_code == 200
    assert text_of(world.participant, "digital") == "Text from the laptop."
    page = response.content.decode()
    assert "Changed in another window while you were writing" in page
    # Side by side: the person's own text in the box, the saved one read-only beside it.
    form = response.context["form"]
    assert form["digital"].value() == "Text from the phone."
    assert (
        'id="conflict-digital" class="form-control form-control-sm bg-light" rows="5" readonly>'
        in page
    )
    assert "Text from the laptop.</textarea>" in page

    # Saving again from the conflict page is a decision made with both in view.
    assert client.post(address, posted(form)).status_code == 302
    assert text_of(world.participant, "digital") == "Text from the phone."
    assert LearningOutcome.objects.get(competence="digital").version == 3


def test_a_stale_page_saves_what_its_person_changed_and_keeps_the_rest(client, world):
    write_outcomes(world.participant, {"digital": "Old digital.", "literacy": "Old literacy."})
    client.force_login(world.participant_user)
    laptop = outcomes_form(client, world.participant)
    phone = outcomes_form(client, world.participant)
    address = url("outcomes", world.participant.code)

    client.post(address, posted(laptop, digital="New digital from the laptop."))
    response = client.post(address, posted(phone, literacy="New literacy from the phone."))

    assert response.status_code == 302
    assert text_of(world.participant, "digital") == "New digital from the laptop."
    assert text_of(world.participant, "literacy") == "New literacy from the phone."


def test_a_competence_first_written_in_two_tabs_keeps_the_first(client, world):
    client.force_login(world.participant_user)
    first = outcomes_form(client, world.participant)
    second = outcomes_form(client, world.participant)
    address = url("outcomes", world.participant.code)

    client.post(address, posted(first, stem="I planned the budget."))
    response = client.post(address, posted(second, stem="I counted the votes."))

    assert text_of(world.participant, "stem") == "I planned the budget."
    assert response.context["form"]["stem"].value() == "I counted the votes."
    assert "I planned the budget.</textarea>" in response.content.decode()


def test_format_sections_are_version_checked_together(client, world):
    world.project.format = Format.VOLUNTEERING
    world.project.save()
    participant = Participant.objects.get(pk=world.participant.pk)
    client.force_login(world.participant_user)
    first = outcomes_form(client, participant)
    second = outcomes_form(client, participant)
    address = url("outcomes", participant.code)
    assert 'name="sections__version"' in client.get(address).content.decode()

    client.post(address, posted(first, tasks="I ran the youth café."))
    # The other tab changed another section: that one is saved, tasks is left alone.
    client.post(address, posted(second, training_activities="On-arrival training."))
    participant.refresh_from_db()
    assert participant.tasks == "I ran the youth café."
    assert participant.training_activities == "On-arrival training."
    assert participant.sections_version == 3

    response = client.post(address, posted(second, tasks="I cleaned the café."))
    participant.refresh_from_db()
    assert participant.tasks == "I ran the youth café."
    assert response.context["form"]["tasks"].value() == "I cleaned the café."
    assert "I ran the youth café.</textarea>" in response.content.decode()


def test_a_save_without_versions_is_taken_for_the_current_text(client, world):
    write_outcomes(world.participant, {"digital": "Old."})
    client.force_login(world.participant_user)
    client.post(url("outcomes", world.participant.code), {"digital": "New."})
    assert text_of(world.participant, "digital") == "New."


@pytest.mark.parametrize(
    "damage",
    [{"digital__version": "x"}, {"digital__loaded": "f" * 65}, {"digital__version": "9" * 30}],
)
def test_a_damaged_version_explains_and_saves_nothing(client, world, damage):
    write_outcomes(world.participant, {"digital": "Old."})
    client.force_login(world.participant_user)
    response = client.post(url("outcomes", world.participant.code), {"digital": "New.", **damage})
    assert response.status_code == 200
    assert "This page sent a damaged form" in response.content.decode()
    assert text_of(world.participant, "digital") == "Old."


def test_of_two_requests_racing_from_the_same_version_only_one_wins(world, monkeypatch):
    """The other request commits between this one's read and its write: the conditional
    UPDATE matches no row, and the retry sees the newer text and reports the conflict."""
    write_outcomes(world.participant, {"digital": "Loaded."})
    rows = LearningOutcome.objects.filter(participant=world.participant, competence="digital")
    merge = versioned_save.merge
    calls = []

    def merge_while_another_saves(*args, **kwargs):
        if not calls:
            rows.update(text="Saved by the other request.", version=2)
        calls.append(args)
        return merge(*args, **kwargs)

    monkeypatch.setattr(versioned_save, "merge", merge_while_another_saves)
    saved = save_checked(rows, {"text": "Mine."}, 1, {"text": fingerprint("Loaded.")})

    assert len(calls) == 2
    assert saved.conflicts == {"text": "Saved by the other request."}
    assert saved.version == 2
    outcome = rows.get()
    assert (outcome.text, outcome.version) == ("Saved by the other request.", 2)


# Autosave of the self-assessment


def autosave(client, participant, **data):
    return client.post(url("outcomes_autosave", participant.code), data)


def test_autosave_saves_the_texts_sent_and_answers_the_new_versions(client, world):
    write_outcomes(world.participant, {"digital": "Old.", "literacy": "Untouched."})
    client.force_login(world.participant_user)

    response = autosave(
        client,
        world.participant,
        digital="Typed on.",
        digital__version="1",
        digital__loaded=fingerprint("Old."),
    )

    assert response.status_code == 200
    data = response.json()
    assert data["message"].startswith("Saved at ")
    assert data["hidden"] == {"digital__version": "2", "digital__loaded": fingerprint("Typed on.")}
    assert text_of(world.participant, "digital") == "Typed on."
    assert text_of(world.participant, "literacy") == "Untouched."


def test_autosave_of_a_stale_text_answers_409_with_the_newer_one(client, world):
    write_outcomes(world.participant, {"digital": "Loaded."})
    LearningOutcome.objects.filter(competence="digital").update(text="Newer.", version=2)
    client.force_login(world.participant_user)

    response = autosave(
        client,
        world.participant,
        digital="Mine.",
        digital__version="1",
        digital__loaded=fingerprint("Loaded."),
    )

    assert response.status_code == 409
    data = response.json()
    assert data["conflicts"] == {"digital": "Newer."}
    assert data["hidden"] == {"digital__version": "2", "digital__loaded": fingerprint("Newer.")}
    assert text_of(world.participant, "digital") == "Newer."

    # With the versions the 409 gave, the next save is the person's decision and wins.
    again = autosave(client, world.participant, digital="Mine.", **data["hidden"])
    assert again.status_code == 200
    assert text_of(world.participant, "digital") == "Mine."


def test_autosave_refuses_a_too_long_text_and_saves_nothing(client, world):
    client.force_login(world.participant_user)
    response = autosave(client, world.participant, digital="x" * 4001, digital__version="0")
    assert response.status_code == 400
    assert "at most 4000 characters" in response.json()["errors"]["digital"][0]
    assert not LearningOutcome.objects.exists()


def test_autosave_of_a_damaged_version_saves_nothing(client, world):
    client.force_login(world.participant_user)
    response = autosave(client, world.participant, digital="Hi", digital__version="-3")
    assert response.status_code == 400
    assert "damaged" in response.json()["message"]
    assert not LearningOutcome.objects.exists()


def test_autosave_after_submitting_is_refused(client, world):
    write_outcomes(world.participant, {"digital": "Submitted text."})
    world.participant.submit()
    client.force_login(world.participant_user)
    response = autosave(client, world.participant, digital="Late change.", digital__version="1")
    assert response.status_code == 403
    assert "with the organisers" in response.json()["message"]
    assert text_of(world.participant, "digital") == "Submitted text."


def test_autosave_is_for_the_participant_alone_and_only_by_post(client, world):
    address = url("outcomes_autosave", world.participant.code)
    data = {"digital": "Intruder.", "digital__version": "0"}
    client.force_login(world.participant_user)
    assert client.get(address).status_code == 405
    for user, status in (
        (world.other_participant_user, 404),
        (world.outsider, 404),
        (world.editor, 403),
    ):
        client.force_login(user)
        assert client.post(address, data).status_code == status
    client.logout()
    assert client.post(address, data).url.startswith(reverse("login"))
    assert not LearningOutcome.objects.exists()


# Goals and journal entries


def test_two_saves_of_a_goal_from_the_same_page_keep_the_first(client, world):
    goal = make_goal(world.participant)
    client.force_login(world.participant_user)
    address = url("goal_edit", world.participant.code, goal.code)
    first = client.get(address).context["form"]
    second = client.get(address).context["form"]

    client.post(address, posted(first, title="Lead a workshop in Latvian"))
    response = client.post(address, posted(second, title="Lead a workshop in Spanish"))

    goal.refresh_from_db()
    assert (goal.title, goal.version) == ("Lead a workshop in Latvian", 2)
    assert response.status_code == 200
    assert response.context["form"]["title"].value() == "Lead a workshop in Spanish"
    page = response.content.decode()
    assert "Changed in another window while you were writing" in page
    assert "Lead a workshop in Latvian</textarea>" in page

    client.post(address, posted(response.context["form"]))
    goal.refresh_from_db()
    assert (goal.title, goal.version) == ("Lead a workshop in Spanish", 3)


def test_an_edit_form_opened_before_a_state_change_keeps_the_state(client, world):
    goal = make_goal(world.participant)
    client.force_login(world.participant_user)
    address = url("goal_edit", world.participant.code, goal.code)
    form = client.get(address).context["form"]

    client.post(url("goal_state", world.participant.code, goal.code), {"state": "reached"})
    client.post(url("goal_share", world.participant.code, goal.code), {"shared": "1"})
    response = client.post(address, posted(form, how="Every Friday."))

    assert response.status_code == 302
    goal.refresh_from_db()
    assert (goal.state, goal.shared, goal.how) == (Goal.State.REACHED, True, "Every Friday.")


def test_a_goal_made_private_elsewhere_is_not_shared_again_by_an_old_form(client, world):
    goal = make_goal(world.participant, shared=True)
    client.force_login(world.participant_user)
    address = url("goal_edit", world.participant.code, goal.code)
    form = client.get(address).context["form"]

    client.post(url("goal_share", world.participant.code, goal.code), {"shared": "0"})
    client.post(address, posted(form, success="I lead it alone."))

    goal.refresh_from_db()
    assert goal.shared is False
    assert goal.success == "I lead it alone."


def test_goal_autosave(client, world):
    goal = make_goal(world.participant)
    client.force_login(world.participant_user)
    address = url("goal_autosave", world.participant.code, goal.code)
    loaded = {"version": "1", "how__loaded": fingerprint("")}

    response = client.post(address, {"how": "Twice a week.", **loaded})
    assert response.status_code == 200
    assert response.json()["hidden"] == {
        "version": "2",
        "how__loaded": fingerprint("Twice a week."),
    }

    response = client.post(address, {"how": "Once a week.", **loaded})
    assert response.status_code == 409
    assert response.json()["conflicts"] == {"how": "Twice a week."}
    goal.refresh_from_db()
    assert (goal.how, goal.title, goal.version) == (
        "Twice a week.",
        "Lead a workshop in English",
        2,
    )

    assert client.post(address, {"title": "", "version": "2"}).status_code == 400
    assert client.get(address).status_code == 405


def test_entry_autosave_and_conflict_on_the_edit_page(client, world):
    entry = make_entry(world.participant)
    client.force_login(world.participant_user)
    edit = url("entry_edit", world.participant.code, entry.code)
    stale = client.get(edit).context["form"]

    response = client.post(
        url("entry_autosave", world.participant.code, entry.code),
        {
            "text": "Typed in the other tab.",
            "version": "1",
            "text__loaded": stale["text__loaded"].value(),
        },
    )
    assert response.status_code == 200

    response = client.post(edit, posted(stale, text="Typed in this tab."))
    assert response.status_code == 200
    entry.refresh_from_db()
    assert entry.text == "Typed in the other tab."
    assert response.context["form"]["text"].value() == "Typed in this tab."
    assert "Typed in the other tab.</textarea>" in response.content.decode()


def test_autosave_of_goals_and_entries_stops_after_the_certificate_is_issued(client, world):
    goal = make_goal(world.participant)
    entry = make_entry(world.participant)
    Participant.objects.filter(pk=world.participant.pk).update(state=ParticipantState.ISSUED)
    client.force_login(world.participant_user)
    code = world.participant.code
    goal_response = client.post(url("goal_autosave", code, goal.code), {"how": "x", "version": "1"})
    entry_response = client.post(
        url("entry_autosave", code, entry.code), {"text": "x", "version": "1"}
    )
    assert (goal_response.status_code, entry_response.status_code) == (403, 403)
    goal.refresh_from_db()
    entry.refresh_from_db()
    assert (goal.how, entry.version) == ("", 1)


@pytest.mark.parametrize("name", ["goal_autosave", "entry_autosave"])
def test_autosave_of_goals_and_entries_is_for_the_participant_alone(client, world, name):
    item = (
        make_goal(world.participant) if name == "goal_autosave" else make_entry(world.participant)
    )
    address = url(name, world.participant.code, item.code)
    data = {"how": "Intruder.", "text": "Intruder.", "version": "1"}
    for user, status in (
        (world.other_participant_user, 404),
        (world.outsider, 404),
        (world.admin, 403),
    ):
        client.force_login(user)
        assert client.post(address, data).status_code == status
    client.logout()
    assert client.post(address, data).url.startswith(reverse("login"))
    item.refresh_from_db()
    assert item.version == 1


def test_the_writing_pages_warn_before_leaving_unsaved_text(client, world):
    goal = make_goal(world.participant)
    entry = make_entry(world.participant)
    client.force_login(world.participant_user)
    code = world.participant.code
    for address in (
        url("personal", code),
        url("goal_add", code),
        url("goal_edit", code, goal.code),
        url("entry_add", code),
        url("entry_edit", code, entry.code),
    ):
        page = client.get(address).content.decode()
        assert "data-warn-unsaved" in page, address
        assert "js/drafts.js" in page, address
