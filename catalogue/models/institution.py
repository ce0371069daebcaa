"""Institutions: the organisations that own components and commission projects."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class MemberCategory(models.TextChoices):
    # The three membership categories of the Smals member list (report, "Liste des membres").
    A = "A", _("Category A")
    B = "B", _("Category B")
    C = "C", _("Category C")


class Institution(models.Model):
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
