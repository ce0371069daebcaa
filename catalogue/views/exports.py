"""Machine-readable exports of the published catalogue."""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from catalogue.exports import adms_graph, codejson_record
from catalogue.models import Component
from catalogue.publiccode_mapping import component_to_publiccode, dump


def publiccode_document(request, slug):
    component = get_object_or_404(Component.objects.published().for_detail(), slug=slug)
    return component_to_publiccode(
        component,
        page_url=request.build_absolute_uri(component.get_absolute_url()),
        owner_url=request.build_absolute_uri(component.owner.get_absolute_url()),
    )


def component_publiccode(request, slug):
    response = HttpResponse(
        dump(publiccode_document(request, slug)), content_type="application/yaml; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="publiccode.yml"'
    return response


def _published_components():
    return Component.objects.published().for_detail().order_by("name")


def _absolute(request):
    return request.build_absolute_uri


def _adms(request):
    return adms_graph(
        _published_components(), absolute=_absolute(request), title=str(_("ReUse catalogue"))
    )


def catalogue_turtle(request):
    return HttpResponse(_adms(request).serialize(format="turtle"), content_type="text/turtle")


def catalogue_jsonld(request):
    return HttpResponse(
        _adms(request).serialize(format="json-ld"), content_type="application/ld+json"
    )


def code_json(request):
    records = [
        codejson_record(component, absolute=_absolute(request))
        for component in _published_components()
    ]
    return JsonResponse(records, safe=False, json_dumps_params={"ensure_ascii": False})
