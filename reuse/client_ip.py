"""The client's address, for throttling and login lockout alike.

Behind a reverse proxy every connection comes from the proxy, so the client's address is in
``X-Forwarded-For``; but anyone can send that header, so it is read only when
``TRUSTED_PROXY_COUNT`` says how many proxies of ours stand in front of the application. Each of
them appends the address it received the request from, so the client is the entry that many
places from the end; what a client wrote into the header itself comes before and is ignored.
"""

import ipaddress

from django.conf import settings


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or ""
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if not hops:
        # Not through our proxies (the application should only be reachable through them).
        return remote
    # Fewer hops than proxies: the first proxy we know of wrote the leftmost entry.
    candidate = hops[-count] if len(hops) >= count else hops[0]
    return _valid(candidate) or remote
