from django.urls import path

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
    path("roi/", roi.dashboard, name="roi-dashboard"),
    path("roi/<int:year>/table/<str:table>.csv", roi.dashboard_csv, name="roi-csv"),
    path("roi/calculator/", roi.calculator, name="roi-calculator"),
    path("roi/method/", roi.method, name="roi-method"),
]
