"""The savings tables of a measured year, defined once and rendered three ways: as HTML on the
dashboard, as CSV downloads and as the ``roi_report`` command's text and CSV output.

A table is a list of columns (a key for machines, a label for people, how to read the value
from a row, what kind of value it is) and a way to get its rows (and total) from a
``YearMeasurement``. Nothing here computes a figure: the values come from ``roi``'s results.
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

TABLES = {table.name: table for table in (PROJECTS, COMPONENTS, INSTITUTIONS)}
CSV_TABLES = ("summary", *TABLES)


# -- rendering -----------------------------------------------------------------------------------


def figures_label(measurement: YearMeasurement) -> str:
    """What every CSV row says of its figures: assumed (illustrative) or measured."""
    return "illustrative" if measurement.year.illustrative else "measured"


def write_csv(name: str, measurement: YearMeasurement, stream) -> None:
    """The table ``name`` (or the summary) as CSV, with machine-readable values and, on every
    row, whether its figures are illustrative."""
    writer = csv.writer(stream)
    label = figures_label(measurement)
    if name == "summary":
        writer.writerow(["figure", "value", "figures"])
        for figure in SUMMARY:
            value = formats.for_machines(figure.value(measurement), figure.kind)
            writer.writerow([figure.key, value, label])
        return
    table = TABLES[name]
    writer.writerow([*(column.key for column in table.columns), "figures"])
    rows = table.rows(measurement)
    if table.total is not None:
        rows = [*rows, table.total(measurement)]
    for row in rows:
        cells = [formats.for_machines(column.value(row), column.kind) for column in table.columns]
        writer.writerow([*cells, label])


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
