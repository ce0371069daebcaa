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
