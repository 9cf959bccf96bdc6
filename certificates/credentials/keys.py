"""Ed25519 keys: as Multikey and did:key for verifiers, and encrypted at rest.

Private keys are stored encrypted with AES-256-GCM under a key-encryption key from the
environment (CREDENTIAL_KEY), never under SECRET_KEY: rotating the one must not lose the
other, and a database dump alone signs nothing. The organisation's code is bound to each
ciphertext as associated data, so that a key copied to another organisation's row does not
decrypt.

CREDENTIAL_KEY is 32 random bytes in URL-safe base64 (make one with
`python -c "import base64, os; print(base64.urlsafe_b64encode(os.urandom(32)).decode())"`).
A development server (DEBUG on) without one derives one from SECRET_KEY, so that `make run`
works and its keys survive a restart; with DEBUG off that derivation is never used.

Functions that hold a key mark their variables sensitive, so that Django's error reports
leave them out.
"""

import base64
import binascii
import os

import base58
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.views.decorators.debug import sensitive_variables

# Multicodec prefixes (varint) of an Ed25519 public and private key.
ED25519_PUBLIC = b"\xed\x01"
ED25519_PRIVATE = b"\x80\x26"
_NONCE_BYTES = 12
_DEVELOPMENT_INFO = b"youthpass development credential key"


def public_multikey(public_key: Ed25519PublicKey) -> str:
    """The public key as Multikey: multibase base58btc of the multicodec-prefixed bytes."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return "z" + base58.b58encode(ED25519_PUBLIC + raw).decode()


def public_key_from_multikey(multikey: str) -> Ed25519PublicKey | None:
    """The Ed25519 public key of a Multikey string, or None if it is no such key."""
    if not isinstance(multikey, str) or not multikey.startswith("z"):
        return None
    try:
        raw = base58.b58decode(multikey[1:])
    except ValueError:
        return None
    if len(raw) != 34 or not raw.startswith(ED25519_PUBLIC):
        return None
    return Ed25519PublicKey.from_public_bytes(raw[2:])


@sensitive_variables()
def private_key_from_multikey(multikey: str) -> Ed25519PrivateKey:
    """An Ed25519 private key given as Multikey (as in the W3C test vectors)."""
    raw = base58.b58decode(multikey[1:])
    if not multikey.startswith("z") or len(raw) != 34 or not raw.startswith(ED25519_PRIVATE):
        raise ValueError("Not an Ed25519 private key in Multikey form.")
    return Ed25519PrivateKey.from_private_bytes(raw[2:])


def did_key(public_key: Ed25519PublicKey) -> str:
    """The did:key verification method of the key: did:key:<multikey>#<multikey>."""
    multikey = public_multikey(public_key)
    return f"did:key:{multikey}#{multikey}"


def public_key_of_did_key(verification_method: str) -> Ed25519PublicKey | None:
    """The key that a did:key verification method names; None for anything else."""
    if not verification_method.startswith("did:key:"):
        return None
    did, _hash, fragment = verification_method.partition("#")
    multikey = did.removeprefix("did:key:")
    if fragment and fragment != multikey:
        return None
    return public_key_from_multikey(multikey)


@sensitive_variables()
def _configured_key() -> bytes:
    raw = settings.CREDENTIAL_KEY
    if raw:
        try:
            key = base64.urlsafe_b64decode(raw.encode("ascii"))
        except (binascii.Error, UnicodeEncodeError, ValueError):
            key = b""
        if len(key) != 32:
            raise ImproperlyConfigured(
                "CREDENTIAL_KEY must be 32 random bytes in URL-safe base64 (44 characters)."
            )
        return key
    if not settings.DEBUG:
        raise ImproperlyConfigured(
            "Set CREDENTIAL_KEY: it encrypts the organisations' signing keys."
        )
    # Development only: a key that follows SECRET_KEY, so that `make run` needs no setting.
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_DEVELOPMENT_INFO).derive(
        settings.SECRET_KEY.encode()
    )


def credential_key_problem() -> str | None:
    """Why CREDENTIAL_KEY cannot be used, or None when it can (see certificates.checks)."""
    try:
        _configured_key()
    except ImproperlyConfigured as error:
        return str(error)
    return None


def _associated_data(organisation_code: str) -> bytes:
    return f"youthpass credential key of organisation {organisation_code}".encode()


@sensitive_variables()
def encrypt_private_key(private_key: Ed25519PrivateKey, organisation_code: str) -> str:
    """The private key sealed with CREDENTIAL_KEY, as text to store."""
    raw = private_key.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    nonce = os.urandom(_NONCE_BYTES)
    sealed = AESGCM(_configured_key()).encrypt(nonce, raw, _associated_data(organisation_code))
    return base64.b64encode(nonce + sealed).decode("ascii")


class UndecryptableKey(Exception):
    """The stored key does not open with this CREDENTIAL_KEY (another key, or altered)."""


@sensitive_variables()
def decrypt_private_key(stored: str, organisation_code: str) -> Ed25519PrivateKey:
    data = base64.b64decode(stored)
    try:
        raw = AESGCM(_configured_key()).decrypt(
            data[:_NONCE_BYTES], data[_NONCE_BYTES:], _associated_data(organisation_code)
        )
    except InvalidTag:
        raise UndecryptableKey(
            "The organisation's signing key does not decrypt with this CREDENTIAL_KEY."
        ) from None
    return Ed25519PrivateKey.from_private_bytes(raw)
