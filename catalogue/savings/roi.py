"""Reuse economics: what reusing catalogue components saves.

Pure Python (no Django): views, the API, the admin and the ``roi_report`` command gather the
inputs and call these functions. Exact ``Decimal`` arithmetic throughout; rounding happens only
for display (``whole_euros``, ``whole_percent``).

The model follows J. Poulin, *Measuring Software Reuse* (1997), sized in function points:

* per project: ``cost_without_reuse = new_fp * unit_cost``;
  ``cost_avoided = sum(fp * unit_cost * (1 - relative_cost))`` over the project's reuses;
  ``actual_cost = cost_without_reuse - cost_avoided``;
* reuse share = sum of reused fp / sum of new fp, weighted by function points (never an
  average of project percentages);
* investment = reusable code built (inside a consuming project at ``RCWR - 1`` times the unit
  cost, since the project would have built it anyway; centrally at ``RCWR``) plus programme
  costs in EUR;
* ``net_benefit = cost_avoided - investment``; ``roi = net_benefit / investment``, undefined
  when nothing was invested;
* Gaffney & Durek (1989): building a component for reuse pays off after more than
  ``RCWR / (1 - RCR)`` uses.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

ZERO = Decimal(0)
ONE = Decimal(1)
# Poulin's defaults: reusing costs 20 % of building; writing for reuse costs 150 %.
DEFAULT_RCR = Decimal("0.2")
DEFAULT_RCWR = Decimal("1.5")
# A reuse may cost more than building anew (a bad fit), but not without bound.
MAX_RELATIVE_COST = Decimal("1.5")
# Writing for reuse never costs less than writing once; five times is beyond any published study.
MIN_RCWR = Decimal(1)
MAX_RCWR = Decimal(5)

IN_PROJECT = "in-project"
CENTRAL = "central"


class RoiInputError(ValueError):
    """An input the model cannot accept; ``field`` names it (dotted path)."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def _decimal(value, name: str) -> Decimal:
    if isinstance(value, bool):
        raise RoiInputError(name, "must be a number")
    try:
        result = value if isinstance(value, Decimal) else Decimal(str(value))
    except ArithmeticError as exc:  # decimal.InvalidOperation
        raise RoiInputError(name, "must be a number") from exc
    if not result.is_finite():
        raise RoiInputError(name, "must be a finite number")
    return result


def _non_negative(value, name: str) -> Decimal:
    result = _decimal(value, name)
    if result < 0:
        raise RoiInputError(name, "may not be negative")
    return result


def _relative_cost(value, name: str) -> Decimal:
    result = _decimal(value, name)
    if result < 0 or result > MAX_RELATIVE_COST:
        raise RoiInputError(name, f"must be between 0 and {MAX_RELATIVE_COST}")
    return result


def first_given(*candidates: Decimal | None, default: Decimal) -> Decimal:
    """The first value given (not None), most specific first, else ``default``."""
    return next((candidate for candidate in candidates if candidate is not None), default)


def effective_relative_cost(*candidates: Decimal | None) -> Decimal:
    """The first relative cost given, most specific first (the reuse's own, the component's,
    the scenario's or year's), else Poulin's default."""
    return first_given(*candidates, default=DEFAULT_RCR)


def check_reuse_fits(new_fp, reused_fps: Iterable) -> None:
    """Reused function points are part of the new functionality: together they may not
    exceed it. Raises RoiInputError (field ``reuse``)."""
    new_fp = _non_negative(new_fp, "new_fp")
    reused = sum((_non_negative(fp, "fp") for fp in reused_fps), ZERO)
    if reused > new_fp:
        raise RoiInputError(
            "reuse",
            f"reused function points ({reused}) exceed the new functionality ({new_fp})",
        )


def _rcwr(value) -> Decimal:
    result = _decimal(value, "rcwr")
    if result < MIN_RCWR or result > MAX_RCWR:
        raise RoiInputError(
            "rcwr",
            f"must be between {MIN_RCWR} and {MAX_RCWR} (writing for reuse never costs less)",
        )
    return result


@dataclass(frozen=True)
class Reuse:
    """Function points of a project supplied by one reused component."""

    fp: Decimal
    relative_cost: Decimal = DEFAULT_RCR
    component: Hashable | None = None

    def __post_init__(self):
        object.__setattr__(self, "fp", _non_negative(self.fp, "fp"))
        object.__setattr__(
            self, "relative_cost", _relative_cost(self.relative_cost, "relative_cost")
        )


@dataclass(frozen=True)
class ProjectInput:
    name: str
    new_fp: Decimal
    unit_cost_eur: Decimal
    reuses: tuple[Reuse, ...] = ()
    clients: tuple[Hashable, ...] = ()

    def __post_init__(self):
        object.__setattr__(self, "new_fp", _non_negative(self.new_fp, "new_fp"))
        object.__setattr__(
            self, "unit_cost_eur", _non_negative(self.unit_cost_eur, "unit_cost_eur")
        )
        object.__setattr__(self, "reuses", tuple(self.reuses))
        object.__setattr__(self, "clients", tuple(self.clients))
        check_reuse_fits(self.new_fp, (reuse.fp for reuse in self.reuses))


@dataclass(frozen=True)
class BuildItem:
    """Reusable code built for others to reuse: part of the investment."""

    fp: Decimal
    location: str = CENTRAL
    component: Hashable | None = None

    def __post_init__(self):
        object.__setattr__(self, "fp", _non_negative(self.fp, "fp"))
        if self.location not in (IN_PROJECT, CENTRAL):
            raise RoiInputError("location", f"must be {IN_PROJECT!r} or {CENTRAL!r}")


@dataclass(frozen=True)
class ProjectResult:
    name: str
    new_fp: Decimal
    reused_fp: Decimal
    cost_without_reuse_eur: Decimal
    cost_avoided_eur: Decimal
    actual_cost_eur: Decimal
    clients: tuple[Hashable, ...] = ()

    @property
    def reuse_share(self) -> Decimal | None:
        return self.reused_fp / self.new_fp if self.new_fp else None


@dataclass(frozen=True)
class PortfolioResult:
    projects: tuple[ProjectResult, ...]
    new_fp: Decimal
    reused_fp: Decimal
    cost_without_reuse_eur: Decimal
    cost_avoided_eur: Decimal
    actual_cost_eur: Decimal
    investment_eur: Decimal

    @property
    def reuse_share(self) -> Decimal | None:
        """Weighted by function points: total reused over total new."""
        return self.reused_fp / self.new_fp if self.new_fp else None

    @property
    def net_benefit_eur(self) -> Decimal:
        return self.cost_avoided_eur - self.investment_eur

    @property
    def roi(self) -> Decimal | None:
        """(cost avoided - investment) / investment; None when nothing was invested."""
        return self.net_benefit_eur / self.investment_eur if self.investment_eur else None

    @property
    def benefit_cost_ratio(self) -> Decimal | None:
        """Cost avoided per euro invested; None when nothing was invested."""
        return self.cost_avoided_eur / self.investment_eur if self.investment_eur else None


def cost_avoided(reuse: Reuse, unit_cost_eur: Decimal) -> Decimal:
    """What one reuse saved: the fp it supplied, at the unit cost, less the cost of reusing."""
    return reuse.fp * unit_cost_eur * (ONE - reuse.relative_cost)


def evaluate_project(project: ProjectInput) -> ProjectResult:
    cost_without = project.new_fp * project.unit_cost_eur
    avoided = sum((cost_avoided(reuse, project.unit_cost_eur) for reuse in project.reuses), ZERO)
    reused = sum((reuse.fp for reuse in project.reuses), ZERO)
    return ProjectResult(
        name=project.name,
        new_fp=project.new_fp,
        reused_fp=reused,
        cost_without_reuse_eur=cost_without,
        cost_avoided_eur=avoided,
        actual_cost_eur=cost_without - avoided,
        clients=project.clients,
    )


def build_cost(item: BuildItem, unit_cost_eur: Decimal, rcwr: Decimal = DEFAULT_RCWR) -> Decimal:
    """What writing ``item`` for reuse cost beyond what would have been spent anyway."""
    unit_cost_eur = _non_negative(unit_cost_eur, "unit_cost_eur")
    rcwr = _rcwr(rcwr)
    factor = rcwr - ONE if item.location == IN_PROJECT else rcwr
    return item.fp * unit_cost_eur * factor


def investment(
    build_items: Iterable[BuildItem] = (),
    programme_costs_eur: Iterable[Decimal] = (),
    *,
    unit_cost_eur: Decimal,
    rcwr: Decimal = DEFAULT_RCWR,
) -> Decimal:
    built = sum((build_cost(item, unit_cost_eur, rcwr) for item in build_items), ZERO)
    programme = sum((_non_negative(cost, "programme_cost") for cost in programme_costs_eur), ZERO)
    return built + programme


def evaluate(projects: Iterable[ProjectInput], investment_eur: Decimal = ZERO) -> PortfolioResult:
    results = tuple(evaluate_project(project) for project in projects)
    return PortfolioResult(
        projects=results,
        new_fp=sum((r.new_fp for r in results), ZERO),
        reused_fp=sum((r.reused_fp for r in results), ZERO),
        cost_without_reuse_eur=sum((r.cost_without_reuse_eur for r in results), ZERO),
        cost_avoided_eur=sum((r.cost_avoided_eur for r in results), ZERO),
        actual_cost_eur=sum((r.actual_cost_eur for r in results), ZERO),
        investment_eur=_non_negative(investment_eur, "investment_eur"),
    )


@dataclass
class SavingsLine:
    """Savings attributed to one key (a component, an institution)."""

    key: Hashable
    uses: int = 0
    projects: set = field(default_factory=set)
    fp: Decimal = ZERO
    cost_avoided_eur: Decimal = ZERO

    @property
    def project_count(self) -> int:
        return len(self.projects)


def savings_by_component(projects: Iterable[ProjectInput]) -> list[SavingsLine]:
    """Cost avoided per reused component, largest first."""
    lines: dict[Hashable, SavingsLine] = {}
    for project in projects:
        for reuse in project.reuses:
            line = lines.setdefault(reuse.component, SavingsLine(key=reuse.component))
            line.uses += 1
            line.projects.add(project.name)
            line.fp += reuse.fp
            line.cost_avoided_eur += cost_avoided(reuse, project.unit_cost_eur)
    return sorted(lines.values(), key=lambda line: (-line.cost_avoided_eur, str(line.key)))


def savings_by_client(projects: Iterable[ProjectInput]) -> list[SavingsLine]:
    """Cost avoided per client institution, largest first.

    A project commissioned by several institutions is shared equally among them, so the lines
    add up to the portfolio's total.
    """
    lines: dict[Hashable, SavingsLine] = {}
    for project in projects:
        result = evaluate_project(project)
        clients = project.clients or (None,)
        share = Decimal(len(clients))
        for client in clients:
            line = lines.setdefault(client, SavingsLine(key=client))
            line.uses += len(project.reuses)
            line.projects.add(project.name)
            line.fp += result.reused_fp / share
            line.cost_avoided_eur += result.cost_avoided_eur / share
    return sorted(lines.values(), key=lambda line: (-line.cost_avoided_eur, str(line.key)))


def savings_of_reuses(
    key: Hashable, reuses: Iterable[tuple[Hashable, Reuse, Decimal]]
) -> SavingsLine:
    """Totals of (project, reuse, unit cost) triples, for one component across projects."""
    line = SavingsLine(key=key)
    for project, reuse, unit_cost_eur in reuses:
        line.uses += 1
        line.projects.add(project)
        line.fp += reuse.fp
        line.cost_avoided_eur += cost_avoided(reuse, _non_negative(unit_cost_eur, "unit_cost_eur"))
    return line


def payoff_threshold(rcwr: Decimal = DEFAULT_RCWR, rcr: Decimal = DEFAULT_RCR) -> Decimal | None:
    """Gaffney & Durek: building for reuse pays off after more than RCWR / (1 - RCR) uses.

    None when a reuse saves nothing (RCR >= 1): it never pays off.
    """
    rcwr = _rcwr(rcwr)
    rcr = _relative_cost(rcr, "rcr")
    if rcr >= ONE:
        return None
    return rcwr / (ONE - rcr)


def uses_to_pay_off(rcwr: Decimal = DEFAULT_RCWR, rcr: Decimal = DEFAULT_RCR) -> int | None:
    """The smallest whole number of uses strictly above the payoff threshold."""
    threshold = payoff_threshold(rcwr, rcr)
    if threshold is None:
        return None
    return int(threshold.to_integral_value(rounding=ROUND_FLOOR)) + 1


def whole_euros(amount: Decimal | None) -> int | None:
    if amount is None:
        return None
    return int(amount.to_integral_value(rounding=ROUND_HALF_UP))


def whole_percent(ratio: Decimal | None) -> int | None:
    if ratio is None:
        return None
    return int((ratio * 100).to_integral_value(rounding=ROUND_HALF_UP))


def rounded(ratio: Decimal | None, places: int = 4) -> Decimal | None:
    if ratio is None:
        return None
    return ratio.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
