"""Open-data exports, feeds and the sitemap (included in the catalogue's namespace)."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from catalogue.opendata import feeds, sitemaps, views
from catalogue.opendata.sitemaps import SITEMAPS
from catalogue.views import news

urlpatterns = [
    path("catalogue.ttl", views.catalogue_turtle, name="adms-turtle"),
    path("catalogue.jsonld", views.catalogue_jsonld, name="adms-jsonld"),
    path("code.json", views.code_json, name="code-json"),
    path("components/<slug:slug>/code.json", views.component_code_json, name="component-code-json"),
    path("feeds/components.rss", feeds.ComponentFeed(), name="feed-components-rss"),
    path("feeds/components.atom", feeds.ComponentAtomFeed(), name="feed-components-atom"),
    path("feeds/case-studies.rss", feeds.CaseStudyFeed(), name="feed-cases-rss"),
    path("feeds/case-studies.atom", feeds.CaseStudyAtomFeed(), name="feed-cases-atom"),
    path(
        "institutions/<slug:slug>/feeds/components.rss",
        feeds.ComponentFeed(),
        name="institution-feed-components-rss",
    ),
    path(
        "institutions/<slug:slug>/feeds/components.atom",
        feeds.ComponentAtomFeed(),
        name="institution-feed-components-atom",
    ),
    path(
        "institutions/<slug:slug>/feeds/case-studies.rss",
        feeds.CaseStudyFeed(),
        name="institution-feed-cases-rss",
    ),
    path(
        "institutions/<slug:slug>/feeds/case-studies.atom",
        feeds.CaseStudyAtomFeed(),
        name="institution-feed-cases-atom",
    ),
    # News and events (issue 14).
    path("feeds/news.rss", feeds.NewsFeed(), name="feed-news-rss"),
    path("feeds/news.atom", feeds.NewsAtomFeed(), name="feed-news-atom"),
    path("feeds/events.rss", feeds.EventFeed(), name="feed-events-rss"),
    path("feeds/events.atom", feeds.EventAtomFeed(), name="feed-events-atom"),
    path("feeds/events.ics", news.upcoming_events_ical, name="feed-events-ical"),
    path("events/<slug:slug>.ics", news.event_ical, name="event-ical"),
    # An index of the sections' pages (at most 50,000 URLs each: the protocol's limit).
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "catalogue:sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        sitemaps.section,
        name="sitemap-section",
    ),
]
