"""The savings tables of a measured year, defined once and rendered four ways: as HTML on the
dashboard, as CSV and JSON downloads and as the ``roi_report`` command's text and CSV output.

A table is a list of columns (a key for machines, a label for people, how to read the value
from a row, what kind of value it is) and a way to get its rows (and total) from its source: a
``YearMeasurement``, or for the trend the list of every measured year. Nothing here computes a
figure: the values come from ``roi``'s results.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from catalogue.savings import formats
from catalogue.savings.formats import COUNT, EUR, FP, SHARE, TEXT
from catalogue.savings.measurement import YearMeasurement

TOTAL = "TOTAL"


@dataclass(frozen=True)
class Column:
    key: str
    label: Any  # a (lazy) translated string
    value: Callable[[Any], Any]
    kind: str = TEXT
    link: Callable[[Any], str | None] | None = None
    # The value written to CSV and JSON when it differs from the one shown (a code for a label).
    machine: Callable[[Any], Any] | None = None

    @property
    def numeric(self) -> bool:
        return self.kind != TEXT


@dataclass(frozen=True)
class Table:
    name: str
    title: Any
    columns: tuple[Column, ...]
    rows: Callable[[YearMeasurement], list]
    total: Callable[[YearMeasurement], Any] | None = None
    sortable: bool = False

    def column(self, key: str) -> Column | None:
        return next((column for column in self.columns if column.key == key), None)

    def sorted_rows(self, measurement: YearMeasurement, key: str, descending: bool) -> list:
        rows = self.rows(measurement)
        column = self.column(key) or self.columns[0]

        def sort_key(row):
            value = column.value(row)
            if column.numeric:
                return (value is not None, value or 0)
            return (value is not None, str(value or "").casefold())

        return sorted(rows, key=sort_key, reverse=descending)


# -- the tables ---------------------------------------------------------------------------------


def _name_of_key(line, missing):
    return line.key.name if line.key else str(missing)


def _url_of_key(line):
    return line.key.get_absolute_url() if line.key else None


PROJECTS = Table(
    name="projects",
    title=_("By project"),
    sortable=True,
    rows=lambda m: m.project_rows(),
    total=lambda m: (None, m.result),
    columns=(
        Column(
            "project",
            _("Project"),
            lambda row: row[0].name if row[0] else TOTAL,
            link=lambda row: row[0].get_absolute_url() if row[0] else None,
        ),
        Column("new_fp", _("New functionality (FP)"), lambda row: row[1].new_fp, FP),
        Column("reused_fp", _("Reused (FP)"), lambda row: row[1].reused_fp, FP),
        Column("reuse_share", _("Reuse share"), lambda row: row[1].reuse_share, SHARE),
        Column(
            "cost_without_reuse_eur",
            _("Cost without reuse"),
            lambda row: row[1].cost_without_reuse_eur,
            EUR,
        ),
        Column("actual_cost_eur", _("Actual cost"), lambda row: row[1].actual_cost_eur, EUR),
        Column("cost_avoided_eur", _("Cost avoided"), lambda row: row[1].cost_avoided_eur, EUR),
    ),
)

COMPONENTS = Table(
    name="components",
    title=_("By component"),
    rows=lambda m: m.by_component,
    columns=(
        Column(
            "component",
            _("Component"),
            lambda line: _name_of_key(line, _("Other components")),
            link=_url_of_key,
        ),
        Column("uses", _("Uses"), lambda line: line.uses, COUNT),
        Column("projects", _("Projects"), lambda line: line.project_count, COUNT),
        Column("fp", _("Function points supplied"), lambda line: line.fp, FP),
        Column("cost_avoided_eur", _("Cost avoided"), lambda line: line.cost_avoided_eur, EUR),
    ),
)

INSTITUTIONS = Table(
    name="institutions",
    title=_("By client institution"),
    rows=lambda m: m.by_client,
    columns=(
        Column(
            "institution",
            _("Institution"),
            lambda line: line.key.display_name if line.key else str(_("No client recorded")),
            link=_url_of_key,
        ),
        Column("projects", _("Projects"), lambda line: line.project_count, COUNT),
        Column("fp", _("Function points reused"), lambda line: line.fp, FP),
        Column("cost_avoided_eur", _("Cost avoided"), lambda line: line.cost_avoided_eur, EUR),
    ),
)


def _investment_rows(measurement: YearMeasurement) -> list[tuple]:
    """(item, where code, where label, fp, cost) of each build item and programme cost."""
    rows = [
        (str(item), item.location, item.get_location_display(), item.fp, cost)
        for item, cost in measurement.build_costs
    ]
    rows += [
        (cost.label, "programme", _("Programme cost"), None, cost.amount_eur)
        for cost in measurement.programme_costs
    ]
    return rows


INVESTMENT = Table(
    name="investment",
    title=_("Investment"),
    rows=_investment_rows,
    total=lambda m: (TOTAL, None, "", None, m.result.investment_eur),
    columns=(
        Column("item", _("Item"), lambda row: row[0]),
        Column("where", _("Where"), lambda row: str(row[2]), machine=lambda row: row[1] or ""),
        Column("fp", _("Function points"), lambda row: row[3], FP),
        Column("cost_eur", _("Cost"), lambda row: row[4], EUR),
    ),
)

# Across the years: the source is the list of every measured year, oldest first.
TREND = Table(
    name="trend",
    title=_("Across the years"),
    rows=lambda measurements: list(measurements),
    columns=(
        Column("year", _("Year"), lambda m: m.year.year),
        Column("projects_measured", _("Projects"), lambda m: len(m.result.projects), COUNT),
        Column("reuse_share", _("Reuse share"), lambda m: m.result.reuse_share, SHARE),
        Column("cost_avoided_eur", _("Cost avoided"), lambda m: m.result.cost_avoided_eur, EUR),
        Column("investment_eur", _("Investment"), lambda m: m.result.investment_eur, EUR),
        Column("net_benefit_eur", _("Net benefit"), lambda m: m.result.net_benefit_eur, EUR),
        Column("roi", _("Return on investment"), lambda m: m.result.roi, SHARE),
    ),
)


@dataclass(frozen=True)
class Figure:
    """One headline figure of the year (a row of the summary table)."""

    key: str
    label: Any
    value: Callable[[YearMeasurement], Any]
    kind: str


SUMMARY = (
    Figure("year", _("Year"), lambda m: m.year.year, COUNT),
    Figure("projects_measured", _("Projects measured"), lambda m: len(m.result.projects), COUNT),
    Figure("new_fp", _("New functionality"), lambda m: m.result.new_fp, FP),
    Figure("reused_fp", _("Realised through reuse"), lambda m: m.result.reused_fp, FP),
    Figure("reuse_share", _("Reuse share"), lambda m: m.result.reuse_share, SHARE),
    Figure(
        "cost_without_reuse_eur",
        _("Cost without reuse"),
        lambda m: m.result.cost_without_reuse_eur,
        EUR,
    ),
    Figure("cost_avoided_eur", _("Cost avoided"), lambda m: m.result.cost_avoided_eur, EUR),
    Figure("actual_cost_eur", _("Actual cost"), lambda m: m.result.actual_cost_eur, EUR),
    Figure("investment_eur", _("Investment"), lambda m: m.result.investment_eur, EUR),
    Figure("net_benefit_eur", _("Net benefit"), lambda m: m.result.net_benefit_eur, EUR),
    Figure("roi", _("Return on investment"), lambda m: m.result.roi, SHARE),
)

# The figures the year's publication gave, beside the computed summary in downloads.
PUBLISHED = (
    Figure(
        "published_projects", _("Projects (published)"), lambda m: m.year.published_projects, COUNT
    ),
    Figure(
        "published_reuse_share",
        _("Reuse share (published)"),
        lambda m: m.year.published_reuse_share,
        SHARE,
    ),
    Figure(
        "published_roi",
        _("Return on investment (published)"),
        lambda m: m.year.published_roi,
        SHARE,
    ),
    Figure(
        "published_savings_eur",
        _("Savings (published, a lower bound)"),
        lambda m: m.year.published_savings_eur,
        EUR,
    ),
)

TABLES = {table.name: table for table in (PROJECTS, COMPONENTS, INSTITUTIONS, INVESTMENT)}
CSV_TABLES = ("summary", *TABLES)
DOWNLOAD_FORMATS = ("csv", "json")


# -- rendering -----------------------------------------------------------------------------------


def figures_label(measurement: YearMeasurement) -> str:
    """What every CSV row says of its figures: assumed (illustrative) or measured."""
    return "illustrative" if measurement.year.illustrative else "measured"


def _machine(column: Column, row):
    value = column.machine(row) if column.machine else column.value(row)
    return formats.for_machines(value, column.kind)


def _summary_rows(measurement: YearMeasurement) -> list[dict]:
    label = figures_label(measurement)
    rows = [
        {
            "figure": figure.key,
            "value": formats.for_machines(figure.value(measurement), figure.kind),
            "figures": label,
        }
        for figure in SUMMARY
    ]
    rows += [
        {
            "figure": figure.key,
            "value": formats.for_machines(figure.value(measurement), figure.kind),
            "figures": "published",
        }
        for figure in PUBLISHED
        if figure.value(measurement) is not None
    ]
    return rows


def records(table: Table, source, labels) -> tuple[list[str], list[dict], dict | None]:
    """Table ``table`` of ``source`` for machines: its column keys, its rows and its total as
    {key: value} dicts. Each row also says whether its figures are illustrative or measured:
    ``labels`` is that label, or a function of the row giving it."""
    label_of = labels if callable(labels) else (lambda row: labels)
    keys = [*(column.key for column in table.columns), "figures"]

    def record(row, label):
        return {
            **{column.key: _machine(column, row) for column in table.columns},
            "figures": label,
        }

    rows = [record(row, label_of(row)) for row in table.rows(source)]
    total = None
    if table.total is not None:
        total_row = table.total(source)
        total = record(total_row, label_of(total_row))
    return keys, rows, total


def _year_records(name: str, measurement: YearMeasurement):
    if name == "summary":
        return ["figure", "value", "figures"], _summary_rows(measurement), None
    return records(TABLES[name], measurement, figures_label(measurement))


def _write(keys, rows, total, stream) -> None:
    writer = csv.writer(stream)
    writer.writerow(keys)
    for row in [*rows, *([total] if total else [])]:
        writer.writerow([row[key] for key in keys])


def write_csv(name: str, measurement: YearMeasurement, stream) -> None:
    """The table ``name`` (or the summary) as CSV, with machine-readable values and, on every
    row, whether its figures are illustrative (published figures say "published")."""
    _write(*_year_records(name, measurement), stream)


def _json_rows(rows):
    return [{key: formats.for_json(value) for key, value in row.items()} for row in rows]


def _columns_json(table: Table | None) -> list[dict]:
    if table is None:  # the summary
        return [
            {"key": figure.key, "label": str(figure.label), "kind": figure.kind}
            for figure in (*SUMMARY, *PUBLISHED)
        ]
    return [
        {"key": column.key, "label": str(column.label), "kind": column.kind}
        for column in table.columns
    ]


def json_table(name: str, measurement: YearMeasurement) -> dict:
    """The table ``name`` (or the summary) as a JSON document: the same rows as the CSV."""
    _keys, rows, total = _year_records(name, measurement)
    table = TABLES.get(name)
    return {
        "year": measurement.year.year,
        "table": name,
        "title": str(table.title) if table else str(_("Summary")),
        "illustrative": measurement.year.illustrative,
        "columns": _columns_json(table),
        "rows": _json_rows(rows),
        "total": _json_rows([total])[0] if total else None,
    }


def _trend_label(measurement):
    return figures_label(measurement)


def write_trend_csv(measurements: list[YearMeasurement], stream) -> None:
    _write(*records(TREND, measurements, _trend_label), stream)


def json_trend(measurements: list[YearMeasurement]) -> dict:
    _keys, rows, _total = records(TREND, measurements, _trend_label)
    return {
        "table": TREND.name,
        "title": str(TREND.title),
        "columns": _columns_json(TREND),
        "rows": _json_rows(rows),
    }


@dataclass(frozen=True)
class Cell:
    text: str
    url: str | None
    numeric: bool


def html_rows(table: Table, rows: list) -> list[list[Cell]]:
    """Cells ready for ``roi/_table.html``."""
    return [
        [
            Cell(
                text=formats.for_people(column.value(row), column.kind),
                url=column.link(row) if column.link else None,
                numeric=column.numeric,
            )
            for column in table.columns
        ]
        for row in rows
    ]


def text_report(measurement: YearMeasurement) -> str:
    """The year as plain text: the summary, then the projects table in fixed-width columns."""
    year = measurement.year
    title = f"Reuse measurement {year.year}"
    if year.illustrative:
        title += " (per-project figures illustrative)"
    lines = [title]
    width = max(len(str(figure.label)) for figure in SUMMARY)
    for figure in SUMMARY[1:]:
        value = figure.value(measurement)
        if figure.key == "roi" and value is None:
            text = "undefined (no investment)"
        else:
            text = formats.for_people(value, figure.kind)
            if figure.kind == FP:
                text += " FP"
        lines.append(f"  {figure.label!s:<{width}}  {text}")
    if year.published_reuse_share is not None or year.published_roi is not None:
        lines.append(
            f"  {'Published':<{width}}  {year.published_projects} projects, "
            f"share {formats.percent(year.published_reuse_share)}, "
            f"ROI {formats.percent(year.published_roi)}, "
            f"savings more than {formats.euros(year.published_savings_eur)}"
        )
    lines.append("")
    table = PROJECTS
    rows = [*table.rows(measurement), table.total(measurement)]
    grid = [[str(column.label) for column in table.columns]]
    grid += [
        [formats.for_people(column.value(row), column.kind) for column in table.columns]
        for row in rows
    ]
    widths = [max(len(line[index]) for line in grid) for index in range(len(table.columns))]
    for line in grid:
        cells = [
            cell.rjust(width) if column.numeric else cell.ljust(width)
            for cell, width, column in zip(line, widths, table.columns, strict=True)
        ]
        lines.append("  " + "  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"
