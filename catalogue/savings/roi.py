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

Planning adds (at the end of the module): sizes in person-days converted with the productivity
rate the user states (never an assumed one), and uncertain inputs given as low / expected / high
``Estimate``s, explored for the range of each result and a one-at-a-time sensitivity.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

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


def relative_cost_value(value, name: str = "rcr") -> Decimal:
    """``value`` as a relative cost of reuse, checked against its bounds (0 to 1.5)."""
    return _relative_cost(value, name)


def rcwr_value(value, name: str = "rcwr") -> Decimal:
    """``value`` as a relative cost of writing for reuse, checked against its bounds (1 to 5)."""
    return _rcwr(value, name)


def _rcwr(value, name: str = "rcwr") -> Decimal:
    result = _decimal(value, name)
    if result < MIN_RCWR or result > MAX_RCWR:
        raise RoiInputError(
            name,
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


# -- planning: sizes in person-days -------------------------------------------------------------

FP_PER_PERSON_DAY = "fp-per-person-day"
PERSON_DAYS_PER_FP = "person-days-per-fp"
PRODUCTIVITY_UNITS = (FP_PER_PERSON_DAY, PERSON_DAYS_PER_FP)
# A rate outside these bounds, in either unit, is a typing error rather than a team.
MIN_PRODUCTIVITY = Decimal("0.001")
MAX_PRODUCTIVITY = Decimal(1000)
# Converted function points are kept to this many places, so that sums of them are exact.
FP_PLACES = Decimal("1e-9")


@dataclass(frozen=True)
class Productivity:
    """A productivity rate as the user states it: function points per person-day, or
    person-days per function point. There is no default: it varies too much between teams,
    technologies and the way function points are counted to be assumed."""

    value: Decimal
    unit: str = FP_PER_PERSON_DAY

    def __post_init__(self):
        value = _decimal(self.value, "productivity")
        if not MIN_PRODUCTIVITY <= value <= MAX_PRODUCTIVITY:
            raise RoiInputError(
                "productivity", f"must be between {MIN_PRODUCTIVITY} and {MAX_PRODUCTIVITY}"
            )
        if self.unit not in PRODUCTIVITY_UNITS:
            raise RoiInputError("productivity_unit", f"must be one of {PRODUCTIVITY_UNITS}")
        object.__setattr__(self, "value", value)

    def function_points(self, person_days) -> Decimal:
        """Function points delivered in ``person_days`` at this rate (to ``FP_PLACES``)."""
        person_days = _non_negative(person_days, "person_days")
        if self.unit == FP_PER_PERSON_DAY:
            fp = person_days * self.value
        else:
            fp = person_days / self.value
        return fp.quantize(FP_PLACES, rounding=ROUND_HALF_EVEN)

    def cost_per_person_day(self, unit_cost_eur) -> Decimal:
        """What a unit cost per function point means per person-day at this rate."""
        unit_cost_eur = _non_negative(unit_cost_eur, "unit_cost_eur")
        if self.unit == FP_PER_PERSON_DAY:
            return unit_cost_eur * self.value
        return unit_cost_eur / self.value


def project_in_function_points(
    new_person_days, reuse_person_days: Sequence, productivity: Productivity
) -> tuple[Decimal, tuple[Decimal, ...]]:
    """A project's size and its reuses, given in person-days, in function points.

    Converting each figure on its own could let rounding push the reuses a hair above the
    project's size. So the reuses are converted, and the project's size is their sum plus the
    converted remainder: when the reuses fit in person-days, they fit in function points.
    """
    reuse_person_days = [_non_negative(days, "person_days") for days in reuse_person_days]
    check_reuse_fits(new_person_days, reuse_person_days)
    reused = tuple(productivity.function_points(days) for days in reuse_person_days)
    remainder = _non_negative(new_person_days, "new_person_days") - sum(reuse_person_days, ZERO)
    return sum(reused, ZERO) + productivity.function_points(remainder), reused


# -- planning under uncertainty -----------------------------------------------------------------


@dataclass(frozen=True)
class Estimate:
    """An uncertain input: low, expected and high values (low <= expected <= high)."""

    low: Decimal
    expected: Decimal
    high: Decimal

    def __post_init__(self):
        if self.low > self.expected:
            raise RoiInputError("low", f"may not be above the expected value ({self.expected})")
        if self.high < self.expected:
            raise RoiInputError("high", f"may not be below the expected value ({self.expected})")

    @property
    def uncertain(self) -> bool:
        return self.low != self.high


def estimate(
    expected,
    low=None,
    high=None,
    *,
    name: str,
    check: Callable[[object, str], Decimal] = _decimal,
) -> Estimate:
    """An Estimate of the input ``name``; a missing low or high is the expected value. Each
    value goes through ``check`` (e.g. ``relative_cost_value``); errors name ``name_low``,
    ``name`` or ``name_high``."""
    expected = check(expected, name)
    low = expected if low is None else check(low, f"{name}_low")
    high = expected if high is None else check(high, f"{name}_high")
    try:
        return Estimate(low=low, expected=expected, high=high)
    except RoiInputError as error:
        raise RoiInputError(f"{name}_{error.field}", error.message) from None


@dataclass(frozen=True)
class Span:
    """The range of one result over every combination of the inputs' low and high values.

    ``low`` and ``high`` are None when the result is undefined somewhere in that range (an
    ROI where nothing would be invested)."""

    low: Decimal | None
    expected: Decimal | None
    high: Decimal | None


@dataclass(frozen=True)
class Swing:
    """One input moved from its low to its high value, the others held at expected."""

    input: str
    low: Decimal
    high: Decimal
    at_low: Decimal | None
    at_high: Decimal | None

    @property
    def swing(self) -> Decimal:
        """How far the result moves; zero when it is undefined at either end."""
        if self.at_low is None or self.at_high is None:
            return ZERO
        return abs(self.at_high - self.at_low)


@dataclass(frozen=True)
class Exploration:
    """A model explored over its uncertain inputs: the result at the expected values, the span
    of each output and, per output, the inputs' swings, largest first (a tornado chart)."""

    expected: object
    spans: dict[str, Span]
    sensitivity: dict[str, list[Swing]]


def explore(
    model: Callable[[Mapping[str, Decimal]], object],
    estimates: Mapping[str, Estimate],
    outputs: Mapping[str, Callable[[object], Decimal | None]],
) -> Exploration:
    """Evaluate ``model`` (inputs by name -> a result) at the expected values, at every corner
    of the box the estimates span, and with one input at a time at its low and high values.

    Every output of the reuse model is monotone in each of its inputs (cost avoided falls as
    RCR rises; investment rises with RCWR; ROI = cost avoided / investment - 1), so its
    extremes over the box lie at corners: the span is the least and greatest corner values.
    """
    names = list(estimates)
    results: dict[tuple, object] = {}

    def at(point: Mapping[str, Decimal]):
        key = tuple(point[name] for name in names)
        if key not in results:
            results[key] = model(dict(point))
        return results[key]

    expected_point = {name: estimates[name].expected for name in names}
    expected = at(expected_point)
    corners = [
        dict(zip(names, values, strict=True))
        for values in itertools.product(*((e.low, e.high) for e in estimates.values()))
    ]
    spans, sensitivity = {}, {}
    for output_name, output in outputs.items():
        values = [output(at(corner)) for corner in corners]
        if any(value is None for value in values):
            low = high = None
        else:
            low, high = min(values), max(values)
        spans[output_name] = Span(low=low, expected=output(expected), high=high)
        swings = [
            Swing(
                input=name,
                low=estimates[name].low,
                high=estimates[name].high,
                at_low=output(at({**expected_point, name: estimates[name].low})),
                at_high=output(at({**expected_point, name: estimates[name].high})),
            )
            for name in names
        ]
        sensitivity[output_name] = sorted(swings, key=lambda s: (-s.swing, s.input))
    return Exploration(expected=expected, spans=spans, sensitivity=sensitivity)


@dataclass(frozen=True)
class PayoffSpan:
    """Uses after which building for reuse pays off (Gaffney-Durek), at the expected values and
    at the most and least favourable ends of the RCR and RCWR estimates; None: never."""

    low: int | None
    expected: int | None
    high: int | None


def payoff_span(rcwr: Estimate, rcr: Estimate) -> PayoffSpan:
    """RCWR / (1 - RCR) rises with both inputs: the fewest uses at both lows, the most at both
    highs."""
    return PayoffSpan(
        low=uses_to_pay_off(rcwr.low, rcr.low),
        expected=uses_to_pay_off(rcwr.expected, rcr.expected),
        high=uses_to_pay_off(rcwr.high, rcr.high),
    )
