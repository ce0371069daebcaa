"""Machine-readable exports of the published catalogue: ADMS-AP and code.json.

The whole-catalogue exports stream: components are read in batches (keyset on the primary key,
one query per batch plus its prefetches) and each batch is serialised and sent before the next
is read, so a worker's memory is one batch's and the first byte leaves at once, whatever the
catalogue's size."""

import json

from django.conf import settings
from django.http import JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from catalogue.models import Component
from catalogue.opendata.adms import adms_graphs
from catalogue.opendata.codejson import codejson_inventory_chunks, codejson_release

CATALOGUE_TITLE = _("ReUse catalogue")
CATALOGUE_DESCRIPTION = _("Reusable software of public administrations.")
# Components per batch: a few MB of rows and graph at most.
BATCH_SIZE = 500


def published_in_batches(size: int = BATCH_SIZE):
    """Lists of published components, ready for the exports, in primary-key order. Keyset
    pagination (``pk > last``), not OFFSET: every batch is an index range scan."""
    queryset = Component.objects.published().for_export().order_by("pk")
    last = 0
    while True:
        batch = list(queryset.filter(pk__gt=last)[:size])
        if not batch:
            return
        yield batch
        last = batch[-1].pk


def _publisher():
    name = settings.CATALOGUE_PUBLISHER_NAME
    return (name, settings.CATALOGUE_PUBLISHER_URL) if name else None


def _adms_graphs(request):
    return adms_graphs(
        published_in_batches(),
        absolute=request.build_absolute_uri,
        title=CATALOGUE_TITLE,
        description=CATALOGUE_DESCRIPTION,
        publisher=_publisher(),
    )


def catalogue_turtle(request):
    # Turtle documents concatenate: each chunk restates its prefixes; no blank nodes are used.
    chunks = (graph.serialize(format="turtle") for graph in _adms_graphs(request))
    return StreamingHttpResponse(chunks, content_type="text/turtle; charset=utf-8")


def catalogue_jsonld(request):
    return StreamingHttpResponse(
        _jsonld_chunks(_adms_graphs(request)), content_type="application/ld+json"
    )


def _jsonld_chunks(graphs):
    """One expanded JSON-LD document (an array of node objects; a node met in several batches,
    the catalogue, appears once per batch, which JSON-LD merges by its @id)."""
    yield "["
    separator = ""
    for graph in graphs:
        nodes = json.loads(graph.serialize(format="json-ld"))
        if nodes:
            yield separator + ", ".join(json.dumps(node, ensure_ascii=False) for node in nodes)
            separator = ", "
    yield "]"


def code_json(request):
    """The agency's code inventory (code.json 2.0.0): the agency, then one release per
    published component."""
    chunks = codejson_inventory_chunks(
        published_in_batches(),
        absolute=request.build_absolute_uri,
        agency=settings.CATALOGUE_PUBLISHER_NAME or str(CATALOGUE_TITLE),
    )
    return StreamingHttpResponse(chunks, content_type="application/json")


def component_code_json(request, slug):
    component = get_object_or_404(Component.objects.published().for_export(), slug=slug)
    return JsonResponse(
        codejson_release(component, absolute=request.build_absolute_uri),
        json_dumps_params={"ensure_ascii": False},
    )
