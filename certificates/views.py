import datetime
import json
import secrets

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.db.models import F
from django.http import FileResponse, Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, get_conditional_response
from django.utils.http import http_date
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST, require_safe

from certificates import snapshot as frozen
from certificates.checking import check_file
from certificates.credentials import status
from certificates.credentials.did import did_document as make_did_document
from certificates.forms import (
    TOO_LARGE,
    IssueForm,
    ReplaceForm,
    RevokeForm,
    VerifyFileForm,
    VerifyForm,
)
from certificates.models import (
    Certificate,
    CertificateError,
    CertificateTooLong,
    NotReadyToIssue,
    OrganisationKey,
    StatusList,
    StatusListFull,
    current_state,
)
from certificates.preview import preview_pdf
from certificates.sealing import SealingError, current_seal
from participants import emails
from participants.access import participant_for_editor, participant_for_holder
from projects.formats import Format
from youthpass_site.lib.codes import normalise_certificate_id
from youthpass_site.lib.ratelimit import client_within, hit


def _noindex(response):
    # Verification pages name people: search engines must not list them.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _public_facts(certificate):
    """The few facts that anyone holding the ID may see, all as frozen at issue.

    Never birth data, e-mail or self-assessment texts.
    """
    snapshot = frozen.public_part(certificate.snapshot)
    project = snapshot["project"]
    # The format's name in the visitor's language where the key is still known.
    if project["format"] in Format.values:
        format_name = Format(project["format"]).label
    else:
        format_name = project["format_name"]
    return {
        "holder_name": frozen.holder_name(snapshot),
        "format_name": format_name,
        "project_title": project["title"],
        "start_date": datetime.date.fromisoformat(project["start_date"]),
        "end_date": datetime.date.fromisoformat(project["end_date"]),
        "organisation_name": snapshot["organisation"]["name"],
        "issue_date": datetime.date.fromisoformat(snapshot["issue_date"]),
    }


def _seal_root():
    """The root certificate that PDF readers need to trust the seal, if the platform has one."""
    try:
        seal = current_seal()
    except SealingError:
        return None
    return seal if seal.root is not None else None


def verify_form(request):
    form = VerifyForm(request.GET if "certificate_id" in request.GET else None)
    if form.is_valid():
        return redirect("certificates:verify", form.cleaned_data["certificate_id"])
    context = {"form": form, "file_form": VerifyFileForm(), "seal": _seal_root()}
    return _noindex(render(request, "certificates/verify_form.html", context))


def root_certificate(request):
    """The seal's root certificate, for importing into a PDF reader's trusted certificates."""
    seal = _seal_root()
    if seal is None:
        raise Http404
    response = HttpResponse(seal.root_pem, content_type="application/x-x509-ca-cert")
    response["Content-Disposition"] = 'attachment; filename="youthpass-root-certificate.crt"'
    return response


class CappedUploadHandler(FileUploadHandler):
    """Stops receiving an upload once it is larger than VERIFY_FILE_MAX_BYTES, whatever
    its Content-Length said, so that no more than that is ever kept."""

    def __init__(self, request=None):
        super().__init__(request)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.VERIFY_FILE_MAX_BYTES:
            self.request.upload_too_large = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


def _file_page(request, file_form, report=None, status=200, error=""):
    context = {"form": VerifyForm(), "file_form": file_form, "report": report, "seal": _seal_root()}
    context["file_error"] = error
    if report is not None:
        return _noindex(render(request, "certificates/verify_file.html", context, status=status))
    return _noindex(render(request, "certificates/verify_form.html", context, status=status))


@csrf_exempt
def verify_file(request):
    """Check an uploaded certificate PDF or credential file; the answer is a checklist.

    A file larger than the limit is refused before it is read: by its Content-Length, or
    by the upload handler once more than that has arrived. The handler has to be in place
    before the CSRF check reads the form, hence the exemption here and the check below.
    """
    if request.method != "POST":
        # The result page's address opened again (from the language menu, say).
        return redirect("certificates:verify_form")
    declared = request.META.get("CONTENT_LENGTH") or "0"
    # The form's other fields and the multipart boundaries add a little to the file.
    if not declared.isdigit() or int(declared) > settings.VERIFY_FILE_MAX_BYTES + 64 * 1024:
        return _file_page(request, VerifyFileForm(), status=413, error=TOO_LARGE)
    request.upload_handlers.insert(0, CappedUploadHandler(request))
    return _check_uploaded_file(request)


@csrf_protect
def _check_uploaded_file(request):
    if not client_within(request, "verify-file", settings.VERIFY_FILE_LIMIT_PER_CLIENT):
        error = _(
            "So many files have been checked from your connection in the last hour that "
            "we stopped checking for a while. Please try again in an hour."
        )
        return _file_page(request, VerifyFileForm(), status=429, error=error)
    form = VerifyFileForm(request.POST, request.FILES)
    if getattr(request, "upload_too_large", False):
        return _file_page(request, VerifyFileForm(), status=413, error=TOO_LARGE)
    if not form.is_valid():
        return _file_page(request, form, status=400)
    upload = form.cleaned_data["file"]
    data = upload.read(settings.VERIFY_FILE_MAX_BYTES + 1)
    report = check_file(data, viewer=request.user)
    return _file_page(request, VerifyFileForm(), report=report)


# Stands in a kept verification page for the language switcher's CSRF token, which every
# response gets anew; random per process, so no certificate's text can contain it.
_TOKEN_MARK = secrets.token_hex(16)
# Long enough to matter when a certificate is checked often; short enough that a shared
# cache does not outlive a deployment's templates for long.
VERIFY_PAGE_SECONDS = 600


def _not_found(request, certificate_id):
    form = VerifyForm(initial={"certificate_id": certificate_id[:40]})
    context = {"form": form, "file_form": VerifyFileForm(), "not_found": True}
    return _noindex(render(request, "certificates/verify_form.html", context, status=404))


def _too_many(request, certificate_id):
    # Anyone may look certificates up, but not guess their way through the IDs.
    form = VerifyForm(initial={"certificate_id": certificate_id[:40]})
    context = {"form": form, "file_form": VerifyFileForm(), "too_many": True}
    return _noindex(render(request, "certificates/verify_form.html", context, status=429))


def verify(request, certificate_id):
    canonical = normalise_certificate_id(certificate_id)
    if canonical and canonical != certificate_id:
        return redirect("certificates:verify", canonical, permanent=True)
    if not client_within(request, "verify", settings.VERIFY_LIMIT_PER_CLIENT):
        return _too_many(request, certificate_id)
    state = current_state(canonical) if canonical else None
    if state is None:
        return _not_found(request, certificate_id)
    # All that the page shows but the state was frozen at issue, and every visitor who is
    # not logged in sees the same menu (a query string would go into the language switch's
    # return address): for them the page is kept rendered per state and language. The
    # state itself is kept only for seconds (certificates.models.current_state), so a
    # revoked certificate shows as revoked at once, or within those seconds elsewhere.
    shared = not (request.user.is_authenticated or request.GET or get_messages(request))
    status, changed_at = state
    changed = changed_at.isoformat() if changed_at else ""
    key = f"verify:{canonical}:{get_language()}:{timezone.get_current_timezone_name()}"
    key += f":{status}:{changed}"
    page = cache.get(key) if shared else None
    if page is None:
        certificate = (
            Certificate.objects.filter(certificate_id=canonical)
            .only("certificate_id", "state", "state_changed_at", "snapshot")
            .first()
        )
        if certificate is None:  # deleted a moment ago
            return _not_found(request, certificate_id)
        context = {"certificate": certificate, **_public_facts(certificate)}
        if not shared:
            return _noindex(render(request, "certificates/verify.html", context))
        context["csrf_token"] = _TOKEN_MARK
        page = render_to_string("certificates/verify.html", context, request)
        cache.set(key, page, VERIFY_PAGE_SECONDS)
    return _noindex(HttpResponse(page.replace(_TOKEN_MARK, get_token(request))))


def _public_json(document: dict, content_type: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2), content_type=content_type
    )
    # Verifiers and wallets in a browser fetch these from other sites.
    response["Access-Control-Allow-Origin"] = "*"
    return _noindex(response)


# How long a verifier may keep a credential: a revoked certificate's stops being served
# within it.
CREDENTIAL_SECONDS = 60


def credential(request, certificate_id):
    """The signed Open Badges 3.0 credential of a valid certificate, for wallets and
    verifiers. Revoked, replaced and unknown certificates have none here."""
    canonical = normalise_certificate_id(certificate_id)
    if canonical and canonical != certificate_id:
        return redirect("certificates:credential", canonical, permanent=True)
    if not client_within(request, "verify", settings.VERIFY_LIMIT_PER_CLIENT):
        return HttpResponse(_("Too many look-ups. Try again later."), status=429)
    document = (
        Certificate.objects.valid()
        .filter(certificate_id=canonical or "", credential__isnull=False)
        .values_list("credential", flat=True)
        .first()
    )
    if not document:
        raise Http404
    response = _public_json({"@context": document["@context"], **document}, "application/ld+json")
    response["Cache-Control"] = f"public, max-age={CREDENTIAL_SECONDS}"
    return response


def did_document(request, organisation_code):
    """The organisation's DID document (did:web): the public keys that sign its
    certificates' credentials, the current one and those retired."""
    keys = list(
        OrganisationKey.objects.filter(organisation__code=organisation_code)
        .select_related("organisation")
        .order_by(F("retired_at").asc(nulls_first=True), "-created_at")
    )
    if not keys:
        raise Http404
    document = make_did_document(
        keys[0].did, [(key.key_id, key.public_key_multibase) for key in keys]
    )
    response = _public_json(document, "application/did+json")
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_safe
def status_list(request, organisation_code):
    """The organisation's revocation list as a signed BitstringStatusListCredential.

    Verifiers fetch it to learn whether a credential was revoked; it may be kept for its
    `ttl`, which the cache headers repeat, so a revocation is seen within five minutes.
    """
    found = (
        StatusList.objects.select_related("organisation")
        .filter(organisation__code=organisation_code, purpose=status.REVOCATION)
        .first()
    )
    if found is None:
        raise Http404
    document = found.signed()
    etag = '"' + document["proof"]["proofValue"][1:33] + '"'
    response = get_conditional_response(
        request, etag=etag, last_modified=int(found.signed_at.timestamp())
    )
    if response is None:
        response = _public_json(document, "application/ld+json")
    response["ETag"] = etag
    response["Last-Modified"] = http_date(found.signed_at.timestamp())
    response["Cache-Control"] = f"public, max-age={status.TTL_MS // 1000}"
    return response


@login_required
def download_credential(request, certificate_id):
    """The signed credential of a valid certificate as a file to keep or to add to a
    wallet, for its holder and the issuing organisation."""
    canonical = normalise_certificate_id(certificate_id)
    if canonical is None:
        raise Http404
    certificate = get_object_or_404(
        Certificate.objects.visible_to(request.user).valid().filter(credential__isnull=False),
        certificate_id=canonical,
    )
    response = HttpResponse(
        json.dumps(certificate.credential, ensure_ascii=False, indent=2),
        content_type="application/ld+json",
    )
    filename = f"youthpass-{certificate.certificate_id}-{certificate.language}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    add_never_cache_headers(response)
    return _noindex(response)


@login_required
def download(request, certificate_id):
    """The stored PDF, exactly as issued, for its holder and the issuing organisation."""
    canonical = normalise_certificate_id(certificate_id)
    if canonical is None:
        raise Http404
    certificate = get_object_or_404(
        Certificate.objects.visible_to(request.user), certificate_id=canonical
    )
    if not certificate.pdf:
        # The holder deleted their account: the certificate stays verifiable, its file is gone.
        raise Http404
    return FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=certificate.filename,
        content_type="application/pdf",
    )


def _manage(participant):
    return redirect("participants:manage", participant.project.code, participant.code)


def _can_issue(request, participant):
    if participant.is_erased:
        messages.error(
            request,
            _("The holder deleted their account: nothing can be issued from this record."),
        )
        return False
    if not participant.may_be_issued:
        messages.error(request, _("A certificate can be issued only after approval."))
        return False
    if missing := participant.project.organisation.missing_for_issue():
        messages.error(request, str(NotReadyToIssue(missing)))
        messages.info(request, _("Nothing was issued."))
        return False
    return True


@require_POST
@login_required
def issue(request, project_code, participant_code):
    """Issue in the chosen languages; a language with a valid certificate gets a new one."""
    participant = participant_for_editor(request, project_code, participant_code)
    form = IssueForm(request.POST, participant=participant)
    if not _can_issue(request, participant):
        return _manage(participant)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        messages.info(request, _("Nothing was issued."))
        return _manage(participant)
    replaced = {
        certificate.language: certificate.certificate_id
        for certificate in participant.certificates.valid().filter(
            language__in=form.cleaned_data["languages"]
        )
    }
    try:
        certificates = Certificate.issue(
            participant,
            request.user,
            form.cleaned_data["languages"],
            form.cleaned_data["signature"],
            reason=form.cleaned_data.get("reason", ""),
        )
    except CertificateError:
        # Someone else issued in the meantime; the form did not ask for a reason.
        messages.error(request, _("The certificates changed meanwhile. Nothing was issued."))
        return _manage(participant)
    except (CertificateTooLong, NotReadyToIssue, SealingError, StatusListFull) as error:
        messages.error(request, str(error))
        messages.info(request, _("Nothing was issued."))
        return _manage(participant)
    # A certificate that replaces one is announced as a replacement, with the reason;
    # the others as ready.
    replaced_now = {
        old.replaced_by_id: old for old in Certificate.objects.filter(replaced_by__in=certificates)
    }
    for certificate in certificates:
        if certificate.pk in replaced_now:
            emails.send_certificate_replaced(replaced_now[certificate.pk], certificate)
    if fresh := [certificate for certificate in certificates if certificate.pk not in replaced_now]:
        emails.send_certificate_ready(participant, fresh)
    ids = ", ".join(certificate.certificate_id for certificate in certificates)
    messages.success(
        request,
        ngettext(
            "Certificate %(ids)s issued. The participant can download it now.",
            "Certificates %(ids)s issued. The participant can download them now.",
            len(certificates),
        )
        % {"ids": ids},
    )
    if replaced:
        messages.info(
            request,
            _("Replaced by the new ones and marked so on their verification pages: %(ids)s.")
            % {"ids": ", ".join(replaced.values())},
        )
    return _manage(participant)


def _certificate_for_editor(request, project_code, participant_code, certificate_id):
    participant = participant_for_editor(request, project_code, participant_code)
    canonical = normalise_certificate_id(certificate_id)
    if canonical is None:
        raise Http404
    certificate = get_object_or_404(participant.certificates, certificate_id=canonical)
    certificate.participant = participant
    return certificate


@require_POST
@login_required
def revoke(request, project_code, participant_code, certificate_id):
    certificate = _certificate_for_editor(request, project_code, participant_code, certificate_id)
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            _("Give the reason for revoking certificate %(id)s. Nothing was changed.")
            % {"id": certificate.certificate_id},
        )
    else:
        try:
            certificate.revoke(request.user, form.cleaned_data["reason"])
        except CertificateError:
            messages.error(
                request,
                _("Certificate %(id)s is no longer valid; it cannot be revoked.")
                % {"id": certificate.certificate_id},
            )
        else:
            emails.send_certificate_revoked(certificate)
            messages.success(
                request,
                _("Certificate %(id)s is revoked. Its verification page says so from now on.")
                % {"id": certificate.certificate_id},
            )
    return _manage(certificate.participant)


@require_POST
@login_required
def replace(request, project_code, participant_code, certificate_id):
    """A corrected certificate from the current records, in the same language, with a new ID."""
    certificate = _certificate_for_editor(request, project_code, participant_code, certificate_id)
    form = ReplaceForm(request.POST)
    if not _can_issue(request, certificate.participant):
        return _manage(certificate.participant)
    if not form.is_valid():
        messages.error(
            request,
            _("Give the reason for replacing certificate %(id)s. Nothing was changed.")
            % {"id": certificate.certificate_id},
        )
        return _manage(certificate.participant)
    try:
        new = certificate.replace(request.user, form.cleaned_data["reason"])
    except (CertificateTooLong, SealingError) as error:
        messages.error(request, str(error))
        messages.info(request, _("Nothing was issued."))
        return _manage(certificate.participant)
    except (NotReadyToIssue, StatusListFull) as error:
        messages.error(request, str(error))
        messages.info(request, _("Nothing was issued."))
        return _manage(certificate.participant)
    except CertificateError:
        messages.error(
            request,
            _("Certificate %(id)s is no longer valid; it cannot be replaced.")
            % {"id": certificate.certificate_id},
        )
    else:
        emails.send_certificate_replaced(certificate, new)
        messages.success(
            request,
            _(
                "Certificate %(old)s is replaced by %(new)s. The participant can download "
                "the new one now."
            )
            % {"old": certificate.certificate_id, "new": new.certificate_id},
        )
    return _manage(certificate.participant)


def _preview(request, participant, back):
    """The participant's certificate as it would print today, in a language they asked for.

    Nothing is stored. Each preview is a full render, so one person may make only so many
    an hour; the PDF is neither cached nor indexed.
    """
    if participant.is_erased:
        raise Http404
    languages = participant.certificate_languages
    language = request.GET.get("language") or languages[0]
    if language not in languages:
        messages.error(
            request, _("The certificate is not asked for in that language. Choose one listed.")
        )
        return back
    if not hit("certificate-preview", str(request.user.pk), settings.PREVIEW_LIMIT_PER_USER):
        messages.error(
            request,
            _("You have opened many previews in the last hour. Please try again later."),
        )
        return back
    try:
        pdf = preview_pdf(participant, language)
    except CertificateTooLong as error:
        messages.error(request, str(error))
        return back
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="youthpass-preview-{language}.pdf"'
    add_never_cache_headers(response)
    return _noindex(response)


@require_GET
@login_required
def preview_for_holder(request, participant_code):
    participant = participant_for_holder(request, participant_code)
    return _preview(request, participant, redirect("participants:detail", participant.code))


@require_GET
@login_required
def preview_for_editor(request, project_code, participant_code):
    participant = participant_for_editor(request, project_code, participant_code)
    return _preview(request, participant, _manage(participant))
