"""publiccode.yml of a published component, as a page of the site.

Offered only for software entries that hold every fact the standard requires; for the others
the answer is a 404 that says which facts are missing (completeness.py).
"""

from dataclasses import dataclass

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from catalogue.models import Component
from catalogue.publiccode.completeness import Readiness, readiness
from catalogue.publiccode.export import component_to_publiccode, dump


@dataclass
class PublicCodeExport:
    component: Component
    readiness: Readiness
    document: dict | None  # None when the entry is not ready

    def explanation(self) -> str:
        if not self.readiness.software:
            return _("This entry is not software: it has no publiccode.yml.")
        facts = "; ".join(str(fact.ask) for fact in self.readiness.missing)
        return _(
            "No publiccode.yml yet: the catalogue does not know every fact the standard "
            "requires. Missing: %(facts)s."
        ) % {"facts": facts}


def publiccode_export(request, slug) -> PublicCodeExport:
    component = get_object_or_404(Component.objects.published().for_detail(), slug=slug)
    state = readiness(component)
    document = None
    if state.ready:
        document = component_to_publiccode(
            component,
            page_url=request.build_absolute_uri(component.get_absolute_url()),
            owner_url=request.build_absolute_uri(component.owner.get_absolute_url()),
        )
    return PublicCodeExport(component, state, document)


def component_publiccode(request, slug):
    export = publiccode_export(request, slug)
    if export.document is None:
        return HttpResponse(
            export.explanation(), status=404, content_type="text/plain; charset=utf-8"
        )
    response = HttpResponse(dump(export.document), content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="publiccode.yml"'
    return response
