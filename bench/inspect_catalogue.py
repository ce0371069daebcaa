"""Helper the page benchmark runs in a subprocess, against the catalogue under test
(DATABASE_URL and the production settings come from the environment):

    inspect_catalogue.py targets        JSON: slugs of the entries the benchmark requests
    inspect_catalogue.py queries PATH   JSON: status, SQL queries executed and bytes for PATH
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reuse.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.test import Client  # noqa: E402


def targets() -> dict:
    from catalogue.models import Category, Component, Institution, Publication

    published = Q(owned_components__publication=Publication.PUBLISHED)
    owner = (
        Institution.objects.annotate(n=Count("owned_components", filter=published))
        .order_by("-n")
        .first()
    )
    component = (
        Component.objects.published()
        .annotate(n=Count("reuses"))
        .order_by("-n", "pk")
        .values_list("slug", flat=True)
        .first()
    )
    category = (
        Category.objects.annotate(n=Count("components")).order_by("-n").values_list("slug").first()
    )
    return {
        "institution": owner.slug if owner else "",
        "component": component or "",
        "category": category[0] if category else "",
    }


def queries(path: str) -> dict:
    executed = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    client = Client(HTTP_HOST="127.0.0.1")
    with connection.execute_wrapper(count):  # streamed bodies query while they are read
        response = client.get(path)
        body = b"".join(response.streaming_content) if response.streaming else response.content
    return {"status": response.status_code, "queries": len(executed), "bytes": len(body)}


if __name__ == "__main__":
    command = sys.argv[1]
    result = targets() if command == "targets" else queries(sys.argv[2])
    print(json.dumps(result))
