"""The Youthpass process of a traineeship through the real UI, in a real browser.

A participant plans a goal and keeps a journal; the organiser invites a mentor and a
supervisor, who accept by e-mail; the mentor reads what was shared and gives feedback;
the participant writes the self-assessment beside their own goals and journal, submits
it, gets it back with a comment on one section, resubmits; the organiser approves; the
supervisor writes an assessment that the participant agrees to include; the organiser
issues the certificate and the PDF carries all of it.

The organisation, the organiser, the project and the participant's account are made in
the database: the journey test (test_journey.py) walks through signing up and inviting.
"""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from certificates.models import Certificate
from participants.models import Participant, ParticipantState
from projects.formats import Format
from projects.models import Membership, MembershipRole, Organisation
from support.models import SupervisorAssessment
from tests.browser.test_journey import (
    button,
    download_pdf,
    field,
    link,
    main,
    outcome,
    pdf_text,
    submit_for_review,
)
from tests.conftest import PASSWORD, make_project, make_user

pytestmark = pytest.mark.browser

PROJECT_TITLE = "Dizaina prakse Rīgā"
ORGANISER_EMAIL = "anna@genijs.example.org"
PARTICIPANT_EMAIL = "liga.kalnina@example.org"
HOLDER = "Līga Kalniņa"
MENTOR_EMAIL = "martins.ozols@example.org"
MENTOR = "Mārtiņš Ozols"
MENTOR_PASSWORD = "mentors-un-kafija-2026"
SUPERVISOR_EMAIL = "inese.liepa@example.org"
SUPERVISOR = "Inese Liepa"
SUPERVISOR_PASSWORD = "darba-vadiba-2026"

COMPETENCE = "Multilingual competence"
GOAL = "Lead a client meeting in Latvian"
GOAL_SUCCESS = "A client leaves the meeting knowing what we agreed, without English."
ENTRY = "Šodien vadīju pirmo klientu sanāksmi latviski: ā, č, ē, ģ, ī, ķ, ļ, ņ, š, ū, ž."
PRIVATE_ENTRY = "Before the meeting I was so nervous that I nearly asked Inese to lead it."
FEEDBACK = "Lieliski! Before the next meeting, write down three phrases you want to try."
OUTCOME = "I learned to lead client meetings in Latvian."
OUTCOME_REVISED = (
    "I led four client meetings in Latvian on my own, prepared the agenda in Latvian and "
    "wrote the minutes: ā, č, ē, ģ, ī, ķ, ļ, ņ, š, ū, ž."
)
PROFESSIONAL = "I prepared price offers for the clients of a small design studio in Rīga."
RETURN_COMMENT = "Please say how many meetings you led on your own."
ASSESSMENT = (
    "Līga worked reliably and independently. She grew from taking notes to leading client "
    "meetings in Latvian herself."
)


@pytest.fixture
def traineeship(transactional_db):
    """An organiser's traineeship project with one participant who has an account."""
    organisation = Organisation.objects.create(
        name="Jauniešu centrs Ģēnijs",
        street="Rīgas iela 1",
        town="Rēzekne",
        country="LV",
        signatory_name="Ilze Liepiņa",
        signatory_role="Valdes priekšsēdētāja",
    )
    organiser = make_user(ORGANISER_EMAIL, "Anna", "Bērziņa")
    Membership.objects.create(organisation=organisation, user=organiser, role=MembershipRole.ADMIN)
    project = make_project(
        organisation,
        created_by=organiser,
        format=Format.TRAINEESHIP_JOB,
        title=PROJECT_TITLE,
        start_date=datetime.date(2026, 3, 1),
        end_date=datetime.date(2026, 8, 31),
        venue_town="Rīga",
        description="A six-month traineeship in a design studio.",
    )
    user = make_user(PARTICIPANT_EMAIL, "Līga", "Kalniņa")
    return Participant.objects.create(
        project=project,
        user=user,
        first_name="Līga",
        last_name="Kalniņa",
        email=PARTICIPANT_EMAIL,
        state=ParticipantState.ACTIVE,
    )


def log_in(page, email, audit=None):
    page.goto("/accounts/login/")
    if audit:
        audit.check(page, "process-login")
    field(page, "E-mail address").fill(email)
    field(page, "Password").fill(PASSWORD)
    button(main(page), "Log in").click()
    expect(page.get_by_role("navigation", name="Main navigation")).to_contain_text(email)


def article(page, text):
    """The goal or journal entry card that holds this text."""
    return main(page).get_by_role("article").filter(has_text=text)


def message_to(mailoutbox, email):
    """The last e-mail sent to this address."""
    sent = [message for message in mailoutbox if message.to == [email]]
    assert sent, f"no e-mail to {email}"
    return sent[-1]


def invite_support_person(page, first_name, last_name, email, role):
    field(page, "First name").fill(first_name)
    field(page, "Last name").fill(last_name)
    field(page, "E-mail address").fill(email)
    field(page, "Role").select_option(label=role)
    page.get_by_role("checkbox", name=f"{HOLDER} ({PARTICIPANT_EMAIL})").check()
    expect(field(page, "Send the invitation e-mail now")).to_be_checked()
    button(page, "Add support person").click()
    expect(main(page)).to_contain_text(
        f"{first_name} {last_name} was added and invited by e-mail to {email}"
    )


def accept_support_invitation(page, mail, password, first_name, audit, name):
    invitation_link = re.search(r"https?://\S+/support/invitations/\S+/", mail.body).group()
    page.goto(urlsplit(invitation_link).path)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Welcome, {first_name}!")
    audit.check(page, f"process-{name}-invitation")
    field(page, "Password").fill(password)
    field(page, "Password again").fill(password)
    button(page, "Accept and create my account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My participants")
    expect(main(page)).to_contain_text(f"Welcome to {PROJECT_TITLE}!")


def section_comment(page, title):
    """The organiser's comment box beside a section of the self-assessment."""
    # The section's name, visually hidden, comes first in the label.
    name = re.compile(rf"^{re.escape(title)}: Your comment on this section \(optional\)$")
    return page.get_by_role("textbox", name=name)


def test_plan_journal_support_review_and_supervisor_assessment(
    traineeship, mailoutbox, new_page, audit
):
    # 1. The participant adds a goal about a competence to the plan and shares it.
    participant = new_page()
    log_in(participant, PARTICIPANT_EMAIL, audit)
    # A participant lands on their own Youthpass.
    expect(participant.get_by_role("heading", level=1)).to_have_text("My Youthpass")
    link(main(participant), PROJECT_TITLE).click()
    expect(participant.get_by_role("heading", level=1)).to_have_text(PROJECT_TITLE)
    steps_url = participant.url
    audit.check(participant, "process-steps")

    link(participant, "Start your learning plan").click()
    audit.check(participant, "process-plan-empty")
    link(participant, "Add a goal").click()
    audit.check(participant, "process-goal-new")
    field(participant, "What I want to learn").fill(GOAL)
    field(participant, "Competence").select_option(label=COMPETENCE)
    field(participant, "How and when").fill("At the weekly meetings with clients, from April.")
    field(participant, "Who can help").fill("Inese, my supervisor.")
    field(participant, "How I will know I have succeeded").fill(GOAL_SUCCESS)
    field(participant, "Share with my support persons").check()
    button(participant, "Save").click()
    expect(main(participant)).to_contain_text("Your goal is added to your learning plan.")
    goal = participant.get_by_role("article", name=GOAL)
    expect(goal).to_contain_text(COMPETENCE)
    expect(goal.get_by_text("Shared", exact=True)).to_be_visible()
    audit.check(participant, "process-plan")

    # 2. Writes a journal entry in Latvian tagged with the competence and shares it, and
    # another one that stays private.
    participant.goto(steps_url)
    link(participant, "Write your first entry").click()
    audit.check(participant, "process-journal-empty")
    link(participant, "New entry").click()
    audit.check(participant, "process-entry-new")
    field(participant, "What happened, and what did you learn from it?").fill(ENTRY)
    participant.get_by_role("checkbox", name=COMPETENCE, exact=True).check()
    expect(field(participant, "Share with my support persons")).not_to_be_checked()
    button(participant, "Save").click()
    expect(main(participant)).to_contain_text("Your journal entry is saved.")
    entry = article(participant, ENTRY)
    expect(entry.get_by_text("Private", exact=True)).to_be_visible()
    button(entry, "Share with my support persons").click()
    expect(main(participant)).to_contain_text("Your support persons can now read this entry.")
    expect(entry.get_by_text("Shared", exact=True)).to_be_visible()
    expect(entry.get_by_role("link", name=COMPETENCE)).to_be_visible()

    link(participant, "New entry").click()
    field(participant, "What happened, and what did you learn from it?").fill(PRIVATE_ENTRY)
    button(participant, "Save").click()
    expect(main(participant)).to_contain_text("Your journal entry is saved.")
    expect(article(participant, PRIVATE_ENTRY).get_by_text("Private", exact=True)).to_be_visible()
    audit.check(participant, "process-journal")

    # 3. The organiser invites a mentor and a supervisor for the participant.
    organiser = new_page()
    log_in(organiser, ORGANISER_EMAIL)
    organiser.get_by_role("navigation", name="Main navigation").get_by_role(
        "link", name="Projects"
    ).click()
    link(main(organiser), PROJECT_TITLE).click()
    expect(organiser.get_by_role("heading", level=1)).to_have_text(PROJECT_TITLE)
    project_url = organiser.url
    audit.check(organiser, "process-project")
    link(organiser, "Invite a support person").click()
    audit.check(organiser, "process-support-new")
    invite_support_person(organiser, "Mārtiņš", "Ozols", MENTOR_EMAIL, "Mentor")
    audit.check(organiser, "process-support-persons")
    link(organiser, "Invite a support person").click()
    invite_support_person(organiser, "Inese", "Liepa", SUPERVISOR_EMAIL, "Supervisor")
    for name, role in ((MENTOR, "Mentor"), (SUPERVISOR, "Supervisor")):
        card = organiser.get_by_role("article", name=name)
        expect(card).to_contain_text(role)
        expect(card.get_by_role("link", name=HOLDER)).to_be_visible()
    audit.check(organiser, "process-support-persons-invited")

    # Each accepts on their own device, with the link from their e-mail.
    mentor = new_page()
    accept_support_invitation(
        mentor, message_to(mailoutbox, MENTOR_EMAIL), MENTOR_PASSWORD, "Mārtiņš", audit, "mentor"
    )
    supervisor = new_page()
    accept_support_invitation(
        supervisor,
        message_to(mailoutbox, SUPERVISOR_EMAIL),
        SUPERVISOR_PASSWORD,
        "Inese",
        audit,
        "supervisor",
    )

    # 4. The mentor reads what the participant shared, not the private entry, and gives
    # feedback on the journal entry.
    expect(main(mentor)).to_contain_text("1 shared goal")
    expect(main(mentor)).to_contain_text("1 shared journal entry")
    audit.check(mentor, "process-mentor-participants")
    link(main(mentor), HOLDER).click()
    expect(mentor.get_by_role("heading", level=1)).to_have_text(HOLDER)
    expect(mentor.get_by_role("article", name=GOAL)).to_contain_text(GOAL_SUCCESS)
    expect(main(mentor)).to_contain_text(ENTRY)
    expect(main(mentor)).not_to_contain_text(PRIVATE_ENTRY)
    audit.check(mentor, "process-mentor-participant")
    shared_entry = article(mentor, ENTRY)
    expect(shared_entry).to_contain_text(COMPETENCE)
    field(shared_entry, "Add feedback").fill(FEEDBACK)
    button(shared_entry, "Send feedback").click()
    expect(main(mentor)).to_contain_text("Your feedback is saved. Līga was told by e-mail.")
    expect(article(mentor, ENTRY)).to_contain_text(FEEDBACK)
    audit.check(mentor, "process-mentor-feedback")
    told = message_to(mailoutbox, PARTICIPANT_EMAIL).body
    assert f"{MENTOR} (Mentor) gave you feedback on your journal entry" in told

    # 5. The participant reads the feedback in the journal ...
    participant.reload()
    entry = article(participant, ENTRY)
    expect(entry).to_contain_text("Feedback from your support persons")
    expect(entry).to_contain_text(FEEDBACK)
    expect(entry).to_contain_text(f"{MENTOR}, mentor")
    audit.check(participant, "process-journal-feedback")

    # ... and writes the self-assessment with the goal and the entry beside the competence.
    participant.goto(steps_url)
    link(participant, "Start writing").click()
    aside = participant.get_by_role("complementary", name=f"Notes and help: {COMPETENCE}")
    expect(aside).to_contain_text(GOAL)
    expect(aside).to_contain_text(ENTRY)
    expect(aside).not_to_contain_text(PRIVATE_ENTRY)
    audit.check(participant, "process-outcomes-empty")
    outcome(participant, COMPETENCE).fill(OUTCOME)
    outcome(participant, "Professional competences").fill(PROFESSIONAL)
    button(participant, "Save").click()
    expect(main(participant)).to_contain_text("Your learning outcomes are saved.")
    expect(outcome(participant, COMPETENCE)).to_have_value(OUTCOME)
    expect(outcome(participant, "Professional competences")).to_have_value(PROFESSIONAL)
    button(participant, "Save and go to submission").click()
    expect(participant).to_have_url(f"{steps_url}#submit")
    submit_for_review(participant)
    audit.check(participant, "process-submitted")

    # 6. The organiser returns it with a comment on the competence's section.
    organiser.goto(project_url)
    link(main(organiser), HOLDER).click()
    expect(main(organiser)).to_contain_text(OUTCOME)
    expect(main(organiser)).to_contain_text(PROFESSIONAL)
    manage_url = organiser.url
    audit.check(organiser, "process-review")
    section_comment(organiser, COMPETENCE).fill(RETURN_COMMENT)
    organiser.get_by_role("radio", name="Return for changes").check()
    button(organiser, "Save decision").click()
    expect(main(organiser)).to_contain_text(f"Returned to {HOLDER} with your comment.")
    audit.check(organiser, "process-returned")
    returned = message_to(mailoutbox, PARTICIPANT_EMAIL).body
    assert "There is 1 comment on a section of your self-assessment." in returned

    # The participant sees the comment beside that text, edits it and submits again.
    participant.goto(steps_url)
    audit.check(participant, "process-steps-returned")
    link(participant, "Continue writing").click()
    section = participant.get_by_role("region", name=COMPETENCE, exact=True)
    expect(section).to_contain_text(f"Organisers’ comment: {RETURN_COMMENT}")
    expect(participant.get_by_role("region", name="Professional competences")).not_to_contain_text(
        RETURN_COMMENT
    )
    audit.check(participant, "process-outcomes-returned")
    outcome(participant, COMPETENCE).fill(OUTCOME_REVISED)
    button(participant, "Save and go to submission").click()
    submit_for_review(participant)

    # The organiser sees the new text and approves.
    organiser.goto(manage_url)
    expect(main(organiser)).to_contain_text(OUTCOME_REVISED)
    audit.check(organiser, "process-review-again")
    organiser.get_by_role("radio", name="Approve").check()
    button(organiser, "Save decision").click()
    expect(main(organiser)).to_contain_text("Self-assessment approved.")

    # 7. The supervisor writes the general assessment ...
    supervisor.get_by_role("navigation", name="Main navigation").get_by_role(
        "link", name="Support"
    ).click()
    link(main(supervisor), HOLDER).click()
    audit.check(supervisor, "process-supervisor-participant")
    link(supervisor, "Write the assessment").click()
    audit.check(supervisor, "process-assessment-new")
    field(supervisor, "General assessment").fill(ASSESSMENT)
    button(supervisor, "Save the assessment").click()
    expect(main(supervisor)).to_contain_text(
        "Your assessment is saved. Līga was asked by e-mail to read it"
    )
    expect(main(supervisor)).to_contain_text("Not agreed yet")
    audit.check(supervisor, "process-assessment-saved")

    # ... and the participant agrees to include it.
    participant.goto(steps_url)
    link(participant, "Your support persons and their feedback").click()
    assessment = participant.get_by_role("region", name="Supervisor’s assessment")
    expect(assessment).to_contain_text(ASSESSMENT)
    expect(assessment).to_contain_text(f"Written by {SUPERVISOR}")
    expect(
        participant.get_by_role("region", name="Feedback from your support persons")
    ).to_contain_text(FEEDBACK)
    audit.check(participant, "process-my-support")
    button(participant, "Include it on my certificate").click()
    expect(main(participant)).to_contain_text(
        "Thank you. The assessment will be printed on certificates issued from now on."
    )
    expect(assessment.get_by_text("Agreed", exact=True)).to_be_visible()
    audit.check(participant, "process-assessment-agreed")
    assert SupervisorAssessment.objects.get().included

    # 8. The organiser issues the certificate in English; the participant downloads it.
    organiser.goto(manage_url)
    expect(organiser.get_by_role("region", name="Support persons")).to_contain_text(ASSESSMENT)
    organiser.get_by_role("checkbox", name="English").check()
    organiser.get_by_role("checkbox", name="Latvian").uncheck()
    button(organiser, "Issue certificate").click()
    expect(main(organiser)).to_contain_text("issued. The participant can download it now.")
    audit.check(organiser, "process-issued")
    certificate = Certificate.objects.get()
    assert certificate.language == "en"
    traineeship.refresh_from_db()
    assert traineeship.state == ParticipantState.ISSUED

    participant.goto(steps_url)
    expect(main(participant).get_by_text("Certificate issued", exact=True)).to_be_visible()
    audit.check(participant, "process-steps-issued")
    text = pdf_text(download_pdf(participant))
    assert HOLDER in text
    assert certificate.certificate_id in text
    assert OUTCOME_REVISED in text
    assert "Professional competences" in text
    assert PROFESSIONAL in text
    assert ASSESSMENT in text
    assert SUPERVISOR in text

    audit.assert_clean()
