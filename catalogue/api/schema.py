"""What the OpenAPI document says beyond what drf-spectacular derives from the code.

- Examples on every response: successful ones taken from the demo catalogue (examples.json,
  shortened to one item per list), error ones written here.
- Filter parameters: an empty value (`?owner=`) means "any" (BlankMeansAnyFilterSet), so the
  schema allows it: "" joins every enumeration (and is an alternative to a typed value such as
  a year) and the description says so.
- Request limits the serializers enforce but drf-spectacular does not show (list sizes), and
  the empty component slug the calculator reads as "none".
"""

from __future__ import annotations

import json
from pathlib import Path

from catalogue.savings.scenario import MAX_PROJECTS, MAX_REUSES

EXAMPLES = json.loads((Path(__file__).with_name("examples.json")).read_text(encoding="utf-8"))
PAGINATION_PARAMETERS = {"page", "page_size"}
BLANK_NOTE = "An empty value is ignored (means any)."

ERROR_EXAMPLES = {
    "400": {
        "summary": "A malformed or unknown parameter",
        "value": {"owner": ["Select a valid choice. nosuch is not one of the available choices."]},
    },
    "404": {"summary": "Not found, or not published", "value": {"detail": "Not found."}},
    "429": {
        "summary": "Too many requests",
        "value": {"detail": "Request was throttled. Expected available in 12 seconds."},
    },
}
CALCULATE_400 = {
    "summary": "A value out of range",
    "value": {"projects": [{"new_fp": ["Ensure this value is greater than or equal to 0."]}]},
}
YEAR_404 = {
    "summary": "A year without a measurement",
    "value": {"detail": "No measurement for 2019. Measured years: 2020."},
}


# Written examples for operations the demo catalogue cannot illustrate: the report dates no
# news, so the demo has none. Made up, and said so: no fact about any institution.
WRITTEN_EXAMPLES = {
    "news_retrieve": {
        "summary": "A made-up example (the demo catalogue holds no news)",
        "value": {
            "slug": "example-news-item",
            "title": "Example news item",
            "date": "2021-01-15",
            "summary": "A made-up news item showing the response's shape.",
            "image": None,
            "institution": {
                "slug": "example-institution",
                "name": "Example institution",
                "acronym": "",
                "url": "https://reuse.example.org/api/institutions/example-institution/",
                "html_url": "https://reuse.example.org/institutions/example-institution/",
            },
            "url": "https://reuse.example.org/api/news/example-news-item/",
            "html_url": "https://reuse.example.org/news/example-news-item/",
            "language": "en",
            "translations": {
                "title": {"en": "Example news item"},
                "summary": {"en": "A made-up news item showing the response's shape."},
                "body": {},
                "image_alt": {},
            },
            "body": "",
            "body_html": "",
            "components": [],
            "case_studies": [],
            "institutions": [],
            "source": "",
            "updated": "2021-01-15T09:00:00+01:00",
        },
    }
}


def _add_example(content: dict, name: str, example: dict) -> None:
    for media in content.values():
        if "example" not in media and "examples" not in media:
            media["examples"] = {name: example}


def _blank_values_allowed(parameter: dict) -> None:
    if parameter.get("in") != "query" or parameter["name"] in PAGINATION_PARAMETERS:
        return
    schema = parameter.get("schema", {})
    target = schema.get("items", schema)
    if "enum" in target and "" not in target["enum"]:
        target["enum"] = [*target["enum"], ""]
    elif target is schema and schema.get("type") in ("integer", "number", "boolean"):
        # A typed filter (year, complete): its value, or "" for "any".
        parameter["schema"] = {"anyOf": [schema, {"type": "string", "enum": [""]}]}
    description = parameter.get("description", "")
    if BLANK_NOTE not in description:
        parameter["description"] = f"{description}\n\n{BLANK_NOTE}".strip()


def postprocess(result, generator, request, public):
    """drf-spectacular post-processing hook (SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"])."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            operation_id = operation.get("operationId", "")
            # Anonymous access is the only access: no requirement at all, so no lock icons.
            if operation.get("security") in ([], [{}]):
                del operation["security"]
            for parameter in operation.get("parameters", []):
                _blank_values_allowed(parameter)
            for status, response in operation["responses"].items():
                content = response.get("content", {})
                if status.startswith("2") and operation_id in EXAMPLES:
                    _add_example(
                        content,
                        "demo",
                        {"summary": "From the demo catalogue", "value": EXAMPLES[operation_id]},
                    )
                elif status.startswith("2") and operation_id in WRITTEN_EXAMPLES:
                    _add_example(content, "written", WRITTEN_EXAMPLES[operation_id])
                elif operation_id == "roi_calculate_create" and status == "400":
                    _add_example(content, "invalid", CALCULATE_400)
                elif operation_id == "roi_retrieve" and status == "404":
                    _add_example(content, "unknown-year", YEAR_404)
                elif status in ERROR_EXAMPLES:
                    _add_example(content, "error", ERROR_EXAMPLES[status])
            body = operation.get("requestBody", {}).get("content", {})
            request_example = EXAMPLES.get(f"{operation_id}_request")
            if request_example is not None:
                _add_example(body, "scenario", {"summary": "One project", "value": request_example})
    schemas = result.get("components", {}).get("schemas", {})
    for name, limits in {
        "CalculateInputRequest": {"projects": {"minItems": 1, "maxItems": MAX_PROJECTS}},
        "ProjectInputRequest": {"reuse": {"maxItems": MAX_REUSES}},
    }.items():
        for field, constraints in limits.items():
            schemas.get(name, {}).get("properties", {}).get(field, {}).update(constraints)
    # DRF reads an empty slug of an optional relation as null: "" is accepted, so documented.
    component = schemas.get("ReuseInputRequest", {}).get("properties", {}).get("component")
    if component is not None:
        component.pop("minLength", None)
        component["description"] = (
            "Slug of a published catalogue component (optional; empty or null: none)."
        )
    return result
