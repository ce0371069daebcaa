"""Projects and the components they reuse."""

from django.conf import settings
from django.views.generic import DetailView

from catalogue.models import Project
from catalogue.search.filters import ProjectFilterSet
from catalogue.views.listing import listing_page


def project_list(request):
    return listing_page(
        request,
        filterset_class=ProjectFilterSet,
        queryset=Project.objects.for_listing().order_by("-year", "name"),
        template="catalogue/project_list.html",
        per_page=settings.CATALOGUE_PAGE_SIZE * 3,
        name="projects",
    )


class ProjectDetailView(DetailView):
    template_name = "catalogue/project_detail.html"
    context_object_name = "project"

    def get_queryset(self):
        return Project.objects.for_detail()
