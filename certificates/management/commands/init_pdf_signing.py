from cryptography import x509
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from certificates.sealing import (
    ROOT_CERTIFICATE,
    ROOT_KEY,
    SIGNING_P12,
    create_platform_signing,
    fingerprint,
    signing_directory,
    site_name,
)


class Command(BaseCommand):
    help = (
        "Make the platform's own root certificate and a signing certificate issued by it, "
        "which seal every certificate PDF (in PDF_SIGNING_DIR). Not needed when "
        "PDF_SIGNING_P12 names a signing certificate from a trust service."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--name",
            default=site_name(),
            help="the name that PDF readers show as the signer (default: %(default)s)",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="make new ones even if there are some; PDFs sealed before keep their seal, "
            "but readers need the new root certificate to trust new seals",
        )

    def handle(self, name, replace, **options):
        directory = signing_directory()
        password = (
            settings.PDF_SIGNING_P12_PASSWORD.encode()
            if settings.PDF_SIGNING_P12_PASSWORD
            else None
        )
        try:
            path = create_platform_signing(directory, name, password, replace=replace)
        except FileExistsError:
            raise CommandError(
                f"{directory / SIGNING_P12} exists already; use --replace to make new certificates."
            ) from None
        if settings.PDF_SIGNING_P12:
            self.stdout.write(
                self.style.WARNING(
                    "PDF_SIGNING_P12 is set: PDFs are sealed with that file, not with these."
                )
            )
        root = x509.load_pem_x509_certificate((directory / ROOT_CERTIFICATE).read_bytes())
        self.stdout.write(f"Signing certificate and key: {path}")
        self.stdout.write(f"Root certificate (public): {directory / ROOT_CERTIFICATE}")
        self.stdout.write(
            f"Root key: {directory / ROOT_KEY} (keep a copy offline; it is needed only to "
            "make a new signing certificate)"
        )
        self.stdout.write(f"Root SHA-256 fingerprint: {fingerprint(root)}")
