"""Changes to published entries (and new projects) waiting for review.

A submitter's edit of a published component or case study, or of a project (projects are
public from the start, and their measurement feeds the published savings), is not written to
the entry: it is kept here, as the fields it changes, each with the value it was based on, and
the entry's version at the time. The published version stays online until an editor approves the
change (which applies those fields only, and is refused if one of them changed since) or
rejects it (with a reason shown to the submitter). A new project proposed by a submitter has no
entry yet (``object_id`` is empty): approving it creates the project.
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
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    entry = GenericForeignKey("content_type", "object_id")
    data = models.JSONField(_("proposed values"))
    base = models.JSONField(_("values it was based on"), default=dict, blank=True)
    base_version = models.PositiveIntegerField(_("based on version"), null=True, blank=True)
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
        if self.object_id is None:
            return _("New %(kind)s: %(name)s") % {
                "kind": self.content_type.model_class()._meta.verbose_name,
                "name": self.data.get("name", "?"),
            }
        return _("Change to %(entry)s") % {"entry": self.entry}

    @property
    def is_new_entry(self) -> bool:
        return self.object_id is None
