"""The OpenAPI document is valid, and every operation answers as it documents (schemathesis)."""

import json
import re
from http import HTTPStatus

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_schema(demo, settings):
    # The fuzzer sends far more requests than a person; throttling is tested elsewhere.
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}
    # Built here, after the test settings apply (middleware reads them when it is built).
    return schemathesis.openapi.from_wsgi("/api/schema/", WSGIHandler())


def test_schema_is_a_valid_openapi_3_document(client, db):
    from drf_spectacular.validation import validate_schema as validate

    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == HTTPStatus.OK
    document = response.json()
    assert document["openapi"].startswith("3.")
    validate(document)
    paths = set(document["paths"])
    for path in ["/api/components/", "/api/components/{slug}/", "/api/institutions/",
                 "/api/projects/", "/api/case-studies/", "/api/categories/",
                 "/api/technologies/", "/api/roi/calculate/", "/api/roi/{year}/",
                 "/api/components/{slug}/publiccode.yml"]:  # fmt: skip
        assert path in paths, path


def test_swagger_ui_and_redoc_are_served_without_a_cdn(client, db):
    for url in ["/api/docs/", "/api/redoc/"]:
        html = client.get(url).content.decode()
        assert "cdn." not in html and "jsdelivr" not in html and "unpkg" not in html
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
        assert "/static/drf_spectacular_sidecar/" in html
        # No inline script (the CSP allows scripts from this site's files only).
        assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
        assert '<html lang="en">' in html


def test_redoc_runs_without_its_search_worker(client, db):
    html = client.get("/api/redoc/").content.decode()
    assert "disable-search" in html


def test_documentation_pages_follow_the_visitors_language(client, db):
    html = client.get("/api/redoc/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    if '<html lang="fr">' not in html:
        pytest.skip("the visitor's language is chosen by URL prefix or cookie here")
    assert "lang=fr" in html
    script = client.get("/api/docs/?script=&lang=nl").content.decode()
    assert "lang\\u003Dnl" in script  # the schema URL, JavaScript-escaped


def test_swagger_ui_has_no_online_validator_badge(client, db):
    script = client.get("/api/docs/?script=").content.decode()
    assert '"validatorUrl": null' in script


def test_schema_is_public_examples_and_descriptions_for_readers(client, db):
    from catalogue.api import views

    document = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    assert "securitySchemes" not in document.get("components", {})
    docstrings = {
        " ".join((cls.__doc__ or "").split())
        for cls in vars(views).values()
        if isinstance(cls, type) and cls.__doc__
    }
    responses = 0
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            assert not operation.get("security"), (path, method)
            assert operation.get("summary") and operation.get("description"), (path, method)
            assert " ".join(operation["description"].split()) not in docstrings
            for status, response in operation["responses"].items():
                responses += 1
                media = list(response.get("content", {}).values())
                assert media and all("examples" in m or "example" in m for m in media), (
                    path, method, status,
                )  # fmt: skip
    assert responses >= 51


def test_response_examples_match_their_schemas(client, db):
    """The examples come from the demo catalogue: they must still fit the documented schemas."""
    import jsonschema

    document = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    # OpenAPI 3.0 schemas are close enough to JSON Schema once nullable is spelled out.
    components = json.loads(
        json.dumps(document["components"])
        .replace('"nullable": true', '"nullable_": true')
        # drf-spectacular writes blank-or-URL as oneOf; without format checks "" fits both.
        .replace('"oneOf"', '"anyOf"')
    )
    _nullable(components)
    for operations in document["paths"].values():
        for operation in operations.values():
            for status, response in operation["responses"].items():
                content = response.get("content", {}).get("application/json")
                if not content or not status.startswith("2"):
                    continue
                schema = {**content["schema"], "components": components}
                for example in content.get("examples", {}).values():
                    jsonschema.validate(example["value"], schema)


def _nullable(node):
    if isinstance(node, dict):
        if node.pop("nullable_", False):
            if "type" in node:
                node["type"] = [node["type"], "null"]
            elif "allOf" in node or "$ref" in node:
                inner = {k: node.pop(k) for k in ("allOf", "$ref") if k in node}
                node["anyOf"] = [inner, {"type": "null"}]
            if "enum" in node:
                node["enum"] = [*node["enum"], None]
        for value in node.values():
            _nullable(value)
    elif isinstance(node, list):
        for value in node:
            _nullable(value)


@pytest.mark.parametrize(
    "url",
    ["/api/components/?owner=", "/api/components/?kind=&category=", "/api/projects/?client=",
     "/api/case-studies/?institution=", "/api/components/?publiccode=", "/components/?owner="],
)  # fmt: skip
def test_an_empty_filter_parameter_means_any(client, db, url):
    from tests import factories

    factories.component()
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK


def test_every_operation_conforms_to_the_schema(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 15

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
        def conforms(case):
            # Slugs are documented as strings, not enumerated (the catalogue changes); a
            # well-formed but unknown slug answers the documented 400, so the check that
            # every schema-valid request is accepted does not apply.
            case.call_and_validate(excluded_checks=[positive_data_acceptance])

        conforms()


def test_every_operation_rejects_what_the_schema_forbids(api_schema):
    """The negative-data phase: requests that break the schema answer 4xx, never 2xx or 5xx."""
    operations = [result.ok() for result in api_schema.get_all_operations()]
    tested = []
    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=GenerationMode.NEGATIVE))
        @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
        def rejects(case):
            case.call_and_validate(excluded_checks=[positive_data_acceptance])

        try:
            rejects()
        except Unsatisfiable:
            # Nothing in this operation can be sent against its schema (e.g. a detail addressed
            # by a free-text slug): there is no negative case to try.
            continue
        tested.append(operation.label)
    assert len(tested) >= 8, tested


def test_calculator_limits_in_the_schema_match_what_it_accepts(client, db):
    document = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    schemas = document["components"]["schemas"]
    assert schemas["CalculateInputRequest"]["properties"]["projects"]["minItems"] == 1
    assert "minLength" not in schemas["ReuseInputRequest"]["properties"]["component"]
    no_projects = {"unit_cost_eur": "800", "projects": []}
    response = client.post("/api/roi/calculate/", no_projects, content_type="application/json")
    assert response.status_code == HTTPStatus.BAD_REQUEST and "projects" in response.json()
    blank_component = {
        "unit_cost_eur": "800",
        "projects": [{"new_fp": "5", "reuse": [{"component": "", "fp": "1"}]}],
    }
    response = client.post("/api/roi/calculate/", blank_component, content_type="application/json")
    assert response.status_code == HTTPStatus.OK
