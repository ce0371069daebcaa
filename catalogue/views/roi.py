"""Reuse savings pages: the yearly dashboard, its CSV tables, the calculator and the method."""

import csv

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from catalogue import roi
from catalogue.forms import (
    BLANK_ROWS,
    ReuseRowForm,
    ScenarioForm,
    default_relative_cost,
    reuse_rows_from,
)
from catalogue.models import Component, ReuseYear
from catalogue.selectors import measured_years, year_measurement
from catalogue.templatetags.reuse_tags import euros

PROJECT_SORTS = {
    "name": lambda pair: pair[0].name.lower(),
    "new_fp": lambda pair: pair[1].new_fp,
    "reused_fp": lambda pair: pair[1].reused_fp,
    "share": lambda pair: pair[1].reuse_share or 0,
    "cost_avoided": lambda pair: pair[1].cost_avoided_eur,
}
CSV_TABLES = ("summary", "projects", "components", "institutions")


def _default_year():
    latest = measured_years().values_list("year", flat=True).first()
    return latest or 2020


def _requested_year(request):
    raw = request.GET.get("year")
    if raw is None or raw == "":
        return _default_year(), None
    try:
        return int(raw), None
    except ValueError:
        return _default_year(), _("“%(value)s” is not a year; showing %(year)s.") % {
            "value": raw[:20],
            "year": _default_year(),
        }


CHART_ROWS = 10
BAR_AREA = 250  # px of the 600 px wide chart given to the bars


def _bars(lines, label_of, value_of, text_of):
    """Geometry of a horizontal bar chart (layout only; the figures come from roi.py)."""
    lines = list(lines)[:CHART_ROWS]
    maximum = max((value_of(line) for line in lines), default=0)
    bars = []
    for index, line in enumerate(lines):
        value = value_of(line)
        width = round(float(value / maximum) * BAR_AREA, 1) if maximum else 0
        bars.append(
            {
                "y": index * 24,
                "label": label_of(line),
                "width": width,
                "text_x": 236 + width,
                "text": text_of(line),
            }
        )
    return bars, max(len(bars) * 24, 24)


def dashboard(request):
    year, warning = _requested_year(request)
    measurement = year_measurement(year)
    sort = request.GET.get("sort", "name")
    descending = request.GET.get("dir") == "desc"
    rows = []
    if measurement is not None:
        rows = measurement.project_rows()
        key = PROJECT_SORTS.get(sort, PROJECT_SORTS["name"])
        rows.sort(key=key, reverse=descending)
    component_bars, chart_height = ([], 24)
    institution_bars, institution_height = ([], 24)
    if measurement is not None:
        institution_bars, institution_height = _bars(
            measurement.by_client,
            label_of=lambda line: str(line.key) if line.key else _("No client recorded"),
            value_of=lambda line: line.cost_avoided_eur,
            text_of=lambda line: euros(line.cost_avoided_eur),
        )
        component_bars, chart_height = _bars(
            measurement.by_component,
            label_of=lambda line: line.key.name if line.key else _("Other components"),
            value_of=lambda line: line.cost_avoided_eur,
            text_of=lambda line: euros(line.cost_avoided_eur),
        )
    return render(
        request,
        "roi/dashboard.html",
        {
            "component_bars": component_bars,
            "component_chart_height": chart_height,
            "component_caption": _("The ten components that avoided the most cost (EUR)"),
            "institution_bars": institution_bars,
            "institution_chart_height": institution_height,
            "institution_caption": _(
                "The ten client institutions that avoided the most cost (EUR)"
            ),
            "year": year,
            "years": list(measured_years().values_list("year", flat=True)),
            "measurement": measurement,
            "project_rows": rows,
            "sort": sort if sort in PROJECT_SORTS else "name",
            "descending": descending,
            "warning": warning,
        },
        status=200 if measurement is not None else 404,
    )


def _csv_response(filename):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def dashboard_csv(request, year, table):
    if table not in CSV_TABLES:
        raise Http404(_("No such table."))
    measurement = year_measurement(year)
    if measurement is None:
        raise Http404(_("No measurement for that year."))
    result = measurement.result
    response = _csv_response(f"reuse-{year}-{table}.csv")
    writer = csv.writer(response)
    illustrative = "illustrative" if measurement.year.illustrative else "measured"
    if table == "summary":
        writer.writerow(["figure", "value"])
        writer.writerow(["year", year])
        writer.writerow(["projects_measured", len(result.projects)])
        writer.writerow(["new_fp", result.new_fp])
        writer.writerow(["reused_fp", result.reused_fp])
        writer.writerow(["reuse_share", roi.rounded(result.reuse_share)])
        writer.writerow(["cost_without_reuse_eur", roi.whole_euros(result.cost_without_reuse_eur)])
        writer.writerow(["cost_avoided_eur", roi.whole_euros(result.cost_avoided_eur)])
        writer.writerow(["actual_cost_eur", roi.whole_euros(result.actual_cost_eur)])
        writer.writerow(["investment_eur", roi.whole_euros(result.investment_eur)])
        writer.writerow(["net_benefit_eur", roi.whole_euros(result.net_benefit_eur)])
        writer.writerow(["roi", roi.rounded(result.roi)])
    elif table == "projects":
        writer.writerow(
            ["project", "new_fp", "reused_fp", "reuse_share", "cost_without_reuse_eur",
             "cost_avoided_eur", "actual_cost_eur", "figures"]
        )  # fmt: skip
        for project, row in measurement.project_rows():
            writer.writerow(
                [project.name, row.new_fp, row.reused_fp, roi.rounded(row.reuse_share),
                 roi.whole_euros(row.cost_without_reuse_eur), roi.whole_euros(row.cost_avoided_eur),
                 roi.whole_euros(row.actual_cost_eur), illustrative]
            )  # fmt: skip
    elif table == "components":
        writer.writerow(["component", "uses", "projects", "fp", "cost_avoided_eur", "figures"])
        for line in measurement.by_component:
            name = line.key.name if line.key else "(other components)"
            writer.writerow(
                [name, line.uses, line.project_count, line.fp,
                 roi.whole_euros(line.cost_avoided_eur), illustrative]
            )  # fmt: skip
    else:
        writer.writerow(["institution", "projects", "fp", "cost_avoided_eur", "figures"])
        for line in measurement.by_client:
            name = line.key.display_name if line.key else "(no client)"
            writer.writerow(
                [name, line.project_count, roi.rounded(line.fp, 2),
                 roi.whole_euros(line.cost_avoided_eur), illustrative]
            )  # fmt: skip
    return response


def calculator(request):
    year = ReuseYear.objects.order_by("-year").first()
    year_rcr = year.rcr if year else roi.DEFAULT_RCR
    submitted = "new_fp" in request.GET
    form = ScenarioForm(request.GET if submitted else None)
    components = Component.objects.published().order_by("name")
    rows = reuse_rows_from(request.GET, components) if submitted else []
    result = None
    lines = []
    scenario_error = None
    if submitted and form.is_valid() and all(row.is_valid() for row in rows):
        data = form.cleaned_data
        rcwr = data.get("rcwr") or (year.rcwr if year else roi.DEFAULT_RCWR)
        chosen = [row.cleaned_data for row in rows if row.cleaned_data.get("component")]
        try:
            reuses = [
                roi.Reuse(
                    fp=item["fp"],
                    relative_cost=default_relative_cost(item["component"], year_rcr),
                    component=item["component"],
                )
                for item in chosen
            ]
            project = roi.ProjectInput(
                name=data.get("name") or _("My project"),
                new_fp=data["new_fp"],
                unit_cost_eur=data["unit_cost"],
                reuses=reuses,
            )
            result = roi.evaluate([project], data.get("investment") or roi.ZERO)
            lines = [
                {
                    "component": reuse.component,
                    "fp": reuse.fp,
                    "relative_cost": reuse.relative_cost,
                    "cost_avoided": roi.cost_avoided(reuse, project.unit_cost_eur),
                    "uses_to_pay_off": roi.uses_to_pay_off(rcwr, reuse.relative_cost),
                }
                for reuse in reuses
            ]
        except roi.RoiInputError as exc:
            scenario_error = (
                _("The components supply more function points than the project's size.")
                if exc.field == "reuse"
                else exc.message
            )
    blank_rows = [ReuseRowForm(prefix=None) for _ in range(BLANK_ROWS)]
    for row in blank_rows:
        row.fields["component"].queryset = components
    return render(
        request,
        "roi/calculator.html",
        {
            "form": form,
            "rows": rows,
            "blank_rows": blank_rows,
            "result": result,
            "lines": lines,
            "scenario_error": scenario_error,
            "investment_given": bool(result and result.investment_eur),
            "year": year,
        },
    )


def method(request):
    measurement = year_measurement(_default_year())
    return render(
        request,
        "roi/method.html",
        {"measurement": measurement, "payoff": roi.payoff_threshold()},
    )
