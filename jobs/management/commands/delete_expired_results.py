"""Delete the result files of background tasks kept longer than JOB_RESULTS_KEEP_DAYS.

`manage.py delete_expired_results`, meant to run daily from cron. A result is no longer
served once it has expired; this removes its file from the storage.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from jobs.models import Job


class Command(BaseCommand):
    help = _("Delete the result files of background tasks older than JOB_RESULTS_KEEP_DAYS.")

    def handle(self, *args, **options):
        count = 0
        for job in Job.objects.results_expired():
            name = job.result.name
            with transaction.atomic():
                job.forget_result()
            job.result.storage.delete(name)
            count += 1
        self.stdout.write(_("%(count)d expired result files deleted.") % {"count": count})
