"""Reuse savings pages: the yearly dashboard, its CSV tables, the calculator and the method.

Views gather inputs and render; the figures come from ``measurement``/``scenario`` (which call
the pure ``roi`` model) and the tables from ``tables``.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from catalogue.models import Component
from catalogue.savings import charts, roi, tables
from catalogue.savings.forms import BLANK_ROWS, ReuseRowForm, ScenarioForm, reuse_rows_from
from catalogue.savings.measurement import measured_years, year_measurement
from catalogue.savings.scenario import evaluate_scenario, latest_year


def _default_year():
    return measured_years().values_list("year", flat=True).first() or 2020


def _requested_year(request):
    raw = request.GET.get("year")
    if raw is None or raw == "":
        return _default_year(), None
    if raw.isdigit() and len(raw) <= 4:
        return int(raw), None
    return _default_year(), _("“%(value)s” is not a year; showing %(year)s.") % {
        "value": raw[:20],
        "year": _default_year(),
    }


# Sort keys of earlier links, still honoured.
LEGACY_SORTS = {"name": "project", "share": "reuse_share", "cost_avoided": "cost_avoided_eur"}


def _sorted_table(request, measurement):
    """The projects table, sorted as the request asks (by a column key; ``dir=desc``)."""
    table = tables.PROJECTS
    sort = request.GET.get("sort", "project")
    sort = LEGACY_SORTS.get(sort, sort)
    if table.column(sort) is None:
        sort = "project"
    descending = request.GET.get("dir") == "desc"
    rows = table.sorted_rows(measurement, sort, descending)
    return {
        "table": table,
        "rows": tables.html_rows(table, rows),
        "total": tables.html_rows(table, [table.total(measurement)])[0],
        "sort": sort,
        "descending": descending,
    }


def dashboard(request):
    year, warning = _requested_year(request)
    measurement = year_measurement(year)
    context = {
        "year": year,
        "years": list(measured_years().values_list("year", flat=True)),
        "measurement": measurement,
        "warning": warning,
    }
    if measurement is not None:
        context.update(
            projects=_sorted_table(request, measurement),
            components={
                "table": tables.COMPONENTS,
                "rows": tables.html_rows(tables.COMPONENTS, measurement.by_component),
            },
            institutions={
                "table": tables.INSTITUTIONS,
                "rows": tables.html_rows(tables.INSTITUTIONS, measurement.by_client),
            },
            component_chart=charts.bars(
                measurement.by_component,
                label_of=lambda line: line.key.name if line.key else _("Other components"),
                value_of=lambda line: line.cost_avoided_eur,
            ),
            institution_chart=charts.bars(
                measurement.by_client,
                label_of=lambda line: str(line.key) if line.key else _("No client recorded"),
                value_of=lambda line: line.cost_avoided_eur,
            ),
        )
    return render(
        request, "roi/dashboard.html", context, status=200 if measurement is not None else 404
    )


def dashboard_csv(request, year, table):
    if table not in tables.CSV_TABLES:
        raise Http404(_("No such table."))
    measurement = year_measurement(year)
    if measurement is None:
        raise Http404(_("No measurement for that year."))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="reuse-{year}-{table}.csv"'
    tables.write_csv(table, measurement, response)
    return response


def calculator(request):
    submitted = "new_fp" in request.GET
    form = ScenarioForm(request.GET if submitted else None)
    components = Component.objects.published().order_by("name")
    rows = reuse_rows_from(request.GET, components) if submitted else []
    outcome, scenario_error = None, None
    if submitted and form.is_valid() and all(row.is_valid() for row in rows):
        try:
            outcome = evaluate_scenario(form.scenario(rows), year=latest_year())
        except roi.RoiInputError as error:
            scenario_error = (
                _("The components supply more function points than the project's size.")
                if error.field.endswith("reuse")
                else error.message
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
            "outcome": outcome,
            "scenario_error": scenario_error,
        },
    )


def method(request):
    return render(
        request,
        "roi/method.html",
        {"measurement": year_measurement(_default_year()), "payoff": roi.payoff_threshold()},
    )
