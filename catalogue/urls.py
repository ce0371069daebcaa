"""The public site: the catalogue's pages, then each feature's (one namespace, "catalogue").

Pages exist in every language (``/components/``, ``/fr/components/``, ``/nl/components/``:
reuse/locale.py); feeds and exports keep one unprefixed address."""

from django.urls import path

from catalogue.community import urls as community_urls
from catalogue.opendata import urls as opendata_urls
from catalogue.publiccode.views import component_publiccode
from catalogue.savings import urls as savings_urls
from catalogue.views import casestudies, components, institutions, news, pages, projects
from reuse.locale import language_prefixed

app_name = "catalogue"

# Pages, in every language.
pages_urlpatterns = [
    path("", pages.home, name="home"),
    path("about/", pages.about, name="about"),
    path("components/", components.component_list, name="component-list"),
    path(
        "components/<slug:slug>/",
        components.ComponentDetailView.as_view(),
        name="component-detail",
    ),
    path("institutions/", institutions.institution_list, name="institution-list"),
    path(
        "institutions/<slug:slug>/",
        institutions.InstitutionDetailView.as_view(),
        name="institution-detail",
    ),
    path("projects/", projects.project_list, name="project-list"),
    path("projects/<slug:slug>/", projects.ProjectDetailView.as_view(), name="project-detail"),
    path("case-studies/", casestudies.casestudy_list, name="casestudy-list"),
    path(
        "case-studies/<slug:slug>/",
        casestudies.CaseStudyDetailView.as_view(),
        name="casestudy-detail",
    ),
    # News and events (issue 14).
    path("news/", news.news_list, name="news-list"),
    path("news/<slug:slug>/", news.NewsDetailView.as_view(), name="news-detail"),
    path("events/", news.event_list, name="event-list"),
    path("events/past/", news.event_archive, name="event-archive"),
    path("events/<slug:slug>/", news.EventDetailView.as_view(), name="event-detail"),
    *savings_urls.urlpatterns,
    # Reuse requests, the contact page, the newsletter (catalogue/community/).
    *community_urls.urlpatterns,
]

urlpatterns = [
    # Exports and feeds: one address, whatever the language.
    path(
        "components/<slug:slug>/publiccode.yml",
        component_publiccode,
        name="component-publiccode",
    ),
    *opendata_urls.urlpatterns,
    language_prefixed(*pages_urlpatterns),
]
