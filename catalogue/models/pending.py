"""Changes to published entries waiting for review.

A submitter's edit of a published component or case study is not written to the entry: it is
kept here, as the submitted form data, so the published version stays online until an editor
approves the change (which applies it) or rejects it (with a reason shown to the submitter).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class PendingStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted for review")
    REJECTED = "rejected", _("Rejected")


class PendingChange(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    entry = GenericForeignKey("content_type", "object_id")
    data = models.JSONField(_("proposed values"))
    status = models.CharField(
        _("status"), max_length=20, choices=PendingStatus.choices, default=PendingStatus.SUBMITTED
    )
    review_note = models.TextField(_("review note"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-updated"]
        verbose_name = _("pending change")
        verbose_name_plural = _("pending changes")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="one_pending_change")
        ]

    def __str__(self):
        return _("Change to %(entry)s") % {"entry": self.entry}
