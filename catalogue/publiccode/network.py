"""Which addresses the server may fetch for a user-given URL (harvest sources, files that a
publiccode.yml names in its repository).

Those URLs come from institutions' users and from imported files: fetched as given, they could
make the server read its own network (a database's HTTP port, a cloud metadata service, an
intranet). Public addresses only, unless ``HARVEST_ALLOW_PRIVATE_NETWORKS`` says otherwise (a
catalogue harvesting its own intranet; the tests' local server).
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings


class PrivateAddress(ValueError):
    """The URL's host is (or resolves to) an address outside the public internet."""


def check_public(url: str) -> None:
    """Raise PrivateAddress unless every address of the URL's host is public."""
    if getattr(settings, "HARVEST_ALLOW_PRIVATE_NETWORKS", False):
        return
    host = urlsplit(url).hostname
    if not host:
        raise PrivateAddress(f"{url}: no host")
    try:
        port = urlsplit(url).port
        infos = socket.getaddrinfo(host, port or 443, proto=socket.IPPROTO_TCP)
    except (OSError, ValueError) as exc:
        raise PrivateAddress(f"{host}: cannot be resolved ({exc})") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global:
            raise PrivateAddress(f"{host} is a private or local address ({address}): not fetched")
