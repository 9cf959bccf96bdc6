"""What each kind of background job does for one participant, and once at the end.

Each handler is called by a worker (jobs.models.Job.work) for one participant and is
safe to call again for the same one: it asks the participant whether the action is for
them (participants.states holds the rules) and says, with `ItemSkipped`, why not.
"""

import logging
import re
import tempfile
import zipfile

from django.conf import settings
from django.core.files import File
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from accounts.invitations import invite_and_mail
from certificates.models import (
    Certificate,
    CertificateError,
    CertificateTooLong,
    NotReadyToIssue,
    SignatureMode,
    StatusListFull,
)
from certificates.sealing import SealingError
from jobs.models import Job, JobItem
from jobs.registry import ItemFailed, ItemSkipped, finishes, handles
from participants import emails
from participants.models import Participant, ParticipantState
from participants.states import REFUSALS, Action
from youthpass_site.lib.collation import collated, plain_letters
from youthpass_site.lib.invitations import InvitationStateError
from youthpass_site.lib.spreadsheets import write_csv

logger = logging.getLogger(__name__)

MAIL_FAILED = gettext_lazy("The e-mail could not be sent: the mail server did not take it.")


def _check(participant, action):
    if participant.is_erased:
        raise ItemSkipped(str(REFUSALS["erased"]))
    if refusal := participant.refusal(action):
        raise ItemSkipped(str(refusal))


def _send_invitation(participant, job):
    try:
        invite_and_mail(
            participant,
            by=job.created_by,
            send=emails.send_invitation,
            language=participant.language,
        )
    except InvitationStateError:
        raise ItemSkipped(str(REFUSALS["accepted"])) from None
    except OSError as error:
        raise ItemFailed(MAIL_FAILED) from error


@handles(Job.Kind.INVITE)
def invite(participant, job):
    """A first invitation, for participants who have not been invited yet."""
    _check(participant, Action.INVITE)
    _send_invitation(participant, job)


@handles(Job.Kind.RESEND)
def resend(participant, job):
    """A fresh invitation link; the older links stop working."""
    _check(participant, Action.RESEND)
    _send_invitation(participant, job)


@handles(Job.Kind.REMIND)
def remind(participant, job):
    """Remind someone who has not submitted: a fresh invitation if they have not accepted
    theirs yet, otherwise a note to finish and submit the self-assessment."""
    _check(participant, Action.REMIND)
    if participant.state == ParticipantState.INVITED:
        _send_invitation(participant, job)
    else:
        try:
            emails.send_reminder(participant)
        except OSError as error:
            raise ItemFailed(MAIL_FAILED) from error
    Participant.objects.filter(pk=participant.pk).update(last_reminded_at=timezone.now())


@handles(Job.Kind.ISSUE)
def issue(participant, job):
    _check(participant, Action.ISSUE)
    signature = job.options.get("signature", SignatureMode.PRINTED)
    try:
        certificates = Certificate.issue(
            participant, job.created_by, participant.certificate_languages, signature
        )
    except CertificateError:
        raise ItemSkipped(str(REFUSALS["issued"])) from None
    except SealingError as error:
        raise ItemFailed(_("%(error)s Nothing was issued.") % {"error": error}) from None
    except (CertificateTooLong, NotReadyToIssue, StatusListFull) as error:
        raise ItemFailed(str(error)) from None
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


@handles(Job.Kind.ZIP)
def check_pdfs(participant, job):
    """A participant's part of a ZIP: that there is something to put in."""
    if participant.is_erased:
        raise ItemSkipped(str(REFUSALS["erased"]))
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


def holder_folder(participant, certificate, taken: set[str]) -> str:
    """The ZIP folder of a holder's certificates: their name in plain ASCII letters, which
    any computer can show, and the last group of a certificate ID, e.g. "Eleni-Nikolaou-YG5F"
    (the whole ID where two holders of the same name would meet)."""
    name = re.sub(r"[^A-Za-z0-9]+", "-", plain_letters(participant.full_name)).strip("-")
    folder = "-".join(filter(None, [name[:80].rstrip("-"), certificate.certificate_id[-4:]]))
    if folder in taken:
        folder = "-".join(filter(None, [name[:80].rstrip("-"), certificate.certificate_id]))
    return folder


def zip_filename(project):
    return f"youthpass-{slugify(project.title)[:60] or project.code}-{timezone.localdate()}.zip"


@finishes(Job.Kind.ZIP)
def build_zip(job):
    """One ZIP of the valid certificates of every participant whose part was done."""
    certificates = list(
        _in_zip(Certificate.objects)
        .filter(
            participant__job_items__job=job,
            participant__job_items__state=JobItem.State.DONE,
        )
        .select_related("participant")
        .order_by(
            collated("participant__last_name"),
            collated("participant__first_name"),
            "participant",
            "-issued_at",
        )
    )
    if not certificates:
        raise ItemFailed(_("There were no certificates to put into the ZIP."))
    # The ZIP is put together on local disk and then stored in one piece, so that nothing
    # half-written is ever visible in the storage.
    index = []
    folders, taken = {}, set()
    with tempfile.TemporaryFile(dir=settings.FILE_UPLOAD_TEMP_DIR) as spool:
        with zipfile.ZipFile(spool, "w", zipfile.ZIP_STORED) as archive:
            for certificate in certificates:
                participant = certificate.participant
                if participant.pk not in folders:
                    folders[participant.pk] = holder_folder(participant, certificate, taken)
                    taken.add(folders[participant.pk])
                path = f"{folders[participant.pk]}/{certificate.filename}"
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
