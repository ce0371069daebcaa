"""Yearly reuse measurement: parameters, investment (build items and programme costs)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from catalogue.savings import roi

from .publishing import Publication
from .text import CleanTextMixin
from .versioned import Versioned


class ReuseYearQuerySet(models.QuerySet):
    def published(self):
        """The years the dashboard, the API and the reports show."""
        return self.filter(publication=Publication.PUBLISHED)


class ReuseYear(CleanTextMixin, Versioned):
    """The parameters of one measured year, and the figures published for it.

    A year is recorded as a draft (editors preview its figures), then published; a change to a
    published year is a pending change an editor approves (catalogue/savings/recording.py)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    # Only draft and published are used: editors record years, there is no submission.
    publication = models.CharField(
        _("publication"),
        max_length=20,
        choices=[(Publication.DRAFT, Publication.DRAFT.label),
                 (Publication.PUBLISHED, Publication.PUBLISHED.label)],
        default=Publication.DRAFT,
        db_index=True,
    )  # fmt: skip
    unit_cost_eur = models.DecimalField(
        _("unit cost (EUR per function point)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text=_("Blended cost of new development per function point."),
    )
    rcr = models.DecimalField(
        _("relative cost of reuse (RCR)"),
        max_digits=5,
        decimal_places=3,
        default=roi.DEFAULT_RCR,
        validators=[MinValueValidator(0), MaxValueValidator(roi.MAX_RELATIVE_COST)],
    )
    rcwr = models.DecimalField(
        _("relative cost of writing for reuse (RCWR)"),
        max_digits=5,
        decimal_places=3,
        default=roi.DEFAULT_RCWR,
        validators=[MinValueValidator(roi.MIN_RCWR), MaxValueValidator(roi.MAX_RCWR)],
    )
    illustrative = models.BooleanField(
        _("per-project figures are illustrative"),
        default=False,
        help_text=_("Tick when the per-project measurements are assumptions, not published data."),
    )
    published_projects = models.PositiveIntegerField(
        _("published: projects"), null=True, blank=True
    )
    published_reuse_share = models.DecimalField(
        _("published: reuse share"), max_digits=5, decimal_places=4, null=True, blank=True
    )
    published_roi = models.DecimalField(
        _("published: ROI"), max_digits=7, decimal_places=4, null=True, blank=True
    )
    published_savings_eur = models.DecimalField(
        _("published: savings (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    published_source = models.CharField(
        _("source of published figures"), max_length=300, blank=True
    )

    objects = ReuseYearQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("measured year")
        verbose_name_plural = _("measured years")
        constraints = [
            models.CheckConstraint(
                condition=Q(rcr__gte=0, rcr__lte=roi.MAX_RELATIVE_COST), name="year_rcr_range"
            ),
            models.CheckConstraint(condition=Q(unit_cost_eur__gte=0), name="year_unit_cost_gte_0"),
        ]

    def __str__(self):
        return str(self.year)

    @property
    def is_published(self):
        return self.publication == Publication.PUBLISHED


class BuildLocation(models.TextChoices):
    IN_PROJECT = "in-project", _("Built inside a consuming project (charged at RCWR - 1)")
    CENTRAL = "central", _("Built centrally for the catalogue (charged at RCWR)")


class BuildItem(CleanTextMixin, models.Model):
    """Reusable code built in a year: the investment in writing for reuse."""

    year = models.ForeignKey(
        ReuseYear, verbose_name=_("year"), on_delete=models.CASCADE, related_name="build_items"
    )
    component = models.ForeignKey(
        "catalogue.Component",
        verbose_name=_("component"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="build_items",
    )
    project = models.ForeignKey(
        "catalogue.Project",
        verbose_name=_("built in project"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="build_items",
    )
    description = models.CharField(_("description"), max_length=300, blank=True)
    fp = models.DecimalField(
        _("function points built"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    location = models.CharField(
        _("where it was built"), max_length=20, choices=BuildLocation.choices
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["year", "location", "id"]
        verbose_name = _("build item")
        verbose_name_plural = _("build items")
        constraints = [models.CheckConstraint(condition=Q(fp__gte=0), name="build_fp_gte_0")]

    def __str__(self):
        return self.description or str(self.component or self.project or self.pk)


class ProgrammeCost(CleanTextMixin, models.Model):
    """A programme cost line of a year (competence centre, catalogue, support ...)."""

    year = models.ForeignKey(
        ReuseYear, verbose_name=_("year"), on_delete=models.CASCADE, related_name="programme_costs"
    )
    label = models.CharField(_("label"), max_length=200)
    amount_eur = models.DecimalField(
        _("amount (EUR)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["year", "id"]
        verbose_name = _("programme cost")
        verbose_name_plural = _("programme costs")
        constraints = [
            models.CheckConstraint(condition=Q(amount_eur__gte=0), name="programme_cost_gte_0")
        ]

    def __str__(self):
        return self.label
