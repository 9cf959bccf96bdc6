"""Writing never loses text, in a real browser: autosave, a second tab, going offline,
leaving with unsaved text, and pressing Save while an autosave is on its way."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from participants.models import LearningOutcome, Participant, ParticipantState
from projects.formats import Format
from projects.models import Organisation, Project
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.browser

SAVED = re.compile(r"^Saved at \d\d:\d\d$")


@pytest.fixture
def writer(transactional_db):
    organisation = Organisation.objects.create(name="Jauniešu centrs Ģēnijs", country="LV")
    project = Project.objects.create(
        organisation=organisation,
        format=Format.YOUTH_EXCHANGE,
        title="Voices of the Baltic",
        start_date=datetime.date(2026, 7, 1),
        end_date=datetime.date(2026, 7, 10),
        venue_town="Cēsis",
        venue_country="LV",
    )
    user = make_user("liga@example.org", "Līga", "Kalniņa")
    participant = Participant.objects.create(
        project=project,
        user=user,
        first_name="Līga",
        last_name="Kalniņa",
        email=user.email,
        state=ParticipantState.ACTIVE,
    )
    LearningOutcome.objects.create(
        participant=participant, competence="digital", text="I edited videos."
    )
    return participant


def log_in(page):
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill("liga@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Log in").click()
    page.wait_for_load_state("load")


def digital_text():
    return LearningOutcome.objects.get(competence="digital").text


def test_texts_are_saved_while_typing_and_a_second_tab_cannot_overwrite_them(
    writer, new_page, audit
):
    outcomes = f"/me/{writer.code}/outcomes/"
    first = new_page()
    log_in(first)
    first.goto(outcomes)
    status = first.locator("[data-autosave-status]")
    digital = first.get_by_role("textbox", name="Digital competence", exact=True)

    digital.fill("I edited videos for the town.")
    expect(status).to_have_text(SAVED)
    assert digital_text() == "I edited videos for the town."

    # The same person in a second tab, on an older copy after the first saves again.
    second = first.context.new_page()
    second.goto(outcomes)
    digital.fill("I edited videos for the town and the school.")
    expect(status).to_have_text(SAVED)
    other = second.get_by_role("textbox", name="Digital competence", exact=True)
    other.fill("Written in the second tab.")
    expect(second.locator("[data-autosave-status]")).to_contain_text("changed in another window")
    conflict = second.locator('[data-conflict-for="digital"]')
    expect(conflict).to_be_visible()
    expect(conflict.locator("textarea")).to_have_value(
        "I edited videos for the town and the school."
    )
    expect(other).to_have_value("Written in the second tab.")
    assert digital_text() == "I edited videos for the town and the school."
    audit.check(second, "drafts-conflict")

    # Saving from there is a choice made with both texts in view.
    second.get_by_role("button", name="Save", exact=True).click()
    second.wait_for_load_state("load")
    assert digital_text() == "Written in the second tab."

    # The expected 409 of the conflict is the only error the browser saw.
    audit.browser_errors[:] = [
        error for error in audit.browser_errors if "409 (Conflict)" not in error
    ]
    audit.assert_clean()


def test_offline_text_waits_and_leaving_with_it_warns(writer, new_page, audit):
    page = new_page()
    log_in(page)
    page.goto(f"/me/{writer.code}/outcomes/")
    status = page.locator("[data-autosave-status]")
    literacy = page.get_by_role("textbox", name="Literacy competence", exact=True)

    page.context.set_offline(True)
    literacy.fill("Written on the train.")
    expect(status).to_contain_text("Not saved — offline")
    assert not LearningOutcome.objects.filter(competence="literacy").exists()
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(status).to_have_text(SAVED)
    assert LearningOutcome.objects.get(competence="literacy").text == "Written on the train."

    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    page.get_by_role("textbox", name="Digital competence", exact=True).fill("Not saved yet")
    page.goto(f"/me/{writer.code}/")
    assert dialogs == ["beforeunload"]

    page.goto(f"/me/{writer.code}/outcomes/")
    page.get_by_role("textbox", name="Digital competence", exact=True).fill("Saved by the button")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state("load")
    page.goto(f"/me/{writer.code}/")
    assert dialogs == ["beforeunload"]
    assert digital_text() == "Saved by the button"
    audit.browser_errors[:] = [
        error for error in audit.browser_errors if "ERR_INTERNET_DISCONNECTED" not in error
    ]
    audit.assert_clean()


def test_save_pressed_during_an_autosave_waits_for_it(writer, new_page, audit):
    page = new_page()
    log_in(page)
    page.goto(f"/me/{writer.code}/outcomes/")

    # The server saves at once; its answer is held back until Save has been pressed.
    held = []
    page.route("**/outcomes/autosave/", lambda route: held.append((route, route.fetch())))
    digital = page.get_by_role("textbox", name="Digital competence", exact=True)
    digital.fill("Typed,")
    while not held:
        page.wait_for_timeout(100)
    digital.press_sequentially(" then saved at once.")
    page.get_by_role("button", name="Save", exact=True).click()
    route, response = held[0]
    route.fulfill(response=response)
    page.wait_for_url(re.compile(r"/outcomes/$"))
    page.wait_for_load_state("load")

    expect(page.get_by_text("Your learning outcomes are saved.")).to_be_visible()
    assert digital_text() == "Typed, then saved at once."
    audit.assert_clean()
