"""Reuse savings pages: the yearly dashboard, its downloads, the calculator (and its downloads)
and the method.

Views gather inputs and render; the figures come from ``measurement``/``scenario`` (which call
the pure ``roi`` model), the tables from ``tables`` and the JSON from ``reports``.
"""

import json

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from catalogue.savings import charts, formats, reports, roi, tables
from catalogue.savings.forms import Calculator
from catalogue.savings.measurement import measured_years, year_measurement, year_measurements
from catalogue.savings.scenario import evaluate_scenario, latest_year


def _default_year():
    return measured_years().values_list("year", flat=True).first() or 2020


def _requested_year(request):
    raw = request.GET.get("year")
    if raw is None or raw == "":
        return _default_year(), None
    if raw.isascii() and raw.isdigit() and len(raw) <= 4:
        return int(raw), None
    return _default_year(), _("“%(value)s” is not a year; showing %(year)s.") % {
        "value": raw[:20],
        "year": _default_year(),
    }


# Sort keys of earlier links, still honoured.
LEGACY_SORTS = {"name": "project", "share": "reuse_share", "cost_avoided": "cost_avoided_eur"}
# Where a sort link brings the reader back: the table they sorted, not the top of the page.
PROJECTS_ANCHOR = "by-project"


# The dashboard shows this many projects per page and this many components and client
# institutions (the largest savings): a year of 10,000 projects is not one 5 MB page. The
# downloads hold every row.
PROJECTS_PER_PAGE = 50
TOP_ROWS = 20


def _sort_links(request, table, sort, descending):
    """Per column: its sort link (the other parameters kept, back at the table) and state.

    A click on the sorted column reverses it; a click on another starts with the largest
    figures first, or A to Z for names."""
    headers = []
    for column in table.columns:
        query = request.GET.copy()
        query.pop("page", None)  # a new order starts at its first page
        query["sort"] = column.key
        next_descending = not descending if column.key == sort else column.numeric
        if next_descending:
            query["dir"] = "desc"
        else:
            query.pop("dir", None)
        state = "none"
        if column.key == sort:
            state = "descending" if descending else "ascending"
        headers.append(
            {"column": column, "url": f"?{query.urlencode()}#{PROJECTS_ANCHOR}", "state": state}
        )
    return headers


def _sorted_table(request, measurement):
    """The projects table, sorted as the request asks (by a column key; ``dir=desc``)."""
    table = tables.PROJECTS
    sort = request.GET.get("sort", "project")
    sort = LEGACY_SORTS.get(sort, sort)
    if table.column(sort) is None:
        sort = "project"
    descending = request.GET.get("dir") == "desc"
    rows = table.sorted_rows(measurement, sort, descending)
    page = Paginator(rows, PROJECTS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "table": table,
        "headers": _sort_links(request, table, sort, descending),
        "rows": tables.html_rows(table, page.object_list),
        "page_obj": page,
        "query_without_page": query.urlencode(),
        "total": tables.html_rows(table, [table.total(measurement)])[0],
        "sort": sort,
        "descending": descending,
    }


def _plain_table(table, source, limit=None):
    rows = table.rows(source)
    shown = rows[:limit] if limit is not None else rows
    data = {"table": table, "rows": tables.html_rows(table, shown), "row_count": len(rows)}
    data["cut"] = len(shown) < len(rows)
    if table.total is not None:
        data["total"] = tables.html_rows(table, [table.total(source)])[0]
    return data


def dashboard(request):
    year, warning = _requested_year(request)
    measurements = year_measurements()
    measurement = next((m for m in measurements if m.year.year == year), None)
    context = {
        "year": year,
        "years": [m.year.year for m in reversed(measurements)],
        "measurement": measurement,
        "warning": warning,
    }
    if measurement is not None:
        context.update(
            projects=_sorted_table(request, measurement),
            components=_plain_table(tables.COMPONENTS, measurement, limit=TOP_ROWS),
            institutions=_plain_table(tables.INSTITUTIONS, measurement, limit=TOP_ROWS),
            investment=_plain_table(tables.INVESTMENT, measurement),
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
            trend=_plain_table(tables.TREND, measurements) if len(measurements) > 1 else None,
            trend_avoided_chart=charts.bars(
                measurements,
                label_of=lambda m: str(m.year.year),
                value_of=lambda m: m.result.cost_avoided_eur,
                limit=None,
            ),
            trend_share_chart=charts.bars(
                measurements,
                label_of=lambda m: str(m.year.year),
                value_of=lambda m: m.result.reuse_share or roi.ZERO,
                text_of=formats.percent,
                limit=None,
                maximum=roi.ONE,
            ),
            downloads=tables.CSV_TABLES,
        )
    return render(
        request, "roi/dashboard.html", context, status=200 if measurement is not None else 404
    )


def _attachment(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def dashboard_table(request, year, table, fmt):
    if table not in tables.CSV_TABLES or fmt not in tables.DOWNLOAD_FORMATS:
        raise Http404(_("No such table."))
    measurement = year_measurement(year)
    if measurement is None:
        raise Http404(_("No measurement for that year."))
    filename = f"reuse-{year}-{table}.{fmt}"
    if fmt == "json":
        document = tables.json_table(table, measurement)
        return _attachment(JsonResponse(document, json_dumps_params={"indent": 2}), filename)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    tables.write_csv(table, measurement, response)
    return _attachment(response, filename)


def dashboard_csv(request, year, table):
    """The earlier address of the CSV downloads."""
    return dashboard_table(request, year, table, "csv")


def trend_table(request, fmt):
    if fmt not in tables.DOWNLOAD_FORMATS:
        raise Http404(_("No such table."))
    measurements = year_measurements()
    filename = f"reuse-trend.{fmt}"
    if fmt == "json":
        document = tables.json_trend(measurements)
        return _attachment(JsonResponse(document, json_dumps_params={"indent": 2}), filename)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    tables.write_trend_csv(measurements, response)
    return _attachment(response, filename)


def _calculate(request):
    """The calculator's forms bound to the query string, and the outcome when they are valid."""
    year = latest_year()
    calculator = Calculator(request.GET, year=year)
    outcome = None
    if calculator.is_valid():
        try:
            outcome = evaluate_scenario(calculator.scenario(), year=year)
        except roi.RoiInputError as error:
            calculator.add_service_error(error)
    return calculator, outcome


def calculator(request):
    calculator, outcome = _calculate(request)
    context = {
        "calc": calculator,
        "form": calculator.form,
        "errors": calculator.errors(),
        "outcome": outcome,
        "query": request.GET.urlencode(),
    }
    if outcome is not None:
        net = outcome.sensitivity["net_benefit_eur"]
        context["tornado"] = charts.tornado(
            net, expected=outcome.result.net_benefit_eur, label_of=_input_label
        )
        context["swings"] = [{"label": _input_label(swing.input), "swing": swing} for swing in net]
    return render(request, "roi/calculator.html", context)


def _input_label(name):
    return {
        "rcr": _("Relative cost of reuse (RCR)"),
        "rcwr": _("Relative cost of writing for reuse (RCWR)"),
    }.get(name, name)


def calculator_download(request, fmt):
    """The scenario in the query string, evaluated, as JSON (re-postable to the API) or CSV."""
    if fmt not in tables.DOWNLOAD_FORMATS:
        raise Http404(_("No such format."))
    calculator, outcome = _calculate(request)
    if outcome is None:
        problems = [f"{error.field_id}: {error.message}" for error in calculator.errors()]
        body = _("This scenario cannot be calculated.") + "\n" + "\n".join(problems) + "\n"
        return HttpResponse(body, status=400, content_type="text/plain; charset=utf-8")
    document = reports.scenario_document(outcome)
    if fmt == "json":
        response = HttpResponse(
            json.dumps(document, indent=2, ensure_ascii=False),
            content_type="application/json; charset=utf-8",
        )
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        reports.write_scenario_csv(document, response)
    return _attachment(response, f"reuse-scenario.{fmt}")


def method(request):
    return render(
        request,
        "roi/method.html",
        {"measurement": year_measurement(_default_year()), "payoff": roi.payoff_threshold()},
    )
