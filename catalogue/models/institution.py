"""Institutions: the organisations that own components and commission projects."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .text import CleanTextMixin
from .versioned import Versioned


class MemberCategory(models.TextChoices):
    # The three membership categories of the Smals member list (report, "Liste des membres").
    A = "A", _("Category A")
    B = "B", _("Category B")
    C = "C", _("Category C")


class InstitutionQuerySet(models.QuerySet):
    def for_listing(self):
        return self.with_counts().order_by("name")

    def with_counts(self):
        from catalogue.models import Publication

        published = models.Q(owned_components__publication=Publication.PUBLISHED)
        return self.annotate(
            component_count=models.Count("owned_components", filter=published, distinct=True),
            project_count=models.Count("projects", distinct=True),
        )

    def for_detail(self):
        """Its published components and case studies, its projects: a fixed number of queries."""
        from catalogue.models import CaseStudy, Component, Project

        return self.prefetch_related(
            models.Prefetch(
                "owned_components",
                queryset=Component.objects.published().prefetch_related("categories"),
                to_attr="published_components",
            ),
            models.Prefetch(
                "contributed_components",
                queryset=Component.objects.published().select_related("owner"),
                to_attr="published_contributions",
            ),
            models.Prefetch("projects", queryset=Project.objects.order_by("-year", "name")),
            models.Prefetch(
                "case_studies",
                queryset=CaseStudy.objects.published(),
                to_attr="published_case_studies",
            ),
        )


class Institution(CleanTextMixin, Versioned):
    name = models.CharField(_("name"), max_length=200, unique=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    member_category = models.CharField(
        _("member category"),
        max_length=1,
        choices=MemberCategory.choices,
        blank=True,
        help_text=_("Leave empty for organisations that are not members."),
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)

    objects = InstitutionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")

    def __str__(self):
        return self.acronym or self.name

    def get_absolute_url(self):
        return reverse("catalogue:institution-detail", args=[self.slug])

    @property
    def display_name(self):
        if self.acronym and self.acronym != self.name:
            return f"{self.name} ({self.acronym})"
        return self.name


class Membership(models.Model):
    """A user who submits and maintains entries for an institution."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "institution"], name="unique_membership")
        ]

    def __str__(self):
        return f"{self.user} — {self.institution}"
