"""The newsletter: subscribers (double opt-in), issues composed by editors, and one delivery
row per issue and subscriber (the sending command's ledger: nothing is sent twice)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Topic(models.TextChoices):
    COMPONENTS = "components", _("New components")
    CASE_STUDIES = "case_studies", _("Case studies")
    NEWS = "news", _("News")
    EVENTS = "events", _("Events")


class SubscriberStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")


class SubscriberQuerySet(models.QuerySet):
    def receiving(self):
        """The only addresses an issue may go to: confirmed and not unsubscribed."""
        return self.filter(status=SubscriberStatus.CONFIRMED, confirmed_at__isnull=False)


class Subscriber(models.Model):
    email = models.EmailField(_("e-mail"), unique=True)  # stored lower-case
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    topics = models.JSONField(_("topics"), default=list)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=SubscriberStatus.choices,
        default=SubscriberStatus.PENDING,
        db_index=True,
    )
    # Consent: when the address asked, from where (the form and page), and when it confirmed.
    requested_at = models.DateTimeField(_("subscription requested"))
    consent_source = models.CharField(_("consent source"), max_length=300)
    confirmed_at = models.DateTimeField(_("consent confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("newsletter subscriber")
        verbose_name_plural = _("newsletter subscribers")
        ordering = ["email"]

    def __str__(self):
        return self.email


class IssueStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    QUEUED = "queued", _("Queued for sending")
    SENT = "sent", _("Sent")


class NewsletterIssue(models.Model):
    """One issue. Its contents are what was published in [since, until): chosen from the
    newsletter sources (catalogue/community/newsletter/sources.py) when the issue is created
    or refreshed, and kept in ``selection`` so that every recipient gets the same issue."""

    subject_en = models.CharField(_("subject (English)"), max_length=200, blank=True)
    subject_fr = models.CharField(_("subject (French)"), max_length=200, blank=True)
    subject_nl = models.CharField(_("subject (Dutch)"), max_length=200, blank=True)
    intro_en = models.TextField(_("introduction (English)"), blank=True)
    intro_fr = models.TextField(_("introduction (French)"), blank=True)
    intro_nl = models.TextField(_("introduction (Dutch)"), blank=True)
    since = models.DateTimeField(_("published since"))
    until = models.DateTimeField(_("published until"))
    # {source key: [primary keys]}, the entries the issue presents.
    selection = models.JSONField(_("contents"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=IssueStatus.choices, default=IssueStatus.DRAFT
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    queued_at = models.DateTimeField(_("queued"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sending finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
        ordering = ["-created"]

    def __str__(self):
        return self.subject_en or self.subject_fr or self.subject_nl or f"#{self.pk}"

    def text(self, field: str, language: str) -> str:
        """The issue's subject or introduction in ``language``, else in English."""
        return getattr(self, f"{field}_{language}", "") or getattr(self, f"{field}_en", "")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    SENDING = "sending", _("Interrupted while sending")  # claimed; outcome unknown if it stays
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Skipped")


class Delivery(models.Model):
    issue = models.ForeignKey(NewsletterIssue, on_delete=models.CASCADE, related_name="deliveries")
    # Kept (without the address) when a subscriber deletes their data, for the issue's counts.
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.SET_NULL, null=True, related_name="deliveries"
    )
    status = models.CharField(
        max_length=20,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
        db_index=True,
    )
    language = models.CharField(max_length=10, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("newsletter delivery")
        verbose_name_plural = _("newsletter deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "subscriber"], name="delivery_once_per_subscriber"
            )
        ]

    def __str__(self):
        return f"{self.issue_id} → {self.subscriber_id}: {self.status}"
