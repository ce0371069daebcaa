"""Absolute links in e-mails, in the subscriber's language: from the request when there is one,
else from settings.SITE_URL (the sending command has no request)."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation


def absolute(name: str, *, language: str, args=(), request=None) -> str:
    with translation.override(language):
        path = reverse(name, args=args)
    if request is not None:
        return request.build_absolute_uri(path)
    return f"{settings.SITE_URL}{path}"
