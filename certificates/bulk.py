"""What a background job does for one participant: issue, or gather for a ZIP.

Called by a worker (jobs.models.Job.work). Each function checks the participant's state
first, so that a job started again after an interruption does nothing twice.
"""

import logging
import tempfile
import zipfile

from django.conf import settings
from django.core.files import File
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from certificates.models import Certificate, CertificateError, SignatureMode
from jobs.models import ItemFailed, ItemSkipped
from participants import emails
from participants.models import Status
from youthpass_site.lib.spreadsheets import write_csv

logger = logging.getLogger(__name__)


def issue(participant, job):
    if participant.is_erased:
        raise ItemSkipped(_("The holder deleted their account."))
    if participant.status == Status.ISSUED:
        raise ItemSkipped(_("Has a certificate already."))
    if participant.status != Status.APPROVED:
        raise ItemSkipped(_("The self-assessment is not approved."))
    signature = job.options.get("signature", SignatureMode.PRINTED)
    try:
        certificates = Certificate.issue(
            participant, job.created_by, participant.certificate_languages, signature
        )
    except CertificateError:
        raise ItemSkipped(_("Has a certificate already.")) from None
    except Exception as error:
        logger.exception(
            "Certificate for participant %s in task %s could not be made.",
            participant.code,
            job.code,
        )
        raise ItemFailed(
            _("The certificate could not be made (%(error)s). Nothing was issued.")
            % {"error": type(error).__name__}
        ) from error
    try:
        emails.send_certificate_ready(participant, certificates)
    except OSError as error:
        logger.warning(
            "Certificate e-mail for participant %s not sent: %s", participant.code, error
        )
        raise ItemFailed(
            _("Issued, but the e-mail telling the participant could not be sent.")
        ) from error


def _in_zip(certificates):
    """Of these certificates, the ones a ZIP holds: valid, with their PDF still stored."""
    return certificates.valid().exclude(pdf="")


def check_pdfs(participant, job):
    """A participant's part of a ZIP: that there is something to put in."""
    if participant.is_erased:
        raise ItemSkipped(_("The holder deleted their account."))
    certificates = list(_in_zip(participant.certificates))
    if not certificates:
        raise ItemSkipped(_("Has no valid certificate."))
    for certificate in certificates:
        if not certificate.pdf.storage.exists(certificate.pdf.name):
            raise ItemFailed(
                _("The stored file of certificate %(id)s is missing.")
                % {"id": certificate.certificate_id}
            )


def _index_headers():
    return [
        _("Last name"),
        _("First name"),
        _("Certificate ID"),
        _("Language"),
        _("Issued"),
        _("Verification address"),
        _("File"),
    ]


def _index_row(participant, certificate, path):
    return [
        participant.last_name,
        participant.first_name,
        certificate.certificate_id,
        certificate.get_language_display(),
        certificate.issued_at,
        certificate.verification_url,
        path,
    ]


def zip_filename(project):
    return f"youthpass-{slugify(project.title)[:60] or project.code}-{timezone.localdate()}.zip"


def build_zip(job):
    """One ZIP of the valid certificates of every participant whose part was done."""
    certificates = list(
        _in_zip(Certificate.objects)
        .filter(participant__job_items__job=job, participant__job_items__state="done")
        .select_related("participant")
        .order_by("participant__last_name", "participant__first_name", "participant", "-issued_at")
    )
    if not certificates:
        raise ItemFailed(_("There were no certificates to put into the ZIP."))
    # The ZIP is put together on local disk and then stored in one piece, so that nothing
    # half-written is ever visible in the storage.
    index = []
    with tempfile.TemporaryFile(dir=settings.FILE_UPLOAD_TEMP_DIR) as spool:
        with zipfile.ZipFile(spool, "w", zipfile.ZIP_STORED) as archive:
            for certificate in certificates:
                participant = certificate.participant
                folder = slugify(participant.full_name) or participant.code
                path = f"{folder}/{certificate.filename}"
                with certificate.pdf.open("rb") as pdf:
                    archive.writestr(path, pdf.read())
                index.append(_index_row(participant, certificate, path))
            archive.writestr(
                pgettext("file name", "certificates") + ".csv", write_csv(_index_headers(), index)
            )
        spool.seek(0)
        job.options["filename"] = zip_filename(job.project)
        job.result.save(f"{job.code}.zip", File(spool), save=False)
    job.save(update_fields=["options", "result"])
