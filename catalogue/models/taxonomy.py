"""Managed taxonomies: categories (curated by editors) and technologies (tags)."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Category(models.Model):
    """A functional domain of the catalogue (security, case management, ...)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("catalogue:component-list") + f"?category={self.slug}"


class Technology(models.Model):
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
