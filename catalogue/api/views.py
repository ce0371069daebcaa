"""The read API: published content only, the pages' FilterSets, ETag and Last-Modified."""

from django.db.models import Count, Prefetch, Q
from django.http import JsonResponse
from django.utils.http import http_date
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import viewsets

from catalogue.filters import (
    CaseStudyFilterSet,
    ComponentFilterSet,
    InstitutionFilterSet,
    ProjectFilterSet,
)
from catalogue.models import (
    CaseStudy,
    Category,
    Component,
    Institution,
    Project,
    Publication,
    Technology,
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
    """Adds Last-Modified to detail responses; ConditionalGetMiddleware adds the ETag and
    answers 304 to If-None-Match / If-Modified-Since."""

    last_modified_field = "updated"

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        instance = getattr(self, "_object", None)
        stamp = getattr(instance, self.last_modified_field, None) if instance else None
        if stamp is not None:
            response["Last-Modified"] = http_date(stamp.timestamp())
        return response

    def get_object(self):
        self._object = super().get_object()
        return self._object


def _documented(list_serializer, detail_serializer):
    return extend_schema_view(
        list=extend_schema(responses={200: list_serializer(many=True), **LIST_ERRORS}),
        retrieve=extend_schema(responses={200: detail_serializer, **DETAIL_ERRORS}),
    )


@_documented(serializers.ComponentListSerializer, serializers.ComponentDetailSerializer)
class ComponentViewSet(LastModifiedMixin, viewsets.ReadOnlyModelViewSet):
    """Published components; search with `q`, the facets of the catalogue page, `sort`."""

    lookup_field = "slug"
    filterset_class = ComponentFilterSet

    def get_queryset(self):
        if self.action == "retrieve":
            return Component.objects.published().for_detail().with_reuse_count()
        return Component.objects.published()

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        return queryset.for_listing() if self.action == "list" else queryset

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.ComponentDetailSerializer
        return serializers.ComponentListSerializer


@_documented(serializers.InstitutionListSerializer, serializers.InstitutionDetailSerializer)
class InstitutionViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_field = "slug"
    filterset_class = InstitutionFilterSet

    def get_queryset(self):
        queryset = Institution.objects.with_counts().order_by("name")
        return queryset.for_detail() if self.action == "retrieve" else queryset

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.InstitutionDetailSerializer
        return serializers.InstitutionListSerializer


@_documented(serializers.ProjectListSerializer, serializers.ProjectDetailSerializer)
class ProjectViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_field = "slug"
    filterset_class = ProjectFilterSet

    def get_queryset(self):
        if self.action == "retrieve":
            return Project.objects.for_detail()
        return Project.objects.prefetch_related("clients").order_by("-year", "name")

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.ProjectDetailSerializer
        return serializers.ProjectListSerializer


@_documented(serializers.CaseStudyListSerializer, serializers.CaseStudyDetailSerializer)
class CaseStudyViewSet(LastModifiedMixin, viewsets.ReadOnlyModelViewSet):
    lookup_field = "slug"
    filterset_class = CaseStudyFilterSet

    def get_queryset(self):
        queryset = CaseStudy.objects.published().select_related("institution")
        if self.action == "retrieve":
            published = Component.objects.published().select_related("owner")
            return queryset.select_related("project").prefetch_related(
                Prefetch("components", queryset=published)
            )
        return queryset.prefetch_related(
            Prefetch("components", queryset=Component.objects.published())
        )

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.CaseStudyDetailSerializer
        return serializers.CaseStudyListSerializer


def _with_published_count(queryset):
    return queryset.annotate(
        component_count=Count(
            "components", filter=Q(components__publication=Publication.PUBLISHED), distinct=True
        )
    )


@_documented(serializers.CategorySerializer, serializers.CategorySerializer)
class CategoryViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_field = "slug"
    serializer_class = serializers.CategorySerializer
    filter_backends = []

    def get_queryset(self):
        return _with_published_count(Category.objects.order_by("name"))


@_documented(serializers.TechnologySerializer, serializers.TechnologySerializer)
class TechnologyViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_field = "slug"
    serializer_class = serializers.TechnologySerializer
    filter_backends = []

    def get_queryset(self):
        return _with_published_count(Technology.objects.order_by("name"))


def not_found(request, *args, **kwargs):
    return JsonResponse({"detail": "Not found."}, status=404)
