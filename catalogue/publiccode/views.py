"""publiccode.yml of a published component, as a page of the site."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from catalogue.models import Component
from catalogue.publiccode.export import component_to_publiccode, dump


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
