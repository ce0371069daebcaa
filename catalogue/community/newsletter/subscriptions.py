"""Subscribing, confirming, changing, unsubscribing, deleting.

No enumeration: whatever the address's state, ``subscribe`` answers the same and sends one
message to the address itself (a confirmation link, or, when it is already confirmed, a link
to manage it). Only the owner of the mailbox learns anything.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from catalogue.models import Subscriber, SubscriberStatus

from . import tokens
from .links import absolute


@transaction.atomic
def subscribe(*, email, language, topics, source, request=None) -> None:
    subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
    if subscriber is not None and subscriber.status == SubscriberStatus.CONFIRMED:
        # Their settings change only through their own signed link.
        transaction.on_commit(lambda: send_manage_link(subscriber, request=request, known=True))
        return
    subscriber = subscriber or Subscriber(email=email)
    subscriber.language = language
    subscriber.topics = list(topics)
    subscriber.status = SubscriberStatus.PENDING
    subscriber.requested_at = timezone.now()
    subscriber.consent_source = source[:300]
    subscriber.confirmed_at = None
    subscriber.unsubscribed_at = None
    subscriber.save()
    transaction.on_commit(lambda: send_confirmation(subscriber, request=request))


def confirm(subscriber: Subscriber) -> None:
    if subscriber.status != SubscriberStatus.PENDING:
        return
    subscriber.status = SubscriberStatus.CONFIRMED
    subscriber.confirmed_at = timezone.now()
    subscriber.save(update_fields=["status", "confirmed_at"])


def unsubscribe(subscriber: Subscriber) -> None:
    if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
        return
    subscriber.status = SubscriberStatus.UNSUBSCRIBED
    subscriber.unsubscribed_at = timezone.now()
    subscriber.save(update_fields=["status", "unsubscribed_at"])


def update_preferences(subscriber: Subscriber, *, language, topics) -> None:
    subscriber.language = language
    subscriber.topics = list(topics)
    subscriber.save(update_fields=["language", "topics"])


def delete_data(subscriber: Subscriber) -> None:
    """Everything about the address goes; the issues keep only anonymous delivery counts."""
    subscriber.delete()


def request_manage_link(email: str, *, request=None) -> None:
    subscriber = Subscriber.objects.filter(email=email).first()
    if subscriber is not None:
        transaction.on_commit(lambda: send_manage_link(subscriber, request=request))


def _mail(subscriber, subject, lines):
    EmailMessage(
        subject=subject,
        body="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscriber.email],
    ).send()


def send_confirmation(subscriber, *, request=None):
    language = subscriber.language
    link = absolute(
        "catalogue:newsletter-confirm",
        language=language,
        args=[tokens.make(tokens.CONFIRM, subscriber)],
        request=request,
    )
    with translation.override(language):
        _mail(
            subscriber,
            _("[ReUse] Confirm your subscription to the newsletter"),
            [
                _("Someone, probably you, asked to receive the ReUse newsletter at this address."),
                "",
                _("To confirm, open this link within seven days:"),
                link,
                "",
                _("If you did not ask for it, ignore this message: you will receive nothing."),
            ],
        )


def send_manage_link(subscriber, *, request=None, known=False):
    language = subscriber.language
    link = absolute(
        "catalogue:newsletter-manage",
        language=language,
        args=[tokens.make(tokens.MANAGE, subscriber)],
        request=request,
    )
    with translation.override(language):
        lines = []
        if known:
            lines += [_("This address already receives the ReUse newsletter."), ""]
        lines += [
            _("To see, change or delete what we keep about your subscription, open this link "
              "within two days:"),
            link,
            "",
            _("If you did not ask for it, ignore this message."),
        ]  # fmt: skip
        _mail(subscriber, _("[ReUse] Your newsletter subscription"), lines)
