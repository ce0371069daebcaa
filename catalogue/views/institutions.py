"""Institutions (the catalogue's partners)."""

from django.db.models import Count, Prefetch, Q
from django.views.generic import DetailView, ListView

from catalogue.models import CaseStudy, Component, Institution, Project, Publication


class InstitutionListView(ListView):
    template_name = "catalogue/institution_list.html"
    context_object_name = "institutions"

    def get_queryset(self):
        published = Q(owned_components__publication=Publication.PUBLISHED)
        return Institution.objects.annotate(
            component_count=Count("owned_components", filter=published, distinct=True),
            project_count=Count("projects", distinct=True),
        ).order_by("name")


class InstitutionDetailView(DetailView):
    template_name = "catalogue/institution_detail.html"
    context_object_name = "institution"

    def get_queryset(self):
        return Institution.objects.prefetch_related(
            Prefetch(
                "owned_components",
                queryset=Component.objects.published().prefetch_related("categories"),
                to_attr="published_components",
            ),
            Prefetch(
                "contributed_components",
                queryset=Component.objects.published().select_related("owner"),
                to_attr="published_contributions",
            ),
            Prefetch("projects", queryset=Project.objects.order_by("-year", "name")),
            Prefetch(
                "case_studies",
                queryset=CaseStudy.objects.published(),
                to_attr="published_case_studies",
            ),
        )
