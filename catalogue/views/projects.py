"""Projects and the components they reuse."""

from django.conf import settings
from django.core.paginator import Paginator
from django.views.generic import DetailView

from catalogue.models import Project
from catalogue.search.filters import ProjectFilterSet
from catalogue.views.listing import bounded, listing_page


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
    """A project and the published components it reuses, a page at a time (``?page=``)."""

    template_name = "catalogue/project_detail.html"
    context_object_name = "project"
    queryset = Project.objects.prefetch_related("clients", "technologies")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        project = self.object
        context["reuses_page"] = Paginator(
            project.public_reuses(), settings.CATALOGUE_PAGE_SIZE
        ).get_page(self.request.GET.get("page"))
        context["case_studies"] = bounded(project.published_case_studies_list())
        return context
