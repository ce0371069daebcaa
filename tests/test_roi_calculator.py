"""The calculator page (/roi/calculator/) and its downloads."""

import csv
import io
import json
import re
from http import HTTPStatus
from pathlib import Path

import pytest

from tests import factories

pytestmark = pytest.mark.django_db
URL = "/roi/calculator/"


def _text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _ids(html):
    return set(re.findall(r'\sid="([^"]+)"', html))


def assert_references_exist(html):
    """Every aria-describedby, aria-labelledby, label and summary link names an id on the page."""
    ids = _ids(html)
    for attribute in ("aria-describedby", "aria-labelledby"):
        for value in re.findall(rf'{attribute}="([^"]+)"', html):
            for name in value.split():
                assert name in ids, (attribute, name)
    for name in re.findall(r'<label for="([^"]+)"', html):
        assert name in ids, ("label", name)
    for name in re.findall(r'href="#([^"]+)"', html):
        assert name in ids, ("link", name)


@pytest.fixture
def components(db):
    factories.reuse_year(year=2020)
    return {
        "keycloak": factories.component(slug="keycloak", name="Keycloak"),
        "elasticms": factories.component(slug="elasticms", name="Elasticms"),
        "camunda": factories.component(slug="camunda-bpmn", name="Camunda BPMN"),
    }


TWO_PROJECTS = {
    "unit": "fp",
    "unit_cost": "1000",
    "investment": "50000",
    "build_central": "100",
    "rcr_low": "0.1",
    "rcr": "0.2",
    "rcr_high": "0.4",
    "rcwr_low": "1.2",
    "rcwr_high": "2",
    "p1-name": "Portal",
    "p1-size": "1000",
    "p1-r1-component": "keycloak",
    "p1-r1-size": "300",
    "p1-r2-component": "Elasticms",  # by name
    "p1-r2-size": "200",
    "p2-name": "Back office",
    "p2-size": "1000",
    "p2-r1-component": "camunda",  # the only name containing it
    "p2-r1-size": "500",
}


def test_two_projects_with_ranges(client, components):
    html = client.get(URL, TWO_PROJECTS).content.decode()
    # 1,000 reused FP at EUR 1,000: 800,000 avoided at RCR 0.2, 900,000 at 0.1, 600,000 at 0.4;
    # investment 100 FP x 1,000 x RCWR (1.5; 1.2 to 2) + 50,000.
    assert 'data-figure="reuse_share">50 %<' in html
    assert 'data-figure="cost_avoided">EUR 800,000<' in html
    assert 'data-figure="investment">EUR 200,000<' in html
    assert 'data-figure="net_benefit">EUR 600,000<' in html
    assert 'data-figure="roi">300 %<' in html
    text = _text(html)
    assert "Cost avoided EUR 800,000 from EUR 600,000 to EUR 900,000" in text
    assert "Net benefit EUR 600,000 from EUR 350,000 to EUR 730,000" in text
    # The tornado: RCR moves the net benefit by 300,000, RCWR by 80,000; RCR first.
    assert 'data-swing="rcr">EUR 300,000<' in html and 'data-swing="rcwr">EUR 80,000<' in html
    tornado = html[html.index('id="tornado-title"') :]
    assert tornado.index("Relative cost of reuse") < tornado.index("writing for reuse")
    # Payoff per component: 1.5 / 0.8 -> 2nd use; from 1.2 / 0.9 to 2 / 0.6 -> 2 to 4.
    assert html.count('<td class="num" data-payoff>2 <span class="range">(2 to 4)</span>') == 3
    assert ">Portal<" in html and ">Back office<" in html and ">Camunda BPMN<" in html
    assert_references_exist(html)


def test_results_come_first_and_are_announced(client, components):
    html = client.get(URL, TWO_PROJECTS).content.decode()
    results = html.index('id="results"')
    assert results < html.index('id="scenario-form"')
    section = re.search(r'<section id="results"[^>]*>', html).group(0)
    assert 'tabindex="-1"' in section and 'aria-labelledby="results-title"' in section
    assert re.search(r'<p role="status"[^>]*>\s*Expected net benefit: EUR 600,000', html)
    # Focus is moved by a static script; no inline script anywhere.
    assert '<script src="/static/js/roi-calculator.js" defer></script>' in html
    assert not re.search(r"<script(?![^>]*\ssrc=)", html)
    assert re.search(r'action="/roi/calculator/#results"', html)


def test_the_component_picker_is_a_search_field_not_a_list_of_every_component(client, components):
    html = client.get(URL).content.decode()
    main = html[html.index("<main") :]
    assert re.findall(r'<select[^>]*name="([^"]+)"', main) == ["productivity_unit"]
    field = re.search(r'<input[^>]*name="p1-r1-component"[^>]*>', html).group(0)
    assert 'type="text"' in field and 'list="component-options"' in field
    assert "data-component-search" in field
    assert '<datalist id="component-options"></datalist>' in html
    assert 'data-component-api="/api/components/"' in html
    assert "Keycloak" not in html  # no component is listed in the page
    assert_references_exist(html)


def test_the_blank_page_offers_two_projects(client, components):
    html = client.get(URL).content.decode()
    assert 'id="p1"' in html and 'id="p2"' in html and 'id="p3"' not in html
    assert 'name="unit_cost" value="1000' in html  # the latest year's, and it says so
    assert "Pre-filled with the unit cost of the latest measured year (2020)" in html
    assert 'name="productivity"' in html and 'name="productivity" value' not in html


def test_person_days_with_the_rate_the_user_gives(client, components):
    params = {
        "unit": "person-days",
        "productivity": "10",
        "productivity_unit": "person-days-per-fp",
        "unit_cost": "1000",
        "p1-size": "2000",
        "p1-r1-component": "keycloak",
        "p1-r1-size": "500",
    }
    html = client.get(URL, params).content.decode()
    # 2,000 person-days at 10 a function point: 200 FP, of which 50 reused.
    assert 'data-figure="reuse_share">25 %<' in html
    assert 'data-figure="cost_without_reuse">EUR 200,000<' in html
    assert 'data-figure="cost_avoided">EUR 40,000<' in html
    text = _text(html)
    assert "10 person-days per function point" in text
    assert "EUR 1,000 per function point means EUR 100 per person-day" in text
    assert "Size (person-days)" in text


def test_person_days_without_a_rate_get_an_error_summary_linking_to_the_field(client, components):
    params = {"unit": "person-days", "unit_cost": "1000", "p1-size": "2000"}
    html = client.get(URL, params).content.decode()
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)
    assert 'role="alert"' in summary and 'tabindex="-1"' in summary
    assert 'href="#productivity"' in summary and "none is assumed" in summary
    field = re.search(r'<input[^>]*name="productivity"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in field
    assert 'aria-describedby="productivity_helptext productivity_error"' in field
    assert 'id="productivity_error"' in html and 'id="results"' not in html
    assert "<title>Error: Reuse calculator" in html
    assert html.index("error-summary") < html.index('id="scenario-form"')
    assert_references_exist(html)


@pytest.mark.parametrize(
    ("params", "link", "message"),
    [
        ({"p1-size": "-5"}, "p1-size", "greater than or equal to 0"),
        ({"p1-size": "abc"}, "p1-size", "Enter a number"),
        (
            {"p1-size": "100", "p1-r1-component": "nosuch", "p1-r1-size": "5"},
            "p1-r1-component",
            "No published component matches",
        ),
        ({"p1-size": "100", "p1-r1-component": "keycloak"}, "p1-r1-size", "Say how much"),
        ({"p1-size": "100", "p1-r1-size": "5"}, "p1-r1-component", "Name the component"),
        (
            {"p1-size": "100", "p1-r1-component": "keycloak", "p1-r1-size": "500"},
            "p1-size",
            "supply more than the size",
        ),
        ({"p1-size": "1e20"}, "p1-size", "less than or equal to"),
        ({"p1-size": "100", "rcr_low": "0.5"}, "rcr_low", "may not be above the expected"),
        (
            {"p1-size": "100", "rcwr": "2", "rcwr_high": "1.5"},
            "rcwr_high",
            "may not be below the expected",
        ),
        ({"p1-size": "100", "rcwr": "9"}, "rcwr", "less than or equal to 5"),
        ({"p1-size": "100", "rcr": "NaN"}, "rcr", "Enter a number"),
        ({"p1-size": "100", "unit_cost": ""}, "unit_cost", "required"),
        ({"p1-size": "100", "productivity": "0"}, "productivity", "greater than or equal to 0.001"),
        ({"p1-r1-component": "keycloak", "p1-r1-size": "5"}, "p1-size", "Give the size"),
        ({"p1-name": ""}, "p1-size", "Describe at least one project"),
        ({"unit": "hours", "p1-size": "1"}, "unit", "valid choice"),
    ],
)
def test_bad_input_is_named_in_the_summary_and_at_the_field(
    client, components, params, link, message
):
    response = client.get(URL, {"unit_cost": "1000", **params})
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)
    assert f'href="#{link}"' in summary
    assert message in _text(summary)
    assert 'id="results"' not in html
    assert_references_exist(html)


def test_several_errors_show_at_once(client, components):
    params = {
        "unit_cost": "",
        "rcr_low": "0.5",
        "p1-size": "100",
        "p1-r1-component": "nosuch",
        "p1-r1-size": "1",
        "p2-size": "10",
        "p2-r1-component": "keycloak",
        "p2-r1-size": "50",
    }
    html = client.get(URL, params).content.decode()
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)
    links = re.findall(r'href="#([^"]+)"', summary)
    assert links == ["unit_cost", "rcr_low", "p1-r1-component", "p2-size"]


def test_an_ambiguous_name_lists_the_candidates(client, components):
    factories.component(slug="keycloak-theme", name="Keycloak theme")
    html = client.get(
        URL, {"unit_cost": "1", "p1-size": "10", "p1-r1-component": "keyclo", "p1-r1-size": "1"}
    )
    text = _text(html.content.decode())
    assert (
        "matches several components: Keycloak (keycloak), Keycloak theme (keycloak-theme)" in text
    )


def test_drafts_cannot_be_named_or_found(client, components):
    factories.draft_component(slug="secret", name="Secret thing")
    for typed in ("secret", "Secret thing", "Secret"):
        html = client.get(
            URL, {"unit_cost": "1", "p1-size": "10", "p1-r1-component": typed, "p1-r1-size": "1"}
        )
        html = html.content.decode()
        assert "No published component matches" in html
        assert 'id="results"' not in html


@pytest.mark.parametrize(
    "params",
    [
        {"p1-size": "9" * 40},
        {"p1-size": "1", "p1-r1-size": "1e999", "p1-r1-component": "keycloak"},
        {"p1-size": "1", "unit_cost": "-0"},
        {"p1-size": "1", "productivity": "Infinity", "unit": "person-days"},
        {"p1-size": "1", "investment": "1" * 30},
        {"p1-size": "1", "productivity_unit": "pd-per-year"},
        {"p11-size": "5", "p1-r99-size": "3"},  # beyond the form's projects and rows
        {"p1-size": "1", "p1-r1-component": "x" * 500, "p1-r1-size": "1"},
        {"p1-size": "\x00"},
    ],
)
def test_hostile_input_never_breaks_the_page(client, components, params):
    response = client.get(URL, {"unit_cost": "1000", **params})
    assert response.status_code == HTTPStatus.OK
    for fmt in ("json", "csv"):
        download = client.get(f"/roi/calculator/scenario.{fmt}", {"unit_cost": "1000", **params})
        assert download.status_code in (HTTPStatus.OK, HTTPStatus.BAD_REQUEST)


def test_links_of_the_one_project_calculator_still_work(client, components):
    response = client.get(
        URL,
        {"new_fp": "800", "unit_cost": "1000", "component": ["keycloak", "elasticms"],
         "fp": ["300", "100"], "investment": "100000"},
    )  # fmt: skip
    html = response.content.decode()
    assert 'data-figure="reuse_share">50 %<' in html
    assert 'data-figure="cost_without_reuse">EUR 800,000<' in html
    assert 'data-figure="cost_avoided">EUR 320,000<' in html
    assert 'data-figure="actual_cost">EUR 480,000<' in html
    assert 'data-figure="roi">220 %<' in html


def test_without_investment_there_is_no_roi(client, components):
    html = client.get(
        URL,
        {"unit_cost": "10", "p1-size": "100", "p1-r1-component": "keycloak", "p1-r1-size": "10"},
    ).content.decode()
    assert 'data-figure="cost_avoided">' in html and 'data-figure="roi"' not in html
    assert "Reuse would avoid EUR 80 of development cost." in _text(html)
    assert 'id="tornado-title"' not in html  # no range given: no sensitivity chart


def test_the_scenario_downloads_as_json_that_the_api_accepts(client, components):
    response = client.get("/roi/calculator/scenario.json", TWO_PROJECTS)
    assert response.status_code == HTTPStatus.OK
    assert 'filename="reuse-scenario.json"' in response["Content-Disposition"]
    document = json.loads(response.content)
    assert document["result"]["ranges"]["net_benefit_eur"] == {
        "low": 350_000, "expected": 600_000, "high": 730_000,
    }  # fmt: skip
    assert document["scenario"]["projects"][1]["reuse"][0]["component"] == "camunda-bpmn"
    again = client.post(
        "/api/roi/calculate/", json.dumps(document["scenario"]), content_type="application/json"
    )
    assert again.status_code == HTTPStatus.OK
    assert again.json() == document["result"]


def test_the_scenario_downloads_as_csv(client, components):
    response = client.get("/roi/calculator/scenario.csv", TWO_PROJECTS)
    assert response.status_code == HTTPStatus.OK
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    net = next(
        row for row in rows if row["section"] == "result" and row["figure"] == "net_benefit_eur"
    )
    assert (net["low"], net["expected"], net["high"]) == ("350000", "600000", "730000")
    rcr = next(row for row in rows if row["figure"] == "rcr")
    assert (rcr["low"], rcr["expected"], rcr["high"]) == ("0.1", "0.2", "0.4")
    sizes = [row for row in rows if row["section"] == "input" and row["figure"] == "size"]
    assert [(row["project"], row["component"]) for row in sizes] == [
        ("Portal", ""), ("Portal", "keycloak"), ("Portal", "elasticms"),
        ("Back office", ""), ("Back office", "camunda-bpmn"),
    ]  # fmt: skip
    assert any(row["section"] == "sensitivity" for row in rows)


def test_the_results_link_to_the_downloads_and_the_scenario(client, components):
    html = client.get(URL, TWO_PROJECTS).content.decode()
    assert re.search(r'href="/roi/calculator/scenario\.json\?[^"]*p1-size=1000', html)
    assert re.search(r'href="/roi/calculator/scenario\.csv\?[^"]*p2-r1-component=camunda', html)


def test_an_invalid_scenario_does_not_download(client, components):
    response = client.get("/roi/calculator/scenario.json", {"unit_cost": "1", "p1-size": "-1"})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "p1-size" in response.content.decode()
    assert client.get("/roi/calculator/scenario.xml").status_code == HTTPStatus.NOT_FOUND


def test_query_count_is_bounded(client, components, django_assert_max_num_queries):
    # The year, the typed slugs in one query, then a name and a partial name (two each).
    with django_assert_max_num_queries(5):
        client.get(URL, TWO_PROJECTS)
    by_slug = {"unit_cost": "1", "p1-size": "1000"}
    for row in range(1, 13):
        by_slug |= {f"p1-r{row}-component": "keycloak", f"p1-r{row}-size": "1"}
    with django_assert_max_num_queries(2):
        response = client.get(URL, by_slug)
    assert 'data-figure="reuse_share">1 %<' in response.content.decode()


def test_the_scenario_survives_a_round_trip_through_the_page(client, components):
    """The form re-renders every value it was given, so the address bar holds the scenario."""
    html = client.get(URL, TWO_PROJECTS).content.decode()
    for name, value in TWO_PROJECTS.items():
        if name == "unit":
            assert re.search(r'<input type="radio" name="unit" value="fp"[^>]* checked', html)
            continue
        assert re.search(rf'name="{name}"[^>]*value="{re.escape(value)}"', html) or re.search(
            rf'value="{re.escape(value)}"[^>]*name="{name}"', html
        ), name


def test_the_script_is_served(client):
    from django.contrib.staticfiles import finders

    source = Path(finders.find("js/roi-calculator.js")).read_text(encoding="utf-8")
    assert "error-summary" in source and "results" in source and ".focus(" in source
