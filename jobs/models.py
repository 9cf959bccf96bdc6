"""Actions on many participants at once, done in the background with visible progress.

A job is one organiser's action (invite 500 people, issue every approved certificate, make
a ZIP) split into one item per participant. Workers (`manage.py db_worker`) claim items
one at a time, so several workers share a job and a worker that dies leaves only its one
claimed item unfinished; `Job.retry` puts such items back.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.db.models import Count
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from jobs.registry import FINISHERS, HANDLERS, ItemFailed, ItemSkipped
from participants.models import Participant
from projects.models import Project
from youthpass_site.lib.codes import new_url_code
from youthpass_site.lib.mail import sending_now

logger = logging.getLogger(__name__)


# A second start of the same job by the same person this soon after the first is a
# double click, even when the first has finished already.
REPEAT_WINDOW = timedelta(minutes=2)


def _lock(project_id):
    """Lock the project's row until the end of the transaction."""
    list(Project.objects.select_for_update().filter(pk=project_id).values_list("pk"))


def in_progress(project, kind):
    """The job of this kind at work on the project right now, if any.

    Every bulk action asks this before it starts (Job.start asks it again under a lock);
    a stalled job does not count, so that its work can be started anew.
    """
    return project.jobs.filter(kind=kind).at_work().order_by("-created_at", "-pk").first()


class JobQuerySet(models.QuerySet):
    def at_work(self):
        """Unfinished jobs that have made progress lately: their workers are on them."""
        cutoff = timezone.now() - timedelta(minutes=settings.JOBS_STALLED_AFTER_MINUTES)
        return (
            self.exclude(state=Job.State.DONE)
            .alias(last_progress=Coalesce("progressed_at", "created_at"))
            .filter(last_progress__gte=cutoff)
        )

    def holding(self, participants):
        """Jobs whose stored result was made with these participants' records: those whose
        part of the job was done (a ZIP holds the certificates of those alone)."""
        if isinstance(participants, Participant):
            participants = [participants]
        return (
            self.filter(items__participant__in=participants, items__state=JobItem.State.DONE)
            .exclude(result="")
            .distinct()
        )

    def results_expired(self, now=None):
        """Jobs whose stored result is older than settings.JOB_RESULTS_KEEP_DAYS."""
        now = now or timezone.now()
        keep = timedelta(days=settings.JOB_RESULTS_KEEP_DAYS)
        return self.exclude(result="").filter(finished_at__lte=now - keep)

    def with_available_results(self, now=None):
        """Jobs whose result may still be downloaded."""
        now = now or timezone.now()
        keep = timedelta(days=settings.JOB_RESULTS_KEEP_DAYS)
        return self.exclude(result="").filter(finished_at__gt=now - keep)


class Job(models.Model):
    class Kind(models.TextChoices):
        INVITE = "invite", _("Invitations")
        RESEND = "resend", _("Invitations sent again")
        REMIND = "remind", _("Reminders")
        ISSUE = "issue", _("Issuing certificates")
        ZIP = "zip", _("ZIP of certificates")

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Running")
        FINISHING = "finishing", _("Finishing")
        DONE = "done", _("Finished")

    code = models.CharField(max_length=12, unique=True, default=new_url_code, editable=False)
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="jobs", verbose_name=_("project")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.QUEUED)
    options = models.JSONField(_("options"), default=dict, blank=True)
    # The starter's language: what the job reports (reasons, file names) is in it.
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    # When a worker last finished an item: a running job that stays silent has lost its worker.
    progressed_at = models.DateTimeField(_("last progress"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    result = models.FileField(_("result"), upload_to="jobs/%Y/%m/", blank=True)
    result_error = models.CharField(_("result error"), max_length=500, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("background task")
        verbose_name_plural = _("background tasks")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.project})"

    def get_absolute_url(self):
        return reverse("jobs:detail", args=[self.project.code, self.code])

    # Starting

    @classmethod
    def start(cls, project, kind, participants, by, options=None, *, enqueue=True):
        """Start the job for these participants, unless it is under way already.

        Under way means a job of this kind at work on the project (in_progress), or the
        same job started by the same person a moment ago (a double click). The project's
        row is locked while this is decided, so that of requests arriving together only
        the first starts a job and the others find it. Returns the job and whether it was
        started now.
        """
        ids = list(dict.fromkeys(participant.pk for participant in participants))
        with transaction.atomic():
            _lock(project.pk)
            if running := in_progress(project, kind) or cls._repeated(project, kind, by, ids):
                return running, False
            job = cls.create(project, kind, ids, by, options)
        if enqueue:
            job.enqueue()
        return job, True

    @classmethod
    def _repeated(cls, project, kind, by, ids):
        if by is None:
            return None
        latest = (
            project.jobs.filter(
                kind=kind, created_by=by, created_at__gte=timezone.now() - REPEAT_WINDOW
            )
            .order_by("-created_at", "-pk")
            .first()
        )
        if latest and set(latest.items.values_list("participant_id", flat=True)) == set(ids):
            return latest
        return None

    @classmethod
    def create(cls, project, kind, participants, by, options=None):
        """The job with one item per participant (or participant id), for `work()` to do.

        Starts nothing and checks nothing: bulk actions go through `start`.
        """
        with transaction.atomic():
            job = cls.objects.create(
                project=project,
                kind=kind,
                created_by=by,
                options=options or {},
                language=translation.get_language() or settings.LANGUAGE_CODE,
            )
            JobItem.objects.bulk_create(
                JobItem(job=job, participant_id=pk)
                for pk in dict.fromkeys(getattr(p, "pk", p) for p in participants)
            )
        return job

    def enqueue(self):
        """Ask for as many workers as could usefully share the job."""
        from jobs.tasks import run_job

        pending = self.items.filter(state=JobItem.State.PENDING).count()
        for _worker in range(max(1, min(settings.JOBS_PARALLEL, pending))):
            run_job.enqueue(self.pk)

    # Progress

    def counts(self):
        """Items per state, and their total, in one query."""
        counts = dict.fromkeys(JobItem.State.values, 0)
        for row in self.items.order_by().values("state").annotate(count=Count("pk")):
            counts[row["state"]] = row["count"]
        counts["total"] = sum(counts.values())
        return counts

    def progress(self):
        """How far the job is: its counts, the items finished one way or another, and the
        share of them in percent."""
        counts = self.counts()
        processed = counts["done"] + counts["skipped"] + counts["failed"]
        total = counts["total"]
        return {
            "counts": counts,
            "processed": processed,
            "total": total,
            "percent": round(100 * processed / total) if total else 100,
        }

    @property
    def result_expires_at(self):
        """When the result file stops being served and is deleted: it may hold certificates,
        which are personal data."""
        if self.finished_at is None:
            return None
        return self.finished_at + timedelta(days=settings.JOB_RESULTS_KEEP_DAYS)

    @property
    def result_has_expired(self):
        """A job that makes a file, finished longer ago than its result is kept."""
        if self.kind not in FINISHERS or self.result_error:
            return False
        expires = self.result_expires_at
        return expires is not None and timezone.now() >= expires

    @property
    def result_available(self):
        return bool(self.result) and not self.result_has_expired

    def forget_result(self):
        """Empty the result; its stored file is the caller's to delete once committed."""
        self.result = ""
        self.save(update_fields=["result"])

    @property
    def is_finished(self):
        return self.state == self.State.DONE

    @property
    def is_stalled(self):
        """Started but without progress for a while: its worker was stopped or is missing."""
        if self.is_finished:
            return False
        last = self.progressed_at or self.created_at
        return timezone.now() - last > timedelta(minutes=settings.JOBS_STALLED_AFTER_MINUTES)

    @property
    def can_retry(self):
        if self.is_stalled:
            return True
        return self.is_finished and (
            self.items.filter(state=JobItem.State.FAILED).exists() or bool(self.result_error)
        )

    # Working (called by jobs.tasks.run_job in a worker)

    def work(self):
        """Do items until none is left, then finish the job if nobody else does."""
        Job.objects.filter(pk=self.pk, state=self.State.QUEUED).update(state=self.State.RUNNING)
        handler = HANDLERS[self.kind]
        # Each participant's e-mail is sent with their item, so that a mail server's
        # refusal is reported against that participant.
        with translation.override(self.language), sending_now():
            while (item := self._claim_item()) is not None:
                item.run(handler)
                Job.objects.filter(pk=self.pk).update(progressed_at=timezone.now())
            self._finish()

    def _claim_item(self):
        """The next pending item, now marked running for this worker alone."""
        while True:
            item = self.items.filter(state=JobItem.State.PENDING).order_by("pk").first()
            if item is None:
                return None
            claimed = JobItem.objects.filter(pk=item.pk, state=JobItem.State.PENDING).update(
                state=JobItem.State.RUNNING, started_at=timezone.now()
            )
            if claimed:
                item.state = JobItem.State.RUNNING
                return item

    def _finish(self):
        if self.items.filter(state__in=[JobItem.State.PENDING, JobItem.State.RUNNING]).exists():
            return  # Another worker is still on an item; it finishes the job.
        # Exactly one worker gets past this conditional update.
        if not Job.objects.filter(pk=self.pk, state=self.State.RUNNING).update(
            state=self.State.FINISHING
        ):
            return
        self.refresh_from_db()
        if finisher := FINISHERS.get(self.kind):
            try:
                with translation.override(self.language):
                    finisher(self)
            except ItemFailed as error:
                self.result_error = str(error)
            except Exception:
                logger.exception("Background task %s could not be finished.", self.code)
                self.result_error = str(UNEXPECTED_ERROR)
        self.state = self.State.DONE
        self.finished_at = timezone.now()
        self.save(update_fields=["state", "finished_at", "result", "result_error"])

    def retry(self):
        """Put unfinished and failed items back and hand the job to the workers again.

        Not while another job of its kind is at work on the project (see `start`).
        """
        with transaction.atomic():
            _lock(self.project_id)
            job = Job.objects.select_for_update().get(pk=self.pk)
            running = in_progress(self.project, self.kind)
            if not job.can_retry or (running is not None and running.pk != job.pk):
                return False
            job.items.filter(state__in=[JobItem.State.RUNNING, JobItem.State.FAILED]).update(
                state=JobItem.State.PENDING, error="", started_at=None, finished_at=None
            )
            job.state = self.State.QUEUED
            job.progressed_at = timezone.now()
            job.finished_at = None
            job.result_error = ""
            job.save(update_fields=["state", "progressed_at", "finished_at", "result_error"])
        self.refresh_from_db()
        self.enqueue()
        return True


UNEXPECTED_ERROR = _(
    "An unexpected error occurred. It has been logged for the site's administrators."
)


class JobItem(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("In progress")
        DONE = "done", _("Done")
        SKIPPED = "skipped", _("Skipped")
        FAILED = "failed", _("Failed")

    job = models.ForeignKey(
        Job, on_delete=models.CASCADE, related_name="items", verbose_name=_("background task")
    )
    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="job_items",
        verbose_name=_("participant"),
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State, default=State.PENDING, db_index=True
    )
    error = models.CharField(_("reason"), max_length=500, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("participant in a background task")
        verbose_name_plural = _("participants in background tasks")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["job", "participant"], name="one_item_per_participant")
        ]

    def __str__(self):
        return f"{self.job}: {self.participant_id}"

    def run(self, handler):
        participant = Participant.objects.select_related("project__organisation", "user").get(
            pk=self.participant_id
        )
        try:
            handler(participant, self.job)
        except ItemSkipped as reason:
            self._end(self.State.SKIPPED, str(reason))
        except ItemFailed as reason:
            self._end(self.State.FAILED, str(reason))
        except Exception:
            # Codes only: the log must not carry names or e-mail addresses.
            logger.exception(
                "Background task %s failed for participant %s.", self.job.code, participant.code
            )
            self._end(self.State.FAILED, str(UNEXPECTED_ERROR))
        else:
            self._end(self.State.DONE)

    def _end(self, state, error=""):
        self.state = state
        self.error = error[: self._meta.get_field("error").max_length]
        self.finished_at = timezone.now()
        self.save(update_fields=["state", "error", "finished_at"])
