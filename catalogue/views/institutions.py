"""Institutions (the catalogue's partners)."""

from django.views.generic import DetailView, ListView

from catalogue.models import Institution


class InstitutionListView(ListView):
    template_name = "catalogue/institution_list.html"
    context_object_name = "institutions"

    def get_queryset(self):
        return Institution.objects.with_counts().order_by("name")


class InstitutionDetailView(DetailView):
    template_name = "catalogue/institution_detail.html"
    context_object_name = "institution"

    def get_queryset(self):
        return Institution.objects.for_detail()
