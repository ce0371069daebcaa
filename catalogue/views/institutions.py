"""Institutions (the catalogue's partners)."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.generic import DetailView

from catalogue.models import Institution, NewsItem
from catalogue.models.news import RELATED_NEWS_SIZE
from catalogue.publiccode.harvest import sources_shown_to
from catalogue.search.filters import InstitutionFilterSet
from catalogue.views.listing import bounded, listing_page

INSTITUTIONS_PER_PAGE = 100


def institution_list(request):
    return listing_page(
        request,
        filterset_class=InstitutionFilterSet,
        queryset=Institution.objects.for_listing(),
        template="catalogue/institution_list.html",
        per_page=INSTITUTIONS_PER_PAGE,
        name="institutions",
    )


class InstitutionDetailView(DetailView):
    """An institution and its entries: its components a page at a time (``?page=``), the other
    lists cut with a link to their full listing. The same queries at any size."""

    template_name = "catalogue/institution_detail.html"
    context_object_name = "institution"
    queryset = Institution.objects.all()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        institution = self.object
        context["components_page"] = Paginator(
            institution.published_components(), settings.CATALOGUE_PAGE_SIZE
        ).get_page(self.request.GET.get("page"))
        context["contributions"] = bounded(institution.published_contributions())
        context["projects"] = bounded(
            institution.commissioned_projects(),
            more_url=f"{reverse('catalogue:project-list')}?"
            + urlencode({"client": institution.slug}),
        )
        context["case_studies"] = bounded(
            institution.published_case_studies(),
            more_url=f"{reverse('catalogue:casestudy-list')}?"
            + urlencode({"institution": institution.slug}),
        )
        # News it published or is named in (issue 14): the latest few, linked to all.
        context["related_news"] = bounded(
            NewsItem.objects.published().about_institution(institution).for_listing(),
            limit=RELATED_NEWS_SIZE,
            more_url=f"{reverse('catalogue:news-list')}?"
            + urlencode({"institution": institution.slug}),
        )
        # Harvest sources' last status, for the institution's own members only (issue 11).
        context["harvest_sources"] = sources_shown_to(self.request.user, institution)
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context.get("harvest_sources"):
            # A member's view of the page: never stored by a shared cache.
            patch_cache_control(response, private=True)
        patch_vary_headers(response, ["Cookie"])
        return response
