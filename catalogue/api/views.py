"""The read API: published content only, the pages' FilterSets, ETag and Last-Modified."""

from django.db.models import Count, Q
from django.http import JsonResponse
from django.utils import timezone
from django.utils.http import http_date
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import viewsets

from catalogue.models import (
    CaseStudy,
    CatalogueState,
    Category,
    Component,
    Institution,
    Project,
    Publication,
    Technology,
)
from catalogue.search.filters import (
    CaseStudyFilterSet,
    ComponentFilterSet,
    InstitutionFilterSet,
    ProjectFilterSet,
)

from . import serializers

ERRORS = {
    400: OpenApiResponse(OpenApiTypes.OBJECT, description="A parameter is malformed or unknown."),
    404: OpenApiResponse(OpenApiTypes.OBJECT, description="Not found, or not published."),
    429: OpenApiResponse(OpenApiTypes.OBJECT, description="Too many requests."),
}
LIST_ERRORS = {key: ERRORS[key] for key in (400, 404, 429)}
DETAIL_ERRORS = {key: ERRORS[key] for key in (404, 429)}


class LastModifiedMixin:
    """Last-Modified on detail responses: the later of the entry's own change and the
    catalogue's last public change (CatalogueState, moved on by every public write), so a
    related entry published or withdrawn, a dependency or a case study changing, all move it.
    ConditionalGetMiddleware adds the ETag (a hash of the body) and answers 304.

    HTTP dates count whole seconds: while the last change is less than a second old, a second
    change within that second would keep the same date, so no Last-Modified is sent then (the
    ETag still works)."""

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        stamps = [CatalogueState.current().changed]
        own = getattr(getattr(self, "_object", None), "updated", None)
        if own is not None:
            stamps.append(own)
        latest = max(stamps).timestamp()
        if int(latest) + 1 <= timezone.now().timestamp():
            response["Last-Modified"] = http_date(latest)
        return response

    def get_object(self):
        self._object = super().get_object()
        return self._object


class ListDetailViewSet(LastModifiedMixin, viewsets.ReadOnlyModelViewSet):
    """Read-only, addressed by slug, with a summary serializer for lists and a fuller one for
    details."""

    lookup_field = "slug"
    list_serializer_class = None
    detail_serializer_class = None

    def get_serializer_class(self):
        if self.action == "retrieve":
            return self.detail_serializer_class
        return self.list_serializer_class


def documented(viewset):
    """Document a ListDetailViewSet's responses, errors included, from its serializers."""
    return extend_schema_view(
        list=extend_schema(
            responses={200: viewset.list_serializer_class(many=True), **LIST_ERRORS}
        ),
        retrieve=extend_schema(responses={200: viewset.detail_serializer_class, **DETAIL_ERRORS}),
    )(viewset)


@documented
class ComponentViewSet(ListDetailViewSet):
    """Published components; search with `q`, the facets of the catalogue page, `sort`."""

    list_serializer_class = serializers.ComponentListSerializer
    detail_serializer_class = serializers.ComponentDetailSerializer
    filterset_class = ComponentFilterSet

    def get_queryset(self):
        if self.action == "retrieve":
            return Component.objects.published().for_detail().with_reuse_count()
        return Component.objects.published()

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        return queryset.for_listing() if self.action == "list" else queryset


@documented
class InstitutionViewSet(ListDetailViewSet):
    list_serializer_class = serializers.InstitutionListSerializer
    detail_serializer_class = serializers.InstitutionDetailSerializer
    filterset_class = InstitutionFilterSet

    def get_queryset(self):
        queryset = Institution.objects.for_listing()
        return queryset.for_detail() if self.action == "retrieve" else queryset


@documented
class ProjectViewSet(ListDetailViewSet):
    list_serializer_class = serializers.ProjectListSerializer
    detail_serializer_class = serializers.ProjectDetailSerializer
    filterset_class = ProjectFilterSet

    def get_queryset(self):
        if self.action == "retrieve":
            return Project.objects.for_detail()
        return Project.objects.for_listing().order_by("-year", "name")


@documented
class CaseStudyViewSet(ListDetailViewSet):
    list_serializer_class = serializers.CaseStudyListSerializer
    detail_serializer_class = serializers.CaseStudyDetailSerializer
    filterset_class = CaseStudyFilterSet

    def get_queryset(self):
        published = CaseStudy.objects.published()
        return published.for_detail() if self.action == "retrieve" else published.for_listing()


def _with_published_count(queryset):
    return queryset.annotate(
        component_count=Count(
            "components", filter=Q(components__publication=Publication.PUBLISHED), distinct=True
        )
    )


@documented
class CategoryViewSet(ListDetailViewSet):
    list_serializer_class = serializers.CategorySerializer
    detail_serializer_class = serializers.CategorySerializer
    filter_backends = []

    def get_queryset(self):
        return _with_published_count(Category.objects.order_by("name"))


@documented
class TechnologyViewSet(ListDetailViewSet):
    list_serializer_class = serializers.TechnologySerializer
    detail_serializer_class = serializers.TechnologySerializer
    filter_backends = []

    def get_queryset(self):
        return _with_published_count(Technology.objects.order_by("name"))


def not_found(request, *args, **kwargs):
    return JsonResponse({"detail": "Not found."}, status=404)
