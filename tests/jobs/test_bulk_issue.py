import csv
import datetime
import io
import zipfile

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from certificates import rendering
from certificates.models import Certificate
from jobs.handlers import build_zip, holder_folder
from jobs.models import Job, JobItem
from participants.models import ParticipantState
from tests.certificates.conftest import pdf_text, stored_pdf
from tests.conftest import login
from tests.jobs.conftest import add_participants
from tests.test_admin import store_certificate


def issue_all_url(project):
    return reverse("dashboard:issue_all", args=[project.code])


def test_the_confirmation_says_how_many_get_a_certificate_and_an_e_mail(client, world, approved):
    add_participants(world.project, 2, state=ParticipantState.SUBMITTED, prefix="s")
    response = login(client, world.editor).get(issue_all_url(world.project))
    assert response.status_code == 200
    assert "3 participants are approved and get their certificates now." in response.text
    assert "3 participants get an e-mail with the download link." in response.text
    assert not Job.objects.exists()


def test_bulk_issue_issues_every_approved_participant_and_mails_them(client, world, approved):
    waiting = add_participants(world.project, 1, state=ParticipantState.SUBMITTED, prefix="s")[0]
    response = login(client, world.editor).post(
        issue_all_url(world.project), {"signature": "printed"}, follow=True
    )
    job = Job.objects.get()
    assert response.redirect_chain[-1][0] == job.get_absolute_url()
    assert job.kind == Job.Kind.ISSUE and job.state == Job.State.DONE
    assert job.created_by == world.editor
    assert "3 of 3" in response.text
    for participant in approved:
        participant.refresh_from_db()
        assert participant.state == ParticipantState.ISSUED
        certificate = participant.certificates.get()
        assert certificate.issued_by == world.editor
        assert participant.full_name in pdf_text(stored_pdf(certificate))
    waiting.refresh_from_db()
    assert waiting.state == ParticipantState.SUBMITTED
    assert not waiting.certificates.exists()
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        participant.email for participant in approved
    )


def test_a_renderer_error_names_the_participant_and_the_rest_complete(
    client, world, approved, monkeypatch
):
    broken = approved[1]
    real_render = rendering.render_certificate_pdf

    def render(certificate):
        if certificate.participant_id == broken.pk:
            raise ValueError("layout failed")
        return real_render(certificate)

    monkeypatch.setattr(rendering, "render_certificate_pdf", render)
    response = login(client, world.admin).post(
        issue_all_url(world.project), {"signature": "printed"}, follow=True
    )
    job = Job.objects.get()
    assert job.state == Job.State.DONE
    assert job.counts()["done"] == 2 and job.counts()["failed"] == 1
    assert broken.full_name in response.text
    assert "The certificate could not be made (ValueError). Nothing was issued." in response.text
    assert "Try the failed ones again" in response.text
    broken.refresh_from_db()
    assert broken.state == ParticipantState.APPROVED
    assert not broken.certificates.exists()
    assert Certificate.objects.count() == 2

    # The cause is mended; trying again issues the one that failed, and nothing twice.
    monkeypatch.setattr(rendering, "render_certificate_pdf", real_render)
    client.post(reverse("jobs:retry", args=[world.project.code, job.code]))
    job.refresh_from_db()
    assert job.state == Job.State.DONE and job.counts()["done"] == 3
    assert Certificate.objects.count() == 3
    broken.refresh_from_db()
    assert broken.state == ParticipantState.ISSUED


def test_a_worker_killed_mid_task_leaves_nothing_that_blocks_a_retry(
    client, world, approved, monkeypatch
):
    victim = approved[1]
    real_render = rendering.render_certificate_pdf

    def render(certificate):
        if certificate.participant_id == victim.pk:
            raise SystemExit("worker killed")  # Not an error the job could catch.
        return real_render(certificate)

    monkeypatch.setattr(rendering, "render_certificate_pdf", render)
    login(client, world.admin).post(issue_all_url(world.project), {"signature": "printed"})
    job = Job.objects.get()
    # The worker died while on the victim: that item is claimed but never finished.
    assert job.state == Job.State.RUNNING
    assert job.items.get(participant=victim).state == JobItem.State.RUNNING
    victim.refresh_from_db()
    assert victim.state == ParticipantState.APPROVED and not victim.certificates.exists()

    monkeypatch.setattr(rendering, "render_certificate_pdf", real_render)
    page = client.get(job.get_absolute_url())
    assert "Start again with what is left" not in page.text  # Not stalled yet.
    with time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=11)):
        page = client.get(job.get_absolute_url())
        assert "This task has made no progress for a while" in page.text
        assert "Start again with what is left" in page.text
        # A new bulk issue is not blocked by the dead one either.
        assert "being issued right now" not in client.get(issue_all_url(world.project)).text
        client.post(reverse("jobs:retry", args=[world.project.code, job.code]))
    job.refresh_from_db()
    assert job.state == Job.State.DONE
    assert job.counts() | {"total": 3} == {
        "total": 3,
        "pending": 0,
        "running": 0,
        "done": 3,
        "skipped": 0,
        "failed": 0,
    }
    assert [p.certificates.count() for p in approved] == [1, 1, 1]


def test_a_second_run_skips_those_issued_meanwhile(client, world, approved):
    job = Job.create(world.project, Job.Kind.ISSUE, approved, by=world.admin)
    approved[0].state = ParticipantState.ISSUED
    approved[0].save()
    job.work()
    item = job.items.get(participant=approved[0])
    assert item.state == JobItem.State.SKIPPED
    assert item.error == "Has a certificate already."
    assert Certificate.objects.count() == 2


def test_bulk_issue_while_one_is_running_shows_the_running_one(client, world, approved):
    running = Job.create(world.project, Job.Kind.ISSUE, approved, by=world.admin)
    page = login(client, world.editor).get(issue_all_url(world.project))
    assert "Certificates of this project are being issued right now." in page.text
    response = client.post(issue_all_url(world.project), {"signature": "printed"})
    assert response.url == running.get_absolute_url()
    assert Job.objects.count() == 1


def test_bulk_issue_refuses_a_bad_signature_and_changes_nothing(client, world, approved):
    response = login(client, world.editor).post(issue_all_url(world.project), {"signature": "x"})
    assert response.status_code == 200
    assert "Select a valid choice." in response.text
    assert not Job.objects.exists() and not Certificate.objects.exists()


def test_nothing_to_issue_says_so(client, world):
    response = login(client, world.editor).post(
        issue_all_url(world.project), {"signature": "printed"}, follow=True
    )
    assert "No participant is approved and waiting for a certificate." in response.text
    assert not Job.objects.exists()


def test_zip_holds_every_valid_certificate_in_a_folder_per_participant(client, world, approved):
    login(client, world.admin).post(issue_all_url(world.project), {"signature": "printed"})
    revoked = approved[2].certificates.get()
    revoked.revoke(world.admin, "Issued by mistake.")
    response = client.post(reverse("dashboard:zip", args=[world.project.code]), follow=True)
    job = Job.objects.get(kind=Job.Kind.ZIP)
    assert job.state == Job.State.DONE and job.result
    assert "Download the ZIP" in response.text
    assert not job.items.filter(participant=approved[2]).exists()

    download = client.get(reverse("jobs:result", args=[world.project.code, job.code]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith('attachment; filename="youthpass-voices')
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    expected = {}
    index = []
    for participant in approved[:2]:
        certificate = participant.certificates.get()
        folder = (
            f"{participant.first_name}-{participant.last_name}-{certificate.certificate_id[-4:]}"
        )
        path = f"{folder}/{certificate.filename}"
        expected[path] = stored_pdf(certificate)
        index.append(
            [participant.last_name, certificate.certificate_id, certificate.verification_url, path]
        )
    assert {
        name: archive.read(name) for name in archive.namelist() if name != "certificates.csv"
    } == expected
    rows = list(csv.reader(io.StringIO(archive.read("certificates.csv").decode("utf-8-sig"))))
    assert rows[0] == [
        "Last name",
        "First name",
        "Certificate ID",
        "Language",
        "Issued",
        "Verification address",
        "File",
    ]
    assert [[row[0], row[2], row[5], row[6]] for row in rows[1:]] == index


def test_zip_result_is_only_for_the_organisation(client, world, approved):
    job = Job.create(world.project, Job.Kind.ZIP, approved, by=world.admin)
    url = reverse("jobs:result", args=[world.project.code, job.code])
    assert login(client, world.outsider).get(url).status_code == 404
    assert login(client, world.participant_user).get(url).status_code == 403
    # Another project's code with this job's code: not found either.
    other = reverse("jobs:detail", args=[world.other_project.code, job.code])
    assert login(client, world.outsider).get(other).status_code == 404


def test_status_json_reports_progress(client, world, approved):
    job = Job.create(world.project, Job.Kind.ISSUE, approved, by=world.admin)
    url = reverse("jobs:status", args=[world.project.code, job.code])
    status = login(client, world.editor).get(url).json()
    assert status["total"] == 3 and status["processed"] == 0 and not status["finished"]
    assert status["processed_label"] == "0 of 3"
    job.work()
    status = client.get(url).json()
    assert status["finished"] and status["processed"] == 3 and status["counts"]["done"] == 3


def test_issue_certificates_command(world, approved, capsys):
    call_command("issue_certificates", world.project.code, "--by", world.admin.email)
    assert "Issued 3, skipped 0, failed 0" in capsys.readouterr().out
    assert Certificate.objects.filter(issued_by=world.admin).count() == 3
    call_command("issue_certificates", world.project.code)
    assert "No participant is approved" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["NOPE"], "No project has the code 'NOPE'."),
        (["{code}", "--by", "outsider@example.org"], "is not a member"),
        (["{code}", "--signature", "electronic"], "An electronic signature needs --by"),
    ],
)
def test_issue_certificates_command_refuses(world, approved, arguments, message):
    arguments = [argument.format(code=world.project.code) for argument in arguments]
    with pytest.raises(CommandError, match=message):
        call_command("issue_certificates", *arguments)
    assert not Certificate.objects.exists()


def test_the_zip_is_put_together_in_the_same_queries_for_2_and_10_holders(world):
    def finished_zip_job(count, prefix):
        holders = add_participants(world.project, count, prefix=prefix)
        for holder in holders:
            store_certificate(holder, world.admin)
        job = Job.create(world.project, Job.Kind.ZIP, holders, by=world.admin)
        job.items.update(state=JobItem.State.DONE)
        return job

    def finishing_queries(job):
        with CaptureQueriesContext(connection) as captured:
            build_zip(job)
        return len(captured)

    few = finished_zip_job(2, "a")
    many = finished_zip_job(10, "b")
    assert finishing_queries(few) == finishing_queries(many)
    assert len(zipfile.ZipFile(many.result.open("rb")).namelist()) == 10 + 1


def test_zip_folders_are_named_after_the_holders_in_plain_letters(client, world):
    holders = add_participants(world.project, 3)
    for participant, (first_name, last_name) in zip(
        holders, [("Ελένη", "Νικολάου"), ("Anna", "Bērziņa"), ("Anna", "Bērziņa")], strict=True
    ):
        participant.first_name, participant.last_name = first_name, last_name
        participant.save(update_fields=["first_name", "last_name"])
    login(client, world.admin).post(issue_all_url(world.project), {"signature": "printed"})
    client.post(reverse("dashboard:zip", args=[world.project.code]))
    job = Job.objects.get(kind=Job.Kind.ZIP)
    download = client.get(reverse("jobs:result", args=[world.project.code, job.code]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    folders = {name.split("/")[0] for name in archive.namelist() if "/" in name}
    ids = [participant.certificates.get().certificate_id for participant in holders]
    assert folders == {
        f"Eleni-Nikolaou-{ids[0][-4:]}",
        f"Anna-Berzina-{ids[1][-4:]}",
        f"Anna-Berzina-{ids[2][-4:]}",
    }
    assert f"Eleni-Nikolaou-{ids[0][-4:]}/youthpass-{ids[0]}-en.pdf" in archive.namelist()


def test_a_zip_folder_taken_by_a_holder_of_the_same_name_gets_the_whole_id(world, approved):
    participant = approved[0]
    participant.first_name, participant.last_name = "Ģirts", "Ķēniņš"
    certificate = Certificate(participant=participant, certificate_id="9XXC-AVFY-LLDM-YG5F")
    assert holder_folder(participant, certificate, taken=set()) == "Girts-Kenins-YG5F"
    assert (
        holder_folder(participant, certificate, taken={"Girts-Kenins-YG5F"})
        == "Girts-Kenins-9XXC-AVFY-LLDM-YG5F"
    )
    participant.first_name, participant.last_name = "", "李"
    assert holder_folder(participant, certificate, taken=set()) == "li-YG5F"
    participant.last_name = "☃"
    assert holder_folder(participant, certificate, taken=set()) == "YG5F"


def test_without_a_signing_certificate_bulk_issue_fails_clearly_and_issues_nothing(
    client, world, approved, settings, tmp_path
):
    settings.PDF_SIGNING_P12 = str(tmp_path / "missing.p12")

    response = login(client, world.admin).post(
        issue_all_url(world.project), {"signature": "printed"}, follow=True
    )

    job = Job.objects.get()
    assert job.counts()["failed"] == len(approved)
    assert "The certificate could not be sealed" in response.text
    assert "Nothing was issued." in response.text
    assert not Certificate.objects.exists()
    for participant in approved:
        participant.refresh_from_db()
        assert participant.state == ParticipantState.APPROVED
