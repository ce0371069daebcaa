"""Managed taxonomies: categories (curated by editors) and technologies (tags)."""

from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .text import CleanTextMixin
from .versioned import Versioned


class Category(CleanTextMixin, Versioned):
    """A functional domain of the catalogue (security, case management, ...).

    Categories are the words visitors browse by, so they carry a name per interface language;
    the English ``name`` is the reference and the fallback when a translation is missing."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    name_fr = models.CharField(_("name in French"), max_length=100, blank=True)
    name_nl = models.CharField(_("name in Dutch"), max_length=100, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.label()

    def get_absolute_url(self):
        return reverse("catalogue:component-list") + f"?category={self.slug}"

    def label(self, language: str | None = None) -> str:
        """The name in ``language`` (default: the active one), else the English name."""
        code = (language or get_language() or "en").split("-")[0]
        return getattr(self, f"name_{code}", "") or self.name

    @property
    def names(self) -> dict[str, str]:
        """Every name it has, by language code."""
        names = {"en": self.name, "fr": self.name_fr, "nl": self.name_nl}
        return {code: name for code, name in names.items() if name}


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
