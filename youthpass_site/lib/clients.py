"""The address of the client a request comes from, as the login lockout and the rate
limits count it.

Behind PROXY_COUNT reverse proxies, each of which appends the address it received the
request from to X-Forwarded-For, the client is the entry PROXY_COUNT from the right: the
entries left of it were written by the client itself and could name anyone. Without
proxies, the header is ignored and the connection's own address counts.
"""

import ipaddress

from django.conf import settings


def client_address(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.PROXY_COUNT
    if count <= 0:
        return remote
    entries = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if len(entries) < count:
        # Not through every proxy: nothing in the header was written by one we trust.
        return remote
    address = entries[-count]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return remote
