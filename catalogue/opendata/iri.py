"""IRIs for the RDF exports, from stored values that may be anything (a value written before
URL validation existed, or by a QuerySet.update()): a value that is not a clean absolute
http(s) IRI becomes None, and the exporter leaves the statement out instead of failing."""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from rdflib import URIRef

# What an IRI may not hold unescaped (RFC 3987), which rdflib refuses to serialise.
_NOT_IN_IRI = re.compile(r"[\s<>\"{}|\\^`\x00-\x1f\x7f-\x9f]")
_EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+$")


def safe_iri(value) -> URIRef | None:
    """``value`` as a URIRef if it is an absolute http(s) IRI without forbidden characters,
    else None."""
    if not isinstance(value, str) or not value or _NOT_IN_IRI.search(value):
        return None
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 (raises ValueError for a malformed port)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return URIRef(value)


def safe_mailto(address) -> URIRef | None:
    """A mailto: IRI for an e-mail address, or None when it does not look like one."""
    if not isinstance(address, str) or not _EMAIL.match(address):
        return None
    return URIRef("mailto:" + quote(address, safe="@.+-_~!$&'*=?^`{|}#%/"))
