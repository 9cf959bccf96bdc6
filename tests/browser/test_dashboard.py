"""The project dashboard with 60 participants, in a browser: an organiser filters, searches,
selects people, reminds them, reads the confirmation with its count, confirms, and sees the
progress page finished."""

import datetime
import unicodedata

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from jobs.models import Job
from participants.models import Participant, ParticipantRole, ParticipantState
from participants.states import ELIGIBLE, Action
from projects.models import Membership, MembershipRole, Organisation
from tests.browser.test_journey import button, field, link, main
from tests.browser.test_process import log_in
from tests.conftest import make_project, make_user

pytestmark = pytest.mark.browser

ORGANISER_EMAIL = "anna@genijs.example.org"
FIRST_NAMES = [
    "Līga", "Jānis", "Marta", "Tomas", "Eva", "Kristaps", "Sofia", "Mateusz", "Aino",
    "Andrejs", "Ieva", "Lukas",
]  # fmt: skip
LAST_NAMES = [
    "Ozola", "Bērziņš", "Kowalska", "Tamm", "Ozols", "Jansone", "Virtanen", "Kalniņš",
    "Müller", "Petrauskas", "Liepa",
]  # fmt: skip
# The states of a project halfway through: most are writing, some are done.
STATES = [
    *(ParticipantState.ACTIVE, ParticipantState.ACTIVE, ParticipantState.SUBMITTED),
    *(ParticipantState.ACTIVE, ParticipantState.INVITED, ParticipantState.APPROVED),
    *(ParticipantState.ACTIVE, ParticipantState.RETURNED, ParticipantState.ISSUED),
    *(ParticipantState.SUBMITTED, ParticipantState.ADDED, ParticipantState.ACTIVE),
]
NARROW = {"width": 390, "height": 844}


def ascii_name(text):
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


@pytest.fixture
def project(transactional_db):
    organisation = Organisation.objects.create(name="Jauniešu centrs Ģēnijs", country="LV")
    organiser = make_user(ORGANISER_EMAIL, "Anna", "Bērziņa")
    Membership.objects.create(organisation=organisation, user=organiser, role=MembershipRole.ADMIN)
    project = make_project(
        organisation,
        created_by=organiser,
        deadline=timezone.localdate() + datetime.timedelta(days=10),
        reminder_days=[7, 1],
    )
    now = timezone.now()
    for number in range(60):
        first = FIRST_NAMES[number % len(FIRST_NAMES)]
        last = LAST_NAMES[number % len(LAST_NAMES)]
        email = f"{ascii_name(first)}.{ascii_name(last)}.{number}@example.org"
        state = STATES[number % len(STATES)]
        has_account = state not in (ParticipantState.ADDED, ParticipantState.INVITED)
        Participant.objects.create(
            project=project,
            user=make_user(email, first, last) if has_account else None,
            first_name=first,
            last_name=last,
            email=email,
            state=state,
            language="lv" if number % 3 else "en",
            role=ParticipantRole.GROUP_LEADER if number % 10 == 0 else ParticipantRole.PARTICIPANT,
            country=["LV", "EE", "PL", "FI", "DE", "LT"][number % 6],
            submitted_at=(
                now - datetime.timedelta(days=number % 9)
                if state
                in (ParticipantState.SUBMITTED, ParticipantState.APPROVED, ParticipantState.ISSUED)
                else None
            ),
        )
    return project


def test_organiser_filters_selects_and_reminds(new_page, audit, project, mailoutbox):
    page = new_page()
    log_in(page, ORGANISER_EMAIL)
    page.goto(project.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(project.title)
    expect(main(page)).to_contain_text("All: 60")
    expect(main(page)).to_contain_text("Participants 1–50 of 60 found.")
    expect(main(page)).to_contain_text("7 days before the deadline")
    audit.check(page, "dashboard")
    page.set_viewport_size(NARROW)
    audit.check(page, "dashboard-narrow")
    page.set_viewport_size({"width": 1280, "height": 900})

    # The count of a state filters the table.
    submitted = Participant.objects.filter(
        project=project, state=ParticipantState.SUBMITTED
    ).count()
    link(page, f"Submitted: {submitted}").click()
    expect(main(page)).to_contain_text(f"{submitted} participants found.")
    expect(field(main(page), "State")).to_have_value("submitted")

    # Search in Latvian speakers for the Ozols family (Ozola and Ozols).
    field(main(page), "State").select_option(label="All states")
    field(main(page), "Language").select_option(label="Latvian")
    field(main(page), "Name or e-mail").fill("ozol")
    button(page, "Filter").click()
    found = Participant.objects.filter(project=project, last_name__startswith="Ozol", language="lv")
    eligible = found.filter(state__in=ELIGIBLE[Action.REMIND]).count()
    left_out = found.exclude(state__in=ELIGIBLE[Action.REMIND])
    assert found.count() > eligible > 0 and left_out.exists()
    expect(main(page)).to_contain_text(f"{found.count()} participants found.")
    audit.check(page, "dashboard-filtered")

    # Select everyone on this page (the script's checkbox), then remind them.
    page.get_by_role("checkbox", name="Select everyone on this page").check()
    expect(main(page)).to_contain_text(f"{found.count()} selected.")
    field(main(page), "Action").select_option(label="Remind those who have not submitted")
    button(page, "Selected participants…").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Remind participants")
    expect(main(page)).to_contain_text(f"{eligible} of {found.count()} get an e-mail.")
    not_started = left_out.filter(state=ParticipantState.ADDED).count()
    submitted_already = left_out.count() - not_started
    if submitted_already:
        expect(main(page)).to_contain_text("have submitted already")
    audit.check(page, "bulk-remind-confirm")
    page.set_viewport_size(NARROW)
    audit.check(page, "bulk-remind-confirm-narrow")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert not mailoutbox

    button(page, f"Send {eligible} e-mails").click()
    expect(main(page)).to_contain_text(f"Sending {eligible} e-mails in the background.")
    expect(page.get_by_role("heading", name="Finished")).to_be_visible()
    expect(main(page)).to_contain_text(f"{eligible} of {eligible}")
    audit.check(page, "bulk-remind-progress")
    job = Job.objects.get()
    assert job.kind == Job.Kind.REMIND
    assert len(mailoutbox) == eligible

    # Back on the dashboard, the task is the latest one and the people were reminded.
    link(page, "Back to the project").click()
    expect(main(page)).to_contain_text("Reminders: Finished")
    # Sorted by the column's heading, latest first: those just reminded lead.
    page.get_by_role("link", name="Last reminded").click()
    page.get_by_role("link", name="Last reminded").click()
    expect(field(main(page), "Sort by")).to_have_value("-reminded")
    last_reminded = main(page).locator("tbody tr td:last-child")
    expect(last_reminded.nth(eligible - 1)).not_to_have_text("–")
    expect(last_reminded.nth(eligible)).to_have_text("–")

    # The deadline and the reminder days are set on the project's edit form.
    link(page, "Edit project").click()
    deadline = timezone.localdate() + datetime.timedelta(days=20)
    field(main(page), "Deadline for self-assessments").fill(deadline.isoformat())
    main(page).get_by_role("checkbox", name="14 days before").check()
    main(page).get_by_role("checkbox", name="7 days before").uncheck()
    audit.check(page, "project-edit-reminders")
    button(page, "Save").click()
    expect(main(page)).to_contain_text("Project saved.")
    expect(main(page)).to_contain_text("14 days before the deadline")
    audit.assert_clean()
