"""The client's address, as the reverse proxies the deployment trusts saw it.

Behind `TRUSTED_PROXIES` proxies that each append the address they received from to
`X-Forwarded-For` (nginx: `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for`), the
client is the entry that the outermost trusted proxy appended: the TRUSTED_PROXIES-th from the
right. Entries to its left were written by the client and prove nothing. With no trusted proxy,
the address is the connection's own (REMOTE_ADDR).

Written here rather than taken from django-ipware: its proxy count counts the proxies listed in
the header, which nginx does not list, and its strict mode gives no address for a single entry.
"""

import ipaddress

from django.conf import settings


def client_ip(request):
    """Return the client's IP address as text (REMOTE_ADDR when the proxies' header is missing or odd)."""
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = settings.TRUSTED_PROXIES
    if not trusted:
        return remote
    entries = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if entry.strip()]
    if len(entries) < trusted:
        return remote
    candidate = entries[-trusted]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
