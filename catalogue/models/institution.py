"""Institutions: the organisations that own components and commission projects."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .multilingual import (
    LocalizedText,
    MultilingualEntry,
    OriginalLanguageQuerySet,
    language_field,
)
from .text import CleanTextMixin
from .versioned import Versioned


class MemberCategory(models.TextChoices):
    # The three membership categories of the Smals member list (report, "Liste des membres").
    A = "A", _("Category A")
    B = "B", _("Category B")
    C = "C", _("Category C")


class InstitutionQuerySet(OriginalLanguageQuerySet):
    def for_listing(self):
        return self.with_counts().order_by("name")

    def with_counts(self):
        """``component_count`` (published, owned) and ``project_count`` (as a client), each a
        correlated count: two COUNTs joined in one GROUP BY would multiply an institution's
        components by its projects."""
        from catalogue.models import Component, Project

        def count_of(queryset, column):
            counted = queryset.filter(**{column: models.OuterRef("pk")}).order_by()
            counted = counted.values(column).annotate(n=models.Count("*")).values("n")
            return Coalesce(models.Subquery(counted, output_field=models.IntegerField()), 0)

        return self.annotate(
            component_count=count_of(Component.objects.published(), "owner"),
            project_count=count_of(Project.objects.all(), "clients"),
        )


class Institution(MultilingualEntry, CleanTextMixin, Versioned):
    # Official name, acronym and description per language (ONSS, RSZ, NSSO);
    # columns per language: catalogue/translation.py
    translated_fields = ("name", "acronym", "description")
    required_translated_fields = ("name",)

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
    language = language_field()

    objects = InstitutionQuerySet.as_manager()
    # history: registered in catalogue/translation.py, after the translation fields

    class Meta:
        ordering = ["name"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")

    def __str__(self):
        return self.acronym or self.name

    def save(self, *args, **kwargs):
        self.save_in_original_language(super().save, *args, **kwargs)

    def get_absolute_url(self):
        return reverse("catalogue:institution-detail", args=[self.slug])

    def clean(self):
        super().clean()
        self.clean_translations()

    # What its page and API show; callers paginate or cut them (an institution may own
    # thousands of components), so each is one query on an index, whatever the size.
    def published_components(self):
        from catalogue.models import Component

        return Component.objects.published().filter(owner=self).order_by("name", "pk")

    def published_contributions(self):
        from catalogue.models import Component

        published = Component.objects.published().filter(contributors=self)
        return published.select_related("owner").order_by("name", "pk")

    def commissioned_projects(self):
        from catalogue.models import Project

        return Project.objects.filter(clients=self).order_by("-year", "name", "pk")

    def published_case_studies(self):
        from catalogue.models import CaseStudy

        return CaseStudy.objects.published().filter(institution=self)

    @property
    def display_name(self):
        return str(self.localized("display_name"))

    def localized(self, field, language=None):
        """Also ``short_name`` (the acronym, else the name) and ``display_name`` ("name
        (acronym)"), each in the language its name is shown in."""
        if field == "short_name":
            acronym = super().localized("acronym", language)
            return acronym or super().localized("name", language)
        if field == "display_name":
            name = super().localized("name", language)
            acronym = super().localized("acronym", name.language if name else language)
            if acronym and acronym != name:
                return LocalizedText(f"{name} ({acronym})", name.language, name.requested)
            return name
        return super().localized(field, language)


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
