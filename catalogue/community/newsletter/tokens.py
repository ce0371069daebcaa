"""Signed links for subscribers (django.core.signing): they are the subscriber's only key.

- confirm: expires, and names the subscription request it confirms (an old link cannot
  resubscribe an address that unsubscribed since);
- manage (see, change, delete one's data): expires;
- unsubscribe: never expires, so every message's link keeps working.
"""

from django.conf import settings
from django.core import signing

from catalogue.models import Subscriber

CONFIRM = "reuse.newsletter.confirm"
MANAGE = "reuse.newsletter.manage"
UNSUBSCRIBE = "reuse.newsletter.unsubscribe"

_MAX_AGE = {
    CONFIRM: lambda: settings.NEWSLETTER_CONFIRM_MAX_AGE_SECONDS,
    MANAGE: lambda: settings.NEWSLETTER_MANAGE_MAX_AGE_SECONDS,
    UNSUBSCRIBE: lambda: None,
}


def make(purpose: str, subscriber: Subscriber) -> str:
    payload = {"id": subscriber.pk, "e": subscriber.email}
    if purpose == CONFIRM:
        payload["r"] = subscriber.requested_at.isoformat()
    return signing.dumps(payload, salt=purpose, compress=True)


def read(purpose: str, token: str) -> Subscriber | None:
    """The subscriber a valid token names, else None (tampered, expired, or data deleted)."""
    try:
        payload = signing.loads(token, salt=purpose, max_age=_MAX_AGE[purpose]())
        subscriber = Subscriber.objects.filter(pk=int(payload["id"]), email=payload["e"]).first()
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    if (
        subscriber
        and purpose == CONFIRM
        and payload.get("r") != subscriber.requested_at.isoformat()
    ):
        return None
    return subscriber
