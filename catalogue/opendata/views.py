"""Machine-readable exports of the published catalogue: ADMS-AP and code.json."""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from catalogue.models import Component
from catalogue.opendata.adms import adms_graph
from catalogue.opendata.codejson import codejson_inventory, codejson_release

CATALOGUE_TITLE = _("ReUse catalogue")
CATALOGUE_DESCRIPTION = _("Reusable software of public administrations.")


def _published_components():
    return Component.objects.published().for_detail().order_by("name")


def _publisher():
    name = settings.CATALOGUE_PUBLISHER_NAME
    return (name, settings.CATALOGUE_PUBLISHER_URL) if name else None


def _adms(request):
    return adms_graph(
        _published_components(),
        absolute=request.build_absolute_uri,
        title=CATALOGUE_TITLE,
        description=CATALOGUE_DESCRIPTION,
        publisher=_publisher(),
    )


def catalogue_turtle(request):
    return HttpResponse(_adms(request).serialize(format="turtle"), content_type="text/turtle")


def catalogue_jsonld(request):
    return HttpResponse(
        _adms(request).serialize(format="json-ld"), content_type="application/ld+json"
    )


def _json(data):
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def code_json(request):
    """The agency's code inventory (code.json 2.0.0): the agency, then one release per
    published component."""
    return _json(
        codejson_inventory(
            _published_components(),
            absolute=request.build_absolute_uri,
            agency=settings.CATALOGUE_PUBLISHER_NAME or str(CATALOGUE_TITLE),
        )
    )


def component_code_json(request, slug):
    component = get_object_or_404(_published_components(), slug=slug)
    return _json(codejson_release(component, absolute=request.build_absolute_uri))
