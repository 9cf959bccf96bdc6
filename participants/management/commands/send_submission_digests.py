"""Send the organisers of projects set to a daily list their list of submissions:
`manage.py send_submission_digests`.

Meant to run daily from cron; running it again the same day sends nothing more.
See participants.notices for the rules.
"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from participants.notices import send_submission_digests


class Command(BaseCommand):
    help = _(
        "Send the organisers of each project that wants a daily list the self-assessments "
        "handed in for review since its last list."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Print what would be done without sending or changing anything."),
        )

    def handle(self, *args, dry_run=False, **options):
        digests = send_submission_digests(dry_run=dry_run)
        prefix = _("[dry run] ") if dry_run else ""
        for digest in digests:
            # The project's code and counts only: the log keeps no names or addresses.
            self.stdout.write(
                prefix
                + _("list of submissions: project [%(code)s], %(count)d submissions")
                % {"code": digest.project.code, "count": digest.submissions}
            )
        sent = sum(1 for digest in digests if digest.submissions)
        if dry_run:
            message = _("Dry run: %(sent)d lists would go out; nothing was sent or changed.")
        else:
            message = _("Lists of submissions sent for %(sent)d projects.")
        self.stdout.write(message % {"sent": sent})
