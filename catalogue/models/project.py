"""Projects and the components they reuse."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from catalogue.savings import roi

from .multilingual import MultilingualEntry, OriginalLanguageQuerySet, language_field
from .text import CleanTextMixin
from .versioned import Versioned

# Nested lists of a project's API detail are cut at this length.
NESTED_LIMIT = 50


class ProjectStatus(models.TextChoices):
    # The statuses the report's project pages use.
    ACTIVE = "active", _("Active")
    LIVE = "live", _("Live")
    DEVELOPMENT = "development", _("In development")
    PILOT = "pilot", _("Pilot phase")


class ProjectQuerySet(OriginalLanguageQuerySet):
    def for_listing(self):
        """Clients, and how many published components each project reuses (as stated by the
        source: inferred links are not counted)."""
        from catalogue.models import Publication

        # A correlated count rather than JOIN + GROUP BY, so a page of the listing walks the
        # (year, name) index and stops, whatever the number of projects.
        published_reuses = (
            ComponentReuse.objects.filter(
                project=models.OuterRef("pk"),
                component__publication=Publication.PUBLISHED,
                inferred=False,  # counted as the source states them
            )
            .order_by()
            .values("project")
            .annotate(n=models.Count("*"))
            .values("n")
        )
        return self.prefetch_related("clients").annotate(
            reuse_count=Coalesce(
                models.Subquery(published_reuses, output_field=models.IntegerField()), 0
            )
        )

    def for_detail(self):
        from catalogue.models import CaseStudy, Publication

        return self.prefetch_related(
            "clients",
            "technologies",
            models.Prefetch(
                "reuses",
                # Bounded, like every nested list (a window function cuts it per project).
                queryset=ComponentReuse.objects.filter(component__publication=Publication.PUBLISHED)
                .select_related("component", "component__owner")
                .order_by("component__name", "pk")[:NESTED_LIMIT],
                to_attr="published_reuses",
            ),
            models.Prefetch(
                "case_studies",
                queryset=CaseStudy.objects.published(),
                to_attr="published_case_studies",
            ),
        )


class Project(MultilingualEntry, CleanTextMixin, Versioned):
    # Texts per language: catalogue/translation.py
    translated_fields = ("name", "summary")
    required_translated_fields = ("name",)

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
    # Reuse whose source names no component (e.g. a measurement that gives only a project's
    # total): counted in the project's figures, never attributed to a guessed component.
    unnamed_reused_fp = models.DecimalField(
        _("function points reused from components not named"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_(
            "Part of the new functionality supplied by reuse whose components the source "
            "does not name."
        ),
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    language = language_field()

    objects = ProjectQuerySet.as_manager()
    # history: registered in catalogue/translation.py, after the translation fields

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        # The listings' order (newest year first, then name), and the measured year's projects.
        indexes = [models.Index(fields=["-year", "name"], name="project_year_name")]
        constraints = [
            models.CheckConstraint(
                condition=Q(new_fp__isnull=True) | Q(new_fp__gte=0), name="project_new_fp_gte_0"
            ),
            models.CheckConstraint(
                condition=Q(unit_cost_eur__isnull=True) | Q(unit_cost_eur__gte=0),
                name="project_unit_cost_gte_0",
            ),
            models.CheckConstraint(
                condition=Q(unnamed_reused_fp__isnull=True) | Q(unnamed_reused_fp__gte=0),
                name="project_unnamed_reused_fp_gte_0",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.year})"

    def save(self, *args, **kwargs):
        self.save_in_original_language(super().save, *args, **kwargs)

    def get_absolute_url(self):
        return reverse("catalogue:project-detail", args=[self.slug])

    def clean(self):
        super().clean()
        self.clean_translations()
        if self.new_fp is None or self.unnamed_reused_fp is None:
            return
        fps = [self.unnamed_reused_fp]
        if self.pk:
            fps += self.reuses.exclude(fp=None).values_list("fp", flat=True)
        try:
            roi.check_reuse_fits(self.new_fp, fps)
        except roi.RoiInputError:
            raise ValidationError(
                {"unnamed_reused_fp": reuse_exceeds_message(self.new_fp, fps)}
            ) from None

    # What its page shows; the page paginates or cuts them, one indexed query each.
    def public_reuses(self):
        """Its reuses of published components, by component name."""
        from catalogue.models import Publication

        return (
            self.reuses.filter(component__publication=Publication.PUBLISHED)
            .select_related("component", "component__owner")
            .order_by("component__name", "pk")
        )

    def published_case_studies_list(self):
        from catalogue.models import CaseStudy

        return CaseStudy.objects.published().filter(project=self)

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
    # A link the source does not state but that was read into it (e.g. from a technology
    # word): kept visible as an interpretation on every surface, and given no function points.
    inferred = models.BooleanField(
        _("inferred"),
        default=False,
        help_text=_(
            "Tick when the source does not state this reuse and it was inferred; say why in "
            "the note."
        ),
    )
    note = models.CharField(
        _("note"), max_length=300, blank=True, help_text=_("The basis of this reuse link.")
    )

    # Reuse rows feed the published figures: their history beside the project's (issue 13).
    history = HistoricalRecords()

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
        if self.inferred and self.fp is not None:
            raise ValidationError(
                {
                    "fp": _(
                        "An inferred reuse gets no function points: record them on the "
                        "project as reuse of components not named."
                    )
                }
            )
        if self.fp is None or self.project_id is None or self.project.new_fp is None:
            return
        others = ComponentReuse.objects.filter(project_id=self.project_id).exclude(pk=self.pk)
        fps = [*others.exclude(fp=None).values_list("fp", flat=True), self.fp]
        if self.project.unnamed_reused_fp is not None:
            fps.append(self.project.unnamed_reused_fp)
        try:
            roi.check_reuse_fits(self.project.new_fp, fps)
        except roi.RoiInputError:
            raise ValidationError({"fp": reuse_exceeds_message(self.project.new_fp, fps)}) from None


def reuse_exceeds_message(new_fp, fps) -> str:
    return _(
        "Reused function points (%(total)s in all) may not exceed the project's new "
        "functionality (%(new)s)."
    ) % {"total": sum(fps), "new": new_fp}
