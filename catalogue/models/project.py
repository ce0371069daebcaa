"""Projects and the components they reuse."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from catalogue.savings import roi

from .text import CleanTextMixin
from .versioned import Versioned


class ProjectStatus(models.TextChoices):
    # The statuses the report's project pages use.
    ACTIVE = "active", _("Active")
    LIVE = "live", _("Live")
    DEVELOPMENT = "development", _("In development")
    PILOT = "pilot", _("Pilot phase")


class ProjectQuerySet(models.QuerySet):
    def for_listing(self):
        """Clients, and how many published components each project reuses."""
        from catalogue.models import Publication

        published_reuse = Q(reuses__component__publication=Publication.PUBLISHED)
        return self.prefetch_related("clients").annotate(
            reuse_count=models.Count("reuses", filter=published_reuse, distinct=True)
        )

    def for_detail(self):
        from catalogue.models import CaseStudy, Publication

        return self.prefetch_related(
            "clients",
            "technologies",
            models.Prefetch(
                "reuses",
                queryset=ComponentReuse.objects.filter(
                    component__publication=Publication.PUBLISHED
                ).select_related("component", "component__owner"),
                to_attr="published_reuses",
            ),
            models.Prefetch(
                "case_studies",
                queryset=CaseStudy.objects.published(),
                to_attr="published_case_studies",
            ),
        )


class Project(CleanTextMixin, Versioned):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    clients = models.ManyToManyField(
        "catalogue.Institution",
        verbose_name=_("client institutions"),
        related_name="projects",
        blank=True,
    )
    status = models.CharField(_("status"), max_length=20, choices=ProjectStatus.choices, blank=True)
    technologies = models.ManyToManyField(
        "catalogue.Technology", verbose_name=_("technologies"), related_name="projects", blank=True
    )
    summary = models.TextField(_("summary"), blank=True)
    website_url = models.URLField(_("website"), blank=True)
    components = models.ManyToManyField(
        "catalogue.Component",
        verbose_name=_("components reused"),
        through="catalogue.ComponentReuse",
        related_name="projects",
        blank=True,
    )
    # Reuse measurement (ROI model): size of the new functionality, in function points,
    # including what reused components supply.
    new_fp = models.DecimalField(
        _("new functionality (function points)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    unit_cost_eur = models.DecimalField(
        _("unit cost (EUR per function point)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Empty: the year's unit cost applies."),
    )
    source = models.CharField(_("source"), max_length=300, blank=True)

    objects = ProjectQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[clients, technologies])

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.CheckConstraint(
                condition=Q(new_fp__isnull=True) | Q(new_fp__gte=0), name="project_new_fp_gte_0"
            ),
            models.CheckConstraint(
                condition=Q(unit_cost_eur__isnull=True) | Q(unit_cost_eur__gte=0),
                name="project_unit_cost_gte_0",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.year})"

    def get_absolute_url(self):
        return reverse("catalogue:project-detail", args=[self.slug])

    @property
    def is_measured(self):
        return self.new_fp is not None


class ComponentReuse(CleanTextMixin, models.Model):
    """One reuse of a catalogue component by a project, with its measurement if any."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="reuses"
    )
    component = models.ForeignKey(
        "catalogue.Component",
        verbose_name=_("component"),
        on_delete=models.CASCADE,
        related_name="reuses",
    )
    fp = models.DecimalField(
        _("function points supplied"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    relative_cost = models.DecimalField(
        _("relative cost of reuse"),
        max_digits=5,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(roi.MAX_RELATIVE_COST)],
        help_text=_("Empty: the component's relative cost, else the year's, applies."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["project", "component"]
        verbose_name = _("component reuse")
        verbose_name_plural = _("component reuses")
        constraints = [
            models.UniqueConstraint(fields=["project", "component"], name="unique_reuse"),
            models.CheckConstraint(
                condition=Q(fp__isnull=True) | Q(fp__gte=0), name="reuse_fp_gte_0"
            ),
            models.CheckConstraint(
                condition=Q(relative_cost__isnull=True)
                | Q(relative_cost__gte=0, relative_cost__lte=roi.MAX_RELATIVE_COST),
                name="reuse_relative_cost_range",
            ),
        ]

    def __str__(self):
        return f"{self.component} in {self.project}"

    def clean(self):
        super().clean()
        if self.fp is None or self.project_id is None or self.project.new_fp is None:
            return
        others = ComponentReuse.objects.filter(project_id=self.project_id).exclude(pk=self.pk)
        fps = [*others.exclude(fp=None).values_list("fp", flat=True), self.fp]
        try:
            roi.check_reuse_fits(self.project.new_fp, fps)
        except roi.RoiInputError:
            raise ValidationError({"fp": reuse_exceeds_message(self.project.new_fp, fps)}) from None


def reuse_exceeds_message(new_fp, fps) -> str:
    return _(
        "Reused function points (%(total)s in all) may not exceed the project's new "
        "functionality (%(new)s)."
    ) % {"total": sum(fps), "new": new_fp}
