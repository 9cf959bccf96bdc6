"""Add participants to a project from a CSV or XLSX file:
`manage.py import_participants <PROJECT_CODE> <FILE> [--dry-run] [--invite] [--encoding cp1257]`.

The same checks as the import page: every row's problems are printed, and only the rows
without problems are added. A file that cannot be read at all ends with a non-zero exit
status.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dashboard.importing import Problem, check_file
from dashboard.models import ParticipantImport
from jobs.models import Job
from projects.models import Project
from youthpass_site.lib.spreadsheets import ENCODINGS, SpreadsheetError, too_big_message


class Command(BaseCommand):
    help = _(
        "Import participants into a project from a CSV or XLSX file. Every row is checked "
        "first; the rows without problems are added."
    )

    def add_arguments(self, parser):
        parser.add_argument("project_code", help=_("The project's code, as in its address."))
        parser.add_argument("file", help=_("The CSV or XLSX file."))
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Check the file and print its problems without adding anyone."),
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help=_("The e-mail language of rows that do not name one (default: %(default)s)."),
        )
        parser.add_argument(
            "--encoding",
            choices=list(ENCODINGS),
            default=None,
            help=_(
                "The encoding of a CSV file (default: recognised from the file). Excel saves "
                "CSV in cp1257 in the Baltic states and in cp1252 in Western Europe."
            ),
        )
        parser.add_argument(
            "--invite",
            action="store_true",
            help=_("Invite the participants added by e-mail, through the background workers."),
        )

    def handle(
        self,
        *args,
        project_code,
        file,
        dry_run=False,
        language=None,
        invite=False,
        encoding=None,
        **options,
    ):
        project = Project.objects.select_related("organisation").filter(code=project_code).first()
        if project is None:
            raise CommandError(
                _("There is no project with the code %(code)s.") % {"code": project_code}
            )
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("There is no file %(path)s.") % {"path": path})
        if path.stat().st_size > settings.SPREADSHEET_MAX_BYTES:
            raise CommandError(too_big_message())
        try:
            checked = check_file(project, path.read_bytes(), encoding=encoding)
        except SpreadsheetError as error:
            raise CommandError(str(error)) from None
        if checked.encoding:
            self.stderr.write(
                _("Read as %(encoding)s.") % {"encoding": ENCODINGS[checked.encoding]}
            )

        for warning in checked.warnings:
            self.stderr.write(Problem.from_json(warning).message)
        for row in checked.rows:
            for data in row["problems"]:
                problem = Problem.from_json(data)
                self.stdout.write(
                    _("Row %(row)d, %(column)s: %(message)s")
                    % {"row": row["row"], "column": problem.column, "message": problem.message}
                )
        counts = {
            "rows": len(checked.rows),
            "valid": checked.valid_count,
            "problems": len(checked.rows) - checked.valid_count,
            "project": project.title,
        }
        if dry_run:
            self.stdout.write(
                _(
                    "Dry run for %(project)s. Rows: %(rows)d; could be added: %(valid)d; "
                    "with problems: %(problems)d. Nobody was added."
                )
                % counts
            )
            return
        preview = ParticipantImport.create_from(project, checked, path.name, by=None)
        participants = preview.import_valid_rows(by=None, language=language)
        added = len(participants)
        self.stdout.write(
            ngettext(
                "%(count)d participant was added to %(project)s.",
                "%(count)d participants were added to %(project)s.",
                added,
            )
            % {"count": added, "project": project.title}
        )
        if counts["problems"]:
            self.stdout.write(
                ngettext(
                    "%(count)d row with problems was left out.",
                    "%(count)d rows with problems were left out.",
                    counts["problems"],
                )
                % {"count": counts["problems"]}
            )
        if invite and participants:
            job, started = Job.start(project, Job.Kind.INVITE, participants, by=None)
            if not started:
                raise CommandError(
                    _(
                        "Other invitations of this project are being sent right now (%(url)s): "
                        "invite the new participants once they are out."
                    )
                    % {"url": settings.SITE_URL + job.get_absolute_url()}
                )
            self.stdout.write(
                _("The invitations are on their way; follow them at %(url)s")
                % {"url": settings.SITE_URL + job.get_absolute_url()}
            )
