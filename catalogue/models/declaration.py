"""Reuse declared by the institutions that reuse (issue 13, item 4).

Measured reuse (ComponentReuse) comes from a year's measurement; a declaration is an
institution's own statement that it uses a component (the version, since when, for what, an
instance if public, a contact), reviewed like any entry: its institution's submitters write it,
editors publish it. It may name one of the institution's measured projects, so that declared
demand and measured savings meet.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .publishing import Publication, PublishableQuerySet, ReviewedEntry


class ReuseDeclarationQuerySet(PublishableQuerySet):
    def published(self):
        """Public: the declaration and its component are both published."""
        return super().published().filter(component__publication=Publication.PUBLISHED)


class ReuseDeclaration(ReviewedEntry):
    institution = models.ForeignKey(
        "catalogue.Institution",
        verbose_name=_("declaring institution"),
        on_delete=models.CASCADE,
        related_name="reuse_declarations",
    )
    component = models.ForeignKey(
        "catalogue.Component",
        verbose_name=_("component"),
        on_delete=models.CASCADE,
        related_name="declarations",
    )
    # Not "version": that is the optimistic lock's counter (Versioned).
    release = models.CharField(
        _("version or release"), max_length=100, blank=True, help_text=_("As the user names it.")
    )
    since = models.DateField(_("in use since"))
    use_case = models.TextField(
        _("use case"), max_length=2000, help_text=_("What the institution uses it for.")
    )
    instance_url = models.URLField(
        _("instance address"), blank=True, help_text=_("Only if the instance is public.")
    )
    contact = models.EmailField(
        _("contact address"),
        blank=True,
        help_text=_("A team's address, shown publicly with the declaration (optional)."),
    )
    project = models.ForeignKey(
        "catalogue.Project",
        verbose_name=_("measured project"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="declarations",
        help_text=_("Optional: the institution's measured project that reuses the component."),
    )

    objects = ReuseDeclarationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated"])

    class Meta:
        ordering = ["component", "-since", "pk"]
        verbose_name = _("reuse declaration")
        verbose_name_plural = _("reuse declarations")
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "component"], name="one_declaration_per_institution"
            )
        ]

    def __str__(self):
        return f"{self.institution} → {self.component}"

    def clean(self):
        super().clean()
        if self.project_id is None or self.institution_id is None:
            return
        project = self.project
        if not project.clients.filter(pk=self.institution_id).exists():
            raise ValidationError(
                {"project": _("Choose a project of which the declaring institution is a client.")}
            )
        if not project.is_measured:
            raise ValidationError(
                {"project": _("Choose a measured project (with its function points).")}
            )
