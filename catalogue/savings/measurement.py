"""A measured year: reads that gather model data into the pure ROI model's inputs, and the
year's results.

Views, the API and the ``roi_report`` command call these; none of them does arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django.utils.translation import gettext_lazy as _

from catalogue.models import (
    BuildItem,
    Component,
    ComponentReuse,
    Institution,
    ProgrammeCost,
    Project,
    ReuseYear,
)
from catalogue.models.multilingual import language_codes
from catalogue.savings import roi


def _relative_cost(
    reuse_rcr: Decimal | None, component: Component, year: ReuseYear | None
) -> Decimal:
    # An unpublished component's own relative cost does not count: its owner edits it without
    # review, and published figures change only through review.
    component_rcr = component.relative_cost if component.is_published else None
    return roi.effective_relative_cost(reuse_rcr, component_rcr, year.rcr if year else None)


def _unit_cost(project_unit_cost: Decimal | None, year: ReuseYear | None) -> Decimal | None:
    if project_unit_cost is not None:
        return project_unit_cost
    return year.unit_cost_eur if year is not None else None


def unit_cost_of(project: Project, year: ReuseYear | None) -> Decimal | None:
    return _unit_cost(project.unit_cost_eur, year)


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


@dataclass(frozen=True)
class MeasuredReuse:
    """What the measurement reads of one reuse: its size, its own relative cost and its
    component (one shared instance per component, not one per reuse)."""

    fp: Decimal
    relative_cost: Decimal | None
    component: Component


def project_input(
    project: Project, year: ReuseYear | None, reuses: list[MeasuredReuse], clients: tuple
) -> roi.ProjectInput | None:
    unit_cost = unit_cost_of(project, year)
    if project.new_fp is None or unit_cost is None:
        return None
    inputs = tuple(
        roi.Reuse(
            fp=reuse.fp,
            relative_cost=_relative_cost(reuse.relative_cost, reuse.component, year),
            component=public_component_key(reuse.component),
        )
        for reuse in reuses
    )
    if project.unnamed_reused_fp:
        inputs += (
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
        reuses=inputs,
        clients=clients,
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

    @cached_property  # read by a chart and a table
    def by_component(self) -> list[roi.SavingsLine]:
        return roi.savings_by_component(self.inputs)

    @cached_property
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


def _measure(
    reuse_year: ReuseYear, projects, measured: _MeasuredProjects, build_items, programme_costs
) -> YearMeasurement:
    pairs = [
        (
            project,
            project_input(
                project,
                reuse_year,
                measured.reuses.get(project.pk, []),
                measured.clients.get(project.pk, ()),
            ),
        )
        for project in projects
    ]
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


def _with_translations(*fields: str) -> list[str]:
    return [f"{field}{suffix}" for field in fields for suffix in ("", *_LANGUAGE_SUFFIXES)]


_LANGUAGE_SUFFIXES = tuple(f"_{code}" for code in language_codes())
# What the measurement reads of a project and of a reused component: not their descriptions.
_PROJECT_FIELDS = (
    "slug", "year", "new_fp", "unit_cost_eur", "unnamed_reused_fp", "language",
    *_with_translations("name"),
)  # fmt: skip
_COMPONENT_FIELDS = (
    "slug", "publication", "relative_cost", "language", *_with_translations("name"),
)  # fmt: skip


@dataclass
class _MeasuredProjects:
    projects: list[Project]
    reuses: dict[int, list[MeasuredReuse]]
    clients: dict[int, tuple]


def _measured_projects(numbers) -> _MeasuredProjects:
    """The measured projects of the years ``numbers``, with their reuses and clients, in five
    queries. Reuses and client links are read as values and share one instance per component
    and per institution: a year of 10,000 projects has some 30,000 reuses, and a model instance
    per row (what ``prefetch_related`` builds) cost seconds."""
    measured = Project.objects.filter(new_fp__isnull=False, year__in=numbers)
    projects = list(measured.only(*_PROJECT_FIELDS).order_by("name"))
    measured_reuses = ComponentReuse.objects.filter(
        project__in=measured.values("pk"), fp__isnull=False
    )
    rows = list(
        measured_reuses.order_by("pk").values_list(
            "project_id", "component_id", "fp", "relative_cost"
        )
    )
    # One query with a subquery, not in_bulk's batches of ids.
    components = {
        component.pk: component
        for component in Component.objects.filter(
            pk__in=measured_reuses.values("component_id")
        ).only(*_COMPONENT_FIELDS)
    }
    reuses: dict[int, list[MeasuredReuse]] = {}
    for project_id, component_id, fp, relative_cost in rows:
        reuses.setdefault(project_id, []).append(
            MeasuredReuse(fp, relative_cost, components[component_id])
        )
    # In the institutions' own order (by name, as a prefetch would give them), sorted by SQL.
    links = list(
        Project.clients.through.objects.filter(project__in=measured.values("pk"))
        .order_by("institution__name", "institution_id")
        .values_list("project_id", "institution_id")
    )
    institutions = Institution.objects.in_bulk({institution for _, institution in links})
    clients: dict[int, list] = {}
    for project_id, institution_id in links:
        clients.setdefault(project_id, []).append(institutions[institution_id])
    return _MeasuredProjects(
        projects, reuses, {project: tuple(found) for project, found in clients.items()}
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
    measured = _measured_projects(numbers)
    projects: dict[int, list] = {number: [] for number in numbers}
    for project in measured.projects:
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
            measured,
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
    """The savings a component produced over all measured years. Reads the five values each
    reuse needs, not the reuses with their projects: a popular component has thousands."""
    rows = list(
        ComponentReuse.objects.filter(component=component, fp__isnull=False)
        .order_by("pk")
        .values_list("project_id", "fp", "relative_cost", "project__year", "project__unit_cost_eur")
    )
    if not rows:
        return None
    recorded = ReuseYear.objects.filter(year__in={row[3] for row in rows})
    years = {year.year: year for year in recorded}
    triples = []
    illustrative = False
    for project_id, fp, reuse_rcr, year_number, project_unit_cost in rows:
        year = years.get(year_number)
        if year is not None and not year.is_published:
            continue  # a draft year's savings are not public yet
        unit_cost = _unit_cost(project_unit_cost, year)
        if unit_cost is None:
            continue
        relative_cost = _relative_cost(reuse_rcr, component, year)
        triples.append((project_id, roi.Reuse(fp=fp, relative_cost=relative_cost), unit_cost))
        illustrative = illustrative or bool(year and year.illustrative)
    if not triples:
        return None
    return ComponentSavings(
        line=roi.savings_of_reuses(component, triples), illustrative=illustrative
    )
