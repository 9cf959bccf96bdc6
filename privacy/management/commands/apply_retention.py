"""Pseudonymise the participants' records of long-finished projects: `manage.py apply_retention`.

Meant to run daily from cron; running it again the same day does nothing more.
See privacy.retention for the rules.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from privacy.retention import apply_retention, pseudonymisation_date


class Command(BaseCommand):
    help = _(
        "Warn organisations 60 and 7 days before, then pseudonymise the participants' "
        "records of projects that ended more than RETENTION_YEARS years ago."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Print what would be done without sending or changing anything."),
        )

    def handle(self, *args, dry_run=False, **options):
        today = timezone.localdate()
        summary = apply_retention(dry_run=dry_run, today=today)
        prefix = _("[dry run] ") if dry_run else ""
        for days, projects in ((60, summary.warned_60), (7, summary.warned_7)):
            for project in projects:
                self.stdout.write(
                    prefix
                    + _("warn (%(days)s days): %(project)s [%(code)s], pseudonymised on %(date)s")
                    % {
                        "days": days,
                        "project": project.title,
                        "code": project.code,
                        "date": pseudonymisation_date(project, today).isoformat(),
                    }
                )
        for project in summary.pseudonymised:
            self.stdout.write(
                prefix
                + _("pseudonymise: %(project)s [%(code)s], ended %(end)s")
                % {"project": project.title, "code": project.code, "end": project.end_date}
            )
        counts = {
            "warned_60": len(summary.warned_60),
            "warned_7": len(summary.warned_7),
            "pseudonymised": len(summary.pseudonymised),
            "emails": summary.emails,
        }
        if dry_run:
            message = _(
                "Dry run: %(warned_60)d first and %(warned_7)d last warnings and "
                "%(pseudonymised)d projects to pseudonymise; nothing was changed."
            )
        else:
            message = _(
                "%(warned_60)d first and %(warned_7)d last warnings sent (%(emails)d e-mails), "
                "%(pseudonymised)d projects pseudonymised."
            )
        self.stdout.write(message % counts)
        self.stdout.write(
            prefix
            + _(
                "Unanswered invitations to organisations: %(colleague_invitations)d, expired "
                "sign-ups: %(signups)d, uploads never imported: %(imports)d deleted."
            )
            % summary.stale
        )
