"""A preview of the certificate as it would print today, made and stored nowhere.

Participants look at it while writing and organisers while reviewing: the same snapshot
and renderer as issuing, but without an ID or QR code, marked as a preview on every page,
and with no row, file or activity-log entry left behind.
"""

from django.conf import settings

from certificates.models import CertificateTooLong
from certificates.rendering import render_preview_pdf
from certificates.snapshot import build_snapshot, text_pages_of


def preview_pdf(participant, language: str) -> bytes:
    """The participant's certificate in `language` from the current records, as a preview.

    Texts too long for a certificate are refused before anything is laid out, as at issue.
    """
    snapshot = build_snapshot(participant, language)
    if (pages := text_pages_of(snapshot)) > settings.CERTIFICATE_MAX_PAGES:
        raise CertificateTooLong(pages)
    return render_preview_pdf(snapshot)
