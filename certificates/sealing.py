"""The seal on the certificate PDF: a PAdES signature made with pyHanko.

Every issued PDF is signed, invisibly, in an incremental update that leaves the
rendered PDF/A-3 as it was: a PDF reader shows who sealed it and that nothing was
changed since. The signing certificate is the operator's (a PKCS#12 file, e.g. a
trust service's electronic seal, in PDF_SIGNING_P12), or the platform's own, made
by `manage.py init_pdf_signing` in PDF_SIGNING_DIR: a root certificate that
verifiers can download from the verification page, and a signing certificate
issued by it. A development server makes the platform's own on first use.
"""

import asyncio
import datetime
import enum
import io
import logging
import os
import threading
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.utils import CryptographyDeprecationWarning
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

with warnings.catch_warnings():
    # pyHanko imports cryptography's DSA types, which cryptography marks as deprecated.
    warnings.filterwarnings("ignore", "DSA is deprecated", CryptographyDeprecationWarning)
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign import fields, signers
    from pyhanko.sign.general import SigningError, get_pyca_cryptography_hash
    from pyhanko.sign.timestamps import HTTPTimeStamper
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext
    from pyhanko_certvalidator.registry import SimpleCertificateStore

logger = logging.getLogger(__name__)

SIGNATURE_FIELD = "YouthpassSeal"
SIGNING_P12 = "signing.p12"
ROOT_CERTIFICATE = "root-certificate.pem"
ROOT_KEY = "root-key.pem"
# ECDSA on P-256: what PDF readers (Adobe's, poppler's) validate, small and quick to sign.
CURVE = ec.SECP256R1
ROOT_YEARS = 20
SIGNING_YEARS = 5
# Hexadecimal digits of room beyond a measured signature, for the few bytes by which
# signatures of one signer differ (an ECDSA signature's length, the signing time's).
RESERVE_MARGIN = 128


class SealingError(Exception):
    """The PDF could not be sealed; the certificate must not be issued without it."""

    def __str__(self):
        return str(
            _(
                "The certificate could not be sealed: the platform's signing certificate "
                "is missing or cannot be used. Tell the platform's administrator."
            )
        )


@dataclass(frozen=True)
class Seal:
    signer: signers.SimpleSigner
    certificate: x509.Certificate
    root: x509.Certificate | None
    # The room a seal without a timestamp takes in the PDF, once it is known.
    reserved: dict = field(default_factory=dict)

    @property
    def root_pem(self) -> bytes:
        return self.root.public_bytes(serialization.Encoding.PEM) if self.root else b""

    @property
    def root_fingerprint(self) -> str:
        return fingerprint(self.root) if self.root else ""


def fingerprint(certificate: x509.Certificate) -> str:
    """A certificate's SHA-256 fingerprint, as PDF readers and browsers show it."""
    digest = certificate.fingerprint(hashes.SHA256()).hex().upper()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))


def signing_directory() -> Path:
    return Path(settings.PDF_SIGNING_DIR)


def _password() -> bytes | None:
    return settings.PDF_SIGNING_P12_PASSWORD.encode() if settings.PDF_SIGNING_P12_PASSWORD else None


def p12_path() -> Path | None:
    """The PKCS#12 file that signs: the operator's, or the platform's own if it was made."""
    if settings.PDF_SIGNING_P12:
        return Path(settings.PDF_SIGNING_P12)
    own = signing_directory() / SIGNING_P12
    return own if own.is_file() else None


def is_configured() -> bool:
    return p12_path() is not None


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Youthpass"),
        ]
    )


def _write_private(path: Path, data: bytes, *, replace: bool = True):
    # Created readable by the owner only, never for a moment by anyone else; without
    # `replace`, an existing file is an error (FileExistsError), checked atomically.
    flags = os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if replace else os.O_EXCL)
    descriptor = os.open(path, flags, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(data)


def create_platform_signing(
    directory: Path, signer_name: str, password: bytes | None, *, replace: bool = False
) -> Path:
    """Make a root certificate and a signing certificate issued by it, in `directory`.

    Writes the root certificate (public), the root's private key and the signing
    key with its certificate chain as PKCS#12 (both readable by the owner only;
    the PKCS#12 is encrypted with PDF_SIGNING_P12_PASSWORD when that is set).
    Returns the PKCS#12 file's path.
    """
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = directory / SIGNING_P12
    if target.exists() and not replace:
        raise FileExistsError(target)
    now = datetime.datetime.now(datetime.UTC)
    root_key = ec.generate_private_key(CURVE())
    root_name = _name(f"{signer_name} root")
    root = (
        x509.CertificateBuilder()
        .subject_name(root_name)
        .issuer_name(root_name)
        .public_key(root_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=365 * ROOT_YEARS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()), critical=False
        )
        .sign(root_key, hashes.SHA256())
    )
    key = ec.generate_private_key(CURVE())
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name(signer_name))
        .issuer_name(root_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=365 * SIGNING_YEARS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()),
            critical=False,
        )
        .sign(root_key, hashes.SHA256())
    )
    encryption = (
        serialization.BestAvailableEncryption(password)
        if password
        else serialization.NoEncryption()
    )
    # The signing file first: of two processes making one at once, the second stops
    # here, before it could overwrite the root that the first one's certificate names.
    _write_private(
        target,
        pkcs12.serialize_key_and_certificates(
            b"Youthpass PDF seal", key, certificate, [root], encryption
        ),
        replace=replace,
    )
    (directory / ROOT_CERTIFICATE).write_bytes(root.public_bytes(serialization.Encoding.PEM))
    _write_private(
        directory / ROOT_KEY,
        root_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
        ),
    )
    return target


def site_name() -> str:
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0]
    return f"Youthpass {host}"


def _self_signed(certificate: x509.Certificate) -> bool:
    return certificate.issuer == certificate.subject


class _Signer(signers.SimpleSigner):
    """pyHanko's signer with the private key parsed once, not again for every signature.

    Parsing (and checking) an RSA key costs far more than signing with it.
    """

    private_key = None

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
        digest = get_pyca_cryptography_hash(digest_algorithm)
        if mechanism == "rsassa_pkcs1v15" and isinstance(self.private_key, rsa.RSAPrivateKey):
            return self.private_key.sign(data, padding.PKCS1v15(), digest)
        if mechanism == "ecdsa" and isinstance(self.private_key, ec.EllipticCurvePrivateKey):
            return self.private_key.sign(data, ec.ECDSA(digest))
        return super().sign_raw(data, digest_algorithm)


def _load(path: Path, password: bytes | None) -> Seal:
    try:
        data = path.read_bytes()
        key, certificate, chain = pkcs12.load_key_and_certificates(data, password)
    except (OSError, ValueError) as error:
        raise SealingError from error
    if key is None or certificate is None:
        raise SealingError
    der = serialization.Encoding.DER
    signer = _Signer(
        signing_cert=asn1_x509.Certificate.load(certificate.public_bytes(der)),
        signing_key=asn1_keys.PrivateKeyInfo.load(
            key.private_bytes(der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        ),
        cert_registry=SimpleCertificateStore.from_certs(
            [asn1_x509.Certificate.load(item.public_bytes(der)) for item in chain]
        ),
        # Verifiers trust the root by their own copy (a reader's trusted certificates),
        # so the signature carries only the certificates below it.
        embed_roots=False,
    )
    signer.private_key = key
    root = next((item for item in [certificate, *chain] if _self_signed(item)), None)
    return Seal(signer=signer, certificate=certificate, root=root)


_seal_lock = threading.Lock()
_loaded: dict[tuple, Seal] = {}


def current_seal() -> Seal:
    """The signing key and certificates, read once per process for each configuration.

    With DEBUG on and nothing configured, the platform's own are made on first use;
    otherwise a missing certificate is an error, and nothing is sealed with a key
    that the operator did not provide.
    """
    with _seal_lock:
        path = p12_path()
        if path is None:
            if not settings.DEBUG:
                raise SealingError
            try:
                path = create_platform_signing(signing_directory(), site_name(), _password())
            except FileExistsError:  # another process made it a moment ago
                path = signing_directory() / SIGNING_P12
        password = _password()
        key = (str(path), password, _mtime(path))
        if key not in _loaded:
            _loaded.clear()
            _loaded[key] = _load(path, password)
        return _loaded[key]


def _mtime(path: Path) -> float | None:
    try:
        return path.stat().st_mtime
    except OSError:
        return None


def reason_for(certificate) -> str:
    organisation = certificate.snapshot.get("organisation", {}).get("name", "")
    with translation.override(certificate.language):
        return gettext("Youthpass certificate %(id)s issued by %(organisation)s") % {
            "id": certificate.certificate_id,
            "organisation": organisation,
        }


def _timestamper():
    # Contacted only when the operator names a timestamp server (PAdES B-T).
    if settings.PDF_TIMESTAMP_URL:
        return HTTPTimeStamper(settings.PDF_TIMESTAMP_URL, timeout=10)
    return None


class _MetadataKeepingWriter(IncrementalPdfFileWriter):
    """An incremental update that leaves the document's metadata as it was rendered.

    pyHanko would name itself as the producer in the information dictionary and
    rewrite the XMP packet with a different producer; PDF/A wants the two to agree,
    and the signature carries its own time, so neither is touched.
    """

    def _update_meta(self):
        return None


def seal_pdf(pdf: bytes, certificate) -> bytes:
    """The PDF with the seal added in an incremental update: the pages stay as they were."""
    try:
        seal = current_seal()
    except SealingError:
        logger.exception("No signing certificate for certificate %s.", certificate.certificate_id)
        raise
    metadata = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD,
        reason=reason_for(certificate),
        location=settings.SITE_URL,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
    )
    timestamper = _timestamper()
    # Without a timestamp every seal by one signer takes about the same room: pyHanko
    # measures it with a trial signature the first time, and later seals skip the trial.
    # Should one need more room after all, it is made again with a trial.
    reserved = None if timestamper else seal.reserved.get("bytes")
    try:
        try:
            sealed = _sign(pdf, metadata, seal, timestamper, reserved)
        except SigningError:
            if reserved is None:
                raise
            reserved = None
            sealed = _sign(pdf, metadata, seal, timestamper, reserved)
        if timestamper is None and reserved is None:
            seal.reserved["bytes"] = _signature_room(sealed) + RESERVE_MARGIN
    except Exception as error:
        logger.exception("Certificate %s could not be sealed.", certificate.certificate_id)
        raise SealingError from error
    return sealed


def _sign(pdf, metadata, seal, timestamper, reserved) -> bytes:
    writer = _MetadataKeepingWriter(io.BytesIO(pdf), strict=False)
    signer = signers.PdfSigner(metadata, signer=seal.signer, timestamper=timestamper)

    return _outside_event_loop(lambda: signer.sign_pdf(writer, bytes_reserved=reserved).getvalue())


def _outside_event_loop(work):
    """pyHanko signs and validates through asyncio.run(), which cannot start where an event
    loop runs already (an asynchronous server, a program driving a browser): a thread can."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return work()
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(work).result()


class SealCheck(enum.StrEnum):
    """What a PDF's seal says about the file."""

    VALID = "valid"  # made by our signing certificate, and covering the whole file
    NONE = "none"  # no signature at all
    CHANGED = "changed"  # the signed bytes were changed: the signature no longer matches
    NOT_OURS = "not_ours"  # a valid signature, but not by our signing certificate
    ADDED_TO = "added_to"  # valid and ours, but something was appended after it


def check_seal(pdf: bytes) -> SealCheck:
    """Check the first signature of the PDF against our root, without any network."""
    try:
        signatures = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures
    except Exception:
        return SealCheck.NONE
    if not signatures:
        return SealCheck.NONE
    try:
        root = current_seal().root
    except SealingError:
        root = None
    roots = (
        [asn1_x509.Certificate.load(root.public_bytes(serialization.Encoding.DER))] if root else []
    )
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    try:
        status = _outside_event_loop(lambda: validate_pdf_signature(signatures[0], context))
    except Exception:
        logger.info("A seal could not be validated.", exc_info=True)
        return SealCheck.CHANGED
    if not (status.intact and status.valid):
        return SealCheck.CHANGED
    if not status.trusted:
        return SealCheck.NOT_OURS
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        return SealCheck.ADDED_TO
    return SealCheck.VALID


def _signature_room(pdf: bytes) -> int:
    """The hexadecimal digits that the last signature takes, without the padding after it."""
    signature = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures[-1]
    return 2 * len(signature.sig_object.raw_get("/Contents").original_bytes.rstrip(b"\0"))


def is_sealed(pdf: bytes) -> bool:
    """Whether the PDF carries a signature already (whoever made it)."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        return bool(reader.embedded_signatures)
    except Exception:
        return False
