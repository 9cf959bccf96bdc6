"""Checking a certificate file that someone uploads: a signed credential (JSON) or a PDF
that carries one.

The answer is a checklist: one Check per question, each ok, failed or not applicable, with
a sentence in plain words. A file can only be trusted when no check failed; checks that do
not apply (nothing to compare with, say) neither confirm nor refute it.

Files come from anyone. Nothing here opens a network connection (the proof code's loader
refuses every context it does not ship), and every way a file can be broken ends as a
failed check, never as an exception: a PDF is read with caps on its object count, its
page count and the decompressed size of the files it embeds, so that a small file that
unpacks to gigabytes is refused while it unpacks.
"""

import io
import json
import logging
import zlib
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, StreamObject

from certificates.credentials import proof
from certificates.credentials.did import site_did_prefix, split_verification_method
from certificates.models import Certificate, OrganisationKey
from certificates.sealing import SealCheck, check_seal
from youthpass_site.lib.codes import normalise_certificate_id

logger = logging.getLogger(__name__)

OK = "ok"
FAILED = "failed"
NOT_APPLICABLE = "not_applicable"

CREDENTIAL_FILENAME = "credential.json"
# Far above what a certificate's PDF holds (eight pages of text, a few hundred objects,
# embedded JSON of some tens of kilobytes), far below what would tie up the server.
MAX_PDF_OBJECTS = 20_000
MAX_PDF_PAGES = 100
MAX_EMBEDDED_BYTES = 2 * 1024 * 1024
MAX_NAME_TREE_DEPTH = 8
MAX_EMBEDDED_FILES = 20


@dataclass(frozen=True)
class Check:
    status: str
    message: str

    @property
    def ok(self) -> bool:
        return self.status == OK

    @property
    def failed(self) -> bool:
        return self.status == FAILED


@dataclass
class Report:
    """What checking one file found. `certificate` is our record of the certificate the
    file names, where there is one."""

    kind: str  # "pdf", "json", or "" for a file that is neither
    checks: list[Check] = field(default_factory=list)
    certificate: Certificate | None = None

    @property
    def trustworthy(self) -> bool:
        return any(check.ok for check in self.checks) and not any(
            check.failed for check in self.checks
        )

    def add(self, status: str, message: str) -> None:
        self.checks.append(Check(status, message))


class Unreadable(Exception):
    """The file is not one that can be checked; the message says why, in plain words."""


def check_file(data: bytes, *, viewer=None) -> Report:
    """Check an uploaded file. `viewer` is the user asking: the holder and the issuing
    organisation's members also see the reason a certificate was revoked."""
    if not data:
        report = Report("")
        report.add(FAILED, _("The file is empty."))
        return report
    # PDF readers accept the header anywhere in the first kilobyte.
    if b"%PDF-" in data[:1024]:
        return check_pdf(data, viewer=viewer)
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        report = Report("")
        report.add(
            FAILED,
            _(
                "This file is neither a PDF nor a credential (JSON). Upload the certificate's "
                "PDF or the credential file that came with it."
            ),
        )
        return report
    report = Report("json")
    check_credential(report, document, viewer=viewer)
    return report


SEAL_ANSWERS = {
    SealCheck.VALID: (
        OK,
        gettext_lazy(
            "The PDF's seal is valid and covers the whole file: not a byte was changed "
            "after it was issued."
        ),
    ),
    SealCheck.NONE: (
        FAILED,
        gettext_lazy(
            "The PDF carries no seal: it was issued before certificates were sealed, or it "
            "is not a Youthpass certificate from this site."
        ),
    ),
    SealCheck.CHANGED: (
        FAILED,
        gettext_lazy(
            "The PDF was changed after it was sealed: its seal no longer matches its content."
        ),
    ),
    SealCheck.NOT_OURS: (
        FAILED,
        gettext_lazy(
            "The PDF's seal was not made by this site: its signer is not one this site trusts."
        ),
    ),
    SealCheck.ADDED_TO: (
        FAILED,
        gettext_lazy(
            "Something was added to the PDF after it was sealed: the seal covers only the "
            "part before it."
        ),
    ),
}


def check_pdf(data: bytes, *, viewer=None) -> Report:
    report = Report("pdf")
    try:
        files = embedded_files(data)
    except Unreadable as error:
        report.add(FAILED, str(error))
        return report
    except Exception:
        # Whatever else a broken or hostile PDF makes the parser trip over.
        logger.info("An uploaded PDF could not be read.", exc_info=True)
        report.add(FAILED, _("This PDF is damaged or not a PDF that can be read."))
        return report

    status, message = SEAL_ANSWERS[check_seal(data)]
    report.add(status, str(message))
    data_file = _certificate_data(files)
    if CREDENTIAL_FILENAME not in files:
        message = _(
            "This PDF carries no Youthpass credential: it was issued before certificates "
            "carried one, or it is not a Youthpass certificate."
        )
        if data_file:
            message += " " + _(
                "It names certificate %(id)s: its verification page says whether it is valid."
            ) % {"id": data_file}
            report.certificate = Certificate.objects.filter(certificate_id=data_file).first()
        report.add(FAILED, message)
        return report
    try:
        document = json.loads(files[CREDENTIAL_FILENAME].decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        report.add(FAILED, _("The credential in this PDF is damaged: it is not JSON."))
        return report
    report.add(OK, _("The PDF carries a Youthpass credential."))
    check_credential(report, document, viewer=viewer)
    if data_file and report.certificate and data_file != report.certificate.certificate_id:
        report.add(
            FAILED,
            _("The PDF's data names certificate %(data)s, but its credential %(credential)s.")
            % {"data": data_file, "credential": report.certificate.certificate_id},
        )
    return report


def _certificate_data(files: dict[str, bytes]) -> str | None:
    """The certificate ID named by the PDF's embedded data file, if it has one."""
    for name, content in files.items():
        if name.startswith("youthpass-") and name.endswith(".json"):
            try:
                named = json.loads(content.decode("utf-8")).get("certificate_id", "")
            except (UnicodeDecodeError, ValueError, RecursionError, AttributeError):
                return None
            return normalise_certificate_id(named) if isinstance(named, str) else None
    return None


def embedded_files(data: bytes) -> dict[str, bytes]:
    """The credential and the certificate data embedded in a PDF (its EmbeddedFiles name
    tree), by name, each unpacked up to MAX_EMBEDDED_BYTES. Raises Unreadable for a PDF
    beyond the caps."""
    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        raise Unreadable(_("This PDF is encrypted, so its contents cannot be checked."))
    size = reader.trailer.get("/Size", 0)
    if not isinstance(size, int) or size > MAX_PDF_OBJECTS:
        raise Unreadable(_("This PDF has far more parts than a Youthpass certificate."))
    root = reader.trailer["/Root"].get_object()
    pages = root["/Pages"].get_object().get("/Count", 0)
    if not isinstance(pages, int) or pages > MAX_PDF_PAGES:
        raise Unreadable(_("This PDF has far more pages than a Youthpass certificate."))
    names = root.get("/Names")
    tree = names.get_object().get("/EmbeddedFiles") if names is not None else None
    files: dict[str, bytes] = {}
    if tree is not None:
        _collect(tree.get_object(), files, depth=0)
    return files


def _collect(node: DictionaryObject, files: dict[str, bytes], depth: int) -> None:
    if depth > MAX_NAME_TREE_DEPTH or len(files) > MAX_EMBEDDED_FILES:
        raise Unreadable(_("This PDF embeds far more files than a Youthpass certificate."))
    for kid in node.get("/Kids", ArrayObject()):
        _collect(kid.get_object(), files, depth + 1)
    pairs = node.get("/Names", ArrayObject())
    if len(pairs) > 2 * MAX_EMBEDDED_FILES:
        raise Unreadable(_("This PDF embeds far more files than a Youthpass certificate."))
    for index in range(0, len(pairs) - 1, 2):
        spec = pairs[index + 1].get_object()
        name = str(spec.get("/UF") or spec.get("/F") or pairs[index])
        stream = spec.get("/EF", DictionaryObject()).get("/F")
        # Only the credential and the certificate's data file are unpacked.
        if stream is not None and _wanted(name):
            files[name] = _unpack(stream.get_object())


def _wanted(name: str) -> bool:
    return name == CREDENTIAL_FILENAME or (name.startswith("youthpass-") and name.endswith(".json"))


def _unpack(stream: StreamObject) -> bytes:
    """The stream's content, unpacked at most to MAX_EMBEDDED_BYTES: a few kilobytes that
    would unpack to gigabytes stop here."""
    raw = stream._data  # the stored, still compressed bytes
    filters = stream.get("/Filter")
    if isinstance(filters, ArrayObject):
        filters = list(filters)
    else:
        filters = [filters] if filters is not None else []
    if stream.get("/DecodeParms") or any(f != "/FlateDecode" for f in filters):
        raise Unreadable(_("This PDF embeds a file in a form that Youthpass does not use."))
    for _filter in filters:
        unpacker = zlib.decompressobj()
        try:
            raw = unpacker.decompress(raw, MAX_EMBEDDED_BYTES + 1)
        except zlib.error:
            raise Unreadable(_("A file embedded in this PDF is damaged.")) from None
        if len(raw) > MAX_EMBEDDED_BYTES or unpacker.unconsumed_tail:
            raise Unreadable(
                _("A file embedded in this PDF unpacks to far more than a certificate holds.")
            )
    if len(raw) > MAX_EMBEDDED_BYTES:
        raise Unreadable(
            _("A file embedded in this PDF unpacks to far more than a certificate holds.")
        )
    return raw


def _our_key(verification_method: str):
    """The public key of one of this site's organisations that the method names (current
    or retired); None for any other key, did:key included: a credential checked here must
    have been issued here."""
    named = split_verification_method(settings.SITE_URL, verification_method)
    if named is None:
        return None
    code, key_id = named
    key = OrganisationKey.objects.filter(
        organisation__code=code, public_key_multibase=key_id
    ).first()
    return key.public_key if key is not None else None


def _certificate_id_of(credential_id) -> str | None:
    prefix = settings.SITE_URL + "/verify/"
    if not isinstance(credential_id, str) or not credential_id.startswith(prefix):
        return None
    rest = credential_id.removeprefix(prefix).rstrip("/")
    return normalise_certificate_id(rest) if "/" not in rest else None


def _issuer(document: dict) -> tuple[str, str]:
    issuer = document.get("issuer")
    if isinstance(issuer, dict):
        return str(issuer.get("id", "")), str(issuer.get("name", ""))
    return (issuer if isinstance(issuer, str) else ""), ""


def _host(value: str) -> str:
    if value.startswith("did:web:"):
        return value.split(":")[2].replace("%3A", ":")
    return urlsplit(value).netloc or value


def check_credential(report: Report, document, *, viewer=None) -> None:
    """Add the credential's checks to the report: from this site, proof, issuer, status,
    content."""
    try:
        _check_credential(report, document, viewer=viewer)
    except (TypeError, ValueError, AttributeError, KeyError, RecursionError):
        # A document shaped in a way that no check above foresaw: it is none of ours.
        logger.warning("An uploaded credential could not be checked.", exc_info=True)
        report.add(FAILED, _("This file is not a Youthpass credential that can be checked."))


def _check_credential(report: Report, document, *, viewer=None) -> None:
    if not isinstance(document, dict) or "credentialSubject" not in document:
        report.add(FAILED, _("This JSON file is not a Youthpass credential."))
        return
    our_host = urlsplit(settings.SITE_URL).netloc
    issuer_id, issuer_name = _issuer(document)
    certificate_id = _certificate_id_of(document.get("id"))
    from_here = certificate_id is not None and issuer_id.startswith(
        site_did_prefix(settings.SITE_URL) + ":organisations:"
    )
    if not from_here:
        other = issuer_id if not issuer_id.startswith("did:web:") else ""
        elsewhere = _host(issuer_id) if issuer_id.startswith("did:web:") else ""
        if not elsewhere and isinstance(document.get("id"), str):
            elsewhere = _host(document["id"])
        report.add(
            FAILED,
            _(
                "This credential was not issued through this site (%(ours)s) but names "
                "%(other)s. Only credentials issued here can be checked here."
            )
            % {"ours": our_host, "other": elsewhere or other or _("no known issuer")},
        )
        return
    certificate = (
        Certificate.objects.filter(certificate_id=certificate_id)
        .select_related("replaced_by", "participant__project__organisation")
        .first()
    )
    report.certificate = certificate

    # The proof.
    code = issuer_id.removeprefix(site_did_prefix(settings.SITE_URL) + ":organisations:")
    issuers_key = _signed_with_key_of(document, issuer_id, code)
    try:
        checked = proof.verify_credential(document, _our_key)
    except proof.InvalidProof:
        checked = None
        if not isinstance(document.get("proof"), dict):
            message = _("The credential carries no digital signature.")
        elif not issuers_key:
            message = _(
                "The credential's digital signature was made with a key that does not "
                "belong to the organisation it names."
            )
        else:
            message = _(
                "The credential's digital signature does not match its content: the "
                "credential was changed after it was signed."
            )
        report.add(FAILED, message)
    else:
        report.add(
            OK,
            _(
                "The credential's digital signature is valid: nothing in it changed after "
                "it was signed."
            ),
        )

    # The issuer: our organisation, signed with one of its keys.
    organisation_keys = OrganisationKey.objects.filter(organisation__code=code)
    organisation_key = organisation_keys.select_related("organisation").first()
    if checked is not None:
        report.add(
            OK,
            _("Issued by %(organisation)s: signed with one of its keys.")
            % {"organisation": organisation_key.organisation.name},
        )
    elif organisation_key is None:
        report.add(
            FAILED,
            _("No organisation on this site issues credentials as “%(issuer)s”.")
            % {"issuer": issuer_name or issuer_id},
        )
    elif issuers_key:
        report.add(
            FAILED,
            _(
                "The credential names %(organisation)s as its issuer and was signed with one "
                "of its keys, but as the signature does not match, that it comes from them "
                "cannot be confirmed."
            )
            % {"organisation": organisation_key.organisation.name},
        )
    else:
        report.add(
            FAILED,
            _(
                "The credential names %(organisation)s as its issuer, but it was not signed "
                "with any key of that organisation."
            )
            % {"organisation": organisation_key.organisation.name},
        )

    # The status, from our record.
    if certificate is None:
        report.add(
            FAILED,
            _("No certificate with the ID %(id)s was issued through this site.")
            % {"id": certificate_id},
        )
        return
    report.add(*status_check(certificate, viewer=viewer))

    # The content, compared with what we signed.
    if not certificate.credential:
        report.add(
            NOT_APPLICABLE,
            _(
                "This site no longer keeps the content of certificate %(id)s, so it cannot "
                "be compared."
            )
            % {"id": certificate_id},
        )
        return
    differences = content_differences(document, certificate.credential)
    if differences:
        report.add(
            FAILED,
            _("The content differs from what was issued: %(differences)s.")
            % {"differences": "; ".join(differences)},
        )
    else:
        report.add(OK, _("The content is exactly what was issued."))


def _signed_with_key_of(document: dict, issuer_id: str, code: str) -> bool:
    """Whether the proof names a key of the issuer's organisation, current or retired."""
    checked_proof = document.get("proof")
    method = checked_proof.get("verificationMethod") if isinstance(checked_proof, dict) else None
    if not isinstance(method, str):
        return False
    named = split_verification_method(settings.SITE_URL, method)
    return (
        named is not None
        and named[0] == code
        and method.partition("#")[0] == issuer_id
        and OrganisationKey.objects.filter(
            organisation__code=code, public_key_multibase=named[1]
        ).exists()
    )


def status_check(certificate: Certificate, *, viewer=None) -> tuple[str, str]:
    changed = (
        formats.date_format(timezone.localtime(certificate.state_changed_at), "DATE_FORMAT")
        if certificate.state_changed_at
        else ""
    )
    if certificate.state == Certificate.State.VALID:
        return OK, _("Certificate %(id)s is valid: it has not been revoked or replaced.") % {
            "id": certificate.certificate_id
        }
    if certificate.state == Certificate.State.REVOKED:
        message = _("Certificate %(id)s was revoked on %(date)s. It is no longer valid.") % {
            "id": certificate.certificate_id,
            "date": changed,
        }
        # The reason is kept for the organisation and the holder, never shown publicly.
        if (
            viewer is not None
            and certificate.state_reason
            and Certificate.objects.visible_to(viewer).filter(pk=certificate.pk).exists()
        ):
            message += " " + _("Reason: %(reason)s") % {"reason": certificate.state_reason}
        return FAILED, message
    replacement = certificate.replaced_by
    return FAILED, _(
        "Certificate %(id)s was replaced on %(date)s by the corrected certificate %(new)s. "
        "It is no longer valid."
    ) % {
        "id": certificate.certificate_id,
        "date": changed,
        "new": replacement.certificate_id if replacement else "—",
    }


def _texts(credential: dict) -> tuple[dict[str, str], dict[str, str]]:
    """(name of each result description by id, holder's text by result description)."""
    subject = credential.get("credentialSubject")
    subject = subject if isinstance(subject, dict) else {}
    achievement = subject.get("achievement")
    achievement = achievement if isinstance(achievement, dict) else {}
    names = {}
    for description in achievement.get("resultDescription") or []:
        if isinstance(description, dict):
            names[str(description.get("id"))] = str(description.get("name", ""))
    texts = {}
    for result in subject.get("result") or []:
        if isinstance(result, dict):
            texts[str(result.get("resultDescription"))] = result.get("value")
    return names, texts


SUBJECT_FIELDS = {
    "name": gettext_lazy("the holder's name"),
    "identifier": gettext_lazy("the holder's identifier"),
    "activityStartDate": gettext_lazy("the start of the activity"),
    "activityEndDate": gettext_lazy("the end of the activity"),
}
ACHIEVEMENT_FIELDS = {
    "name": gettext_lazy("the name of the achievement"),
    "description": gettext_lazy("the description of the achievement"),
    "criteria": gettext_lazy("the description of the Youthpass process"),
    "inLanguage": gettext_lazy("the language"),
}
TOP_FIELDS = {
    "name": gettext_lazy("the name of the credential"),
    "description": gettext_lazy("the project's title"),
    "issuer": gettext_lazy("the issuing organisation's details"),
    "validFrom": gettext_lazy("the date of issue"),
    "proof": gettext_lazy("the signature"),
}


def content_differences(uploaded: dict, stored: dict) -> list[str]:
    """Plain-words names of the parts of `uploaded` that differ from `stored`."""
    found = []
    for key in sorted((set(uploaded) | set(stored)) - {"credentialSubject"}):
        if uploaded.get(key) == stored.get(key):
            continue
        found.append(
            _("%(what)s differs") % {"what": TOP_FIELDS[key]}
            if key in TOP_FIELDS
            else _("the field “%(field)s” differs") % {"field": key}
        )
    subject = uploaded.get("credentialSubject")
    subject = subject if isinstance(subject, dict) else {}
    ours = stored.get("credentialSubject", {})
    for key, what in SUBJECT_FIELDS.items():
        if subject.get(key) != ours.get(key):
            found.append(_("%(what)s differs") % {"what": what})
    achievement = subject.get("achievement")
    achievement = achievement if isinstance(achievement, dict) else {}
    our_achievement = ours.get("achievement", {})
    for key, what in ACHIEVEMENT_FIELDS.items():
        if achievement.get(key) != our_achievement.get(key):
            found.append(_("%(what)s differs") % {"what": what})
    names, texts = _texts(stored)
    their_names, their_texts = _texts(uploaded)
    if their_names != names:
        found.append(_("the list of competences differs"))
    for description in list(texts) + [d for d in their_texts if d not in texts]:
        label = names.get(description) or their_names.get(description) or description
        if description not in their_texts:
            found.append(_("the text for %(competence)s is missing") % {"competence": label})
        elif description not in texts:
            found.append(_("the text for %(competence)s was added") % {"competence": label})
        elif their_texts[description] != texts[description]:
            found.append(_("the text for %(competence)s differs") % {"competence": label})
    known = set(SUBJECT_FIELDS) | {"achievement", "result", "type"}
    for key in sorted((set(subject) | set(ours)) - known):
        if subject.get(key) != ours.get(key):
            found.append(_("the field “%(field)s” differs") % {"field": key})
    return found
