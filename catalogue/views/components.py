"""Component search and component pages."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from catalogue.caching import cached_facets
from catalogue.models import Component, NewsItem
from catalogue.models.news import RELATED_NEWS_SIZE
from catalogue.paging import DeferredPaginator
from catalogue.publiccode.completeness import readiness
from catalogue.savings.measurement import component_savings
from catalogue.search.facets import TOP_VALUES, build_facets
from catalogue.search.filters import ComponentFilterSet, Sort
from catalogue.views.listing import SECTION_SIZE, Section, bounded, filtered_page_context


def component_list(request):
    # Always bound, an empty query too: the first visit gets the listing's own order (the
    # indexed name key), as the API does, not the model's default.
    filterset = ComponentFilterSet(
        request.GET, queryset=Component.objects.published(), request=request
    )
    paginator = DeferredPaginator(
        filterset.qs,
        settings.CATALOGUE_PAGE_SIZE,
        # Counted without ranking: on SQLite the ranked rows read every match's document.
        counted=filterset.narrowed() if filterset.is_valid() else None,
        rows=Component.objects.for_page,
    )
    context = filtered_page_context(
        request, filterset, settings.CATALOGUE_PAGE_SIZE, paginator=paginator
    )
    active_filters = any(request.GET.getlist(name) for name in (*ComponentFilterSet.FACETS, "q"))
    plan = filterset.search_plan if filterset.is_valid() else None
    suggestion = plan.suggestion if plan and not context["page_obj"].paginator.count else None
    # Long facets list their top values; ?more=<facet> lists more of them (still bounded).
    more = frozenset(name for name in request.GET.getlist("more") if name in TOP_VALUES)
    # Cached by parameters, language and catalogue version (catalogue/caching.py).
    facets = cached_facets(
        request, filterset, request.GET, lambda fs, params: build_facets(fs, params, more=more)
    )
    return render(
        request,
        "catalogue/component_list.html",
        {
            **context,
            "components": context["page_obj"].object_list,
            "facets": facets,
            "more": sorted(more),
            # Selected values, shown as removable chips above the results (even at 0).
            "chips": [(facet, value) for facet in facets for value in facet.selected],
            "has_facet_values": any(facet.values for facet in facets),
            "active_filters": active_filters,
            "sort_choices": Sort.CHOICES,
            # The menu shows the sort asked for, else relevance: submitting a new query from
            # a page sorted by name by default must not pin the name order.
            "sort_key": filterset.cleaned.get("sort") or Sort.RELEVANCE,
            "search_plan": plan,
            "suggestion": suggestion,
            "suggestion_url": _url_with_query(request, suggestion) if suggestion else "",
        },
    )


def _url_with_query(request, query):
    params = request.GET.copy()
    params.pop("page", None)
    params["q"] = query
    return f"?{params.urlencode()}"


class ComponentDetailView(DetailView):
    template_name = "catalogue/component_detail.html"
    context_object_name = "component"

    def get_queryset(self):
        return Component.objects.published().for_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        component = self.object
        context["savings"] = component_savings(component)
        # The projects that reuse it, newest first, cut: a popular component has thousands.
        context["reuses"] = Section(
            component.latest_reuses[:SECTION_SIZE],
            component.reuse_total,
            f"{reverse('catalogue:project-list')}?" + urlencode({"component": component.slug}),
        )
        context["publiccode"] = readiness(component)
        # News about it (issue 14): the latest few, with a link to all of them.
        context["related_news"] = bounded(
            NewsItem.objects.published().filter(components=component).for_listing(),
            limit=RELATED_NEWS_SIZE,
            more_url=f"{reverse('catalogue:news-list')}?"
            + urlencode({"component": component.slug}),
        )
        context["not_stated"] = not_stated(component)
        return context


def not_stated(component):
    """The facts the entry does not state, named together once rather than one
    "Not stated" per line."""
    facts = [
        (component.reuse_conditions, _("reuse conditions")),
        (component.licence, _("licence")),
        (component.website_url, _("website")),
        (component.documentation_url, _("documentation")),
        (component.source_code_url, _("source code")),
    ]
    return [str(label) for value, label in facts if not value]
