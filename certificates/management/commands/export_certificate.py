from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from certificates.models import Certificate
from youthpass_site.lib.codes import normalise_certificate_id


class Command(BaseCommand):
    help = "Write the stored PDF of an issued certificate to a file, exactly as it was issued."

    def add_arguments(self, parser):
        parser.add_argument("certificate_id", help="the certificate ID, as printed or typed")
        parser.add_argument(
            "-o",
            "--output",
            help="file to write (default: the certificate's own file name in this directory)",
        )

    def handle(self, certificate_id, output=None, **options):
        canonical = normalise_certificate_id(certificate_id)
        if canonical is None:
            raise CommandError(f"{certificate_id!r} is not a certificate ID.")
        certificate = Certificate.objects.filter(certificate_id=canonical).first()
        if certificate is None:
            raise CommandError(f"No certificate has the ID {canonical}.")
        target = Path(output or certificate.filename)
        with certificate.pdf.open("rb") as pdf:
            target.write_bytes(pdf.read())
        self.stdout.write(f"Wrote {certificate.certificate_id} to {target}.")
