"""Telling the organisers about submissions, as each project chose (Project.submission_notices).

"each" sends an e-mail at every submission (`submitted`); "daily" leaves them to
`send_submission_digests`, which `manage.py send_submission_digests` runs once a day:
each such project's organisers get one list of the submissions since its last list. A
project's list goes at most once a calendar day, whichever process runs it: a run claims
the project by moving its `submission_digest_at` with a conditional UPDATE, and only the
run that moved it sends.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from participants import emails
from participants.models import Submission
from projects.models import Project, SubmissionNotices

# A project's first list, or one after the setting was turned to "daily", goes back this far.
FIRST_DIGEST_SPAN = datetime.timedelta(days=1)


def submitted(submission) -> None:
    """Tell the organisers of a submission now, if their project wants each one."""
    if submission.participant.project.submission_notices == SubmissionNotices.EACH:
        emails.send_submitted(submission)


@dataclass
class Digest:
    project: Project
    submissions: int


def _start_of_day(now: datetime.datetime) -> datetime.datetime:
    local = timezone.localtime(now)
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def due_projects(now: datetime.datetime):
    """The projects set to "daily" whose list has not gone today."""
    return Project.objects.filter(
        Q(submission_digest_at__isnull=True) | Q(submission_digest_at__lt=_start_of_day(now)),
        submission_notices=SubmissionNotices.DAILY,
        pseudonymised_at__isnull=True,
    )


def _claim(project, now) -> bool:
    """Mark the project's list as sent now; False if another run was first."""
    return bool(
        due_projects(now)
        .filter(pk=project.pk, submission_digest_at=project.submission_digest_at)
        .update(submission_digest_at=now)
    )


def send_submission_digests(now: datetime.datetime | None = None, *, dry_run=False):
    """Send each due project's list of submissions since its last one; returns what went.

    A project with no new submissions is still marked: its list for today is empty, and
    the next one starts from now. Claim and e-mails are one transaction, so that a list
    whose e-mails could not be queued is sent by the next run.
    """
    now = now or timezone.now()
    digests = []
    for project in due_projects(now).select_related("organisation").order_by("pk"):
        if dry_run:
            digests.append(Digest(project, len(_submissions_since(project, now))))
            continue
        with transaction.atomic():
            if not _claim(project, now):
                continue
            submissions = _submissions_since(project, now)
            if submissions:
                emails.send_submission_digest(project, submissions)
        digests.append(Digest(project, len(submissions)))
    return digests


def _submissions_since(project, now):
    since = project.submission_digest_at or now - FIRST_DIGEST_SPAN
    return list(
        Submission.objects.filter(
            participant__project=project, submitted_at__gt=since, submitted_at__lte=now
        )
        .select_related("participant__project")
        .order_by("submitted_at", "pk")
    )
