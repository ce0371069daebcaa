"""Home and about pages."""

from django.db.models import Q
from django.shortcuts import render

from catalogue.models import CaseStudy, Component, Event, Institution, NewsItem, Project


def home(request):
    published = Component.objects.published()
    context = {
        "component_count": published.count(),
        "institution_count": Institution.objects.filter(
            Q(owned_components__in=published) | Q(contributed_components__in=published)
        )
        .distinct()
        .count(),
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
