"""Bulk issue and the ZIP of a project's certificates, with their progress, in a browser."""

import io
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from certificates.models import Certificate
from jobs.models import Job
from participants.models import ParticipantState
from projects.models import Membership, MembershipRole, Organisation
from tests.browser.test_journey import button, link, main
from tests.browser.test_process import log_in
from tests.conftest import make_project, make_user
from tests.jobs.conftest import add_participants

pytestmark = pytest.mark.browser

ORGANISER_EMAIL = "anna@genijs.example.org"


@pytest.fixture
def project(transactional_db):
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
    project = make_project(organisation, created_by=organiser)
    add_participants(project, 3)
    add_participants(project, 1, state=ParticipantState.SUBMITTED, prefix="s")
    return project


def test_issue_all_then_zip(new_page, audit, project, mailoutbox):
    page = new_page()
    log_in(page, ORGANISER_EMAIL)
    page.goto(f"/projects/{project.code}/certificates/issue/")
    expect(main(page)).to_contain_text("3 participants are approved and get their certificates")
    audit.check(page, "bulk-issue-confirm")
    button(page, "Issue 3 participants' certificates").click()

    expect(main(page)).to_contain_text("Issuing the certificates of 3 participants")
    expect(page.get_by_role("heading", name="Finished")).to_be_visible()
    expect(main(page)).to_contain_text("3 of 3")
    audit.check(page, "bulk-issue-progress")
    assert Certificate.objects.filter(participant__project=project).count() == 3
    assert len(mailoutbox) == 3

    page.goto(f"/projects/{project.code}/certificates/zip/")
    expect(main(page)).to_contain_text("The valid certificates of 3 participants go into one ZIP")
    audit.check(page, "zip-confirm")
    button(page, "Make the ZIP").click()
    expect(page.get_by_role("heading", name="Finished")).to_be_visible()
    audit.check(page, "zip-progress")
    with page.expect_download() as download_info:
        link(page, "Download the ZIP").click()
    download = download_info.value
    assert download.suggested_filename.startswith("youthpass-voices-of-the-baltic-")
    archive = zipfile.ZipFile(io.BytesIO(Path(download.path()).read_bytes()))
    assert len([name for name in archive.namelist() if name.endswith(".pdf")]) == 3
    assert "certificates.csv" in archive.namelist()
    audit.assert_clean()


def test_progress_moves_on_by_itself(new_page, audit, project):
    """The progress page follows a job that a worker does while the page is open."""
    organiser = project.created_by
    participants = list(project.participants.filter(state=ParticipantState.APPROVED))
    job = Job.create(project, Job.Kind.ISSUE, participants, by=organiser)
    page = new_page()
    log_in(page, ORGANISER_EMAIL)
    page.goto(job.get_absolute_url())
    expect(page.get_by_role("heading", name="Waiting")).to_be_visible()
    expect(main(page)).to_contain_text("0 of 3")
    audit.check(page, "job-waiting")

    job.work()  # A worker does the job; the page is not reloaded by the test.

    expect(page.get_by_role("heading", name="Finished")).to_be_visible()
    expect(main(page)).to_contain_text("3 of 3")
    audit.check(page, "job-finished")
    audit.assert_clean()
