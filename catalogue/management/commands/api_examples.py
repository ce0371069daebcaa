"""Write catalogue/api/examples.json: the OpenAPI document's response examples, taken from the
demo catalogue through the real API (lists shortened to their first item).

Run after changing a serializer: `make api-examples` (loads the demo into a scratch SQLite
database). tests/test_api_schema.py fails when an example no longer fits its schema.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.test import Client, override_settings

from catalogue.api import schema
from catalogue.models import Category, Component, Institution, Project, Technology

HOST = "reuse.example.org"
CALCULATE_REQUEST = {
    "unit_cost_eur": "800",
    "projects": [{"name": "New portal", "new_fp": "500", "reuse": [{"fp": "200"}]}],
}


def _shortened(value):
    """Every list cut to its first item, recursively (examples stay readable)."""
    if isinstance(value, list):
        return [_shortened(item) for item in value[:1]]
    if isinstance(value, dict):
        return {key: _shortened(item) for key, item in value.items()}
    return value


class Command(BaseCommand):
    help = "Regenerate the API's response examples from the demo catalogue in the database."

    def handle(self, *args, **options):
        component = Component.objects.published().order_by("name").first()
        if component is None:
            raise CommandError("No published component: run `manage.py load_demo` first.")
        with override_settings(ALLOWED_HOSTS=[HOST], SECURE_SSL_REDIRECT=False):
            client = Client(HTTP_HOST=HOST)
            examples = {}
            routes = {
                "components": component.slug,
                "institutions": Institution.objects.order_by("slug").first().slug,
                "projects": Project.objects.order_by("-year", "slug").first().slug,
                "case_studies": None,
                "categories": Category.objects.order_by("slug").first().slug,
                "technologies": Technology.objects.order_by("slug").first().slug,
                # News and events (issue 14): the demo may hold none (schema.py then gives a
                # written example of one item).
                "news": None,
                "events": None,
            }
            for name, slug in routes.items():
                path = name.replace("_", "-")
                listing = self._get(client, f"/api/{path}/")
                examples[f"{name}_list"] = listing
                if slug is None and not listing["results"]:
                    continue
                slug = slug or listing["results"][0]["slug"]
                examples[f"{name}_retrieve"] = self._get(client, f"/api/{path}/{slug}/")
            year = self._get(client, "/api/roi/2020/")
            examples["roi_retrieve"] = year
            response = client.post(
                "/api/roi/calculate/",
                CALCULATE_REQUEST,
                content_type="application/json",
                secure=True,
            )
            examples["roi_calculate_create"] = _shortened(response.json())
            examples["roi_calculate_create_request"] = CALCULATE_REQUEST
        target = Path(schema.__file__).with_name("examples.json")
        target.write_text(json.dumps(examples, ensure_ascii=False, indent=1) + "\n", "utf-8")
        self.stdout.write(f"Wrote {len(examples)} examples to {target}")

    def _get(self, client, path):
        response = client.get(path, secure=True)
        if response.status_code != 200:
            raise CommandError(f"{path} answered {response.status_code}")
        return _shortened(response.json())
