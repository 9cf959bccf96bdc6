"""eddsa-rdfc-2022 Data Integrity proofs (W3C Data Integrity EdDSA Cryptosuites v1.0).

Signing: the document and the proof configuration (the proof without its value, with the
document's @context) are each canonicalised with RDFC-1.0 (URDNA2015) to N-Quads and hashed
with SHA-256; Ed25519 signs the proof configuration's hash followed by the document's, and
the proofValue is that signature in multibase base58btc ('z' + base58).

The same code signs for any issuer (a did:web organisation, or a did:key that outside
verifiers resolve without a network) and checks any such proof. It fails closed: a JSON key
that the contexts do not map, or an identifier or type that is no absolute IRI, would be
left out of the N-Quads, so that its text would carry no signature; such a document is
refused, both when signing and when checking.
"""

import copy
import datetime
import hashlib
import re
from collections.abc import Callable

import base58
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.views.decorators.debug import sensitive_variables
from pyld.jsonld import JsonLdError, JsonLdProcessor

from certificates.credentials.loader import ShippedContextLoader, UnknownContext, document_loader

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"
PROOF_PURPOSE = "assertionMethod"

_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


class ProofError(Exception):
    """A document that cannot be signed or checked, or a proof that does not hold."""


class CanonicalisationError(ProofError):
    """The document is no JSON-LD that canonicalises with the shipped contexts."""


class UnsignedContent(CanonicalisationError):
    """Canonicalisation would leave part of the document out of what is signed."""

    def __init__(self, what: list[str]):
        super().__init__(
            "These parts of the document are not defined by its contexts and would not be "
            "signed: " + ", ".join(what)
        )
        self.what = what


class InvalidProof(ProofError):
    """The proof is missing, malformed, made by another key, or the document changed."""


def _unsigned_identifiers(node, found: list[str]) -> None:
    """Collect @id and @type values of an expanded document that are no absolute IRIs:
    RDF has no place for them, so canonicalisation leaves them out."""
    if isinstance(node, list):
        for item in node:
            _unsigned_identifiers(item, found)
        return
    if not isinstance(node, dict):
        return
    identifier = node.get("@id")
    if isinstance(identifier, str) and not (
        identifier.startswith("_:") or _ABSOLUTE_IRI.match(identifier)
    ):
        found.append(f"identifier {identifier!r}")
    types = node.get("@type", [])
    for value in types if isinstance(types, list) else [types]:
        if isinstance(value, str) and value != "@json" and not _ABSOLUTE_IRI.match(value):
            found.append(f"type {value!r}")
    for key, value in node.items():
        if key not in ("@id", "@type", "@value"):
            _unsigned_identifiers(value, found)


def canonical_nquads(document: dict, loader: ShippedContextLoader | None = None) -> str:
    """The document's RDFC-1.0 canonical N-Quads; refuses what would not be signed."""
    loader = loader or document_loader()
    dropped: list[str] = []

    def record_dropped(expanded_property):
        dropped.append(f"property {expanded_property!r}")

    processor = JsonLdProcessor(on_property_dropped=record_dropped)
    # No base IRI: pyld would resolve a relative identifier against a made-up example.org
    # base and sign that, where other processors drop it; left relative, it is refused.
    try:
        expanded = processor.expand(
            document,
            {"base": None, "documentLoader": loader, "contextResolver": loader.context_resolver()},
        )
        _unsigned_identifiers(expanded, dropped)
        if dropped:
            raise UnsignedContent(dropped)
        return processor.normalize(
            expanded,
            {
                "algorithm": "URDNA2015",
                "base": None,
                "format": "application/n-quads",
                "documentLoader": loader,
                "contextResolver": loader.context_resolver(),
            },
        )
    except UnsignedContent:
        raise
    except JsonLdError as error:
        cause = error
        while cause is not None and not isinstance(cause, UnknownContext):
            cause = cause.__cause__
        raise CanonicalisationError(str(cause or error)) from error
    except Exception as error:
        # Documents to check come from anywhere: whatever pyld trips over (a number where
        # a context should be, nesting too deep) is a document that cannot be checked.
        raise CanonicalisationError(
            f"The document is not JSON-LD that can be read: {error}"
        ) from error


def _proof_configuration(document: dict, proof: dict) -> dict:
    configuration = {key: value for key, value in proof.items() if key != "proofValue"}
    configuration["@context"] = document["@context"]
    return configuration


def hashes(
    document: dict, proof_configuration: dict, loader: ShippedContextLoader | None = None
) -> tuple[bytes, bytes]:
    """SHA-256 of the canonical proof configuration and of the canonical document."""
    # The document first: where both fail, its own unsigned text is what to report.
    document_hash = hashlib.sha256(canonical_nquads(document, loader).encode()).digest()
    proof_hash = hashlib.sha256(canonical_nquads(proof_configuration, loader).encode()).digest()
    return proof_hash, document_hash


def _timestamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@sensitive_variables("private_key")
def sign(
    document: dict,
    private_key: Ed25519PrivateKey,
    verification_method: str,
    *,
    created: datetime.datetime | None = None,
    loader: ShippedContextLoader | None = None,
) -> dict:
    """A copy of the document with an eddsa-rdfc-2022 proof by this key.

    `verification_method` names the public key for verifiers: a did:web or did:key URL
    with its fragment. Raises UnsignedContent where some text would not be signed.
    """
    if "proof" in document:
        raise ProofError("The document already carries a proof.")
    if "@context" not in document:
        raise CanonicalisationError("The document has no @context.")
    proof = {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": _timestamp(created or datetime.datetime.now(datetime.UTC)),
        "verificationMethod": verification_method,
        "proofPurpose": PROOF_PURPOSE,
    }
    proof_hash, document_hash = hashes(document, _proof_configuration(document, proof), loader)
    signature = private_key.sign(proof_hash + document_hash)
    signed = copy.deepcopy(document)
    signed["proof"] = {**proof, "proofValue": "z" + base58.b58encode(signature).decode()}
    return signed


def verify(
    document: dict,
    public_key_for: Callable[[str], Ed25519PublicKey | None],
    *,
    loader: ShippedContextLoader | None = None,
) -> dict:
    """Check the document's eddsa-rdfc-2022 proof; returns the proof, or raises InvalidProof.

    `public_key_for` turns the proof's verificationMethod into the Ed25519 public key that
    it names (None when it knows no such key).
    """
    if not isinstance(document, dict) or not isinstance(document.get("proof"), dict):
        raise InvalidProof("The document carries no proof.")
    proof = document["proof"]
    if (
        proof.get("type") != PROOF_TYPE
        or proof.get("cryptosuite") != CRYPTOSUITE
        or proof.get("proofPurpose") != PROOF_PURPOSE
    ):
        raise InvalidProof(f"The proof is not a {CRYPTOSUITE} proof of an assertion.")
    value = proof.get("proofValue")
    if not isinstance(value, str) or not value.startswith("z"):
        raise InvalidProof("The proof value is not multibase base58btc.")
    try:
        signature = base58.b58decode(value[1:])
    except ValueError:
        raise InvalidProof("The proof value is not multibase base58btc.") from None
    if len(signature) != 64:
        raise InvalidProof("The proof value is not an Ed25519 signature.")
    method = proof.get("verificationMethod")
    public_key = public_key_for(method) if isinstance(method, str) else None
    if public_key is None:
        raise InvalidProof(f"The signing key {method!r} is unknown.")
    unsecured = {key: item for key, item in document.items() if key != "proof"}
    if "@context" not in unsecured:
        raise InvalidProof("The document has no @context.")
    try:
        proof_hash, document_hash = hashes(
            unsecured, _proof_configuration(unsecured, proof), loader
        )
    except CanonicalisationError as error:
        raise InvalidProof(str(error)) from error
    try:
        public_key.verify(signature, proof_hash + document_hash)
    except InvalidSignature:
        raise InvalidProof("The signature does not match: the document was changed.") from None
    return proof


def verify_credential(
    credential: dict,
    public_key_for: Callable[[str], Ed25519PublicKey | None],
    *,
    loader: ShippedContextLoader | None = None,
) -> dict:
    """Check a verifiable credential: its proof holds, and the key that made it belongs to
    the credential's issuer (the verification method is one of the issuer's DID). Returns
    the proof, or raises InvalidProof."""
    checked = verify(credential, public_key_for, loader=loader)
    issuer = credential.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    controller = checked["verificationMethod"].partition("#")[0]
    if not isinstance(issuer_id, str) or controller != issuer_id:
        raise InvalidProof("The credential was signed with a key that is not its issuer's.")
    return checked
