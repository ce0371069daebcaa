"""What visitors send the catalogue: reuse requests and questions about a component, and
messages from the contact page (issue 10 item 5, issue 14 item 3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestKind(models.TextChoices):
    REUSE = "reuse", _("Reuse request")
    QUESTION = "question", _("Question")
    CONTACT = "contact", _("Contact page message")


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Open")
    HANDLED = "handled", _("Handled")


class ContactRequestQuerySet(models.QuerySet):
    def about_institutions(self, institution_ids):
        """Requests about the components these institutions own (never contact-page ones)."""
        return self.filter(component__owner_id__in=institution_ids)


class ContactRequest(models.Model):
    """One message from a visitor, kept for the people who answer it. ``component`` is empty
    for the contact page's messages, which go to the catalogue editors."""

    component = models.ForeignKey(
        "catalogue.Component",
        verbose_name=_("component"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contact_requests",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=RequestKind.choices)
    name = models.CharField(_("name"), max_length=200)
    institution = models.CharField(_("institution"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"))
    message = models.TextField(_("message"), max_length=5000)
    language = models.CharField(_("language"), max_length=10)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RequestStatus.choices,
        default=RequestStatus.OPEN,
        db_index=True,
    )
    # Who was sent the message: "support" (the component's contact) or "editors".
    routed_to = models.CharField(_("sent to"), max_length=20, blank=True)
    created = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)

    objects = ContactRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")
        ordering = ["-created"]
        indexes = [models.Index(fields=["component", "status"], name="contactrequest_comp_status")]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.name} · {self.created:%Y-%m-%d}"
