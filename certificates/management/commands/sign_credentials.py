from django.core.management.base import BaseCommand

from certificates.models import Certificate


class Command(BaseCommand):
    help = (
        "Sign and store the Open Badges credential of every valid certificate issued "
        "before credentials, or before status lists, were, with a position in its "
        "organisation's status list. Certificates issued since carry both already."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="only count the certificates to sign"
        )

    def handle(self, dry_run=False, **options):
        pending = Certificate.without_credential().order_by("pk")
        if dry_run:
            self.stdout.write(
                f"{pending.count()} valid certificates have no credential or no status entry."
            )
            return
        signed = 0
        for certificate in pending.iterator(chunk_size=200):
            signed += certificate.add_credential()
        self.stdout.write(f"Signed the credentials of {signed} certificates.")
