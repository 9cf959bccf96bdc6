"""The organisations' did:web identifiers and DID documents.

An organisation's DID is did:web:<host of SITE_URL>:organisations:<code>, which a resolver
turns into https://<host>/organisations/<code>/did.json (certificates.views.did_document).
A port is percent-encoded (did:web:example.org%3A8443:…), and a path under which the site
is served becomes more colon-separated parts, as the did:web method says.
"""

from urllib.parse import quote, urlsplit

DID_CONTEXTS = ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"]


def site_did_prefix(site_url: str) -> str:
    """did:web:<host>[%3A<port>][:<path parts>] of the site."""
    parts = urlsplit(site_url)
    host = (parts.hostname or "").lower()
    if parts.port is not None:
        host += quote(f":{parts.port}", safe="")
    path = [quote(segment, safe="") for segment in parts.path.split("/") if segment]
    return ":".join(["did:web", host, *path])


def organisation_did(site_url: str, organisation_code: str) -> str:
    return f"{site_did_prefix(site_url)}:organisations:{organisation_code}"


def split_verification_method(site_url: str, verification_method: str) -> tuple[str, str] | None:
    """(organisation code, key id) of one of this site's verification methods, else None."""
    did, _hash, key_id = verification_method.partition("#")
    prefix = f"{site_did_prefix(site_url)}:organisations:"
    if not key_id or not did.startswith(prefix):
        return None
    code = did.removeprefix(prefix)
    if not code or ":" in code:
        return None
    return code, key_id


def did_document(did: str, public_keys: list[tuple[str, str]]) -> dict:
    """The DID document naming these (key id, Multikey) pairs, current and retired alike:
    a credential signed with a retired key still verifies."""
    methods = [
        {
            "id": f"{did}#{key_id}",
            "type": "Multikey",
            "controller": did,
            "publicKeyMultibase": multikey,
        }
        for key_id, multikey in public_keys
    ]
    return {
        "@context": DID_CONTEXTS,
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": [method["id"] for method in methods],
    }
