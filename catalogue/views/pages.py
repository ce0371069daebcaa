"""Home and about pages."""

from django.db.models import Exists, OuterRef
from django.shortcuts import render

from catalogue.models import CaseStudy, Component, Event, Institution, NewsItem, Project


def home(request):
    published = Component.objects.published()
    context = {
        "component_count": published.count(),
        # EXISTS per institution (about fifty rows), not a join over every component and
        # contributor followed by DISTINCT: 400 ms at 10,000 components, 1 ms this way.
        "institution_count": Institution.objects.filter(
            Exists(published.filter(owner=OuterRef("pk")))
            | Exists(published.filter(contributors=OuterRef("pk")))
        ).count(),
        "project_count": Project.objects.count(),
        "newest_components": published.select_related("owner").order_by("-created", "name")[:6],
        "newest_case_studies": CaseStudy.objects.published()
        .select_related("institution")
        .order_by("-date")[:3],
        # News and events (issue 14): dated cards, the latest news and the next events.
        "latest_news": NewsItem.objects.published().for_listing()[:3],
        "upcoming_events": Event.objects.published().upcoming().for_listing()[:3],
    }
    return render(request, "catalogue/home.html", context)


def about(request):
    return render(request, "catalogue/about.html")
