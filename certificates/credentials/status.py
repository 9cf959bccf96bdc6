"""Revocation through a Bitstring Status List (W3C Bitstring Status List v1.0).

Each organisation publishes one list of bits, one per credential it issued: a credential
names its position in a BitstringStatusListEntry, and the bit there is set once the
certificate is revoked or replaced. The list is served as a credential of its own
(BitstringStatusListCredential), signed like the certificates' credentials, so that a
verifier can check it as well as it checks the credential.

At 131,072 positions (16 kB), the size the Recommendation sets as the minimum, a verifier
that fetches the list learns nothing about which of the organisation's credentials it is
checking; positions are handed out at random for the same reason. Position 0 is the
left-most bit: the most significant bit of the first byte. The list is GZIP-compressed and
written as multibase base64url without padding ('u' and the text), as `encodedList`.
"""

import base64
import binascii
import datetime
import gzip
import zlib

from certificates.credentials.build import timestamp
from certificates.credentials.loader import VC_CONTEXT

LENGTH = 131_072
REVOCATION = "revocation"
# How long a verifier may keep the list before fetching it again, in milliseconds (the
# `ttl` of the list); the HTTP cache headers say the same in seconds.
TTL_MS = 300_000


class BadStatusList(ValueError):
    """An encodedList that is no GZIP-compressed multibase base64url bitstring."""


def empty(length: int = LENGTH) -> bytes:
    if length <= 0 or length % 8:
        raise ValueError("A status list has a positive number of bits, a multiple of 8.")
    return bytes(length // 8)


def _position(bits: bytes, index: int) -> tuple[int, int]:
    if not 0 <= index < len(bits) * 8:
        raise IndexError(f"Position {index} is outside a list of {len(bits) * 8} bits.")
    return index // 8, 0x80 >> (index % 8)


def with_bit(bits: bytes, index: int) -> bytes:
    """The bitstring with the bit at this position set."""
    byte, mask = _position(bits, index)
    changed = bytearray(bits)
    changed[byte] |= mask
    return bytes(changed)


def is_set(bits: bytes, index: int) -> bool:
    byte, mask = _position(bits, index)
    return bool(bits[byte] & mask)


def set_positions(bits: bytes) -> list[int]:
    """The positions whose bit is set, in order."""
    return [
        byte * 8 + offset
        for byte, value in enumerate(bits)
        if value
        for offset in range(8)
        if value & (0x80 >> offset)
    ]


def encode(bits: bytes) -> str:
    """The encodedList of a bitstring. The same bits always give the same text (no time
    in the GZIP header), so that an unchanged list keeps its ETag."""
    compressed = gzip.compress(bits, compresslevel=9, mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).rstrip(b"=").decode("ascii")


def decode(encoded: str, *, max_bytes: int = LENGTH) -> bytes:
    """The bitstring of an encodedList; refuses one that unpacks to more than `max_bytes`
    bytes (a list sent to us could be a GZIP bomb)."""
    if not isinstance(encoded, str) or not encoded.startswith("u"):
        raise BadStatusList("The encoded list is not multibase base64url ('u').")
    text = encoded[1:]
    try:
        compressed = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise BadStatusList("The encoded list is not base64url.") from None
    unpacker = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        bits = unpacker.decompress(compressed, max_bytes + 1)
    except zlib.error:
        raise BadStatusList("The encoded list is not GZIP-compressed.") from None
    if len(bits) > max_bytes:
        raise BadStatusList("The encoded list unpacks to more than a status list holds.")
    if not unpacker.eof:
        raise BadStatusList("The encoded list is cut short.")
    return bits


def entry(list_url: str, index: int, purpose: str = REVOCATION) -> dict:
    """The credentialStatus of a credential at this position of the list."""
    return {
        "id": f"{list_url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": purpose,
        "statusListIndex": str(index),
        "statusListCredential": list_url,
    }


def list_credential(
    list_url: str,
    issuer: str,
    bits: bytes,
    *,
    valid_from: datetime.datetime,
    purpose: str = REVOCATION,
    ttl_ms: int = TTL_MS,
) -> dict:
    """The unsigned BitstringStatusListCredential of the list at `list_url`."""
    return {
        "@context": [VC_CONTEXT],
        "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer,
        "validFrom": timestamp(valid_from),
        "credentialSubject": {
            "id": f"{list_url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": encode(bits),
            "ttl": ttl_ms,
        },
    }
