"""The planning scenario service: a manager's plan (projects, the components they will reuse,
costs) evaluated with the ROI model. The calculator page and ``POST /api/roi/calculate/`` both
call ``evaluate_scenario``; neither does arithmetic of its own.

Defaults, in one place: a reuse's relative cost is its own, else the component's, else the
scenario's, else the latest measured year's, else Poulin's; likewise for RCWR.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from catalogue.models import Component, ReuseYear
from catalogue.savings import roi

# Input bounds: every result stays a finite number a person can read.
MAX_FP = Decimal(10) ** 9
MAX_EUR = Decimal(10) ** 15
MAX_PROJECTS = 500
MAX_REUSES = 200


@dataclass(frozen=True)
class ReusePlan:
    fp: Decimal
    component: Component | None = None
    relative_cost: Decimal | None = None


@dataclass(frozen=True)
class ProjectPlan:
    new_fp: Decimal
    name: str = ""
    unit_cost_eur: Decimal | None = None
    reuses: tuple[ReusePlan, ...] = ()


@dataclass(frozen=True)
class Scenario:
    projects: tuple[ProjectPlan, ...]
    unit_cost_eur: Decimal
    investment_eur: Decimal = roi.ZERO
    rcr: Decimal | None = None
    rcwr: Decimal | None = None


@dataclass(frozen=True)
class ReuseLine:
    """One planned reuse and what it saves."""

    project: str
    component: Component | None
    fp: Decimal
    relative_cost: Decimal
    cost_avoided_eur: Decimal
    uses_to_pay_off: int | None


@dataclass(frozen=True)
class ScenarioResult:
    result: roi.PortfolioResult
    rcr: Decimal
    rcwr: Decimal
    lines: list[ReuseLine] = field(default_factory=list)

    @property
    def investment_given(self) -> bool:
        return bool(self.result.investment_eur)


def latest_year() -> ReuseYear | None:
    return ReuseYear.objects.order_by("-year").first()


def evaluate_scenario(scenario: Scenario, *, year: ReuseYear | None = None) -> ScenarioResult:
    """Evaluate ``scenario``; raises roi.RoiInputError naming the offending field (its
    ``field`` is a dotted path such as ``projects.0.reuse``)."""
    rcr = roi.effective_relative_cost(scenario.rcr, year.rcr if year else None)
    rcwr = roi.first_given(scenario.rcwr, year.rcwr if year else None, default=roi.DEFAULT_RCWR)
    inputs, lines = [], []
    for index, plan in enumerate(scenario.projects):
        unit_cost = plan.unit_cost_eur if plan.unit_cost_eur is not None else scenario.unit_cost_eur
        reuses = []
        for reuse in plan.reuses:
            component_rcr = reuse.component.relative_cost if reuse.component else None
            reuses.append(
                roi.Reuse(
                    fp=reuse.fp,
                    relative_cost=roi.effective_relative_cost(
                        reuse.relative_cost, component_rcr, rcr
                    ),
                    component=reuse.component,
                )
            )
        try:
            project = roi.ProjectInput(
                name=plan.name, new_fp=plan.new_fp, unit_cost_eur=unit_cost, reuses=reuses
            )
        except roi.RoiInputError as error:
            raise roi.RoiInputError(f"projects.{index}.{error.field}", error.message) from None
        inputs.append(project)
        lines += [
            ReuseLine(
                project=plan.name,
                component=reuse.component,
                fp=reuse.fp,
                relative_cost=reuse.relative_cost,
                cost_avoided_eur=roi.cost_avoided(reuse, unit_cost),
                uses_to_pay_off=roi.uses_to_pay_off(rcwr, reuse.relative_cost),
            )
            for reuse in reuses
        ]
    return ScenarioResult(
        result=roi.evaluate(inputs, scenario.investment_eur), rcr=rcr, rcwr=rcwr, lines=lines
    )
