"""Case studies of reuse."""

from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from catalogue.models import CaseStudy, Component


class CaseStudyListView(ListView):
    template_name = "catalogue/casestudy_list.html"
    context_object_name = "case_studies"
    paginate_by = 20

    def get_queryset(self):
        return (
            CaseStudy.objects.published()
            .select_related("institution")
            .prefetch_related(
                Prefetch("components", queryset=Component.objects.published().only("name", "slug"))
            )
        )

    def paginate_queryset(self, queryset, page_size):
        # A malformed ?page= shows the nearest valid page instead of a 404.
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()


class CaseStudyDetailView(DetailView):
    template_name = "catalogue/casestudy_detail.html"
    context_object_name = "case_study"

    def get_queryset(self):
        return (
            CaseStudy.objects.published()
            .select_related("institution", "project")
            .prefetch_related(
                Prefetch(
                    "components",
                    queryset=Component.objects.published().select_related("owner"),
                )
            )
        )
