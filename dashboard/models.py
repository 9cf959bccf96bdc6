"""What the organisers' dashboard keeps: participant lists waiting to be imported, and the
reminders before a project's deadline that have been dealt with."""

from datetime import date, timedelta

from django.conf import settings
from django.db import models, transaction
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobs.models import Job
from participants.models import Participant, ParticipantRole
from projects.models import Project
from youthpass_site.lib.codes import new_url_code


def project_emails(project) -> set[str]:
    """The e-mail addresses of the project's participants, in lower case."""
    return set(project.participants.values_list(Lower("email"), flat=True))


class AlreadyImported(Exception):
    """The rows of this preview were added to the project before."""


class ParticipantImport(models.Model):
    """A participant list read from a spreadsheet, checked row by row, waiting to be added.

    What was read from the file is kept, with each row's problems (see
    dashboard.importing); a CSV file's bytes too, so that the organiser can have it read in
    another encoding. Once imported, the rows and the file are dropped and only the counts
    remain, since the participants' records now hold the data.
    """

    code = models.CharField(max_length=12, unique=True, default=new_url_code, editable=False)
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="imports", verbose_name=_("project")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    file_name = models.CharField(_("file name"), max_length=255)
    # Column -> its header as written in the file.
    columns = models.JSONField(_("columns"), default=dict)
    rows = models.JSONField(_("rows"), default=list)
    warnings = models.JSONField(_("warnings"), default=list)
    # The encoding a CSV file was read in (youthpass_site.lib.spreadsheets.ENCODINGS), and
    # the file itself until it is imported; "" and None for XLSX.
    encoding = models.CharField(_("encoding"), max_length=10, blank=True, default="")
    content = models.BinaryField(_("file"), null=True, blank=True, editable=False)
    row_count = models.PositiveIntegerField(_("number of rows"), default=0)
    valid_count = models.PositiveIntegerField(_("valid rows"), default=0)
    imported_at = models.DateTimeField(_("imported"), null=True, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    imported_count = models.PositiveIntegerField(_("participants added"), default=0)

    class Meta:
        db_table = "participants_participantimport"
        verbose_name = _("participant import")
        verbose_name_plural = _("participant imports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.file_name} ({self.project})"

    def get_absolute_url(self):
        return reverse("dashboard:import_preview", args=[self.project.code, self.code])

    # A preview holds personal data: one nobody imported is deleted after this long.
    KEEP_UNIMPORTED = timedelta(days=7)

    @classmethod
    def create_from(cls, project, checked, file_name, by, content=None):
        """Store what dashboard.importing.check_file found, for the preview, with the
        file's `content` when it is a CSV file.

        The project's previews that were left unimported for too long go at the same time.
        """
        cls.objects.filter(
            project=project,
            imported_at__isnull=True,
            created_at__lt=timezone.now() - cls.KEEP_UNIMPORTED,
        ).delete()
        return cls.objects.create(
            project=project,
            created_by=by,
            file_name=file_name[: cls._meta.get_field("file_name").max_length],
            columns=checked.columns,
            rows=checked.rows,
            warnings=checked.warnings,
            row_count=len(checked.rows),
            valid_count=checked.valid_count,
            encoding=checked.encoding,
            content=content if checked.encoding else None,
        )

    def read_again(self, checked):
        """Take what dashboard.importing.check_file found on reading the file again."""
        self.columns, self.rows, self.warnings = checked.columns, checked.rows, checked.warnings
        self.row_count, self.valid_count = len(checked.rows), checked.valid_count
        self.encoding = checked.encoding
        self.save(
            update_fields=["columns", "rows", "warnings", "row_count", "valid_count", "encoding"]
        )

    def valid_rows(self) -> list[dict]:
        return [row for row in self.rows if not row["problems"]]

    def forget_rows(self, emails) -> None:
        """Drop the rows with these e-mail addresses: their people asked to be forgotten."""
        emails = {email.strip().lower() for email in emails}

        def names_them(row) -> bool:
            written = [*row.get("data", {}).values(), *row.get("values", {}).values()]
            return any(str(value).strip().lower() in emails for value in written)

        kept = [row for row in self.rows if not names_them(row)]
        # The stored file names them too (a row with a problem may not have been read as
        # theirs): it goes, and with it the choice of reading the file again.
        content = bytes(self.content or b"").lower()
        in_file = any(email.encode("utf-8", "ignore") in content for email in emails)
        if len(kept) != len(self.rows) or in_file:
            self.rows = kept
            self.row_count = len(kept)
            self.valid_count = sum(1 for row in kept if not row["problems"])
            self.content = None
            self.save(update_fields=["rows", "row_count", "valid_count", "content"])

    def import_valid_rows(self, by, language: str) -> list[Participant]:
        """Add a participant for each row without problems, once, all or none.

        The project may have changed since the preview: a row whose e-mail address is in
        the project by now is left out. `language` is the e-mail language of rows that do
        not name one. Raises AlreadyImported on a second call, even from another request.
        """
        now = timezone.now()
        with transaction.atomic():
            # The claim and the rows go in together: a failed import can be tried again.
            claimed = ParticipantImport.objects.filter(pk=self.pk, imported_at__isnull=True)
            if not claimed.update(imported_at=now, imported_by=by):
                raise AlreadyImported
            taken = project_emails(self.project)
            participants = [
                self._participant(row["data"], language)
                for row in self.valid_rows()
                if row["data"]["email"] not in taken
            ]
            Participant.objects.bulk_create(participants)
            self.imported_at, self.imported_by = now, by
            self.imported_count = len(participants)
            self.rows, self.content = [], None
            self.save(update_fields=["imported_count", "rows", "content"])
        return participants

    def _participant(self, data: dict, language: str) -> Participant:
        dates = {
            name: date.fromisoformat(data[name]) if data[name] else None
            for name in ("date_of_birth", "start_date", "end_date")
        }
        return Participant(
            project=self.project,
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            place_of_birth=data["place_of_birth"],
            country=data["country"],
            role=data["role"] or ParticipantRole.PARTICIPANT,
            language=data["language"] or language,
            **dates,
        )


class ScheduledReminder(models.Model):
    """A reminder before a project's deadline, dealt with once (see dashboard.reminders).

    A row stands for one (project, deadline, days before): the reminder was sent, or was
    passed over because a later one went out at the same time or nobody needed it. The
    unique constraint keeps a second run, or two runs at once, from sending it again; a
    moved deadline has no rows yet, so its reminders are scheduled anew.
    """

    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="scheduled_reminders",
        verbose_name=_("project"),
    )
    deadline = models.DateField(_("deadline"))
    days_before = models.PositiveSmallIntegerField(_("days before the deadline"))
    job = models.ForeignKey(
        Job,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("background task"),
    )
    recipients = models.PositiveIntegerField(_("recipients"), default=0)
    sent_at = models.DateTimeField(_("dealt with"), default=timezone.now)

    class Meta:
        db_table = "projects_scheduledreminder"
        verbose_name = _("scheduled reminder")
        verbose_name_plural = _("scheduled reminders")
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "deadline", "days_before"], name="one_reminder_per_day_before"
            )
        ]

    def __str__(self):
        return f"{self.project}: {self.deadline} − {self.days_before}"
