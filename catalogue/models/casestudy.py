"""Case studies: stories of reuse told by the institutions."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from catalogue.markdown import render_markdown

from .multilingual import MultilingualEntry, language_field
from .publishing import PublishableQuerySet, ReviewedEntry


class CaseStudyQuerySet(PublishableQuerySet):
    def for_listing(self):
        """What a list of case studies shows: institution, and the published components."""
        from catalogue.models import Component

        return self.select_related("institution").prefetch_related(
            models.Prefetch(
                "components",
                queryset=Component.objects.published().only("name", "slug", "language"),
            )
        )

    def for_detail(self):
        """Everything a case-study page shows, in a fixed number of queries."""
        from catalogue.models import Component

        return self.select_related("institution", "project").prefetch_related(
            models.Prefetch(
                "components", queryset=Component.objects.published().select_related("owner")
            )
        )


class CaseStudy(MultilingualEntry, ReviewedEntry):
    # Texts per language: catalogue/translation.py
    translated_fields = ("title", "summary", "body", "benefits")
    required_translated_fields = ("title", "summary")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    date = models.DateField(_("date"), null=True, blank=True)
    institution = models.ForeignKey(
        "catalogue.Institution",
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="case_studies",
    )
    project = models.ForeignKey(
        "catalogue.Project",
        verbose_name=_("project"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="case_studies",
    )
    summary = models.CharField(_("summary"), max_length=400)
    body = models.TextField(_("body"), blank=True, help_text=_("Markdown. Rendered sanitised."))
    components = models.ManyToManyField(
        "catalogue.Component",
        verbose_name=_("components reused"),
        related_name="case_studies",
        blank=True,
    )
    benefits = models.TextField(_("measured benefits"), blank=True)
    days_to_production = models.PositiveIntegerField(_("days to production"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    language = language_field()
    objects = CaseStudyQuerySet.as_manager()
    # history: registered in catalogue/translation.py, after the translation fields

    class Meta(ReviewedEntry.Meta):
        ordering = [models.F("date").desc(nulls_last=True), "title"]
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.save_in_original_language(super().save, *args, **kwargs)

    def get_absolute_url(self):
        return reverse("catalogue:casestudy-detail", args=[self.slug])

    def clean(self):
        super().clean()
        self.clean_translations()

    @property
    def body_html(self):
        return render_markdown(self.body)
