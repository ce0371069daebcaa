"""The planning scenario service (catalogue/savings/scenario.py)."""

from decimal import Decimal as D

import pytest

from catalogue.savings import roi
from catalogue.savings.scenario import (
    FP,
    PERSON_DAYS,
    BuildPlan,
    ProjectPlan,
    ReusePlan,
    Scenario,
    evaluate_scenario,
)
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_scenario_in_person_days_gives_the_same_money_as_in_function_points():
    keycloak = factories.component(slug="keycloak")
    in_fp = Scenario(
        projects=(ProjectPlan(size=D(200), name="A", reuses=(ReusePlan(D(30), keycloak),)),),
        unit_cost_eur=D(1000),
        builds=(BuildPlan(D(10), roi.CENTRAL),),
    )
    in_days = Scenario(
        projects=(ProjectPlan(size=D(2000), name="A", reuses=(ReusePlan(D(300), keycloak),)),),
        unit_cost_eur=D(1000),
        builds=(BuildPlan(D(100), roi.CENTRAL),),
        size_unit=PERSON_DAYS,
        productivity=roi.Productivity(D(10), roi.PERSON_DAYS_PER_FP),
    )
    by_fp, by_days = evaluate_scenario(in_fp), evaluate_scenario(in_days)
    assert by_fp.result == by_days.result
    assert by_days.cost_per_person_day == D(100)
    assert by_days.lines[0].size == D(300) and by_days.lines[0].fp == D(30)


def test_person_days_without_a_rate_are_refused():
    scenario = Scenario(
        projects=(ProjectPlan(size=D(10)),), unit_cost_eur=D(1), size_unit=PERSON_DAYS
    )
    with pytest.raises(roi.RoiInputError) as error:
        evaluate_scenario(scenario)
    assert error.value.field == "productivity"


def test_ranges_sensitivity_and_payoff_of_two_projects():
    keycloak = factories.component(slug="keycloak")
    own = factories.component(slug="own-cost", relative_cost=D("0.5"))
    scenario = Scenario(
        projects=(
            ProjectPlan(size=D(1000), name="A", reuses=(ReusePlan(D(500), keycloak),)),
            ProjectPlan(size=D(1000), name="B", reuses=(ReusePlan(D(500), own),)),
        ),
        unit_cost_eur=D(1000),
        investment_eur=D(50_000),
        builds=(BuildPlan(D(100), roi.CENTRAL),),
        rcr_low=D("0.1"),
        rcr=D("0.2"),
        rcr_high=D("0.4"),
        rcwr_low=D("1.2"),
        rcwr_high=D(2),
    )
    outcome = evaluate_scenario(scenario)
    # Only keycloak's reuse follows the scenario's RCR: own-cost keeps its 0.5.
    avoided = outcome.spans["cost_avoided_eur"]
    assert (avoided.low, avoided.expected, avoided.high) == (D(550_000), D(650_000), D(700_000))
    investment = outcome.spans["investment_eur"]
    assert (investment.low, investment.expected, investment.high) == (170_000, 200_000, 250_000)
    net = outcome.spans["net_benefit_eur"]
    assert (net.low, net.expected, net.high) == (D(300_000), D(450_000), D(530_000))
    assert [s.input for s in outcome.sensitivity["net_benefit_eur"]] == ["rcr", "rcwr"]
    assert outcome.uncertain
    keycloak_line, own_line = outcome.lines
    assert keycloak_line.relative_cost_source == "scenario"
    assert (keycloak_line.payoff.low, keycloak_line.payoff.expected, keycloak_line.payoff.high) == (
        2,  # 1.2 / 0.9 = 1.33
        2,  # 1.5 / 0.8 = 1.875
        4,  # 2 / 0.6 = 3.33
    )
    assert own_line.relative_cost_source == "component"
    assert (own_line.payoff.low, own_line.payoff.high) == (3, 5)  # 1.2 / 0.5, 2 / 0.5


def test_the_latest_year_gives_the_expected_values_and_low_high_default_to_them():
    year = factories.reuse_year(year=2021, rcr=D("0.3"), rcwr=D(2))
    outcome = evaluate_scenario(
        Scenario(projects=(ProjectPlan(size=D(10)),), unit_cost_eur=D(1)), year=year
    )
    assert outcome.rcr == roi.Estimate(D("0.3"), D("0.3"), D("0.3"))
    assert outcome.rcwr == roi.Estimate(D(2), D(2), D(2))
    assert not outcome.uncertain


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"rcr_low": D("0.5")}, "rcr_low"),  # above the year's expected 0.2
        ({"rcwr_high": D("1.2")}, "rcwr_high"),
        ({"rcr_high": D(2)}, "rcr_high"),
        ({"size_unit": "hours"}, "size_unit"),
    ],
)
def test_invalid_scenarios_name_their_field(changes, field):
    scenario = Scenario(projects=(ProjectPlan(size=D(10)),), unit_cost_eur=D(1), **changes)
    with pytest.raises(roi.RoiInputError) as error:
        evaluate_scenario(scenario)
    assert error.value.field == field


def test_too_much_reuse_names_the_project():
    scenario = Scenario(
        projects=(ProjectPlan(size=D(10)), ProjectPlan(size=D(10), reuses=(ReusePlan(D(11)),))),
        unit_cost_eur=D(1),
        size_unit=FP,
    )
    with pytest.raises(roi.RoiInputError) as error:
        evaluate_scenario(scenario)
    assert error.value.field == "projects.1.reuse"
