"""The ROI dashboard, its CSV tables, the calculator and the method page."""

import csv
import io
from http import HTTPStatus

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_dashboard_shows_computed_beside_published_figures(client, demo):
    html = client.get("/roi/").content.decode()
    assert 'data-figure="projects">27<' in html
    assert 'data-figure="reuse_share">64 %<' in html
    assert 'data-figure="roi">46 %<' in html
    assert "EUR 13,130,400" in html
    assert "more than EUR 13,000,000" in html
    assert "illustrative" in html
    assert "<svg" in html and "<title" in html  # chart with an accessible name


def test_dashboard_project_table_sorts(client, demo):
    html = client.get("/roi/", {"sort": "cost_avoided", "dir": "desc"}).content.decode()
    assert html.index(">CTPC<") < html.index(">EMSR - Ambureg webservice<")
    html = client.get("/roi/", {"sort": "cost_avoided"}).content.decode()
    assert html.index(">EMSR - Ambureg webservice<") < html.index(">CTPC<")


@pytest.mark.parametrize("params", [{"year": "abc"}, {"sort": "nonsense"}, {"year": "99999999999"}])
def test_dashboard_survives_bad_parameters(client, demo, params):
    response = client.get("/roi/", params)
    assert response.status_code in (HTTPStatus.OK, HTTPStatus.NOT_FOUND)


def test_dashboard_for_an_unmeasured_year_says_so(client, demo):
    response = client.get("/roi/", {"year": "1999"})
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "No reuse measurement is recorded for 1999" in response.content.decode()


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
    projects = _csv(client, "/roi/2020/table/projects.csv")
    assert len(projects) == 29 and projects[0][0] == "project"  # header, 27 projects, total
    assert projects[-1][0] == "TOTAL"
    assert all(row[-1] == "illustrative" for row in projects[1:])
    components = _csv(client, "/roi/2020/table/components.csv")
    assert sum(int(row[4]) for row in components[1:]) == pytest.approx(13_130_400, abs=30)
    institutions = _csv(client, "/roi/2020/table/institutions.csv")
    assert any("ONSS" in row[0] for row in institutions)


def test_csv_of_unknown_table_or_year_is_404(client, demo):
    assert client.get("/roi/2020/table/secrets.csv").status_code == HTTPStatus.NOT_FOUND
    assert client.get("/roi/1999/table/projects.csv").status_code == HTTPStatus.NOT_FOUND


def test_calculator_computes_a_shared_scenario(client, db):
    factories.reuse_year()
    factories.component(slug="keycloak", name="Keycloak")
    factories.component(slug="elasticms", name="Elasticms")
    response = client.get(
        "/roi/calculator/",
        {"new_fp": "800", "unit_cost": "1000", "component": ["keycloak", "elasticms"],
         "fp": ["300", "100"], "investment": "100000"},
    )  # fmt: skip
    html = response.content.decode()
    assert 'data-figure="reuse_share">50 %<' in html
    assert 'data-figure="cost_without_reuse">EUR 800,000<' in html
    assert 'data-figure="cost_avoided">EUR 320,000<' in html
    assert 'data-figure="actual_cost">EUR 480,000<' in html
    assert 'data-figure="roi">220 %<' in html
    assert html.count(">2</td>") >= 2  # pays off from the 2nd use with RCWR 1.5 / (1 - 0.2)


def test_calculator_without_investment_shows_no_roi(client, db):
    factories.component(slug="keycloak")
    html = client.get(
        "/roi/calculator/",
        {"new_fp": "100", "unit_cost": "10", "component": "keycloak", "fp": "10"},
    ).content.decode()
    assert 'data-figure="cost_avoided">' in html and 'data-figure="roi"' not in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"new_fp": "-5", "unit_cost": "1000"}, "greater than or equal to 0"),
        ({"new_fp": "abc", "unit_cost": "1000"}, "Enter a number"),
        ({"new_fp": "100", "unit_cost": "1000", "component": "nosuch", "fp": "5"}, "valid choice"),
        ({"new_fp": "100", "unit_cost": "1000", "component": "keycloak", "fp": ""}, "Say how many"),
        (
            {"new_fp": "100", "unit_cost": "1000", "component": "keycloak", "fp": "500"},
            "more function points",
        ),
    ],
)
def test_calculator_reports_bad_input(client, db, params, message):
    factories.component(slug="keycloak")
    response = client.get("/roi/calculator/", params)
    assert response.status_code == HTTPStatus.OK
    assert message in response.content.decode()


def test_calculator_does_not_offer_drafts(client, db):
    factories.draft_component(slug="secret", name="Secret thing")
    html = client.get("/roi/calculator/").content.decode()
    assert "Secret thing" not in html


def test_method_page_explains_the_reading(client, demo):
    html = client.get("/roi/method/").content.decode()
    for text in ["Poulin", "Gaffney", "COCOMO II", "net benefit", "1.875", "EUR 13,130,400"]:
        assert text in html, text


def test_component_page_shows_its_savings_marked_illustrative(client, demo):
    html = client.get("/components/evaluation-forms/").content.decode()
    assert "Savings from its reuse" in html
    assert "EUR 952,800" in html
    assert "Illustrative figures" in html
