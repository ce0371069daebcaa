"""The read API: published content only, the pages' FilterSets, ETag and Last-Modified."""

from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import JsonResponse
from django.utils import timezone
from django.utils.http import http_date
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import viewsets

from catalogue.models import (
    CaseStudy,
    CatalogueState,
    Category,
    Component,
    Event,
    Institution,
    NewsItem,
    Project,
    Technology,
)
from catalogue.search.filters import (
    CaseStudyFilterSet,
    ComponentFilterSet,
    EventFilterSet,
    InstitutionFilterSet,
    NewsFilterSet,
    ProjectFilterSet,
)

from . import serializers
from .languages import LANGUAGE_PARAMETERS, ContentLanguageMixin

ERRORS = {
    400: OpenApiResponse(OpenApiTypes.OBJECT, description="A parameter is malformed or unknown."),
    404: OpenApiResponse(OpenApiTypes.OBJECT, description="Not found, or not published."),
    429: OpenApiResponse(OpenApiTypes.OBJECT, description="Too many requests."),
}
LIST_ERRORS = {key: ERRORS[key] for key in (400, 404, 429)}
DETAIL_ERRORS = {key: ERRORS[key] for key in (400, 404, 429)}  # 400: an unknown ?lang=


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


class ListDetailViewSet(ContentLanguageMixin, LastModifiedMixin, viewsets.ReadOnlyModelViewSet):
    """Read-only, addressed by slug, with a summary serializer for lists and a fuller one for
    details; texts in the language of ``?lang=`` or Accept-Language."""

    lookup_field = "slug"
    list_serializer_class = None
    detail_serializer_class = None

    def get_serializer_class(self):
        if self.action == "retrieve":
            return self.detail_serializer_class
        return self.list_serializer_class


def documented(list_summary, list_description, retrieve_summary, retrieve_description):
    """Document a ListDetailViewSet for the API's readers: what each operation answers, and its
    responses (errors included) from its serializers. The texts are written for users of the
    API, not taken from the code's docstrings."""

    def decorate(viewset):
        return extend_schema_view(
            list=extend_schema(
                parameters=LANGUAGE_PARAMETERS,
                summary=list_summary,
                description=list_description,
                responses={200: viewset.list_serializer_class(many=True), **LIST_ERRORS},
            ),
            retrieve=extend_schema(
                parameters=LANGUAGE_PARAMETERS,
                summary=retrieve_summary,
                description=retrieve_description,
                responses={200: viewset.detail_serializer_class, **DETAIL_ERRORS},
            ),
        )(viewset)

    return decorate


PAGED = _(
    " Results come in pages (`page`, `page_size` up to 100); several values of one filter are "
    "combined with OR, different filters with AND."
)


@documented(
    _("Search the catalogue's components"),
    format_lazy(
        "{}{}",
        _(
            "Published components, filtered like the catalogue page: full-text `q`, `kind`, "
            "`category`, `owner`, `technology`, `lifecycle`, `licence`, `reuse` conditions and "
            "`publiccode` completeness, sorted by `sort`."
        ),
        PAGED,
    ),
    _("One component"),
    _(
        "Everything the component's page shows: owner, contributors, links, support contact, "
        "dependencies, the projects and case studies that reuse it, and whether it can be "
        "exported as publiccode.yml (and if not, which facts are missing). Answers "
        "`Last-Modified` and `ETag`; send `If-None-Match` or `If-Modified-Since` to get 304."
    ),
)
class ComponentViewSet(ListDetailViewSet):
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

    def page_rows(self, ids):
        # A page's rows, read by id after the page's ids (catalogue.paging).
        return Component.objects.for_page(ids)


@documented(
    _("List institutions"),
    format_lazy("{}{}", _("Member institutions, searchable by name or acronym (`q`)."), PAGED),
    _("One institution"),
    _("The institution with its published components, projects and case studies."),
)
class InstitutionViewSet(ListDetailViewSet):
    list_serializer_class = serializers.InstitutionListSerializer
    detail_serializer_class = serializers.InstitutionDetailSerializer
    filterset_class = InstitutionFilterSet

    def get_queryset(self):
        return Institution.objects.for_listing()


@documented(
    _("List projects"),
    format_lazy(
        "{}{}",
        _("Projects, newest year first, filtered by `q`, `year`, `client`, `status`, `component`."),
        PAGED,
    ),
    _("One project"),
    _("The project with its clients, technologies and the published components it reuses."),
)
class ProjectViewSet(ListDetailViewSet):
    list_serializer_class = serializers.ProjectListSerializer
    detail_serializer_class = serializers.ProjectDetailSerializer
    filterset_class = ProjectFilterSet

    def get_queryset(self):
        if self.action == "retrieve":
            return Project.objects.for_detail()
        return Project.objects.for_listing().order_by("-year", "name")


@documented(
    _("List case studies"),
    format_lazy(
        "{}{}", _("Published case studies, filtered by `q`, `institution`, `component`."), PAGED
    ),
    _("One case study"),
    _("The case study's story, benefits and the components it reused."),
)
class CaseStudyViewSet(ListDetailViewSet):
    list_serializer_class = serializers.CaseStudyListSerializer
    detail_serializer_class = serializers.CaseStudyDetailSerializer
    filterset_class = CaseStudyFilterSet

    def get_queryset(self):
        published = CaseStudy.objects.published()
        return published.for_detail() if self.action == "retrieve" else published.for_listing()


@documented(
    _("List news"),
    format_lazy(
        "{}{}",
        _(
            "Published news items, newest first, filtered by `q` (words in the title or "
            "summary, any language), `institution` (publisher or related) and `component`."
        ),
        PAGED,
    ),
    _("One news item"),
    _("The news item's text, image and the published entries it relates to."),
)
class NewsViewSet(ListDetailViewSet):
    list_serializer_class = serializers.NewsListSerializer
    detail_serializer_class = serializers.NewsDetailSerializer
    filterset_class = NewsFilterSet

    def get_queryset(self):
        published = NewsItem.objects.published()
        return published.for_detail() if self.action == "retrieve" else published.for_listing()


@documented(
    _("List events"),
    format_lazy(
        "{}{}",
        _(
            "Published events, latest first; `when=upcoming` lists those not over yet, "
            "soonest first, `when=past` the archive. Also filtered by `q`, `institution` and "
            "`component`. Each event links to its iCalendar file (`ical_url`)."
        ),
        PAGED,
    ),
    _("One event"),
    _("The event's dates, place or online link, registration link, text and relations."),
)
class EventViewSet(ListDetailViewSet):
    list_serializer_class = serializers.EventListSerializer
    detail_serializer_class = serializers.EventDetailSerializer
    filterset_class = EventFilterSet

    def get_queryset(self):
        published = Event.objects.published()
        return published.for_detail() if self.action == "retrieve" else published.for_listing()


def _with_published_count(queryset, lookup):
    """``component_count``: published components with the tag, counted per row of the page
    (a correlated count, not a GROUP BY over the whole join table before the LIMIT). It reads
    the tag's links and checks each component, where a join let SQLite walk every published
    component per tag (20 ms instead of 450 at 100,000 components)."""
    through = getattr(Component, lookup).through
    tag = f"{queryset.model._meta.model_name}_id"
    published = Component.objects.published().filter(pk=OuterRef("component_id"))
    counted = (
        through.objects.filter(**{tag: OuterRef("pk")})
        .filter(Exists(published))
        .order_by()
        .values(tag)
        .annotate(n=Count("*"))
        .values("n")
    )
    return queryset.annotate(
        component_count=Coalesce(Subquery(counted, output_field=IntegerField()), 0)
    )


@documented(
    _("List categories"),
    _(
        "The catalogue's categories, named in English, French and Dutch, with counts of "
        "published components."
    ),
    _("One category"),
    _("A category with its names and its count of published components."),
)
class CategoryViewSet(ListDetailViewSet):
    list_serializer_class = serializers.CategorySerializer
    detail_serializer_class = serializers.CategorySerializer
    filter_backends = []

    def get_queryset(self):
        return _with_published_count(Category.objects.order_by("name"), "categories")


@documented(
    _("List technologies"),
    _("Technologies the components use, with counts of published components."),
    _("One technology"),
    _("A technology and its count of published components."),
)
class TechnologyViewSet(ListDetailViewSet):
    list_serializer_class = serializers.TechnologySerializer
    detail_serializer_class = serializers.TechnologySerializer
    filter_backends = []

    def get_queryset(self):
        return _with_published_count(Technology.objects.order_by("name"), "technologies")


def not_found(request, *args, **kwargs):
    return JsonResponse({"detail": "Not found."}, status=404)
