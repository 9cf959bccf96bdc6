"""Deployment checks of the certificates app (`manage.py check --deploy`)."""

import datetime

from django.conf import settings
from django.core import checks

from certificates.credentials.keys import credential_key_problem
from certificates.sealing import SealingError, current_seal, p12_path

EXPIRY_WARNING = datetime.timedelta(days=30)


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
        seal = current_seal()
    except SealingError:
        return [
            checks.Error(
                f"The signing certificate {path} cannot be read: nothing can be issued.",
                hint="Check the file and PDF_SIGNING_P12_PASSWORD.",
                id="certificates.E002",
            )
        ]
    expires = seal.certificate.not_valid_after_utc
    if expires - datetime.datetime.now(datetime.UTC) < EXPIRY_WARNING:
        return [
            checks.Warning(
                f"The signing certificate for the certificate PDFs expires on "
                f"{expires:%Y-%m-%d}; PDF readers will not accept seals made after that.",
                hint="Get a new one from your trust service, or run "
                "`manage.py init_pdf_signing --replace`.",
                id="certificates.W003",
            )
        ]
    return []


@checks.register(checks.Tags.security, deploy=True)
def credential_key_check(app_configs, **kwargs):
    """`check --deploy` fails without a usable CREDENTIAL_KEY when DEBUG is off: the
    organisations' signing keys could be neither made nor used, so nothing could be issued."""
    if settings.DEBUG:
        return []
    problem = credential_key_problem()
    if problem is None:
        return []
    return [
        checks.Error(
            problem,
            hint=(
                'Make one with: python -c "import base64, os; '
                'print(base64.urlsafe_b64encode(os.urandom(32)).decode())"; keep it '
                "apart from the database backups (README: Signing keys)."
            ),
            id="certificates.E003",
        )
    ]
