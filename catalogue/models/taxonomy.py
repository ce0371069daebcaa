"""Managed taxonomies: categories (curated by editors) and technologies (tags)."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .multilingual import MultilingualEntry, OriginalLanguageQuerySet
from .text import CleanTextMixin
from .versioned import Versioned


class Category(MultilingualEntry, CleanTextMixin, Versioned):
    """A functional domain of the catalogue (security, case management, ...).

    Categories are the words visitors browse by, so they carry a name per interface language
    (``name_en``, ``name_fr``, ``name_nl``: catalogue/translation.py); English is their original
    language and the fallback when a translation is missing."""

    translated_fields = ("name", "description")
    required_translated_fields = ("name",)

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)

    objects = OriginalLanguageQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return str(self.label())

    def save(self, *args, **kwargs):
        self.save_in_original_language(super().save, *args, **kwargs)

    def get_absolute_url(self):
        return reverse("catalogue:component-list") + f"?category={self.slug}"

    def clean(self):
        super().clean()
        self.clean_translations()

    def label(self, language: str | None = None):
        """The name in ``language`` (default: the active one), else the English name."""
        return self.localized("name", language)

    @property
    def names(self) -> dict[str, str]:
        """Every name it has, by language code."""
        return self.variants("name")


class Technology(CleanTextMixin, Versioned):
    """A technology tag (Java, Angular, PostgreSQL, ...)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("technology")
        verbose_name_plural = _("technologies")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("catalogue:component-list") + f"?technology={self.slug}"
