"""The language is in the URL: English pages at ``/components/...``, French at
``/fr/components/...``, Dutch at ``/nl/components/...``.

Django's ``i18n_patterns`` prefixes a whole root URLconf; here only the public pages are
prefixed, while the admin, the API, feeds and exports keep one unprefixed address (and their
names in the ``catalogue`` namespace). ``language_prefixed()`` wraps the pages' patterns in a
``LanguagePrefix`` (which behaves like Django's ``LocalePrefixPattern`` with
``prefix_default_language=False``), and ``PathLanguageMiddleware`` (instead of Django's
``LocaleMiddleware``) activates the language of the path.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.urls import URLResolver
from django.utils import translation
from django.utils.cache import patch_vary_headers


def _codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def _prefix_for(language: str | None) -> str:
    language = (language or settings.LANGUAGE_CODE).lower()
    base = language.split("-")[0]
    code = language if language in _codes() else base if base in _codes() else None
    if code is None or code == settings.LANGUAGE_CODE:
        return ""
    return f"{code}/"


class LanguagePrefix:
    """A URL pattern matching the active language's prefix ("fr/", "nl/"; none for the default
    language); reversing under ``translation.override("fr")`` gives the French address."""

    converters: dict = {}

    @property
    def prefix(self) -> str:
        return _prefix_for(translation.get_language())

    @property
    def regex(self):
        # Read by reverse(), whose tables Django keeps per active language.
        return re.compile(re.escape(self.prefix))

    def match(self, path):
        prefix = self.prefix
        if path.startswith(prefix):
            return path.removeprefix(prefix), (), {}
        return None

    def check(self):
        return []

    def describe(self):
        return f"'{self}'"

    def __str__(self):
        return self.prefix


def language_prefixed(*patterns) -> URLResolver:
    return URLResolver(LanguagePrefix(), list(patterns))


def language_from_path(path: str) -> str | None:
    """The language a path's first segment names ("/nl/projects/" -> "nl"), if any other than
    the default one (which has no prefix)."""
    first = path.lstrip("/").split("/", 1)[0].lower()
    if first in _codes() and first != settings.LANGUAGE_CODE:
        return first
    return None


def negotiated_prefixes() -> tuple[str, ...]:
    """Paths whose language follows the browser (cookie, Accept-Language) as before: the admin,
    the API (which also reads ``?lang=``) and Django's set_language view."""
    return ("/" + settings.ADMIN_URL.lstrip("/"), "/api/", "/i18n/")


class PathLanguageMiddleware:
    """Public pages are in the language of their URL (unprefixed: the default language, so an
    address always shows the same language); the admin and API negotiate it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        default_prefix = f"/{settings.LANGUAGE_CODE}/"
        if path.startswith(default_prefix):
            # /en/components/ is /components/: the default language has no prefix.
            # (Leading slashes dropped: "/en//host" must not become "//host", another site.)
            script_prefix = request.path[: len(request.path) - len(path)]
            target = script_prefix + "/" + path[len(default_prefix) :].lstrip("/")
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)
        negotiated = path.startswith(negotiated_prefixes())
        language = language_from_path(path)
        if language is None:
            language = (
                translation.get_language_from_request(request)
                if negotiated
                else settings.LANGUAGE_CODE
            )
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        if negotiated:
            patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
