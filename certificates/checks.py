"""Deployment checks of the certificates app (`manage.py check --deploy`)."""

from django.conf import settings
from django.core import checks

from certificates.sealing import SealingError, current_seal, p12_path


@checks.register(checks.Tags.security, deploy=True)
def pdf_signing(app_configs, **kwargs):
    """Certificates cannot be issued without the seal: a production site needs its key."""
    if settings.DEBUG:
        return []
    path = p12_path()
    if path is None:
        return [
            checks.Error(
                "No signing certificate for the certificate PDFs: nothing can be issued.",
                hint="Set PDF_SIGNING_P12 (and PDF_SIGNING_P12_PASSWORD) to a PKCS#12 file, "
                "or run `manage.py init_pdf_signing` to make the platform's own in "
                "PDF_SIGNING_DIR.",
                id="certificates.E001",
            )
        ]
    try:
        current_seal()
    except SealingError:
        return [
            checks.Error(
                f"The signing certificate {path} cannot be read: nothing can be issued.",
                hint="Check the file and PDF_SIGNING_P12_PASSWORD.",
                id="certificates.E002",
            )
        ]
    return []
