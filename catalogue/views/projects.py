"""Projects and the components they reuse."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import render
from django.views.generic import DetailView

from catalogue.filters import ProjectFilterSet
from catalogue.models import Project, Publication


def project_list(request):
    published_reuse = Q(reuses__component__publication=Publication.PUBLISHED)
    queryset = (
        Project.objects.prefetch_related("clients")
        .annotate(reuse_count=Count("reuses", filter=published_reuse, distinct=True))
        .order_by("-year", "name")
    )
    filterset = ProjectFilterSet(request.GET or None, queryset=queryset, request=request)
    page = Paginator(filterset.qs, settings.CATALOGUE_PAGE_SIZE * 3).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "catalogue/project_list.html",
        {
            "filterset": filterset,
            "form_errors": filterset.form.errors if filterset.is_bound else {},
            "page_obj": page,
            "projects": page.object_list,
            "query_without_page": query.urlencode(),
        },
    )


class ProjectDetailView(DetailView):
    template_name = "catalogue/project_detail.html"
    context_object_name = "project"

    def get_queryset(self):
        return Project.objects.for_detail()
