"""The whole Youthpass journey through the real UI, in a real browser.

An organiser signs up, creates a project and invites a participant; the participant
accepts, describes their learning and submits; the organiser returns it once, approves
it and issues the certificate; both download the PDF; a stranger verifies it; the site
switches to Latvian.
"""

import datetime
import io
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from certificates.models import Certificate
from participants.models import Participant, ParticipantState

pytestmark = pytest.mark.browser

PROJECT_TITLE = "Voices of the Baltic"
ORGANISATION = "Jauniešu centrs Ģēnijs"
ORGANISER_EMAIL = "anna@genijs.example.org"
ORGANISER_PASSWORD = "kalni-un-upes-2026"
PARTICIPANT_EMAIL = "liga.kalnina@example.org"
PARTICIPANT_PASSWORD = "radio-raidijums-2026"
HOLDER = "Līga Kalniņa"
MULTILINGUAL = "Es iemācījos vadīt radio raidījumu latviski: ā, č, ē, ģ, ī, ķ, ļ, ņ, š, ū, ž."
DIGITAL = "I edited a radio show with free software."
DIGITAL_REVISED = "I edited a one-hour radio show with free software and published it as a podcast."
RETURN_COMMENT = "Please say what you did yourself in the digital part."
CERTIFICATE_ID = re.compile(r"\b[0-9A-Z]{4}(?:-[0-9A-Z]{4}){3}\b")


def field(page, label):
    """The form control with this label; crispy-forms appends "*" to required ones."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def outcome(page, competence):
    """A competence's text box (its <section> carries the same name, so ask for the role)."""
    return page.get_by_role("textbox", name=competence, exact=True)


def button(page, name):
    return page.get_by_role("button", name=name, exact=True)


def link(page, name):
    return page.get_by_role("link", name=name, exact=True)


def main(page):
    return page.get_by_role("main")


def submit_for_review(page):
    """Press "Submit for review" and accept the browser's confirm dialog."""
    page.once("dialog", lambda dialog: dialog.accept())
    button(page, "Submit for review").click()
    expect(main(page)).to_contain_text("Submitted. The organisers will review it")


def download_pdf(page) -> bytes:
    with page.expect_download() as download_info:
        link(page, "Download PDF").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    return Path(download.path()).read_bytes()


def pdf_text(pdf: bytes) -> str:
    """The PDF's text as a person reads it: hyphenated line ends joined, spaces collapsed."""
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return re.sub(r"\s+", " ", re.sub(r"\u2010\s*", "", text))


def test_organiser_and_participant_journey(transactional_db, mailoutbox, new_page, audit):
    # 1. A visitor signs up as an organiser.
    organiser = new_page()
    organiser.goto("/")
    audit.check(organiser, "home")
    link(organiser, "Sign up as an organiser").first.click()
    expect(organiser).to_have_url(re.compile(r"/accounts/signup/$"))
    audit.check(organiser, "signup")
    field(organiser, "Organisation").fill(ORGANISATION)
    field(organiser, "First name").fill("Anna")
    field(organiser, "Last name").fill("Bērziņa")
    field(organiser, "E-mail address").fill(ORGANISER_EMAIL)
    field(organiser, "Password").fill(ORGANISER_PASSWORD)
    field(organiser, "Password again").fill(ORGANISER_PASSWORD)
    button(organiser, "Create account").click()
    expect(organiser.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    audit.check(organiser, "signup-sent")

    # ... confirms the address with the e-mailed link ...
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [ORGANISER_EMAIL]
    confirmation_link = re.search(r"https?://\S+/accounts/signup/\S+/", mailoutbox[0].body).group()
    organiser.goto(urlsplit(confirmation_link).path)
    audit.check(organiser, "signup-confirm")
    button(organiser, "Confirm and create my account").click()

    # ... and lands on the new-project form.
    expect(organiser).to_have_url(re.compile(r"/projects/new/$"))
    expect(main(organiser)).to_contain_text(f"Your organisation {ORGANISATION} is ready")
    audit.check(organiser, "new-project")

    # 2. Creates a project.
    field(organiser, "Format").select_option(label="Youth Exchange")
    field(organiser, "Title").fill(PROJECT_TITLE)
    field(organiser, "Project or grant number").fill("2024-1-LV01-KA152-YOU-000123456")
    field(organiser, "Start date").fill("2026-07-01")
    field(organiser, "End date").fill("2026-07-10")
    field(organiser, "Venue (town)").fill("Cēsis")
    field(organiser, "Venue (country)").select_option(label="Latvia")
    field(organiser, "Short description").fill(
        "Young people from four countries made a radio show together."
    )
    button(organiser, "Create project").click()
    expect(organiser.get_by_role("heading", level=1)).to_have_text(PROJECT_TITLE)
    expect(main(organiser)).to_contain_text("Cēsis, Latvia")
    project_url = organiser.url
    audit.check(organiser, "project-empty")

    # 3. Adds a participant and sends the invitation.
    link(organiser, "Add the first participant").click()
    audit.check(organiser, "add-participant")
    field(organiser, "First name").fill("Līga")
    field(organiser, "Last name").fill("Kalniņa")
    field(organiser, "E-mail address").fill(PARTICIPANT_EMAIL)
    field(organiser, "Send the invitation e-mail now").check()
    button(organiser, "Add participant").click()
    expect(main(organiser)).to_contain_text(
        f"{HOLDER} was added and invited by e-mail to {PARTICIPANT_EMAIL}"
    )
    expect(organiser).to_have_url(project_url)
    audit.check(organiser, "project-with-participant")

    assert len(mailoutbox) == 2
    invitation = mailoutbox[1]
    assert invitation.to == [PARTICIPANT_EMAIL]
    invitation_link = re.search(r"https?://\S+/invitations/\S+/", invitation.body).group()

    # 4. The participant, on their own device, accepts the invitation with a new password.
    participant = new_page()
    participant.goto(urlsplit(invitation_link).path)
    expect(participant.get_by_role("heading", level=1)).to_have_text("Welcome, Līga!")
    audit.check(participant, "invitation")
    field(participant, "Password").fill(PARTICIPANT_PASSWORD)
    field(participant, "Password again").fill(PARTICIPANT_PASSWORD)
    button(participant, "Accept and create my account").click()
    expect(main(participant)).to_contain_text(f"Welcome to {PROJECT_TITLE}!")
    expect(participant.get_by_role("heading", level=1)).to_have_text(PROJECT_TITLE)
    participant_url = participant.url
    audit.check(participant, "participation-welcome")

    link(participant, "Edit personal data").click()
    audit.check(participant, "personal-data")
    expect(field(participant, "First name")).to_have_value("Līga")
    field(participant, "Date of birth").fill("2004-05-17")
    field(participant, "Place of birth").fill("Rēzekne")
    button(participant, "Save").click()
    expect(main(participant)).to_contain_text("Your personal data is saved.")
    expect(main(participant)).to_contain_text("Rēzekne")

    link(participant, "Start writing").click()
    audit.check(participant, "outcomes-empty")
    outcome(participant, "Multilingual competence").fill(MULTILINGUAL)
    outcome(participant, "Digital competence").fill(DIGITAL)
    button(participant, "Save").click()
    expect(main(participant)).to_contain_text("Your learning outcomes are saved.")
    expect(outcome(participant, "Multilingual competence")).to_have_value(MULTILINGUAL)
    audit.check(participant, "outcomes-saved")
    button(participant, "Save and go to submission").click()
    expect(participant).to_have_url(f"{participant_url}#submit")
    audit.check(participant, "participation-ready")
    submit_for_review(participant)
    expect(main(participant).get_by_text("Submitted", exact=True)).to_be_visible()
    expect(link(participant, "Edit personal data")).to_have_count(0)
    audit.check(participant, "participation-submitted")

    # 5. The organiser returns it with a comment.
    organiser.goto(project_url)
    link(organiser, HOLDER).click()
    expect(main(organiser)).to_contain_text(MULTILINGUAL)
    audit.check(organiser, "review")
    organiser.get_by_role("radio", name="Return for changes").check()
    field(organiser, "Comment for the participant").fill(RETURN_COMMENT)
    button(organiser, "Save decision").click()
    expect(main(organiser)).to_contain_text(f"Returned to {HOLDER} with your comment.")
    manage_url = organiser.url
    audit.check(organiser, "returned")

    # The participant sees the comment, edits and submits again.
    participant.goto(participant_url)
    expect(main(participant)).to_contain_text(RETURN_COMMENT)
    audit.check(participant, "participation-returned")
    link(participant, "Continue writing").click()
    expect(main(participant)).to_contain_text(RETURN_COMMENT)
    audit.check(participant, "outcomes-returned")
    outcome(participant, "Digital competence").fill(DIGITAL_REVISED)
    button(participant, "Save and go to submission").click()
    submit_for_review(participant)

    # The organiser approves and issues the certificate in English.
    organiser.goto(manage_url)
    expect(main(organiser)).to_contain_text(DIGITAL_REVISED)
    organiser.get_by_role("radio", name="Approve").check()
    button(organiser, "Save decision").click()
    expect(main(organiser)).to_contain_text("Self-assessment approved.")
    audit.check(organiser, "approved")
    # Page 1 prints the organisation's address and signatory: issuing waits for them.
    expect(main(organiser)).to_contain_text("Certificates cannot be issued yet")
    expect(button(organiser, "Issue certificate")).to_have_count(0)
    link(organiser, "Open the organisation’s settings").click()
    field(organiser, "Street and number").fill("Rīgas iela 1")
    field(organiser, "Town").fill("Cēsis")
    field(organiser, "Country").select_option(label="Latvia")
    field(organiser, "Name of the signatory").fill("Anna Bērziņa")
    field(organiser, "Role of the signatory").fill("Director")
    button(organiser, "Save").click()
    expect(main(organiser)).to_contain_text("Organisation details saved.")
    organiser.goto(manage_url)
    organiser.get_by_role("checkbox", name="English").check()
    organiser.get_by_role("checkbox", name="Latvian").uncheck()
    button(organiser, "Issue certificate").click()
    expect(main(organiser)).to_contain_text("issued. The participant can download it now.")
    audit.check(organiser, "issued")

    certificate = Certificate.objects.get()
    certificate_id = certificate.certificate_id
    assert CERTIFICATE_ID.fullmatch(certificate_id)
    assert certificate.language == "en"
    expect(main(organiser)).to_contain_text(certificate_id)
    record = Participant.objects.get()
    assert record.state == ParticipantState.ISSUED
    assert (record.date_of_birth, record.place_of_birth) == (datetime.date(2004, 5, 17), "Rēzekne")
    assert {o.competence: o.text for o in record.outcomes.all()} == {
        "multilingual": MULTILINGUAL,
        "digital": DIGITAL_REVISED,
    }

    # 6. Both download the PDF.
    organiser_pdf = download_pdf(organiser)
    participant.goto(participant_url)
    expect(main(participant).get_by_text("Certificate issued", exact=True)).to_be_visible()
    audit.check(participant, "participation-issued")
    participant_pdf = download_pdf(participant)
    for pdf in (organiser_pdf, participant_pdf):
        assert pdf.startswith(b"%PDF")
        text = pdf_text(pdf)
        assert HOLDER in text
        assert certificate_id in text
        assert "Rēzekne" in text
        assert MULTILINGUAL in text

    organiser.get_by_role("navigation", name="Main navigation").get_by_role(
        "link", name="Projects"
    ).click()
    expect(main(organiser)).to_contain_text(PROJECT_TITLE)
    audit.check(organiser, "project-list")

    # 7. A stranger verifies the ID, typed in lower case without dashes.
    visitor = new_page()
    visitor.goto("/verify/")
    audit.check(visitor, "verify-form")
    field(visitor, "Certificate ID").fill(certificate_id.replace("-", "").lower())
    button(visitor, "Verify").click()
    expect(visitor).to_have_url(re.compile(rf"/verify/{certificate_id}/$"))
    result = main(visitor)
    expect(result).to_contain_text("Valid.")
    expect(result).to_contain_text(HOLDER)
    expect(result).to_contain_text(PROJECT_TITLE)
    for birth_data in ("2004", "17 May", "May 17", "Rēzekne"):
        expect(result).not_to_contain_text(birth_data)
    audit.check(visitor, "verified")

    # 8. The language switcher turns the page Latvian.
    expect(visitor.locator("html")).to_have_attribute("lang", "en")
    field(visitor, "Language").select_option("lv")
    expect(visitor.locator("html")).to_have_attribute("lang", "lv")
    expect(visitor).to_have_url(re.compile(rf"/verify/{certificate_id}/$"))
    audit.check(visitor, "verified-lv")

    audit.assert_clean()
