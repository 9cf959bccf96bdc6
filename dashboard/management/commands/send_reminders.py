"""Remind participants who have not submitted before their project's deadline:
`manage.py send_reminders`.

Meant to run daily from cron; running it again the same day sends nothing more.
See dashboard.reminders for the rules.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from dashboard.reminders import send_reminders


class Command(BaseCommand):
    help = _(
        "Start the reminders before the projects' deadlines whose day has come, for the "
        "participants who have not submitted."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Print what would be done without sending or changing anything."),
        )

    def handle(self, *args, dry_run=False, **options):
        summary = send_reminders(dry_run=dry_run, today=timezone.localdate())
        prefix = _("[dry run] ") if dry_run else ""
        for sent in summary.sent:
            self.stdout.write(
                prefix
                + _(
                    "remind (%(days)d days before %(deadline)s): %(project)s [%(code)s], "
                    "%(count)d participants"
                )
                % {
                    "days": sent.days_before,
                    "deadline": sent.project.deadline.isoformat(),
                    "project": sent.project.title,
                    "code": sent.project.code,
                    "count": sent.recipients,
                }
            )
        for passed in summary.passed_over:
            self.stdout.write(
                prefix
                + _("pass over (%(days)d days before; a later one goes): %(project)s [%(code)s]")
                % {
                    "days": passed.days_before,
                    "project": passed.project.title,
                    "code": passed.project.code,
                }
            )
        counts = {
            "projects": len(summary.sent),
            "participants": sum(sent.recipients for sent in summary.sent),
        }
        if dry_run:
            message = _(
                "Dry run: reminders for %(projects)d projects, %(participants)d participants; "
                "nothing was sent or changed."
            )
        else:
            message = _(
                "Reminders started for %(projects)d projects, %(participants)d participants."
            )
        self.stdout.write(message % counts)
