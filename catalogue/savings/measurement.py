"""A measured year: reads that gather model data into the pure ROI model's inputs, and the
year's results.

Views, the API and the ``roi_report`` command call these; none of them does arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from catalogue.models import (
    BuildItem,
    Component,
    ComponentReuse,
    ProgrammeCost,
    Project,
    ReuseYear,
)
from catalogue.savings import roi


def relative_cost_of(reuse: ComponentReuse, year: ReuseYear | None) -> Decimal:
    # An unpublished component's own relative cost does not count: its owner edits it without
    # review, and published figures change only through review.
    component_rcr = reuse.component.relative_cost if reuse.component.is_published else None
    return roi.effective_relative_cost(
        reuse.relative_cost, component_rcr, year.rcr if year else None
    )


def unit_cost_of(project: Project, year: ReuseYear | None) -> Decimal | None:
    if project.unit_cost_eur is not None:
        return project.unit_cost_eur
    return year.unit_cost_eur if year is not None else None


class ComponentsNotNamed:
    """The key under which reuse is counted when the source names no component for it
    (``Project.unnamed_reused_fp``): shown under its own label, never under a guessed
    component."""

    slug = None
    label = _("Components not named")

    @property
    def name(self) -> str:
        return str(self.label)

    def get_absolute_url(self):
        return None

    def __str__(self):
        return self.name


COMPONENTS_NOT_NAMED = ComponentsNotNamed()


def public_component_key(component: Component) -> Component | None:
    # Savings from an unpublished component still count in totals, never under its name.
    return component if component.is_published else None


def project_input(project: Project, year: ReuseYear | None) -> roi.ProjectInput | None:
    unit_cost = unit_cost_of(project, year)
    if project.new_fp is None or unit_cost is None:
        return None
    reuses = tuple(
        roi.Reuse(
            fp=reuse.fp,
            relative_cost=relative_cost_of(reuse, year),
            component=public_component_key(reuse.component),
        )
        for reuse in project.reuses.all()
        if reuse.fp is not None
    )
    if project.unnamed_reused_fp:
        reuses += (
            roi.Reuse(
                fp=project.unnamed_reused_fp,
                relative_cost=roi.effective_relative_cost(year.rcr if year else None),
                component=COMPONENTS_NOT_NAMED,
            ),
        )
    return roi.ProjectInput(
        name=project.name,
        new_fp=project.new_fp,
        unit_cost_eur=unit_cost,
        reuses=reuses,
        clients=tuple(project.clients.all()),
    )


@dataclass
class YearMeasurement:
    year: ReuseYear
    projects: list[Project]
    inputs: list[roi.ProjectInput]
    result: roi.PortfolioResult
    build_items: list[BuildItem]
    build_costs: list[tuple[BuildItem, Decimal]]
    programme_costs: list

    @property
    def by_component(self) -> list[roi.SavingsLine]:
        return roi.savings_by_component(self.inputs)

    @property
    def by_client(self) -> list[roi.SavingsLine]:
        return roi.savings_by_client(self.inputs)

    @property
    def payoff_uses(self) -> int | None:
        return roi.uses_to_pay_off(self.year.rcwr, self.year.rcr)

    def project_rows(self):
        """(project, its ProjectResult) pairs, in the order of the projects."""
        return list(zip(self.projects, self.result.projects, strict=True))


def measured_years():
    """The published years, newest first (drafts are seen only in the admin's preview)."""
    return ReuseYear.objects.published().order_by("-year")


def _measure(reuse_year: ReuseYear, projects, build_items, programme_costs) -> YearMeasurement:
    pairs = [(project, project_input(project, reuse_year)) for project in projects]
    pairs = [(project, data) for project, data in pairs if data is not None]
    roi_items = [roi.BuildItem(fp=item.fp, location=item.location) for item in build_items]
    total_investment = roi.investment(
        roi_items,
        [cost.amount_eur for cost in programme_costs],
        unit_cost_eur=reuse_year.unit_cost_eur,
        rcwr=reuse_year.rcwr,
    )
    inputs = [data for _, data in pairs]
    return YearMeasurement(
        year=reuse_year,
        projects=[project for project, _ in pairs],
        inputs=inputs,
        result=roi.evaluate(inputs, total_investment),
        build_items=build_items,
        build_costs=[
            (item, roi.build_cost(data, reuse_year.unit_cost_eur, reuse_year.rcwr))
            for item, data in zip(build_items, roi_items, strict=True)
        ],
        programme_costs=programme_costs,
    )


def _measured_projects():
    return (
        Project.objects.filter(new_fp__isnull=False)
        .prefetch_related(
            "clients",
            Prefetch(
                "reuses",
                queryset=ComponentReuse.objects.select_related("component", "component__owner"),
            ),
        )
        .order_by("name")
    )


def year_measurements(years=None, *, published_only=True) -> list[YearMeasurement]:
    """The measurements of ``years`` (default: every published year), oldest first, in a fixed
    number of queries whatever the number of years. ``published_only=False``: drafts too (the
    admin's preview, a pending change's effect)."""
    reuse_years = ReuseYear.objects.order_by("year")
    if published_only:
        reuse_years = reuse_years.published()
    if years is not None:
        reuse_years = reuse_years.filter(year__in=years)
    reuse_years = list(reuse_years)
    if not reuse_years:
        return []
    numbers = [reuse_year.year for reuse_year in reuse_years]
    projects: dict[int, list] = {number: [] for number in numbers}
    for project in _measured_projects().filter(year__in=numbers):
        projects[project.year].append(project)
    build_items: dict[int, list] = {reuse_year.pk: [] for reuse_year in reuse_years}
    for item in (
        BuildItem.objects.filter(year__in=reuse_years)
        .select_related("component", "project")
        .order_by("location", "id")
    ):
        build_items[item.year_id].append(item)
    programme_costs: dict[int, list] = {reuse_year.pk: [] for reuse_year in reuse_years}
    for cost in ProgrammeCost.objects.filter(year__in=reuse_years).order_by("id"):
        programme_costs[cost.year_id].append(cost)
    return [
        _measure(
            reuse_year,
            projects[reuse_year.year],
            build_items[reuse_year.pk],
            programme_costs[reuse_year.pk],
        )
        for reuse_year in reuse_years
    ]


# The years a measurement can be recorded for (ReuseYear.year is a small integer).
YEARS = range(1900, 2101)


def year_measurement(year: int, *, published_only=True) -> YearMeasurement | None:
    if year not in YEARS:  # a year no database column can hold is simply not measured
        return None
    measurements = year_measurements([year], published_only=published_only)
    return measurements[0] if measurements else None


@dataclass
class ComponentSavings:
    line: roi.SavingsLine
    illustrative: bool


def component_savings(component: Component) -> ComponentSavings | None:
    """The savings a component produced over all measured years (uses its prefetched reuses)."""
    reuses = [reuse for reuse in component.reuses.all() if reuse.fp is not None]
    if not reuses:
        return None
    recorded = ReuseYear.objects.filter(year__in={reuse.project.year for reuse in reuses})
    years = {year.year: year for year in recorded}
    triples = []
    illustrative = False
    for reuse in reuses:
        year = years.get(reuse.project.year)
        if year is not None and not year.is_published:
            continue  # a draft year's savings are not public yet
        unit_cost = unit_cost_of(reuse.project, year)
        if unit_cost is None:
            continue
        reuse.component = component  # already loaded: avoids a query per reuse
        triples.append(
            (
                reuse.project_id,
                roi.Reuse(fp=reuse.fp, relative_cost=relative_cost_of(reuse, year)),
                unit_cost,
            )
        )
        illustrative = illustrative or bool(year and year.illustrative)
    if not triples:
        return None
    return ComponentSavings(
        line=roi.savings_of_reuses(component, triples), illustrative=illustrative
    )
