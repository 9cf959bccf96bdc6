"""Demo data for a development or demo server: `manage.py seed_demo`.

What it holds is in demo.data, how it is made in demo.seed. Running the command again adds
what is missing and changes nothing that is already there.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from certificates.models import Certificate
from demo.data import DEMO_PASSWORD, DEMOS, LOGINS, SITE_ADMIN
from demo.seed import Seeder


class Command(BaseCommand):
    help = "Load demo organisations, projects, participants and certificates. DEBUG only."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo creates accounts whose password is published; it runs only "
                "with DEBUG=1, never on a production site."
            )
        seeder = Seeder()
        with transaction.atomic():
            seeder.account(SITE_ADMIN, superuser=True)
            projects = [seeder.seed(demo) for demo in DEMOS]
        self.report(seeder.added, projects)

    def report(self, added, projects):
        if added:
            self.stdout.write(self.style.SUCCESS(f"Added {len(added)} demo records."))
        else:
            self.stdout.write("The demo data was already in place; nothing changed.")

        self.stdout.write(f"\nLog in at {settings.SITE_URL}/ with the password {DEMO_PASSWORD} as:")
        width = max(len(account.email) for account, _role in LOGINS)
        for account, role in LOGINS:
            self.stdout.write(f"  {account.email:<{width}}  {role}")

        certificates = (
            Certificate.objects.filter(participant__project__in=projects)
            .select_related("participant")
            .order_by("participant__last_name", "language")
        )
        self.stdout.write("\nIssued certificates:")
        for certificate in certificates:
            self.stdout.write(
                f"  {certificate.certificate_id}  {certificate.language}  "
                f"{settings.SITE_URL}/verify/{certificate.certificate_id}/  "
                f"{certificate.participant.full_name}"
            )
