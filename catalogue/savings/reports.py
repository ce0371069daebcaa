"""Plain-data (JSON) views of ROI results, shared by the API, the ``roi_report`` command and
the calculator's downloads (JSON, and the same figures flattened to CSV)."""

from __future__ import annotations

import csv

from catalogue.savings import roi
from catalogue.savings.formats import number
from catalogue.savings.measurement import COMPONENTS_NOT_NAMED, YearMeasurement
from catalogue.savings.scenario import PERSON_DAYS, Scenario, ScenarioResult

# The figures a project's result and a portfolio's share.
COST_FIGURES = (
    "new_fp", "reused_fp", "reuse_share", "cost_without_reuse_eur", "actual_cost_eur",
    "cost_avoided_eur",
)  # fmt: skip


# Ratios (reuse share, ROI, benefit-cost ratio) are given to six decimal places: exact Decimal
# quotients can have 28 digits, which no reader needs.
RATIO_PLACES = 6
RATIOS = ("reuse_share", "roi", "benefit_cost_ratio")


def ratio(value) -> float | None:
    return None if value is None else round(float(value), RATIO_PLACES)


def _figure(result, name: str):
    value = getattr(result, name)
    return ratio(value) if name in RATIOS else number(value)


def _figures(result) -> dict:
    return {name: _figure(result, name) for name in COST_FIGURES}


def project_figures(result: roi.ProjectResult) -> dict:
    return {"name": result.name, **_figures(result)}


def portfolio_figures(result: roi.PortfolioResult) -> dict:
    return {
        **_figures(result),
        "investment_eur": number(result.investment_eur),
        "net_benefit_eur": number(result.net_benefit_eur),
        "roi": ratio(result.roi),
        "benefit_cost_ratio": ratio(result.benefit_cost_ratio),
        "projects": [project_figures(project) for project in result.projects],
    }


def year_report(measurement: YearMeasurement) -> dict:
    year = measurement.year
    report = {
        "year": year.year,
        "illustrative": year.illustrative,
        "parameters": {
            "unit_cost_eur": number(year.unit_cost_eur),
            "rcr": number(year.rcr),
            "rcwr": number(year.rcwr),
            "uses_to_pay_off": measurement.payoff_uses,
        },
        "published": {
            "projects": year.published_projects,
            "reuse_share": number(year.published_reuse_share),
            "roi": number(year.published_roi),
            "savings_eur": number(year.published_savings_eur),
            "source": year.published_source,
        },
        "project_count": len(measurement.result.projects),
        **portfolio_figures(measurement.result),
    }
    # Per-project and per-component figures say, beside them, whether they are assumptions.
    for project in report["projects"]:
        project["illustrative"] = year.illustrative
    report["by_component"] = [
        {
            "component": line.key.slug if line.key else None,
            "name": line.key.name if line.key else None,
            "components_not_named": line.key is COMPONENTS_NOT_NAMED,
            "illustrative": year.illustrative,
            "uses": line.uses,
            "projects": line.project_count,
            "fp": number(line.fp),
            "cost_avoided_eur": number(line.cost_avoided_eur),
        }
        for line in measurement.by_component
    ]
    report["by_institution"] = [
        {
            "institution": line.key.slug if line.key else None,
            "name": line.key.display_name if line.key else None,
            "projects": line.project_count,
            "cost_avoided_eur": number(line.cost_avoided_eur),
        }
        for line in measurement.by_client
    ]
    return report


# -- planning scenarios -------------------------------------------------------------------------


def _span(span: roi.Span) -> dict:
    return {"low": number(span.low), "expected": number(span.expected), "high": number(span.high)}


def _estimate(value: roi.Estimate) -> dict:
    return {
        "low": number(value.low),
        "expected": number(value.expected),
        "high": number(value.high),
    }


def _size_key(unit: str, fp_key: str, days_key: str) -> str:
    return days_key if unit == PERSON_DAYS else fp_key


def scenario_payload(scenario: Scenario) -> dict:
    """The scenario as ``POST /api/roi/calculate/`` accepts it (the download's "scenario")."""
    unit = scenario.size_unit
    payload = {"unit_cost_eur": number(scenario.unit_cost_eur)}
    if scenario.investment_eur:
        payload["investment_eur"] = number(scenario.investment_eur)
    for name in ("rcr_low", "rcr", "rcr_high", "rcwr_low", "rcwr", "rcwr_high"):
        if getattr(scenario, name) is not None:
            payload[name] = number(getattr(scenario, name))
    if scenario.productivity is not None:
        payload["productivity"] = {
            "value": number(scenario.productivity.value),
            "unit": scenario.productivity.unit,
        }
    if scenario.builds:
        payload["build"] = [
            {_size_key(unit, "fp", "person_days"): number(build.size), "location": build.location}
            for build in scenario.builds
        ]
    projects = []
    for plan in scenario.projects:
        project = {
            "name": plan.name,
            _size_key(unit, "new_fp", "new_person_days"): number(plan.size),
        }
        if plan.unit_cost_eur is not None:
            project["unit_cost_eur"] = number(plan.unit_cost_eur)
        reuses = []
        for reuse in plan.reuses:
            item = {_size_key(unit, "fp", "person_days"): number(reuse.size)}
            if reuse.component is not None:
                item["component"] = reuse.component.slug
            if reuse.relative_cost is not None:
                item["relative_cost"] = number(reuse.relative_cost)
            reuses.append(item)
        project["reuse"] = reuses
        projects.append(project)
    payload["projects"] = projects
    return payload


def scenario_figures(outcome: ScenarioResult) -> dict:
    """The evaluated scenario: the portfolio's figures at the expected values (the API's
    original answer, unchanged), then the parameters used, each result's range, the inputs'
    sensitivity and each planned reuse with its payoff threshold."""
    scenario = outcome.scenario
    productivity = scenario.productivity if outcome.person_days else None
    return {
        **portfolio_figures(outcome.result),
        "size_unit": scenario.size_unit,
        "parameters": {
            "unit_cost_eur": number(scenario.unit_cost_eur),
            "rcr": _estimate(outcome.rcr),
            "rcwr": _estimate(outcome.rcwr),
            "productivity": (
                {"value": number(productivity.value), "unit": productivity.unit}
                if productivity
                else None
            ),
            "cost_per_person_day_eur": number(outcome.cost_per_person_day),
        },
        "ranges": {name: _span(span) for name, span in outcome.spans.items()},
        "sensitivity": [
            {
                "output": output,
                "input": swing.input,
                "low": number(swing.low),
                "high": number(swing.high),
                "at_low": number(swing.at_low),
                "at_high": number(swing.at_high),
                "swing": number(swing.swing),
            }
            for output, swings in outcome.sensitivity.items()
            for swing in swings
        ],
        "reuses": [
            {
                "project": line.project,
                "component": line.component.slug if line.component else None,
                "size": number(line.size),
                "fp": number(line.fp),
                "relative_cost": number(line.relative_cost),
                "relative_cost_from": line.relative_cost_source,
                "cost_avoided_eur": number(line.cost_avoided_eur),
                "uses_to_pay_off": {
                    "low": line.payoff.low,
                    "expected": line.payoff.expected,
                    "high": line.payoff.high,
                },
            }
            for line in outcome.lines
        ],
    }


def scenario_document(outcome: ScenarioResult) -> dict:
    """The calculator's JSON download: the scenario (re-postable to the API) and its figures."""
    return {
        "scenario": scenario_payload(outcome.scenario),
        "result": scenario_figures(outcome),
    }


SCENARIO_CSV_COLUMNS = ("section", "project", "component", "figure", "low", "expected", "high")
PORTFOLIO_FIGURES = (
    *COST_FIGURES,
    "investment_eur",
    "net_benefit_eur",
    "roi",
    "benefit_cost_ratio",
)


def scenario_csv_rows(document: dict):
    """The JSON download flattened to one table (one figure a row), for spreadsheets."""
    scenario, result = document["scenario"], document["result"]

    def row(section, figure, expected=None, *, low=None, high=None, project="", component=""):
        return [section, project, component, figure, low, expected, high]

    yield row("input", "size_unit", result["size_unit"])
    yield row("input", "unit_cost_eur", scenario["unit_cost_eur"])
    yield row("input", "investment_eur", scenario.get("investment_eur", 0))
    for name in ("rcr", "rcwr"):
        value = result["parameters"][name]
        yield row("input", name, value["expected"], low=value["low"], high=value["high"])
    if scenario.get("productivity"):
        yield row("input", "productivity", scenario["productivity"]["value"])
        yield row("input", "productivity_unit", scenario["productivity"]["unit"])
    for build in scenario.get("build", []):
        size = build.get("fp", build.get("person_days"))
        yield row("input", f"build_{build['location']}", size)
    for project in scenario["projects"]:
        size = project.get("new_fp", project.get("new_person_days"))
        yield row("input", "size", size, project=project["name"])
        for reuse in project["reuse"]:
            size = reuse.get("fp", reuse.get("person_days"))
            yield row(
                "input", "size", size, project=project["name"], component=reuse.get("component", "")
            )
    ranges = result["ranges"]
    for figure in PORTFOLIO_FIGURES:
        span = ranges.get(figure, {})
        yield row("result", figure, result[figure], low=span.get("low"), high=span.get("high"))
    for project in result["projects"]:
        for figure in COST_FIGURES:
            yield row("project", figure, project[figure], project=project["name"])
    for reuse in result["reuses"]:
        place = {"project": reuse["project"], "component": reuse["component"] or ""}
        yield row("reuse", "fp", reuse["fp"], **place)
        yield row("reuse", "relative_cost", reuse["relative_cost"], **place)
        yield row("reuse", "cost_avoided_eur", reuse["cost_avoided_eur"], **place)
        payoff = reuse["uses_to_pay_off"]
        yield row(
            "reuse",
            "uses_to_pay_off",
            payoff["expected"],
            low=payoff["low"],
            high=payoff["high"],
            **place,
        )
    for swing in result["sensitivity"]:
        yield row(
            "sensitivity",
            f"{swing['output']} by {swing['input']}",
            ranges[swing["output"]]["expected"],
            low=swing["at_low"],
            high=swing["at_high"],
        )


def write_scenario_csv(document: dict, stream) -> None:
    writer = csv.writer(stream)
    writer.writerow(SCENARIO_CSV_COLUMNS)
    for line in scenario_csv_rows(document):
        writer.writerow(["" if cell is None else cell for cell in line])
