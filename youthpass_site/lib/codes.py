"""Random identifiers that appear in URLs and on certificates."""

import secrets

# Lower-case letters and digits without look-alikes, for codes in URLs.
URL_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"

# Crockford's Base32: no I, L, O or U, so an ID read aloud or typed from paper
# survives the usual mix-ups (see normalise_certificate_id).
CERTIFICATE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_url_code(length: int = 12) -> str:
    return "".join(secrets.choice(URL_ALPHABET) for _ in range(length))


def new_certificate_id() -> str:
    """Four groups of four characters: 80 random bits, e.g. ``9XXC-AVFY-M7DM-YG5F``."""
    chars = "".join(secrets.choice(CERTIFICATE_ALPHABET) for _ in range(16))
    return "-".join(chars[i : i + 4] for i in range(0, 16, 4))


def normalise_certificate_id(raw: str) -> str | None:
    """Read an ID as a person types it: any case, spaces or dashes, O for 0, I or L for 1.

    Returns the canonical ``XXXX-XXXX-XXXX-XXXX`` form, or None when the text
    cannot be an ID at all.
    """
    chars = "".join(ch for ch in raw.upper() if ch not in " -\t\n\r").translate(_CONFUSABLE)
    if len(chars) != 16 or any(ch not in CERTIFICATE_ALPHABET for ch in chars):
        return None
    return "-".join(chars[i : i + 4] for i in range(0, 16, 4))
