from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from catalogue.api import docs, views
from catalogue.publiccode import api as publiccode
from catalogue.savings import api as roi

app_name = "api"

router = DefaultRouter()
router.register("components", views.ComponentViewSet, basename="component")
router.register("institutions", views.InstitutionViewSet, basename="institution")
router.register("projects", views.ProjectViewSet, basename="project")
router.register("case-studies", views.CaseStudyViewSet, basename="casestudy")
router.register("news", views.NewsViewSet, basename="news")  # issue 14
router.register("events", views.EventViewSet, basename="event")  # issue 14
router.register("categories", views.CategoryViewSet, basename="category")
router.register("technologies", views.TechnologyViewSet, basename="technology")

urlpatterns = [
    path(
        # Any text: a malformed slug gets the API's own 404, not the HTML page.
        "components/<str:slug>/publiccode.yml",
        publiccode.PublicCodeView.as_view(),
        name="component-publiccode",
    ),
    path("roi/calculate/", roi.CalculateView.as_view(), name="roi-calculate"),
    path("roi/<int:year>/", roi.YearView.as_view(), name="roi-year"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file: no inline script, CSP holds.
    path("docs/", docs.SwaggerView.as_view(url_name="api:schema"), name="swagger-ui"),
    path("redoc/", docs.RedocView.as_view(url_name="api:schema"), name="redoc"),
    path("", include(router.urls)),
    # Anything else under /api/ answers the API's JSON 404, never the HTML page.
    re_path(r"^[\s\S]*$", views.not_found),  # [\s\S], not ".": a newline in the path too
]
