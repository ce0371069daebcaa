"""Anonymous public pages served from the shared cache (README, "Scale: caching").

A page is cached only when it is the same for every visitor:

* the request: GET or HEAD of a public page (the ``catalogue`` namespace: pages, feeds,
  sitemap; never the admin or the API), from a visitor with no session and no messages (a
  logged-in editor previewing, or anyone the site holds state for, always gets a fresh page);
* the response: a 200, not streamed, setting no cookie, whose rendering wrote no session,
  queued no message and **used no CSRF token**. A page holding a form with ``{% csrf_token %}``
  is never stored (Django marks the request when a token is asked for), so one visitor's token
  is never served to another; forms that should not cost their page its caching must be
  cookie-less (GET forms, like the search).

The key holds the scheme and host (pages have absolute links), the path and query, the
language, the code release and the catalogue version (catalogue/caching.py): any public change
moves the version and the old pages are never read again. The cached copy carries its ETag, so
a conditional request for a cached page is answered 304 without rendering anything.
"""

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.utils.cache import set_response_etag

from catalogue.caching import PAGE_CACHE, cache_seconds, versioned_key

NAMESPACE = "catalogue"


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_page_cache_key", None)
        if key and _same_for_everyone(request, response):
            if not response.has_header("ETag"):
                set_response_etag(response)
            caches[PAGE_CACHE].set(key, response, cache_seconds())
            response["X-Page-Cache"] = "miss"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not _cacheable_request(request):
            return None
        key = versioned_key(
            "page", request, request.scheme, request.get_host(), request.get_full_path()
        )
        cached = caches[PAGE_CACHE].get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        request._page_cache_key = key
        return None


def _cacheable_request(request) -> bool:
    match = request.resolver_match
    return (
        cache_seconds() > 0
        and request.method in ("GET", "HEAD")
        and match is not None
        and match.namespace == NAMESPACE
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
    )


def _same_for_everyone(request, response) -> bool:
    session = getattr(request, "session", None)
    messages = getattr(request, "_messages", None)
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
        # A CSRF token was asked for while rendering: the page holds one visitor's token.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.META.get("CSRF_COOKIE_USED")
        # (Reading the empty session of a visitor without one, as ``user`` in a template
        # does, changes nothing; writing to it would start one.)
        and not (session is not None and session.modified)
        and not (messages is not None and getattr(messages, "_queued_messages", None))
    )
