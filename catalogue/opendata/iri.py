"""IRIs for URLs that come from the database.

A stored URL can be malformed (an old import, a field edited outside the forms): an export must
then leave the statement out, never fail with a 500 or write an invalid IRI.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from rdflib import URIRef

SCHEMES = ("http", "https", "mailto")
# Characters that may not appear in an IRI (RFC 3987), spaces and controls included.
_FORBIDDEN = re.compile(r'[\s<>"{}|\\^`\x00-\x20\x7f-\x9f]')


def safe_iri(value) -> URIRef | None:
    """The value as an IRI, or None when it is not a well-formed http(s) or mailto address."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not value or _FORBIDDEN.search(value):
        return None
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 (raises ValueError on a malformed port)
    except ValueError:
        return None
    if parts.scheme.lower() not in SCHEMES:
        return None
    if parts.scheme.lower() == "mailto":
        return URIRef(value) if "@" in parts.path else None
    if not parts.netloc or not parts.hostname:
        return None
    return URIRef(value)
