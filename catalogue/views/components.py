"""Component search and component pages."""

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.generic import DetailView

from catalogue.facets import build_facets
from catalogue.filters import ComponentFilterSet, Sort
from catalogue.models import Component
from catalogue.selectors import component_savings


def component_list(request):
    filterset = ComponentFilterSet(
        request.GET or None, queryset=Component.objects.published(), request=request
    )
    components = filterset.qs.for_listing()
    page = Paginator(components, settings.CATALOGUE_PAGE_SIZE).get_page(request.GET.get("page"))
    active_filters = any(request.GET.getlist(name) for name in (*ComponentFilterSet.FACETS, "q"))
    return render(
        request,
        "catalogue/component_list.html",
        {
            "filterset": filterset,
            "form_errors": filterset.form.errors if filterset.is_bound else {},
            "page_obj": page,
            "components": page.object_list,
            "facets": build_facets(filterset, request.GET),
            "active_filters": active_filters,
            "query_without_page": _without_page(request.GET),
            "sort_choices": Sort.CHOICES,
            "sort_key": filterset.sort_key,
        },
    )


def _without_page(params):
    query = params.copy()
    query.pop("page", None)
    return query.urlencode()


class ComponentDetailView(DetailView):
    template_name = "catalogue/component_detail.html"
    context_object_name = "component"

    def get_queryset(self):
        return Component.objects.published().for_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["savings"] = component_savings(self.object)
        return context
