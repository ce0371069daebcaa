"""Component search and component pages."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.views.generic import DetailView

from catalogue.facets import build_facets
from catalogue.filters import ComponentFilterSet, Sort
from catalogue.models import CaseStudy, Component, ComponentReuse
from catalogue.selectors import component_savings


def component_list(request):
    filterset = ComponentFilterSet(
        request.GET or None, queryset=Component.objects.published(), request=request
    )
    components = filterset.qs.select_related("owner").prefetch_related("categories", "technologies")
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
        published = Component.objects.published().only("name", "slug", "short_description")
        return (
            Component.objects.published()
            .select_related("owner")
            .prefetch_related(
                "categories",
                "technologies",
                "contributors",
                Prefetch("depends_on", queryset=published),
                Prefetch("dependents", queryset=published),
                Prefetch("related", queryset=published),
                Prefetch(
                    "reuses",
                    queryset=ComponentReuse.objects.select_related("project")
                    .prefetch_related("project__clients")
                    .order_by("-project__year", "project__name"),
                ),
                Prefetch(
                    "case_studies",
                    queryset=CaseStudy.objects.published().select_related("institution"),
                ),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["savings"] = component_savings(self.object)
        return context


def get_published_component(slug):
    return get_object_or_404(Component.objects.published(), slug=slug)
