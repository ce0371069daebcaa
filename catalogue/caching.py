"""Caching that stays correct: everything cached for the public is keyed by the catalogue's
version (``CatalogueState``, moved on after every commit that changes public content), so a
publish, a withdrawal or an edit of a published entry makes every older entry unreachable at
once, on every instance sharing the cache. Nothing is ever deleted; old entries expire.

Keys also hold the language and the code release (templates and translations change pages
without changing the catalogue).
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.utils import translation

from catalogue.models import CatalogueState
from catalogue.models.state import SINGLETON

# The cache alias of pages and facet counts (settings.CACHES): its own table on the database
# cache, so many pages never cull the API's throttle counters.
PAGE_CACHE = "pages"

# What a release changes in a page without changing the catalogue.
_RELEASE_FOLDERS = ("catalogue", "reuse", "templates", "locale", "static")
_RELEASE_SUFFIXES = {".py", ".html", ".txt", ".mo", ".css", ".js", ".svg", ".yaml", ".json"}


@cache
def release() -> str:
    """The code release in cache keys: ``RELEASE`` when set (e.g. the image's commit), else a
    hash of the code, templates, translations and static files, the same on every instance
    running the same code."""
    if os.environ.get("RELEASE"):
        return os.environ["RELEASE"][:40]
    digest = hashlib.blake2b(digest_size=8)
    base = Path(settings.BASE_DIR)
    for folder in _RELEASE_FOLDERS:
        for path in sorted((base / folder).rglob("*")):
            if path.suffix in _RELEASE_SUFFIXES and path.is_file():
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def catalogue_version(request=None) -> int:
    """The catalogue's version, read once per request (and before anything cached is computed:
    content read after it is at least as new, so nothing older is stored under it)."""
    if request is not None and hasattr(request, "_catalogue_version"):
        return request._catalogue_version
    version = (
        CatalogueState.objects.filter(pk=SINGLETON).values_list("version", flat=True).first() or 0
    )
    if request is not None:
        request._catalogue_version = version
    return version


def versioned_key(kind: str, request, *parts: str) -> str:
    """A cache key for ``kind`` under this catalogue version, language and release."""
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
    language = translation.get_language() or settings.LANGUAGE_CODE
    return f"{kind}:{release()}:{catalogue_version(request)}:{language}:{digest}"


def cache_seconds() -> int:
    """How long a cached page or facet count lives at most (0: no caching). Versions make
    entries unreachable on any public change; the limit only bounds what time alone changes."""
    return settings.PAGE_CACHE_SECONDS


def cached_facets(request, filterset, params, build):
    """The facet counts of a listing (``build(filterset, params)``), cached by its parameters
    (every one but the page: the facets' links keep the others), language and version."""
    seconds = cache_seconds()
    if not seconds:
        return build(filterset, params)
    query = params.copy()
    query.pop("page", None)
    key = versioned_key("facets", request, request.path, _canonical(query))
    store = caches[PAGE_CACHE]
    facets = store.get(key)
    if facets is None:
        facets = build(filterset, params)
        store.set(key, facets, seconds)
    return facets


def _canonical(query) -> str:
    return "&".join(
        f"{name}={value}" for name in sorted(query) for value in sorted(query.getlist(name))
    )
