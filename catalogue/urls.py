from django.contrib.sitemaps.views import sitemap
from django.urls import path

from catalogue import feeds
from catalogue.sitemaps import SITEMAPS
from catalogue.views import casestudies, components, exports, institutions, pages, projects, roi

app_name = "catalogue"

urlpatterns = [
    path("", pages.home, name="home"),
    path("about/", pages.about, name="about"),
    path("components/", components.component_list, name="component-list"),
    path(
        "components/<slug:slug>/",
        components.ComponentDetailView.as_view(),
        name="component-detail",
    ),
    path(
        "components/<slug:slug>/publiccode.yml",
        exports.component_publiccode,
        name="component-publiccode",
    ),
    path("institutions/", institutions.InstitutionListView.as_view(), name="institution-list"),
    path(
        "institutions/<slug:slug>/",
        institutions.InstitutionDetailView.as_view(),
        name="institution-detail",
    ),
    path("projects/", projects.project_list, name="project-list"),
    path("projects/<slug:slug>/", projects.ProjectDetailView.as_view(), name="project-detail"),
    path("case-studies/", casestudies.CaseStudyListView.as_view(), name="casestudy-list"),
    path(
        "case-studies/<slug:slug>/",
        casestudies.CaseStudyDetailView.as_view(),
        name="casestudy-detail",
    ),
    path("catalogue.ttl", exports.catalogue_turtle, name="adms-turtle"),
    path("catalogue.jsonld", exports.catalogue_jsonld, name="adms-jsonld"),
    path("code.json", exports.code_json, name="code-json"),
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
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("roi/", roi.dashboard, name="roi-dashboard"),
    path("roi/<int:year>/table/<str:table>.csv", roi.dashboard_csv, name="roi-csv"),
    path("roi/calculator/", roi.calculator, name="roi-calculator"),
    path("roi/method/", roi.method, name="roi-method"),
]
