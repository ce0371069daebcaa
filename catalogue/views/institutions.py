"""Institutions (the catalogue's partners)."""

from django.views.generic import DetailView

from catalogue.models import Institution
from catalogue.search.filters import InstitutionFilterSet
from catalogue.views.listing import listing_page

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
    template_name = "catalogue/institution_detail.html"
    context_object_name = "institution"

    def get_queryset(self):
        return Institution.objects.for_detail()
