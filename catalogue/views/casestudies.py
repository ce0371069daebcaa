"""Case studies of reuse."""

from django.conf import settings
from django.views.generic import DetailView

from catalogue.models import CaseStudy
from catalogue.search.filters import CaseStudyFilterSet
from catalogue.views.listing import listing_page


def casestudy_list(request):
    return listing_page(
        request,
        filterset_class=CaseStudyFilterSet,
        queryset=CaseStudy.objects.published().for_listing(),
        template="catalogue/casestudy_list.html",
        per_page=settings.CATALOGUE_PAGE_SIZE,
        name="case_studies",
    )


class CaseStudyDetailView(DetailView):
    template_name = "catalogue/casestudy_detail.html"
    context_object_name = "case_study"

    def get_queryset(self):
        return CaseStudy.objects.published().for_detail()
