"""Every kind of stored file, after each way a person's data goes: account deletion and
retention's pseudonymisation."""

import datetime
import io
import pathlib
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from certificates.models import Certificate
from dashboard.models import ParticipantImport
from jobs.models import Job, JobItem
from participants.models import JournalEntry
from privacy.erasure import delete_account
from privacy.export import export_zip
from privacy.retention import pseudonymise
from tests.projects.images import image_bytes


def account_deletion(world):
    delete_account(world.participant_user)


def retention(world):
    pseudonymise(world.project)


PATHS = [account_deletion, retention]


@pytest.fixture
def stored(world, approved_participant):
    """A journal photo, a valid and a revoked certificate, and a ZIP holding them."""
    participant = approved_participant
    entry = JournalEntry.objects.create(
        participant=participant, date=datetime.date(2026, 7, 3), text="Pirmais raidījums."
    )
    entry.photo.save("stage.jpg", ContentFile(b"\xff\xd8photo"), save=True)
    valid, revoked = Certificate.issue(participant, world.admin, ["en", "lv"])
    revoked.revoke(world.admin, "Wrong dates")
    job = Job.create(world.project, Job.Kind.ZIP, [participant], by=world.admin)
    JobItem.objects.filter(job=job).update(state=JobItem.State.DONE)
    job.result.save(f"{job.code}.zip", ContentFile(b"PK zip"), save=False)
    job.state = Job.State.DONE
    job.save()
    Job.objects.filter(pk=job.pk).update(finished_at=job.created_at)
    return {"photo": entry.photo.name, "valid": valid, "revoked": revoked, "job": job}


def _run(path, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        path(world)


@pytest.mark.parametrize("path", PATHS)
def test_certificate_pdfs_are_deleted(world, stored, path, django_capture_on_commit_callbacks):
    valid_pdf, revoked_pdf = stored["valid"].pdf.name, stored["revoked"].pdf.name
    assert default_storage.exists(valid_pdf) and default_storage.exists(revoked_pdf)

    _run(path, world, django_capture_on_commit_callbacks)

    assert not default_storage.exists(valid_pdf)
    assert not default_storage.exists(revoked_pdf)
    stored["valid"].refresh_from_db()
    assert not stored["valid"].pdf
    assert not Certificate.objects.filter(pk=stored["revoked"].pk).exists()


@pytest.mark.parametrize("path", PATHS)
def test_journal_photos_are_deleted(world, stored, path, django_capture_on_commit_callbacks):
    assert default_storage.exists(stored["photo"])

    _run(path, world, django_capture_on_commit_callbacks)

    assert not default_storage.exists(stored["photo"])


@pytest.mark.parametrize("path", PATHS)
def test_background_task_results_are_deleted(
    world, stored, path, django_capture_on_commit_callbacks
):
    job = stored["job"]
    name = job.result.name
    assert default_storage.exists(name)

    _run(path, world, django_capture_on_commit_callbacks)

    assert not default_storage.exists(name)
    job.refresh_from_db()
    assert not job.result


def test_a_zip_without_the_person_stays_on_account_deletion(
    world, stored, django_capture_on_commit_callbacks
):
    other = Job.create(world.project, Job.Kind.ZIP, [world.other_participant], by=world.admin)
    other.result.save(f"{other.code}.zip", ContentFile(b"PK other"), save=True)

    _run(account_deletion, world, django_capture_on_commit_callbacks)

    assert default_storage.exists(other.result.name)


@pytest.mark.parametrize("path", PATHS)
def test_the_organisation_logo_stays_but_leaves_the_certificate(
    world, stored, path, django_capture_on_commit_callbacks
):
    """The logo is the organisation's: it stays, while a reduced snapshot drops its copy."""
    world.organisation.logo.save("logo.png", ContentFile(image_bytes()), save=True)
    logo = world.organisation.logo.name
    certificate = Certificate.issue(
        stored["valid"].participant, world.admin, ["en"], reason="With the logo"
    )[0]
    assert certificate.snapshot["organisation"]["logo"].startswith("data:")

    _run(path, world, django_capture_on_commit_callbacks)

    assert default_storage.exists(logo)
    certificate.refresh_from_db()
    assert "logo" not in certificate.snapshot["organisation"]
    assert "data:" not in str(certificate.snapshot)


def _preview(project, email):
    row = {
        "row": 2,
        "values": {"email": email.upper(), "first_name": "Līga"},
        "data": {"email": email, "first_name": "Līga"},
        "problems": [],
    }
    other = {
        "row": 3,
        "values": {"email": "someone@example.org"},
        "data": {"email": "someone@example.org", "first_name": "Ieva"},
        "problems": [],
    }
    return ParticipantImport.objects.create(
        project=project, file_name="list.xlsx", rows=[row, other], row_count=2, valid_count=2
    )


def test_a_stored_csv_naming_the_person_goes_on_account_deletion(
    world, stored, django_capture_on_commit_callbacks
):
    content = "e-mail;first name\nsomeone@example.org;Ieva\nParticipant@Example.org;Līga\n"
    naming = _preview(world.other_project, "someone@example.org")
    naming.rows = naming.rows[1:]
    naming.content, naming.encoding = content.encode("cp1257"), "cp1257"
    naming.save()
    not_naming = _preview(world.other_project, "someone@example.org")
    not_naming.content, not_naming.encoding = b"e-mail\nsomeone@example.org\n", "utf-8"
    not_naming.save()

    _run(account_deletion, world, django_capture_on_commit_callbacks)

    naming.refresh_from_db()
    not_naming.refresh_from_db()
    assert naming.content is None
    assert bytes(not_naming.content) == b"e-mail\nsomeone@example.org\n"


def test_import_previews_lose_the_persons_rows_on_account_deletion(
    world, stored, django_capture_on_commit_callbacks
):
    preview = _preview(world.other_project, "participant@example.org")

    _run(account_deletion, world, django_capture_on_commit_callbacks)

    preview.refresh_from_db()
    assert "participant@example.org" not in str(preview.rows).lower()
    assert [row["data"]["email"] for row in preview.rows] == ["someone@example.org"]
    assert (preview.row_count, preview.valid_count) == (1, 1)


def test_import_previews_go_with_retention(world, stored, django_capture_on_commit_callbacks):
    preview = _preview(world.project, "participant@example.org")
    elsewhere = _preview(world.other_project, "participant@example.org")

    _run(retention, world, django_capture_on_commit_callbacks)

    assert not ParticipantImport.objects.filter(pk=preview.pk).exists()
    assert ParticipantImport.objects.filter(pk=elsewhere.pk).exists()


def _stored_names():
    root = default_storage.location
    return {str(path) for path in pathlib.Path(root).rglob("*") if path.is_file()}


@pytest.mark.parametrize("path", PATHS)
def test_a_data_download_is_never_stored(world, stored, path, django_capture_on_commit_callbacks):
    before = _stored_names()

    data = export_zip(world.participant_user)

    assert "data.json" in zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert _stored_names() == before
    _run(path, world, django_capture_on_commit_callbacks)
    assert not (_stored_names() - before)
