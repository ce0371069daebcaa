"""The planning scenario service: a manager's plan (projects, the components they will reuse,
what will be built for reuse, costs) evaluated with the ROI model. The calculator page, its
downloads and ``POST /api/roi/calculate/`` all call ``evaluate_scenario``; none of them does
arithmetic of its own.

Sizes are in function points, or in person-days with the productivity rate the user states.
The relative costs of reuse (RCR) and of writing for reuse (RCWR) may be given as low /
expected / high values: the result then comes with its range and the inputs' sensitivity.

Defaults, in one place: a reuse's relative cost is its own, else the component's, else the
scenario's, else the latest measured year's, else Poulin's; likewise for RCWR. Low and high
default to the expected value (no range).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from catalogue.models import Component, ReuseYear
from catalogue.savings import roi

# Input bounds: every result stays a finite number a person can read, and a request stays cheap.
MAX_FP = Decimal(10) ** 9
MAX_PERSON_DAYS = Decimal(10) ** 9
MAX_EUR = Decimal(10) ** 15
MAX_PROJECTS = 500
MAX_REUSES = 200
MAX_TOTAL_REUSES = 5000
MAX_BUILDS = 100

FP = "fp"
PERSON_DAYS = "person-days"
SIZE_UNITS = (FP, PERSON_DAYS)

# The results whose range and sensitivity are reported, by name.
RANGED_OUTPUTS = {
    "cost_avoided_eur": lambda result: result.cost_avoided_eur,
    "actual_cost_eur": lambda result: result.actual_cost_eur,
    "investment_eur": lambda result: result.investment_eur,
    "net_benefit_eur": lambda result: result.net_benefit_eur,
    "roi": lambda result: result.roi,
}


@dataclass(frozen=True)
class ReusePlan:
    """A component a project will reuse and the size of what it supplies (scenario's unit)."""

    size: Decimal
    component: Component | None = None
    relative_cost: Decimal | None = None


@dataclass(frozen=True)
class ProjectPlan:
    size: Decimal
    name: str = ""
    unit_cost_eur: Decimal | None = None
    reuses: tuple[ReusePlan, ...] = ()


@dataclass(frozen=True)
class BuildPlan:
    """Reusable code the plan builds for others (scenario's unit): part of the investment."""

    size: Decimal
    location: str = roi.CENTRAL


@dataclass(frozen=True)
class Scenario:
    projects: tuple[ProjectPlan, ...]
    unit_cost_eur: Decimal
    investment_eur: Decimal = roi.ZERO
    rcr: Decimal | None = None
    rcr_low: Decimal | None = None
    rcr_high: Decimal | None = None
    rcwr: Decimal | None = None
    rcwr_low: Decimal | None = None
    rcwr_high: Decimal | None = None
    size_unit: str = FP
    productivity: roi.Productivity | None = None
    builds: tuple[BuildPlan, ...] = ()


@dataclass(frozen=True)
class ReuseLine:
    """One planned reuse and what it saves, at the expected values."""

    project: str
    component: Component | None
    size: Decimal
    fp: Decimal
    relative_cost: Decimal
    relative_cost_source: str  # "reuse", "component" or "scenario"
    cost_avoided_eur: Decimal
    payoff: roi.PayoffSpan

    @property
    def uses_to_pay_off(self) -> int | None:
        return self.payoff.expected


@dataclass(frozen=True)
class ScenarioResult:
    scenario: Scenario
    result: roi.PortfolioResult  # at the expected values
    rcr: roi.Estimate
    rcwr: roi.Estimate
    spans: dict[str, roi.Span]
    sensitivity: dict[str, list[roi.Swing]]
    lines: list[ReuseLine] = field(default_factory=list)

    @property
    def investment_given(self) -> bool:
        return bool(self.result.investment_eur)

    @property
    def uncertain(self) -> bool:
        return self.rcr.uncertain or self.rcwr.uncertain

    @property
    def person_days(self) -> bool:
        return self.scenario.size_unit == PERSON_DAYS

    @property
    def cost_per_person_day(self) -> Decimal | None:
        """The scenario's unit cost per function point, per person-day at the user's rate."""
        productivity = self.scenario.productivity
        if not self.person_days or productivity is None:
            return None
        return productivity.cost_per_person_day(self.scenario.unit_cost_eur)

    def project_rows(self):
        """(plan, its ProjectResult) pairs, in the order of the plan."""
        return list(zip(self.scenario.projects, self.result.projects, strict=True))


def latest_year() -> ReuseYear | None:
    return ReuseYear.objects.published().order_by("-year").first()


def _in_function_points(scenario: Scenario):
    """Sizes of projects, reuses and builds in function points: [(new_fp, reuse fps)], builds."""
    if scenario.size_unit not in SIZE_UNITS:
        raise roi.RoiInputError("size_unit", f"must be one of {SIZE_UNITS}")
    if scenario.size_unit == FP:
        projects = []
        for index, plan in enumerate(scenario.projects):
            try:
                roi.check_reuse_fits(plan.size, (reuse.size for reuse in plan.reuses))
            except roi.RoiInputError as error:
                raise roi.RoiInputError(f"projects.{index}.{error.field}", error.message) from None
            projects.append((plan.size, tuple(reuse.size for reuse in plan.reuses)))
        return projects, [build.size for build in scenario.builds]
    productivity = scenario.productivity
    if productivity is None:
        raise roi.RoiInputError(
            "productivity",
            "sizes in person-days need your productivity rate; none is assumed",
        )
    projects = []
    for index, plan in enumerate(scenario.projects):
        try:
            projects.append(
                roi.project_in_function_points(
                    plan.size, [reuse.size for reuse in plan.reuses], productivity
                )
            )
        except roi.RoiInputError as error:
            raise roi.RoiInputError(f"projects.{index}.{error.field}", error.message) from None
    return projects, [productivity.function_points(build.size) for build in scenario.builds]


def _relative_cost_source(reuse: ReusePlan) -> str:
    if reuse.relative_cost is not None:
        return "reuse"
    if reuse.component is not None and reuse.component.relative_cost is not None:
        return "component"
    return "scenario"


def evaluate_scenario(scenario: Scenario, *, year: ReuseYear | None = None) -> ScenarioResult:
    """Evaluate ``scenario``; raises roi.RoiInputError naming the offending field (its
    ``field`` is a name such as ``rcr_low`` or a dotted path such as ``projects.0.reuse``)."""
    rcr = roi.estimate(
        roi.effective_relative_cost(scenario.rcr, year.rcr if year else None),
        scenario.rcr_low,
        scenario.rcr_high,
        name="rcr",
        check=roi.relative_cost_value,
    )
    rcwr = roi.estimate(
        roi.first_given(scenario.rcwr, year.rcwr if year else None, default=roi.DEFAULT_RCWR),
        scenario.rcwr_low,
        scenario.rcwr_high,
        name="rcwr",
        check=roi.rcwr_value,
    )
    sizes, build_fps = _in_function_points(scenario)
    builds = [
        roi.BuildItem(fp=fp, location=build.location)
        for fp, build in zip(build_fps, scenario.builds, strict=True)
    ]

    def model(point) -> roi.PortfolioResult:
        inputs = []
        for index, (plan, (new_fp, reuse_fps)) in enumerate(
            zip(scenario.projects, sizes, strict=True)
        ):
            unit_cost = (
                plan.unit_cost_eur if plan.unit_cost_eur is not None else scenario.unit_cost_eur
            )
            reuses = [
                roi.Reuse(
                    fp=fp,
                    relative_cost=roi.effective_relative_cost(
                        reuse.relative_cost,
                        reuse.component.relative_cost if reuse.component else None,
                        point["rcr"],
                    ),
                    component=reuse.component,
                )
                for reuse, fp in zip(plan.reuses, reuse_fps, strict=True)
            ]
            try:
                inputs.append(
                    roi.ProjectInput(
                        name=plan.name, new_fp=new_fp, unit_cost_eur=unit_cost, reuses=reuses
                    )
                )
            except roi.RoiInputError as error:
                raise roi.RoiInputError(f"projects.{index}.{error.field}", error.message) from None
        invested = roi.investment(
            builds,
            [scenario.investment_eur],
            unit_cost_eur=scenario.unit_cost_eur,
            rcwr=point["rcwr"],
        )
        return roi.evaluate(inputs, invested)

    exploration = roi.explore(model, {"rcr": rcr, "rcwr": rcwr}, RANGED_OUTPUTS)
    result = exploration.expected
    lines = []
    for plan, project, (_, reuse_fps) in zip(
        scenario.projects, result.projects, sizes, strict=True
    ):
        unit_cost = plan.unit_cost_eur if plan.unit_cost_eur is not None else scenario.unit_cost_eur
        for reuse, fp in zip(plan.reuses, reuse_fps, strict=True):
            source = _relative_cost_source(reuse)
            relative_cost = roi.effective_relative_cost(
                reuse.relative_cost,
                reuse.component.relative_cost if reuse.component else None,
                rcr.expected,
            )
            own = roi.Estimate(relative_cost, relative_cost, relative_cost)
            lines.append(
                ReuseLine(
                    project=project.name,
                    component=reuse.component,
                    size=reuse.size,
                    fp=fp,
                    relative_cost=relative_cost,
                    relative_cost_source=source,
                    cost_avoided_eur=roi.cost_avoided(
                        roi.Reuse(fp=fp, relative_cost=relative_cost), unit_cost
                    ),
                    payoff=roi.payoff_span(rcwr, rcr if source == "scenario" else own),
                )
            )
    return ScenarioResult(
        scenario=scenario,
        result=result,
        rcr=rcr,
        rcwr=rcwr,
        spans=exploration.spans,
        sensitivity=exploration.sensitivity,
        lines=lines,
    )
