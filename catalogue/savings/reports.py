"""Plain-data (JSON) views of ROI results, shared by the API and the ``roi_report`` command."""

from __future__ import annotations

from catalogue.savings import roi
from catalogue.savings.formats import number
from catalogue.savings.measurement import YearMeasurement

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
    report["by_component"] = [
        {
            "component": line.key.slug if line.key else None,
            "name": line.key.name if line.key else None,
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
