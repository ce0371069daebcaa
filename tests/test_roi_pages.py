"""The ROI dashboard and its downloads, and the method page (the calculator: test_roi_calculator)."""

import csv
import io
import json
import re
from decimal import Decimal as D
from http import HTTPStatus
from pathlib import Path

import pytest

from catalogue.models import BuildItem, ProgrammeCost
from catalogue.savings import charts
from tests import factories
from tests.pagetext import main

pytestmark = pytest.mark.django_db


def _text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_dashboard_answers_first_then_charts_then_tables(client, demo):
    html = client.get("/roi/").content.decode()
    headline = [
        'data-figure="reuse_share">64 %<',
        'data-figure="roi">46 %<',
        'data-figure="cost_avoided">EUR 13,130,400<',
        'data-figure="net_benefit">EUR 4,130,400<',
    ]
    positions = [html.index(figure) for figure in headline]
    assert positions == sorted(positions)
    first_chart = html.index("<svg")
    assert max(positions) < first_chart < html.index('id="projects-table"')
    # The published comparison stays, but after the measured tables.
    assert html.index('id="projects-table"') < html.index("Computed from the measurements")
    text = _text(html)
    assert "Of the 25,660 function points of new functionality" in text
    assert "16,413 came from reused components" in text
    assert 'data-figure="projects">27<' in html
    assert "each euro invested in reuse avoided EUR 1.46 of development cost" in text
    assert "less the EUR 9,000,000 invested" in text
    assert "more than EUR 13,000,000" in text


def test_demo_figures_are_labelled_illustrative_where_they_are_per_project(client, demo):
    html = client.get("/roi/").content.decode()
    for section in ("by-component", "by-institution", "by-project", "investment"):
        heading = re.search(rf'<h2 id="{section}">(.*?)</h2>', html, re.S).group(1)
        assert "illustrative" in heading, section
    assert "Per-project and per-component figures below are illustrative" in html


def test_every_chart_has_a_title_a_description_and_a_table_after_it(client, demo):
    html = client.get("/roi/").content.decode()
    for chart, table in (
        ("components-chart", "components-table"),
        ("institutions-chart", "institutions-table"),
    ):
        svg = re.search(rf'<svg[^>]*aria-labelledby="{chart}-title".*?</svg>', html, re.S).group(0)
        assert f'aria-describedby="{chart}-desc"' in svg
        assert f'<title id="{chart}-title">' in svg
        desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg, re.S).group(1)
        amounts = re.findall(r"EUR [\d,]+", desc)
        assert len(amounts) == 10
        after = html[html.index(svg) + len(svg) :]
        if "<svg" in after:  # the table comes right after its chart, before the next chart
            assert after.index(f'id="{table}"') < after.index("<svg")
        rows = after[after.index(f'id="{table}"') :]
        rows = rows[: rows.index("</table>")]
        assert all(amount in rows for amount in amounts)


def test_chart_text_stays_legible_on_a_phone():
    # 14-unit text in a chart drawn 390 - 2 x 16 px (page padding) - 2 x 14 px (box) wide.
    assert 14 * (390 - 32 - 28) / charts.WIDTH >= 12
    css = Path("static/css/reuse.css").read_text(encoding="utf-8")
    assert ".bar-label, .bar-value { font-size: 14px" in css


def test_sort_links_keep_the_reader_at_the_table(client, demo):
    html = client.get("/roi/", {"year": "2020", "sort": "cost_avoided_eur", "dir": "desc"}).content
    html = html.decode()
    header = re.search(
        r'<th scope="col" class="num" aria-sort="descending"><a href="([^"]+)"', html
    )
    link = header.group(1).replace("&amp;", "&")
    assert link.endswith("#by-project") and "year=2020" in link
    assert "sort=cost_avoided_eur" in link and "dir=desc" not in link  # reverses
    assert html.index(">CTPC<") < html.index(">EMSR - Ambureg web service<")
    # Another numeric column starts with the largest first.
    assert "?year=2020&amp;sort=new_fp&amp;dir=desc#by-project" in html


def test_dashboard_project_table_sorts_with_earlier_keys(client, demo):
    html = client.get("/roi/", {"sort": "cost_avoided", "dir": "desc"}).content.decode()
    assert html.index(">CTPC<") < html.index(">EMSR - Ambureg web service<")
    html = client.get("/roi/", {"sort": "cost_avoided"}).content.decode()
    assert html.index(">EMSR - Ambureg web service<") < html.index(">CTPC<")


def _dashboard(client, **params):
    response = client.get("/roi/", params)
    assert response.status_code == HTTPStatus.OK, (params, response.status_code)
    page = main(response.content.decode())
    table = page.find("table", id="projects-table")
    return {
        "title": page.find("h1").text,
        "warnings": [notice.text for notice in page.find_all("div", "notice-error")],
        "projects": page.find("span", data_figure="projects").text,
        "rows": [row.find("th").text for row in table.find("tbody").find_all("tr")],
        # The header's text without its arrow (a decoration hidden from screen readers).
        "sorted_by": [
            th.text.replace("▲", "").strip() for th in table.find_all("th", aria_sort="ascending")
        ],
    }


@pytest.mark.parametrize(
    ("value", "shown"),
    [("abc", "abc"), ("99999999999", "99999999999"), ("20x0", "20x0"), ("-2020", "-2020"),
     ("2020" * 10, ("2020" * 10)[:20])],
    ids=["letters", "too-many-digits", "mixed", "negative", "long"],
)  # fmt: skip
def test_dashboard_shows_the_default_year_with_a_warning_for_a_non_year(client, demo, value, shown):
    page = _dashboard(client, year=value)
    assert page["title"] == "What reuse saved in 2020"
    assert page["warnings"] == [f"“{shown}” is not a year; showing 2020."]
    assert page["projects"] == "27"


def test_dashboard_sorts_by_project_name_for_an_unknown_sort_key(client, demo):
    page = _dashboard(client, sort="nonsense")
    assert page["warnings"] == []
    assert page["projects"] == "27"
    assert len(page["rows"]) == 27
    assert page["rows"] == sorted(page["rows"], key=str.casefold)
    assert page["sorted_by"] == ["Project"]
    assert page["rows"] == _dashboard(client, sort="project")["rows"]
    assert page["rows"] == _dashboard(client)["rows"]


def test_dashboard_unknown_sort_direction_sorts_ascending(client, demo):
    page = _dashboard(client, sort="cost_avoided", dir="sideways")
    assert page["rows"] == _dashboard(client, sort="cost_avoided")["rows"]
    assert page["rows"] != _dashboard(client, sort="cost_avoided", dir="desc")["rows"]


def test_dashboard_for_an_unmeasured_year_says_so(client, demo):
    response = client.get("/roi/", {"year": "1999"})
    assert response.status_code == HTTPStatus.NOT_FOUND
    html = response.content.decode()
    assert "No reuse measurement is recorded for 1999" in html
    assert '<a href="?year=2020">2020</a>' in html


def _measured_year(year, *, new_fp, reused_fp, programme):
    reuse_year = factories.reuse_year(year=year)
    component = factories.component(name=f"Component of {year}")
    project = factories.project(year=year, name=f"Project of {year}", new_fp=D(new_fp))
    factories.reuse(project, component, fp=D(reused_fp))
    ProgrammeCost.objects.create(year=reuse_year, label="Programme", amount_eur=D(programme))
    return reuse_year


@pytest.fixture
def two_years(db):
    # 2019: 50 of 100 FP reused, EUR 40,000 avoided, 10,000 invested: ROI 300 %.
    _measured_year(2019, new_fp=100, reused_fp=50, programme=10_000)
    # 2020: 150 of 200 FP reused, EUR 120,000 avoided, 20,000 invested: ROI 500 %.
    year = _measured_year(2020, new_fp=200, reused_fp=150, programme=20_000)
    BuildItem.objects.create(year=year, description="Central build", fp=D(0), location="central")


def test_trend_across_two_years(client, two_years):
    html = client.get("/roi/").content.decode()
    assert "What reuse saved in 2020" in html
    assert '<option value="2020" selected>2020</option>' in html
    assert '<option value="2019">2019</option>' in html
    trend = html[html.index('id="trend-table"') :]
    trend = _text(trend[: trend.index("</table>")])
    assert "2019 1 50 % EUR 40,000 EUR 10,000 EUR 30,000 300 %" in trend
    assert "2020 1 75 % EUR 120,000 EUR 20,000 EUR 100,000 500 %" in trend
    assert trend.index("2019") < trend.index("2020")
    for chart in ("trend-avoided-chart", "trend-share-chart"):
        assert f'aria-labelledby="{chart}-title"' in html
    # The other year, chosen in the selector.
    html = client.get("/roi/", {"year": "2019"}).content.decode()
    assert 'data-figure="reuse_share">50 %<' in html
    assert 'data-figure="roi">300 %<' in html


def test_trend_downloads(client, two_years):
    rows = _csv(client, "/roi/trend.csv")
    assert rows[0][:3] == ["year", "projects_measured", "reuse_share"]
    assert [row[0] for row in rows[1:]] == ["2019", "2020"]
    assert rows[2][rows[0].index("cost_avoided_eur")] == "120000"
    document = client.get("/roi/trend.json").json()
    assert [row["year"] for row in document["rows"]] == [2019, 2020]
    assert document["rows"][0]["roi"] == 3
    assert document["rows"][1]["figures"] == "measured"


def test_one_year_says_the_trend_comes_later(client, demo):
    html = client.get("/roi/").content.decode()
    assert "Only 2020 is recorded so far" in html
    assert 'id="trend-table"' not in html


def test_dashboard_queries_do_not_grow_with_the_years(
    client, two_years, django_assert_max_num_queries
):
    # Years, projects, reuses, their components, client links, institutions, build items,
    # programme costs: the same eight whatever the number of years.
    with django_assert_max_num_queries(8):
        client.get("/roi/")
    for year in (2015, 2016, 2017):
        _measured_year(year, new_fp=10, reused_fp=5, programme=1)
    with django_assert_max_num_queries(8):
        client.get("/roi/")


def _csv(client, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_csv_downloads(client, demo):
    summary = {row[0]: row[1] for row in _csv(client, "/roi/2020/table/summary.csv")[1:]}
    assert summary["projects_measured"] == "27"
    assert summary["cost_avoided_eur"] == "13130400"
    assert summary["roi"] == "0.4589"
    assert summary["published_roi"] == "0.4600"
    projects = _csv(client, "/roi/2020/table/projects.csv")
    assert len(projects) == 29 and projects[0][0] == "project"  # header, 27 projects, total
    assert projects[-1][0] == "TOTAL"
    assert all(row[-1] == "illustrative" for row in projects[1:])
    components = _csv(client, "/roi/2020/table/components.csv")
    assert sum(int(row[4]) for row in components[1:]) == pytest.approx(13_130_400, abs=30)
    institutions = _csv(client, "/roi/2020/table/institutions.csv")
    assert any("NSSO" in row[0] for row in institutions)  # the English page: English names
    investment = _csv(client, "/roi/2020/table/investment.csv")
    assert investment[0] == ["item", "where", "fp", "cost_eur", "figures"]
    assert investment[-1][0] == "TOTAL" and investment[-1][3] == "9000000"
    assert {row[1] for row in investment[1:-1]} == {"in-project", "central", "programme"}


@pytest.mark.parametrize(
    "table", ["summary", "projects", "components", "institutions", "investment"]
)
def test_every_table_downloads_as_json_with_the_csv_rows(client, demo, table):
    rows = _csv(client, f"/roi/2020/table/{table}.csv")
    response = client.get(f"/roi/2020/table/{table}.json")
    assert response.status_code == HTTPStatus.OK
    assert "attachment" in response["Content-Disposition"]
    document = json.loads(response.content)
    assert document["year"] == 2020 and document["illustrative"] is True
    records = document["rows"] + ([document["total"]] if document["total"] else [])
    assert len(records) == len(rows) - 1
    for row, record in zip(rows[1:], records, strict=True):
        for key, cell in zip(rows[0], row, strict=True):
            value = record[key]
            if value is None:
                assert cell == "", key
            elif isinstance(value, int | float):
                assert float(cell) == pytest.approx(value), key
            else:
                assert cell == str(value), key


def test_the_dashboard_links_every_download(client, demo):
    html = client.get("/roi/").content.decode()
    assert 'href="/api/roi/2020/"' in html
    for table in ("summary", "projects", "components", "institutions", "investment"):
        for fmt in ("csv", "json"):
            assert f'href="/roi/2020/table/{table}.{fmt}"' in html, (table, fmt)


def test_downloads_of_unknown_table_format_or_year_are_404(client, demo):
    for url in (
        "/roi/2020/table/secrets.csv",
        "/roi/2020/table/projects.xml",
        "/roi/1999/table/projects.csv",
        "/roi/1999/table/projects.json",
        "/roi/trend.xml",
    ):
        assert client.get(url).status_code == HTTPStatus.NOT_FOUND, url


def test_print_stylesheet_hides_navigation_and_unrolls_tables():
    css = Path("static/css/reuse.css").read_text(encoding="utf-8")
    printed = css[css.index("@media print") :]
    for rule in (".site-header", ".no-print", "form", ".table-scroll { overflow: visible; }"):
        assert rule in printed, rule


def test_method_page_explains_the_reading(client, demo):
    html = client.get("/roi/method/").content.decode()
    for text in ["Poulin", "Gaffney", "COCOMO II", "net benefit", "1.875", "EUR 13,130,400"]:
        assert text in html, text


def test_component_page_shows_its_savings_marked_illustrative(client, demo):
    html = client.get("/components/evaluation-forms/").content.decode()
    assert "Savings from its reuse" in html
    assert "EUR 952,800" in html
    assert "Illustrative figures" in html


def test_bars_of_negative_or_zero_figures_stay_inside_the_chart():
    chart = charts.bars([D(-5), D(0), D(10)], label_of=str, value_of=lambda value: value)
    assert [bar["width"] for bar in chart["bars"]] == [0, 0, charts.WIDTH - charts.PAD]
    assert chart["bars"][0]["text"] == "EUR -5"
    assert all(bar["width"] == 0 for bar in charts.bars([D(-5)], label_of=str, value_of=D)["bars"])


def test_dashboard_superscript_digit_is_not_a_year(client, demo):
    page = _dashboard(client, year="²")
    assert page["warnings"] == ["“²” is not a year; showing 2020."]


@pytest.fixture
def crowded_year(db):
    """A year of 120 projects, each reusing its own component, each for a different client:
    more rows than the dashboard shows in any table."""
    factories.reuse_year(year=2021)
    for number in range(120):
        component = factories.component(name=f"Block {number:03}")
        project = factories.project(
            year=2021,
            name=f"Project {number:03}",
            new_fp=D(100),
            clients=[factories.institution(name=f"Client {number:03}")],
        )
        # Saving grows with the number: Block 119 saved the most.
        factories.reuse(project, component, fp=D(number % 100 or 1))


def test_dashboard_pages_its_projects_and_cuts_the_other_tables(client, crowded_year):
    from catalogue.savings.views import PROJECTS_PER_PAGE, TOP_ROWS

    html = client.get("/roi/?year=2021").content.decode()
    projects = html[html.index('id="projects-table"') :]
    projects = projects[: projects.index("</table>")]
    assert projects.count('<th scope="row">') == PROJECTS_PER_PAGE + 1  # and the total row
    assert "Project 000" in projects and f"Project {PROJECTS_PER_PAGE:03}" not in projects
    # The total covers every project, not the page: 120 projects of 100 FP.
    assert "12,000" in _text(projects[projects.index("<tfoot>") :])
    assert "Page 1 of 3" in html
    assert 'href="?year=2021&amp;page=2#by-project"' in html
    components = html[html.index('id="components-table"') :]
    components = components[: components.index("</table>")]
    assert components.count('<th scope="row">') == TOP_ROWS
    assert "The 20 first of 120 rows; every row is in the downloads below." in html
    institutions = html[html.index('id="institutions-table"') :]
    assert institutions[: institutions.index("</table>")].count('<th scope="row">') == TOP_ROWS

    # The next page, in the order asked for; a sort link starts the new order on page 1.
    page = client.get("/roi/?year=2021&sort=project&dir=desc&page=2").content.decode()
    rows = page[page.index('id="projects-table"') :]
    rows = _text(rows[: rows.index("<tfoot>")])
    assert "Project 069" in rows and "Project 070" not in rows and "Project 020" in rows
    head = page[page.index('id="projects-table"') :]
    sort_links = re.findall(r'href="([^"]*)"', head[: head.index("</thead>")])
    assert len(sort_links) == 7 and not [link for link in sort_links if "page=" in link]
    # A page out of range shows the last one rather than failing.
    assert client.get("/roi/?year=2021&page=99").status_code == HTTPStatus.OK
    assert client.get("/roi/?year=2021&page=x").status_code == HTTPStatus.OK

    # The downloads hold every row.
    assert len(_csv(client, "/roi/2021/table/projects.csv")) == 120 + 2
    assert len(_csv(client, "/roi/2021/table/components.csv")) == 120 + 1
