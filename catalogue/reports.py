"""Plain-data views of ROI results, shared by the JSON API and the ``roi_report`` command."""

from __future__ import annotations

from decimal import Decimal

from catalogue import roi
from catalogue.selectors import YearMeasurement


def number(value: Decimal | None):
    """JSON number for a Decimal (None stays null); whole values stay integers."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def project_figures(result: roi.ProjectResult) -> dict:
    return {
        "name": result.name,
        "new_fp": number(result.new_fp),
        "reused_fp": number(result.reused_fp),
        "reuse_share": number(result.reuse_share),
        "cost_without_reuse_eur": number(result.cost_without_reuse_eur),
        "actual_cost_eur": number(result.actual_cost_eur),
        "cost_avoided_eur": number(result.cost_avoided_eur),
    }


def portfolio_figures(result: roi.PortfolioResult) -> dict:
    return {
        "new_fp": number(result.new_fp),
        "reused_fp": number(result.reused_fp),
        "reuse_share": number(result.reuse_share),
        "cost_without_reuse_eur": number(result.cost_without_reuse_eur),
        "actual_cost_eur": number(result.actual_cost_eur),
        "cost_avoided_eur": number(result.cost_avoided_eur),
        "investment_eur": number(result.investment_eur),
        "net_benefit_eur": number(result.net_benefit_eur),
        "roi": number(result.roi),
        "benefit_cost_ratio": number(result.benefit_cost_ratio),
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


def year_report_text(measurement: YearMeasurement) -> str:
    result = measurement.result
    year = measurement.year
    lines = [
        f"Reuse measurement {year.year}"
        + (" (per-project figures illustrative)" if year.illustrative else ""),
        f"  projects measured        {len(result.projects)}",
        f"  new functionality        {roi.whole_euros(result.new_fp):,} FP",
        f"  reused                   {roi.whole_euros(result.reused_fp):,} FP",
        f"  reuse share              {roi.whole_percent(result.reuse_share)} %"
        f"  ({roi.rounded(result.reuse_share)})",
        f"  cost without reuse       EUR {roi.whole_euros(result.cost_without_reuse_eur):,}",
        f"  cost avoided             EUR {roi.whole_euros(result.cost_avoided_eur):,}",
        f"  actual cost              EUR {roi.whole_euros(result.actual_cost_eur):,}",
        f"  investment               EUR {roi.whole_euros(result.investment_eur):,}",
        f"  net benefit              EUR {roi.whole_euros(result.net_benefit_eur):,}",
        "  ROI                      "
        + (
            "undefined (no investment)"
            if result.roi is None
            else f"{roi.whole_percent(result.roi)} %  ({roi.rounded(result.roi)})"
        ),
    ]
    if year.published_reuse_share is not None or year.published_roi is not None:
        lines.append(
            f"  published                {year.published_projects} projects, "
            f"share {roi.whole_percent(year.published_reuse_share)} %, "
            f"ROI {roi.whole_percent(year.published_roi)} %, "
            f"savings > EUR {roi.whole_euros(year.published_savings_eur):,}"
        )
    lines.append("")
    lines.append(
        "  project                                   new FP  reused FP  share  cost avoided"
    )
    for project_result in result.projects:
        lines.append(
            f"  {project_result.name[:40]:<40} {roi.whole_euros(project_result.new_fp):>7,}"
            f"  {roi.whole_euros(project_result.reused_fp):>9,}"
            f"  {roi.whole_percent(project_result.reuse_share) or 0:>3} %"
            f"  EUR {roi.whole_euros(project_result.cost_avoided_eur):>10,}"
        )
    return "\n".join(lines) + "\n"
