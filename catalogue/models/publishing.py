"""What components and case studies share: their review workflow state and "what is public"."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .multilingual import OriginalLanguageQuerySet
from .text import CleanTextMixin
from .versioned import Versioned


class Publication(models.TextChoices):
    # The review workflow: draft -> submitted -> published, or -> rejected (back to draft).
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")


class PublishableQuerySet(OriginalLanguageQuerySet):
    def published(self):
        """What anonymous visitors may see: the one definition every surface uses."""
        return self.filter(publication=Publication.PUBLISHED)


class ReviewedEntry(CleanTextMixin, Versioned):
    """An entry institutions submit and editors publish (see catalogue.review.workflow)."""

    publication = models.CharField(
        _("publication"),
        max_length=20,
        choices=Publication.choices,
        default=Publication.DRAFT,
        db_index=True,
    )
    review_note = models.TextField(
        _("review note"),
        blank=True,
        help_text=_("The editor's reason for a rejection; shown to the submitter."),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True

    @property
    def is_published(self):
        return self.publication == Publication.PUBLISHED
