"""POST /api/roi/calculate/ and GET /api/roi/<year>/."""

import json
import random
from http import HTTPStatus

import pytest

from tests import factories

pytestmark = pytest.mark.django_db
URL = "/api/roi/calculate/"


def post(client, payload, raw=False):
    body = payload if raw else json.dumps(payload)
    return client.post(URL, body, content_type="application/json")


def independent(payload):
    """The issue's formulas, written again with floats, to cross-check the API."""
    total_new = total_reused = without = avoided = 0.0
    for project in payload["projects"]:
        unit = project.get("unit_cost_eur", payload["unit_cost_eur"])
        total_new += project["new_fp"]
        without += project["new_fp"] * unit
        for item in project.get("reuse", []):
            total_reused += item["fp"]
            avoided += item["fp"] * unit * (1 - item.get("relative_cost", 0.2))
    investment = payload.get("investment_eur", 0)
    return {
        "reuse_share": total_reused / total_new if total_new else None,
        "cost_without_reuse_eur": without,
        "cost_avoided_eur": avoided,
        "actual_cost_eur": without - avoided,
        "investment_eur": investment,
        "net_benefit_eur": avoided - investment,
        "roi": (avoided - investment) / investment if investment else None,
    }


def test_the_issue_example(client):
    factories.component(slug="keycloak")
    response = post(
        client,
        {"unit_cost_eur": 1000, "investment_eur": 0, "projects": [
            {"name": "X", "new_fp": 800, "reuse": [
                {"component": "keycloak", "fp": 300}, {"fp": 100, "relative_cost": 0.3}]}]},
    )  # fmt: skip
    assert response.status_code == HTTPStatus.OK
    data = response.json()
    assert data["reuse_share"] == 0.5
    assert data["cost_without_reuse_eur"] == 800_000
    assert data["cost_avoided_eur"] == 310_000
    assert data["actual_cost_eur"] == 490_000
    assert data["net_benefit_eur"] == 310_000
    assert data["roi"] is None
    assert data["projects"][0]["name"] == "X"
    assert data["projects"][0]["cost_avoided_eur"] == 310_000


def test_component_relative_cost_applies_when_the_reuse_gives_none(client):
    factories.component(slug="costly", relative_cost="0.5")
    data = post(client, {"unit_cost_eur": 10, "projects": [
        {"new_fp": 100, "reuse": [{"component": "costly", "fp": 100}]}]}).json()  # fmt: skip
    assert data["cost_avoided_eur"] == 500


def test_matches_an_independent_implementation_on_random_scenarios(client):
    rng = random.Random(2020)
    for _ in range(200):
        projects = []
        for _ in range(rng.randint(1, 5)):
            new_fp = round(rng.uniform(0, 3000), 2)
            reuses, left = [], new_fp
            for _ in range(rng.randint(0, 4)):
                fp = round(rng.uniform(0, left), 2)
                left = round(left - fp, 2)
                reuse = {"fp": fp}
                if rng.random() < 0.5:
                    reuse["relative_cost"] = round(rng.uniform(0, 1.5), 3)
                reuses.append(reuse)
            project = {"name": "p", "new_fp": new_fp, "reuse": reuses}
            if rng.random() < 0.3:
                project["unit_cost_eur"] = round(rng.uniform(100, 2000), 2)
            projects.append(project)
        payload = {
            "unit_cost_eur": round(rng.uniform(100, 2000), 2),
            "investment_eur": rng.choice([0, round(rng.uniform(1, 10**7), 2)]),
            "projects": projects,
        }
        response = post(client, payload)
        assert response.status_code == HTTPStatus.OK, (payload, response.content)
        got, expected = response.json(), independent(payload)
        for key, value in expected.items():
            if value is None:
                assert got[key] is None, key
            else:
                assert got[key] == pytest.approx(value, rel=1e-9, abs=1e-6), key


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"projects": [{"new_fp": 1}]}, "unit_cost_eur"),
        ({"unit_cost_eur": -1, "projects": [{"new_fp": 1}]}, "unit_cost_eur"),
        ({"unit_cost_eur": 1, "projects": []}, "projects"),
        ({"unit_cost_eur": 1}, "projects"),
        ({"unit_cost_eur": "lots", "projects": [{"new_fp": 1}]}, "unit_cost_eur"),
        ({"unit_cost_eur": 1, "investment_eur": -5, "projects": [{"new_fp": 1}]}, "investment_eur"),
        ({"unit_cost_eur": 1, "projects": [{"new_fp": -1}]}, "projects"),
        ({"unit_cost_eur": 1, "projects": [{"new_fp": 10, "reuse": [{"fp": 11}]}]}, "projects"),
        (
            {
                "unit_cost_eur": 1,
                "projects": [{"new_fp": 10, "reuse": [{"fp": 1, "relative_cost": 2}]}],
            },
            "projects",
        ),
        (
            {
                "unit_cost_eur": 1,
                "projects": [{"new_fp": 10, "reuse": [{"fp": 1, "component": "nosuch"}]}],
            },
            "projects",
        ),
        ({"unit_cost_eur": 1, "projects": [{"new_fp": "NaN"}]}, "projects"),
        ({"unit_cost_eur": 1, "projects": [{"new_fp": 1e300}]}, "projects"),
        ({"unit_cost_eur": True, "projects": [{"new_fp": 1}]}, "unit_cost_eur"),
        ({"unit_cost_eur": 1, "projects": "all of them"}, "projects"),
    ],
)
def test_invalid_input_answers_400_with_a_message_per_field(client, payload, field):
    response = post(client, payload)
    assert response.status_code == HTTPStatus.BAD_REQUEST, response.content
    assert field in response.json()


@pytest.mark.parametrize("body", ["{bad json", "[]", '"text"', "null", ""])
def test_malformed_bodies_answer_400(client, body):
    response = post(client, body, raw=True)
    assert response.status_code == HTTPStatus.BAD_REQUEST


def test_drafts_cannot_be_named_in_a_scenario(client):
    factories.draft_component(slug="secret")
    response = post(client, {"unit_cost_eur": 1, "projects": [
        {"new_fp": 10, "reuse": [{"fp": 1, "component": "secret"}]}]})  # fmt: skip
    assert response.status_code == HTTPStatus.BAD_REQUEST


def test_stored_year(client, demo):
    response = client.get("/api/roi/2020/")
    assert response.status_code == HTTPStatus.OK
    data = response.json()
    assert data["project_count"] == 27 and len(data["projects"]) == 27
    assert round(data["reuse_share"], 2) == 0.64
    assert round(data["roi"], 2) == 0.46
    assert data["cost_avoided_eur"] > 13_000_000
    assert data["illustrative"] is True
    assert data["published"]["roi"] == 0.46
    assert (
        data["by_component"][0]["cost_avoided_eur"] >= data["by_component"][-1]["cost_avoided_eur"]
    )


def test_unknown_year_is_404(client, demo):
    response = client.get("/api/roi/1999/")
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "1999" in response.json()["detail"]
