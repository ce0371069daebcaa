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


# -- planning: person-days, ranges and sensitivity ------------------------------------------------


def independent_at(payload, rcr, rcwr):
    """The model again, with floats, at given RCR and RCWR (a reuse's own cost wins)."""
    productivity = payload.get("productivity")
    if productivity is None:
        per_day = None
    elif productivity["unit"] == "fp-per-person-day":
        per_day = productivity["value"]
    else:
        per_day = 1 / productivity["value"]

    def fp(item, fp_key, days_key):
        return item[fp_key] if fp_key in item else item[days_key] * per_day

    new = reused = without = avoided = 0.0
    for project in payload["projects"]:
        unit = project.get("unit_cost_eur", payload["unit_cost_eur"])
        size = fp(project, "new_fp", "new_person_days")
        new += size
        without += size * unit
        for item in project.get("reuse", []):
            supplied = fp(item, "fp", "person_days")
            reused += supplied
            avoided += supplied * unit * (1 - item.get("relative_cost", rcr))
    invested = payload.get("investment_eur", 0)
    for build in payload.get("build", []):
        factor = rcwr - 1 if build["location"] == "in-project" else rcwr
        invested += fp(build, "fp", "person_days") * payload["unit_cost_eur"] * factor
    return {
        "new_fp": new,
        "reuse_share": reused / new if new else None,
        "cost_without_reuse_eur": without,
        "cost_avoided_eur": avoided,
        "actual_cost_eur": without - avoided,
        "investment_eur": invested,
        "net_benefit_eur": avoided - invested,
        "roi": (avoided - invested) / invested if invested else None,
    }


def _grid(low, high, steps=4):
    return [low + (high - low) * i / steps for i in range(steps + 1)]


def _random_planning_scenario(rng):
    days = rng.random() < 0.5
    fp_key, new_key = ("person_days", "new_person_days") if days else ("fp", "new_fp")
    projects = []
    for _ in range(rng.randint(1, 4)):
        size = round(rng.uniform(0, 5000), 2)
        reuses, left = [], size
        for _ in range(rng.randint(0, 3)):
            supplied = round(rng.uniform(0, left), 2)
            left = round(left - supplied, 2)
            reuse = {fp_key: supplied}
            if rng.random() < 0.3:
                reuse["relative_cost"] = round(rng.uniform(0, 1.5), 3)
            reuses.append(reuse)
        projects.append({"name": "p", new_key: size, "reuse": reuses})
    rcr = sorted(round(rng.uniform(0, 1.5), 3) for _ in range(3))
    rcwr = sorted(round(rng.uniform(1, 5), 3) for _ in range(3))
    payload = {
        "unit_cost_eur": round(rng.uniform(100, 2000), 2),
        "investment_eur": rng.choice([0, round(rng.uniform(1, 10**6), 2)]),
        "rcr_low": rcr[0], "rcr": rcr[1], "rcr_high": rcr[2],
        "rcwr_low": rcwr[0], "rcwr": rcwr[1], "rcwr_high": rcwr[2],
        "build": [
            {fp_key: round(rng.uniform(0, 500), 2), "location": rng.choice(["in-project", "central"])}
            for _ in range(rng.randint(0, 2))
        ],
        "projects": projects,
    }  # fmt: skip
    if days:
        payload["productivity"] = {
            "value": round(rng.uniform(0.01, 50), 3),
            "unit": rng.choice(["fp-per-person-day", "person-days-per-fp"]),
        }
    return payload


def _close(got, expected, key):
    if expected is None:
        assert got is None, key
    else:
        assert got == pytest.approx(expected, rel=1e-9, abs=1e-4), key


def test_ranges_match_an_independent_implementation_on_random_scenarios(client):
    rng = random.Random(13)
    for _ in range(150):
        payload = _random_planning_scenario(rng)
        response = post(client, payload)
        assert response.status_code == HTTPStatus.OK, (payload, response.content)
        got = response.json()
        expected = independent_at(payload, payload["rcr"], payload["rcwr"])
        for key, value in expected.items():
            _close(got[key], value, key)
        # Every result over a grid of RCR x RCWR (its corners included): the range is its
        # least and greatest value.
        points = [
            independent_at(payload, rcr, rcwr)
            for rcr in _grid(payload["rcr_low"], payload["rcr_high"])
            for rcwr in _grid(payload["rcwr_low"], payload["rcwr_high"])
        ]
        for key, span in got["ranges"].items():
            values = [point[key] for point in points]
            if any(value is None for value in values):
                assert span["low"] is None and span["high"] is None, (key, payload)
                continue
            _close(span["low"], min(values), f"{key} low")
            _close(span["high"], max(values), f"{key} high")
            _close(span["expected"], expected[key], f"{key} expected")
        for swing in got["sensitivity"]:
            others = {"rcr": payload["rcr"], "rcwr": payload["rcwr"]}
            low = independent_at(
                payload, **{**others, swing["input"]: payload[f"{swing['input']}_low"]}
            )
            high = independent_at(
                payload, **{**others, swing["input"]: payload[f"{swing['input']}_high"]}
            )
            _close(swing["at_low"], low[swing["output"]], "at_low")
            _close(swing["at_high"], high[swing["output"]], "at_high")
        by_output = {}
        for swing in got["sensitivity"]:
            by_output.setdefault(swing["output"], []).append(swing["swing"])
        assert all(swings == sorted(swings, reverse=True) for swings in by_output.values())


def test_person_days_and_payoff_in_the_answer(client):
    factories.component(slug="keycloak")
    data = post(client, {
        "unit_cost_eur": 1000,
        "productivity": {"value": 10, "unit": "person-days-per-fp"},
        "rcr_low": 0.1, "rcr_high": 0.4,
        "projects": [{"name": "A", "new_person_days": 2000,
                      "reuse": [{"component": "keycloak", "person_days": 500}]}],
    }).json()  # fmt: skip
    assert data["size_unit"] == "person-days"
    assert data["new_fp"] == 200 and data["cost_avoided_eur"] == 40_000
    assert data["parameters"]["cost_per_person_day_eur"] == 100
    assert data["parameters"]["rcr"] == {"low": 0.1, "expected": 0.2, "high": 0.4}
    assert data["ranges"]["cost_avoided_eur"] == {"low": 30_000, "expected": 40_000, "high": 45_000}
    (line,) = data["reuses"]
    assert line["component"] == "keycloak" and line["size"] == 500 and line["fp"] == 50
    assert line["uses_to_pay_off"] == {"low": 2, "expected": 2, "high": 3}  # 1.5/0.9 .. 1.5/0.6


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"unit_cost_eur": 1, "projects": [{"new_person_days": 10}]}, "productivity"),
        (
            {"unit_cost_eur": 1, "productivity": {"value": 1, "unit": "fp-per-person-day"},
             "projects": [{"new_person_days": 10, "reuse": [{"fp": 1}]}]},
            "projects",
        ),
        ({"unit_cost_eur": 1, "projects": [{"new_fp": 10, "new_person_days": 10}]}, "projects"),
        ({"unit_cost_eur": 1, "projects": [{"name": "no size"}]}, "projects"),
        ({"unit_cost_eur": 1, "projects": [{"new_fp": 10, "reuse": [{}]}]}, "projects"),
        ({"unit_cost_eur": 1, "rcr_low": 0.5, "projects": [{"new_fp": 1}]}, "rcr_low"),
        ({"unit_cost_eur": 1, "rcr": 0.3, "rcr_high": 0.2, "projects": [{"new_fp": 1}]}, "rcr_high"),
        ({"unit_cost_eur": 1, "rcwr_low": 0.5, "projects": [{"new_fp": 1}]}, "rcwr_low"),
        ({"unit_cost_eur": 1, "rcwr_high": 6, "projects": [{"new_fp": 1}]}, "rcwr_high"),
        (
            {"unit_cost_eur": 1, "productivity": {"value": 0, "unit": "fp-per-person-day"},
             "projects": [{"new_person_days": 1}]},
            "productivity",
        ),
        (
            {"unit_cost_eur": 1, "productivity": {"value": 1, "unit": "lines-per-day"},
             "projects": [{"new_person_days": 1}]},
            "productivity",
        ),
        ({"unit_cost_eur": 1, "build": [{"fp": 1, "location": "moon"}], "projects": [{"new_fp": 1}]}, "build"),
        ({"unit_cost_eur": 1, "build": [{"fp": -1}], "projects": [{"new_fp": 1}]}, "build"),
        ({"unit_cost_eur": 1, "build": "lots", "projects": [{"new_fp": 1}]}, "build"),
        (
            {"unit_cost_eur": 1, "projects": [
                {"new_fp": 10**6, "reuse": [{"fp": 1}] * 200} for _ in range(26)]},
            "projects",
        ),
    ],
)  # fmt: skip
def test_invalid_planning_input_answers_400_naming_the_field(client, payload, field):
    response = post(client, payload)
    assert response.status_code == HTTPStatus.BAD_REQUEST, response.content
    assert field in response.json()


def test_the_schema_describes_the_planning_fields(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    schema = json.loads(response.content)
    components = schema["components"]["schemas"]
    request = components["CalculateInputRequest"]["properties"]
    for name in ("rcr_low", "rcr_high", "rcwr_low", "rcwr_high", "productivity", "build"):
        assert name in request, name
    assert "new_person_days" in components["ProjectInputRequest"]["properties"]
    operation = schema["paths"]["/api/roi/calculate/"]["post"]
    answer_ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert answer_ref.endswith("/ScenarioOutput")
    answer = components["ScenarioOutput"]["properties"]
    for name in ("ranges", "sensitivity", "reuses", "parameters", "size_unit", "roi"):
        assert name in answer, name
