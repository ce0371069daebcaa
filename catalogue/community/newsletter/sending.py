"""Queueing an issue and sending it in batches, at most once per subscriber.

``queue`` writes one Delivery per confirmed subscriber (unique per issue and subscriber).
``send_batch`` claims each delivery before sending it: a conditional UPDATE from "pending" to
"sending", committed on its own, so two runs never send the same delivery, and a run killed
half-way leaves at most the deliveries it was sending in "sending". Those are never sent again
automatically (whether they left is unknown; a duplicate is worse than a miss): the admin and
the command report them, and ``--retry-interrupted`` puts them back in the queue on request.
"""

from collections import Counter

from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone

from catalogue.models import (
    Delivery,
    DeliveryStatus,
    IssueStatus,
    NewsletterIssue,
    Subscriber,
    SubscriberStatus,
)

from . import issues


@transaction.atomic
def queue(issue: NewsletterIssue) -> int:
    """Queue a draft issue for every confirmed subscriber; returns how many deliveries."""
    issue = NewsletterIssue.objects.select_for_update().get(pk=issue.pk)
    if issue.status != IssueStatus.DRAFT:
        return 0
    issue.status = IssueStatus.QUEUED
    issue.queued_at = timezone.now()
    issue.save(update_fields=["status", "queued_at"])
    deliveries = [
        Delivery(issue=issue, subscriber=subscriber, language=subscriber.language)
        for subscriber in Subscriber.objects.receiving().only("pk", "language")
    ]
    Delivery.objects.bulk_create(deliveries, batch_size=500, ignore_conflicts=True)
    return len(deliveries)


def _claim(delivery_id) -> bool:
    with transaction.atomic():
        return bool(
            Delivery.objects.filter(pk=delivery_id, status=DeliveryStatus.PENDING).update(
                status=DeliveryStatus.SENDING, claimed_at=timezone.now()
            )
        )


def _finish(delivery_id, status, error=""):
    Delivery.objects.filter(pk=delivery_id).update(
        status=status, finished_at=timezone.now(), error=error[:500]
    )


def send_batch(batch_size: int = 100) -> Counter:
    """Send up to ``batch_size`` waiting deliveries; returns the count of each outcome."""
    outcome = Counter()
    waiting = list(
        Delivery.objects.filter(status=DeliveryStatus.PENDING, issue__status=IssueStatus.QUEUED)
        .order_by("pk")
        .values_list("pk", flat=True)[:batch_size]
    )
    sections_cache: dict[tuple[int, str], list] = {}
    connection = get_connection()
    for delivery_id in waiting:
        if not _claim(delivery_id):
            continue  # another run took it
        delivery = Delivery.objects.select_related("issue", "subscriber").get(pk=delivery_id)
        subscriber = delivery.subscriber
        # Checked again at sending time: an address unsubscribed since queueing gets nothing.
        if subscriber is None or subscriber.status != SubscriberStatus.CONFIRMED:
            _finish(delivery_id, DeliveryStatus.SKIPPED, "no longer subscribed")
            outcome["skipped"] += 1
            continue
        key = (delivery.issue_id, subscriber.language)
        if key not in sections_cache:
            sections_cache[key] = issues.sections(delivery.issue, subscriber.language)
        email = issues.message(
            delivery.issue, subscriber, sections_cache[key], connection=connection
        )
        if email is None:
            _finish(delivery_id, DeliveryStatus.SKIPPED, "nothing in the chosen topics")
            outcome["skipped"] += 1
            continue
        try:
            email.send()
        except Exception as error:
            _finish(delivery_id, DeliveryStatus.FAILED, f"{type(error).__name__}: {error}")
            outcome["failed"] += 1
        else:
            _finish(delivery_id, DeliveryStatus.SENT)
            outcome["sent"] += 1
    close_finished_issues()
    return outcome


def close_finished_issues() -> None:
    """A queued issue with nothing left waiting is sent (interrupted deliveries stay listed)."""
    for issue in NewsletterIssue.objects.filter(status=IssueStatus.QUEUED):
        if not issue.deliveries.filter(status=DeliveryStatus.PENDING).exists():
            NewsletterIssue.objects.filter(pk=issue.pk, status=IssueStatus.QUEUED).update(
                status=IssueStatus.SENT, sent_at=timezone.now()
            )


def interrupted() -> int:
    return Delivery.objects.filter(status=DeliveryStatus.SENDING).count()


def retry_interrupted() -> int:
    """Put interrupted deliveries back in the queue (the operator accepts a possible double)."""
    retried = Delivery.objects.filter(status=DeliveryStatus.SENDING).update(
        status=DeliveryStatus.PENDING, claimed_at=None
    )
    NewsletterIssue.objects.filter(
        status=IssueStatus.SENT, deliveries__status=DeliveryStatus.PENDING
    ).update(status=IssueStatus.QUEUED, sent_at=None)
    return retried
