"""Machine-readable exports of the published catalogue: ADMS-AP and code.json."""

from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from catalogue.models import Component
from catalogue.opendata.adms import adms_graph
from catalogue.opendata.codejson import codejson_record


def _published_components():
    return Component.objects.published().for_detail().order_by("name")


def _adms(request):
    return adms_graph(
        _published_components(),
        absolute=request.build_absolute_uri,
        title=str(_("ReUse catalogue")),
    )


def catalogue_turtle(request):
    return HttpResponse(_adms(request).serialize(format="turtle"), content_type="text/turtle")


def catalogue_jsonld(request):
    return HttpResponse(
        _adms(request).serialize(format="json-ld"), content_type="application/ld+json"
    )


def code_json(request):
    records = [
        codejson_record(component, absolute=request.build_absolute_uri)
        for component in _published_components()
    ]
    return JsonResponse(records, safe=False, json_dumps_params={"ensure_ascii": False})
