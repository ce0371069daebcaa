"""The pure ROI model (catalogue/roi.py): no database, no Django."""

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalogue.savings import roi

D = Decimal
ROOT = Path(__file__).resolve().parent.parent

fps = st.decimals(min_value=0, max_value=10_000, places=2, allow_nan=False, allow_infinity=False)
costs = st.decimals(min_value=0, max_value=5_000, places=2, allow_nan=False, allow_infinity=False)
relative_costs = st.decimals(min_value=0, max_value=D("1.5"), places=3)
savings_relative_costs = st.decimals(min_value=0, max_value=1, places=3)


@st.composite
def projects(draw, relative=relative_costs):
    new_fp = draw(fps)
    reuses = []
    remaining = new_fp
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        fp = draw(st.decimals(min_value=0, max_value=remaining, places=2))
        remaining -= fp
        reuses.append(roi.Reuse(fp=fp, relative_cost=draw(relative)))
    return roi.ProjectInput(name="p", new_fp=new_fp, unit_cost_eur=draw(costs), reuses=reuses)


def test_worked_example_from_the_issue():
    project = roi.ProjectInput(
        name="X",
        new_fp=D(800),
        unit_cost_eur=D(1000),
        reuses=[roi.Reuse(fp=D(300)), roi.Reuse(fp=D(100), relative_cost=D("0.3"))],
    )
    result = roi.evaluate([project])
    assert result.reuse_share == D("0.5")
    assert result.cost_without_reuse_eur == D(800_000)
    assert result.cost_avoided_eur == D(300 * 1000 * 0.8 + 100 * 1000 * 0.7)
    assert result.actual_cost_eur == D(800_000) - D(310_000)
    assert result.roi is None  # nothing invested: undefined, not zero or infinite


def test_published_2020_aggregates_from_the_illustrative_totals():
    # 25,660 FP of new functionality, 16,413 reused, EUR 1,000 per FP, RCR 0.2; EUR 9 M invested.
    result = roi.evaluate(
        [roi.ProjectInput("all", D(25_660), D(1000), [roi.Reuse(D(16_413))])], D(9_000_000)
    )
    assert roi.whole_percent(result.reuse_share) == 64
    assert result.cost_avoided_eur == D(13_130_400)
    assert result.net_benefit_eur == D(4_130_400)
    assert roi.whole_percent(result.roi) == 46
    assert roi.rounded(result.benefit_cost_ratio, 3) == D("1.459")


def test_reuse_share_is_weighted_by_function_points_not_averaged():
    small = roi.ProjectInput("small", D(100), D(1000), [roi.Reuse(D(100))])  # 100 %
    large = roi.ProjectInput("large", D(900), D(1000), [])  # 0 %
    result = roi.evaluate([small, large])
    assert result.reuse_share == D("0.1")  # not the 50 % average of the two percentages


def test_investment_charges_in_project_builds_at_rcwr_minus_one():
    items = [roi.BuildItem(D(2500), roi.IN_PROJECT), roi.BuildItem(D(3600), roi.CENTRAL)]
    total = roi.investment(items, [D(2_350_000)], unit_cost_eur=D(1000), rcwr=D("1.5"))
    assert total == D(1_250_000) + D(5_400_000) + D(2_350_000)


@pytest.mark.parametrize(
    ("rcwr", "rcr", "threshold", "uses"),
    [(D("1.5"), D("0.2"), D("1.875"), 2), (D("2"), D("0.5"), D(4), 5), (D(1), D(0), D(1), 2)],
)
def test_gaffney_durek_payoff(rcwr, rcr, threshold, uses):
    assert roi.payoff_threshold(rcwr, rcr) == threshold
    assert roi.uses_to_pay_off(rcwr, rcr) == uses  # strictly more than the threshold


def test_a_reuse_that_costs_as_much_as_building_never_pays_off():
    assert roi.payoff_threshold(D("1.5"), D(1)) is None
    assert roi.uses_to_pay_off(D("1.5"), D("1.2")) is None


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"new_fp": D(-1), "unit_cost_eur": D(1)}, "new_fp"),
        ({"new_fp": D(1), "unit_cost_eur": D(-5)}, "unit_cost_eur"),
        ({"new_fp": D(10), "unit_cost_eur": D(1), "reuses": [roi.Reuse(D(11))]}, "reuse"),
        ({"new_fp": D(1), "unit_cost_eur": "abc"}, "unit_cost_eur"),
        ({"new_fp": D("NaN"), "unit_cost_eur": D(1)}, "new_fp"),
    ],
)
def test_invalid_project_inputs_are_refused_naming_the_field(kwargs, field):
    with pytest.raises(roi.RoiInputError) as error:
        roi.ProjectInput(name="p", **kwargs)
    assert error.value.field == field


@pytest.mark.parametrize("value", [D("-0.1"), D("1.51"), D("Infinity")])
def test_relative_cost_outside_its_range_is_refused(value):
    with pytest.raises(roi.RoiInputError):
        roi.Reuse(fp=D(1), relative_cost=value)


def test_negative_investment_is_refused():
    with pytest.raises(roi.RoiInputError):
        roi.evaluate([], D(-1))


def test_display_rounding():
    assert roi.whole_euros(D("13130400.4999")) == 13_130_400
    assert roi.whole_euros(D("0.5")) == 1
    assert roi.whole_percent(D("0.6396")) == 64
    assert roi.whole_percent(None) is None


@given(st.lists(projects(), max_size=5))
def test_reuse_share_stays_between_zero_and_one(portfolio):
    share = roi.evaluate(portfolio).reuse_share
    if sum(project.new_fp for project in portfolio) == 0:
        assert share is None  # no new functionality: no share to speak of
    else:
        assert D(0) <= share <= D(1)


@given(projects(relative=savings_relative_costs))
def test_cost_avoided_never_exceeds_cost_without_reuse(project):
    result = roi.evaluate_project(project)
    assert D(0) <= result.cost_avoided_eur <= result.cost_without_reuse_eur
    assert result.actual_cost_eur == result.cost_without_reuse_eur - result.cost_avoided_eur


@given(fps, costs)
def test_a_reuse_with_relative_cost_one_saves_nothing(fp, unit_cost):
    project = roi.ProjectInput("p", fp, unit_cost, [roi.Reuse(fp, relative_cost=D(1))])
    assert roi.evaluate_project(project).cost_avoided_eur == 0


@given(st.lists(projects(), max_size=5), st.decimals(min_value=1, max_value=10**7, places=2))
def test_roi_is_net_benefit_over_investment(portfolio, invested):
    result = roi.evaluate(portfolio, invested)
    assert result.roi == (result.cost_avoided_eur - invested) / invested
    assert result.net_benefit_eur == result.cost_avoided_eur - invested


@given(st.lists(projects(), max_size=5))
def test_totals_are_sums_of_projects(portfolio):
    result = roi.evaluate(portfolio)
    assert result.cost_avoided_eur == sum(p.cost_avoided_eur for p in result.projects)
    assert result.new_fp == sum(p.new_fp for p in portfolio)


@given(st.lists(projects(), max_size=5))
def test_savings_by_component_and_by_client_add_up_to_the_total(portfolio):
    total = roi.evaluate(portfolio).cost_avoided_eur
    assert sum(line.cost_avoided_eur for line in roi.savings_by_component(portfolio)) == total
    by_client = sum(line.cost_avoided_eur for line in roi.savings_by_client(portfolio))
    assert abs(by_client - total) < D("0.0001")


def test_module_imports_nothing_from_django_or_the_rest_of_the_project():
    import ast
    from pathlib import Path

    tree = ast.parse(Path(roi.__file__).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"relative import from {node.module!r}"
            imported.add(node.module)
    assert imported  # the walk found the imports (dataclasses, decimal...)
    forbidden = {
        name
        for name in imported
        if name.split(".")[0] in {"django", "rest_framework", "catalogue", "reuse"}
        and name != "catalogue.savings.roi"
    }
    assert not forbidden
    outside_stdlib = {n for n in imported if n.split(".")[0] not in sys.stdlib_module_names}
    assert not outside_stdlib, "roi.py imports only the standard library"


def test_module_runs_without_django():
    # A fresh interpreter where importing Django fails: roi.py still imports and computes.
    code = """
import sys

class NoDjango:
    def find_spec(self, name, path=None, target=None):
        if name == "django" or name.startswith("django."):
            raise ImportError("Django is not available here")

sys.meta_path.insert(0, NoDjango())
from decimal import Decimal
from catalogue.savings import roi
result = roi.evaluate([roi.ProjectInput(name="p", new_fp=Decimal(100), unit_cost_eur=Decimal(10),
                                        reuses=[roi.Reuse(fp=Decimal(50))])])
assert not [m for m in sys.modules if m == "django" or m.startswith("django.")]
print(result.reuse_share)
"""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "0.5"


# -- planning: person-days, estimates, ranges and sensitivity -----------------------------------

rates = st.decimals(min_value=D("0.001"), max_value=1000, places=3)
units = st.sampled_from(roi.PRODUCTIVITY_UNITS)


def test_productivity_converts_person_days_in_either_unit():
    per_day = roi.Productivity(D("0.1"), roi.FP_PER_PERSON_DAY)
    per_fp = roi.Productivity(D(10), roi.PERSON_DAYS_PER_FP)
    assert per_day.function_points(D(2000)) == per_fp.function_points(D(2000)) == D(200)
    # EUR 1,000 per function point at 0.1 FP a day is EUR 100 a person-day.
    assert per_day.cost_per_person_day(D(1000)) == per_fp.cost_per_person_day(D(1000)) == 100


@pytest.mark.parametrize(
    ("value", "unit", "field"),
    [
        (D(0), roi.FP_PER_PERSON_DAY, "productivity"),
        (D("0.0001"), roi.FP_PER_PERSON_DAY, "productivity"),
        (D(1001), roi.PERSON_DAYS_PER_FP, "productivity"),
        (D("NaN"), roi.FP_PER_PERSON_DAY, "productivity"),
        (D(1), "fp-per-hour", "productivity_unit"),
    ],
)
def test_productivity_outside_its_bounds_is_refused(value, unit, field):
    with pytest.raises(roi.RoiInputError) as error:
        roi.Productivity(value, unit)
    assert error.value.field == field


@given(
    st.lists(st.decimals(min_value=0, max_value=10_000, places=2), max_size=6),
    st.decimals(min_value=0, max_value=10_000, places=2),
    rates,
    units,
)
def test_reuses_that_fit_in_person_days_still_fit_in_function_points(reuses, extra, rate, unit):
    productivity = roi.Productivity(rate, unit)
    new_days = sum(reuses, D(0)) + extra
    new_fp, reused = roi.project_in_function_points(new_days, reuses, productivity)
    roi.ProjectInput("p", new_fp, D(1000), [roi.Reuse(fp) for fp in reused])  # no error
    assert sum(reused, D(0)) <= new_fp
    exact = new_days * rate if unit == roi.FP_PER_PERSON_DAY else new_days / rate
    assert abs(new_fp - exact) <= D("1e-8") * (len(reuses) + 1)


def test_person_day_reuses_above_the_project_are_refused():
    with pytest.raises(roi.RoiInputError) as error:
        roi.project_in_function_points(D(100), [D(60), D(41)], roi.Productivity(D(1)))
    assert error.value.field == "reuse"


def test_estimate_defaults_and_errors_name_the_field():
    assert roi.estimate(D("0.2"), name="rcr") == roi.Estimate(D("0.2"), D("0.2"), D("0.2"))
    assert not roi.estimate(D("0.2"), name="rcr").uncertain
    assert roi.estimate(D("0.2"), D("0.1"), None, name="rcr").high == D("0.2")
    for low, high, field in [(D("0.3"), None, "rcr_low"), (None, D("0.1"), "rcr_high")]:
        with pytest.raises(roi.RoiInputError) as error:
            roi.estimate(D("0.2"), low, high, name="rcr", check=roi.relative_cost_value)
        assert error.value.field == field
    with pytest.raises(roi.RoiInputError) as error:
        roi.estimate(D("1.5"), None, D(6), name="rcwr", check=roi.rcwr_value)
    assert error.value.field == "rcwr_high"  # the bound is checked on each value


def _portfolio_model(portfolio, own_costs, builds, programme):
    """A reuse model of rcr and rcwr: each reuse uses its own relative cost when it has one."""

    def model(point):
        projects = [
            roi.ProjectInput(
                p.name,
                p.new_fp,
                p.unit_cost_eur,
                [
                    roi.Reuse(r.fp, own if own is not None else point["rcr"])
                    for r, own in zip(p.reuses, costs, strict=True)
                ],
            )
            for p, costs in zip(portfolio, own_costs, strict=True)
        ]
        invested = roi.investment(builds, [programme], unit_cost_eur=D(1000), rcwr=point["rcwr"])
        return roi.evaluate(projects, invested)

    return model


OUTPUTS = {
    "cost_avoided_eur": lambda r: r.cost_avoided_eur,
    "net_benefit_eur": lambda r: r.net_benefit_eur,
    "roi": lambda r: r.roi,
}


@st.composite
def planned(draw):
    portfolio = draw(st.lists(projects(), min_size=1, max_size=4))
    own_costs = [
        [draw(st.one_of(st.none(), relative_costs)) for _ in project.reuses]
        for project in portfolio
    ]
    builds = [
        roi.BuildItem(draw(fps), draw(st.sampled_from([roi.IN_PROJECT, roi.CENTRAL])))
        for _ in range(draw(st.integers(0, 2)))
    ]
    programme = draw(st.decimals(min_value=0, max_value=10**6, places=2))
    rcr = sorted(draw(st.lists(relative_costs, min_size=3, max_size=3)))
    rcwr = sorted(
        draw(st.lists(st.decimals(min_value=1, max_value=5, places=3), min_size=3, max_size=3))
    )
    estimates = {"rcr": roi.Estimate(*rcr), "rcwr": roi.Estimate(*rcwr)}
    return _portfolio_model(portfolio, own_costs, builds, programme), estimates


@given(planned(), st.floats(0, 1), st.floats(0, 1))
def test_every_value_inside_the_box_lies_inside_the_span(plan, rcr_at, rcwr_at):
    model, estimates = plan
    exploration = roi.explore(model, estimates, OUTPUTS)

    def between(estimate, at):
        return estimate.low + (estimate.high - estimate.low) * D(str(at))

    inside = model(
        {"rcr": between(estimates["rcr"], rcr_at), "rcwr": between(estimates["rcwr"], rcwr_at)}
    )
    for name, output in OUTPUTS.items():
        span, value = exploration.spans[name], output(inside)
        assert span.expected == output(exploration.expected)
        if span.low is None:
            continue  # undefined somewhere (nothing invested at a corner)
        assert span.low <= span.expected <= span.high
        if value is not None:
            tolerance = D("1e-9") * max(abs(span.low), abs(span.high), D(1))
            assert span.low - tolerance <= value <= span.high + tolerance


@given(planned())
def test_swings_are_sorted_and_stay_inside_the_span(plan):
    model, estimates = plan
    exploration = roi.explore(model, estimates, OUTPUTS)
    for name, swings in exploration.sensitivity.items():
        assert [s.swing for s in swings] == sorted((s.swing for s in swings), reverse=True)
        assert {s.input for s in swings} == {"rcr", "rcwr"}
        span = exploration.spans[name]
        for swing in swings:
            for value in (swing.at_low, swing.at_high):
                if span.low is not None and value is not None:
                    assert span.low <= value <= span.high


def test_sensitivity_of_a_worked_example():
    # 1,000 FP reused at EUR 1,000; 100 FP built centrally; EUR 50,000 of programme costs.
    project = roi.ProjectInput("p", D(2000), D(1000), [roi.Reuse(D(1000))])
    items = [roi.BuildItem(D(100), roi.CENTRAL)]

    def model(point):
        reused = roi.ProjectInput("p", D(2000), D(1000), [roi.Reuse(D(1000), point["rcr"])])
        invested = roi.investment(items, [D(50_000)], unit_cost_eur=D(1000), rcwr=point["rcwr"])
        return roi.evaluate([reused], invested)

    estimates = {
        "rcr": roi.Estimate(D("0.1"), D("0.2"), D("0.4")),
        "rcwr": roi.Estimate(D("1.2"), D("1.5"), D("2")),
    }
    exploration = roi.explore(model, estimates, OUTPUTS)
    assert project.new_fp == D(2000)
    net = exploration.spans["net_benefit_eur"]
    # expected: 800,000 - (150,000 + 50,000); best: 900,000 - 170,000; worst: 600,000 - 250,000
    assert (net.low, net.expected, net.high) == (D(350_000), D(600_000), D(730_000))
    rcr, rcwr = exploration.sensitivity["net_benefit_eur"]
    assert (rcr.input, rcr.at_low, rcr.at_high, rcr.swing) == ("rcr", 700_000, 400_000, 300_000)
    assert (rcwr.input, rcwr.swing) == ("rcwr", D(80_000))


def test_roi_span_is_undefined_when_nothing_is_invested_at_a_corner():
    def model(point):
        items = [roi.BuildItem(D(10), roi.IN_PROJECT)]  # costs RCWR - 1: nothing at RCWR 1
        invested = roi.investment(items, unit_cost_eur=D(1000), rcwr=point["rcwr"])
        return roi.evaluate([roi.ProjectInput("p", D(10), D(1000), [roi.Reuse(D(5))])], invested)

    exploration = roi.explore(
        model, {"rcwr": roi.Estimate(D(1), D("1.5"), D(2))}, {"roi": lambda r: r.roi}
    )
    span = exploration.spans["roi"]
    assert span.low is None and span.high is None and span.expected is not None
    assert exploration.sensitivity["roi"][0].swing == 0


@given(
    st.lists(relative_costs, min_size=3, max_size=3),
    st.lists(st.decimals(min_value=1, max_value=5, places=3), min_size=3, max_size=3),
)
def test_payoff_span_orders_its_ends(rcr, rcwr):
    span = roi.payoff_span(roi.Estimate(*sorted(rcwr)), roi.Estimate(*sorted(rcr)))
    infinite = 10**9  # None: never pays off

    def size(uses):
        return infinite if uses is None else uses

    assert size(span.low) <= size(span.expected) <= size(span.high)
