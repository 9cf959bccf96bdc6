"""A background task's result file (a ZIP of certificates) expires after
JOB_RESULTS_KEEP_DAYS: it is no longer served, and a daily command deletes it."""

import datetime
import io
import os
import subprocess
import sys

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from jobs.models import Job, JobItem
from tests.conftest import login

FINISHED = datetime.datetime(2026, 9, 1, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def zip_job(world):
    job = Job.create(world.project, Job.Kind.ZIP, [world.participant], by=world.admin)
    JobItem.objects.filter(job=job).update(state=JobItem.State.DONE)
    job.result.save(f"{job.code}.zip", ContentFile(b"PK certificates"), save=False)
    job.state = Job.State.DONE
    job.finished_at = FINISHED
    job.options = {"filename": "youthpass-certificates.zip"}
    job.save()
    return job


def result_url(job):
    return reverse("jobs:result", args=[job.project.code, job.code])


def test_a_result_is_served_until_it_expires(client, world, zip_job, settings):
    settings.JOB_RESULTS_KEEP_DAYS = 7
    login(client, world.editor)
    with time_machine.travel(FINISHED + datetime.timedelta(days=7, seconds=-1)):
        response = client.get(result_url(zip_job))
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"PK certificates"
        assert "Download the ZIP" in client.get(zip_job.get_absolute_url()).text


def test_an_expired_result_is_not_served_and_the_page_says_so(client, world, zip_job, settings):
    settings.JOB_RESULTS_KEEP_DAYS = 7
    login(client, world.editor)
    with time_machine.travel(FINISHED + datetime.timedelta(days=7)):
        response = client.get(result_url(zip_job))
        page = client.get(zip_job.get_absolute_url()).text
    assert response.status_code == 410
    assert "has expired and was deleted" in response.text
    assert "PK certificates" not in response.text
    assert "Download the ZIP" not in page
    assert "has expired and was deleted" in page


def test_the_command_deletes_expired_results_only(world, zip_job, settings):
    settings.JOB_RESULTS_KEEP_DAYS = 7
    fresh = Job.create(world.project, Job.Kind.ZIP, [world.participant], by=world.admin)
    fresh.result.save(f"{fresh.code}.zip", ContentFile(b"PK fresh"), save=False)
    fresh.state = Job.State.DONE
    fresh.finished_at = FINISHED + datetime.timedelta(days=3)
    fresh.save()
    old_name = zip_job.result.name
    out = io.StringIO()

    with time_machine.travel(FINISHED + datetime.timedelta(days=8)):
        call_command("delete_expired_results", stdout=out)

    assert "1 expired result files deleted." in out.getvalue()
    assert not default_storage.exists(old_name)
    zip_job.refresh_from_db()
    assert not zip_job.result
    assert default_storage.exists(fresh.result.name)
    fresh.refresh_from_db()
    assert fresh.result


def test_after_the_command_the_result_page_still_says_expired(client, world, zip_job, settings):
    settings.JOB_RESULTS_KEEP_DAYS = 7
    with time_machine.travel(FINISHED + datetime.timedelta(days=8)):
        call_command("delete_expired_results", stdout=io.StringIO())
        response = login(client, world.editor).get(result_url(zip_job))
    assert response.status_code == 410
    assert "has expired and was deleted" in response.text


def test_a_job_without_a_file_has_no_result_to_expire(client, world):
    job = Job.create(world.project, Job.Kind.REMIND, [world.participant], by=world.admin)
    job.state = Job.State.DONE
    job.finished_at = timezone.now() - datetime.timedelta(days=30)
    job.save()
    response = login(client, world.editor).get(result_url(job))
    assert response.status_code == 404


def _keep_days(value):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "youthpass_site.settings",
        "SECRET_KEY": "probe-only",
        "ALLOWED_HOSTS": "localhost",
        "JOB_RESULTS_KEEP_DAYS": value,
    }
    return subprocess.run(  # noqa: S603 (this interpreter, a fixed script)
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.JOB_RESULTS_KEEP_DAYS)",
        ],
        env=environment,
        capture_output=True,
        text=True,
        cwd=django_settings.BASE_DIR,
    )


def test_the_keep_days_come_from_the_environment_strictly():
    assert _keep_days("").stdout.strip() == "7"
    assert _keep_days("30").stdout.strip() == "30"
    refused = _keep_days("a week")
    assert refused.returncode != 0
    assert "JOB_RESULTS_KEEP_DAYS must be a whole number" in refused.stderr
