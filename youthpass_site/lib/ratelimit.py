"""How often one client, or one e-mail address, may ask for something costly or
abusable: an e-mail sent to an address, a certificate ID looked up.

Counts are kept in Django's cache, in windows of one hour that start with the first use.
Keys are hashed, so that no address appears in the cache.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from youthpass_site.lib.clients import client_address

WINDOW_SECONDS = 60 * 60

TOO_MANY_MAILS = _(
    "Too many e-mails have been asked for from here or for this address. No e-mail was "
    "sent. Please try again in an hour."
)


def _key(scope: str, who: str) -> str:
    digest = hashlib.sha256(f"{scope}:{who}".encode()).hexdigest()
    return f"ratelimit:{scope}:{digest}"


def hit(scope: str, who: str, limit: int, window: int = WINDOW_SECONDS) -> bool:
    """Count one use of `scope` by `who`; True while the uses in this window are within
    `limit`."""
    key = _key(scope, who)
    if cache.add(key, 1, timeout=window):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between the two calls
            cache.set(key, 1, timeout=window)
            count = 1
    return count <= limit


def client_within(request, scope: str, limit: int) -> bool:
    """Count one use of `scope` by the request's client; True while within `limit`."""
    return hit(scope, client_address(request), limit)


def mail_refused(request, form, address: str) -> bool:
    """Count an e-mail to `address` asked for by this request's client. Beyond either
    limit, add the reason to `form` and answer True: the caller then sends nothing.

    Both counts are taken whatever the address is, so that a refusal says nothing about
    whether it has an account.
    """
    by_client = hit("mail-client", client_address(request), settings.MAIL_LIMIT_PER_CLIENT)
    to_address = hit("mail-address", address.strip().lower(), settings.MAIL_LIMIT_PER_ADDRESS)
    if by_client and to_address:
        return False
    form.add_error(None, TOO_MANY_MAILS)
    return True
