"""Projects and the components they reuse."""

from django.conf import settings
from django.db.models import Count, Q
from django.shortcuts import render
from django.views.generic import DetailView

from catalogue.models import Project, Publication
from catalogue.search.filters import ProjectFilterSet
from catalogue.views.listing import filtered_page_context


def project_list(request):
    published_reuse = Q(reuses__component__publication=Publication.PUBLISHED)
    queryset = (
        Project.objects.prefetch_related("clients")
        .annotate(reuse_count=Count("reuses", filter=published_reuse, distinct=True))
        .order_by("-year", "name")
    )
    filterset = ProjectFilterSet(request.GET or None, queryset=queryset, request=request)
    context = filtered_page_context(request, filterset, settings.CATALOGUE_PAGE_SIZE * 3)
    context["projects"] = context["page_obj"].object_list
    return render(request, "catalogue/project_list.html", context)


class ProjectDetailView(DetailView):
    template_name = "catalogue/project_detail.html"
    context_object_name = "project"

    def get_queryset(self):
        return Project.objects.for_detail()
