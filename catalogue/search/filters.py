"""FilterSets: one per listing, shared by the HTML pages and the API.

Parameter names are part of the public interface (shared URLs, API clients):
``q, kind, category, owner, technology, lifecycle, licence, reuse, sort``. Values are slugs or
choice keys. Several values of one parameter are OR-ed; different parameters are AND-ed.
"""

import django_filters
from django import forms
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from catalogue.models import (
    CaseStudy,
    Category,
    Component,
    ComponentReuse,
    Event,
    Institution,
    Kind,
    Lifecycle,
    NewsItem,
    Project,
    ProjectStatus,
    Publication,
    ReuseConditions,
    ReuseDeclaration,
    Technology,
)
from catalogue.publiccode import completeness
from catalogue.search.backends import for_queryset
from catalogue.search.engine import matching_components, plan_search, rank_components

QUERY_MAX_LENGTH = 200


class ReusedEvidence:
    """The ``reused`` filter's values: a published reuse declaration, a project that reuses
    the component as its source states it (inferred links do not count)."""

    DECLARED = "declared"
    MEASURED = "measured"
    CHOICES = [(DECLARED, _("Declared by an institution")), (MEASURED, _("By a measured project"))]

    @classmethod
    def condition(cls, key) -> Q:
        if key == cls.DECLARED:
            declared = ReuseDeclaration.objects.filter(publication=Publication.PUBLISHED)
            return Q(pk__in=declared.values("component"))
        return Q(pk__in=ComponentReuse.objects.filter(inferred=False).values("component"))


class Sort:
    RELEVANCE = "relevance"
    NAME = "name"
    NEWEST = "newest"
    MOST_REUSED = "most-reused"

    CHOICES = [
        (RELEVANCE, _("Relevance")),
        (NAME, _("Name")),
        (NEWEST, _("Newest")),
        (MOST_REUSED, _("Most reused")),
    ]


def published_licence_choices():
    values = (
        Component.objects.published()
        .exclude(licence="")
        .order_by("licence")
        .values_list("licence", flat=True)
        .distinct()
    )
    return [(value, value) for value in values]


@extend_schema_field({"type": "string", "maxLength": QUERY_MAX_LENGTH})
class QueryFilter(django_filters.CharFilter):
    """Free text, at most QUERY_MAX_LENGTH characters."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", QUERY_MAX_LENGTH)
        super().__init__(*args, **kwargs)


@extend_schema_field({"type": "integer", "minimum": 1990, "maximum": 2100})
class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.update(min_value=1990, max_value=2100)
        super().__init__(*args, **kwargs)


@extend_schema_field(OpenApiTypes.STR)
class SlugMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    """Filter by one or more slugs of a related model."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("distinct", True)
        super().__init__(*args, **kwargs)


class LinkedSlugFilter(SlugMultipleChoiceFilter):
    """One or more slugs of a many-to-many relation, any of them, as a subquery on the link
    table (``pk IN (SELECT component_id FROM links WHERE category_id IN ...)``): no join, so no
    ``SELECT DISTINCT`` over every column (and every annotation) of the matches, and a count
    that stays ``COUNT(*)``."""

    def __init__(self, *args, **kwargs):
        kwargs["distinct"] = False
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value or self.is_noop(qs, value):
            return qs
        relation = qs.model._meta.get_field(self.field_name.split("__")[0])
        links = relation.remote_field.through.objects.filter(
            **{f"{relation.m2m_reverse_field_name()}__in": value}
        )
        return qs.filter(pk__in=links.values(relation.m2m_field_name()))


class BlankMeansAnyFilterSet(django_filters.FilterSet):
    """An empty parameter (`?owner=`, as a form's empty field sends it) means "any": it is
    dropped before validation, for the pages and the API alike (the OpenAPI schema says so)."""

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and hasattr(data, "getlist"):
            data = data.copy()
            for name in self.base_filters:
                values = [value for value in data.getlist(name) if value != ""]
                if values:
                    data.setlist(name, values)
                else:
                    data.pop(name, None)
        super().__init__(data, *args, **kwargs)


class StrictBooleanField(forms.NullBooleanField):
    """true/false (or 1/0); anything else is an error, not "any" (the API answers 400)."""

    # NullBooleanSelect would turn an unknown value into None before validation.
    widget = forms.TextInput

    def to_python(self, value):
        if value in (None, ""):
            return None
        if value in (True, "true", "True", "1"):
            return True
        if value in (False, "false", "False", "0"):
            return False
        raise forms.ValidationError(_("Enter true or false."), code="invalid")

    def validate(self, value):
        pass


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class ComponentFilterSet(BlankMeansAnyFilterSet):
    q = QueryFilter(label=_("Search"), method="filter_search")
    complete = StrictBooleanFilter(
        label=_("Complete the last word"),
        method="filter_complete",
        help_text=_(
            "For search as you type: the last word of q also finds the words it starts "
            "(keyc finds Keycloak)."
        ),
    )
    # distinct=False on the filters of the component's own columns: they cannot duplicate
    # rows, and SELECT DISTINCT over every column would defeat the indexes.
    kind = django_filters.MultipleChoiceFilter(
        label=_("Kind"), choices=Kind.choices, distinct=False
    )
    category = LinkedSlugFilter(
        label=_("Category"), field_name="categories__slug", queryset=Category.objects.all()
    )
    owner = SlugMultipleChoiceFilter(
        label=_("Owner"),
        field_name="owner__slug",
        queryset=Institution.objects.all(),
        distinct=False,  # a foreign key: one owner per component, no duplicates
    )
    technology = LinkedSlugFilter(
        label=_("Technology"), field_name="technologies__slug", queryset=Technology.objects.all()
    )
    lifecycle = django_filters.MultipleChoiceFilter(
        label=_("Lifecycle"), choices=Lifecycle.choices, distinct=False
    )
    licence = django_filters.MultipleChoiceFilter(
        label=_("Licence"), choices=published_licence_choices, distinct=False
    )
    reuse = django_filters.MultipleChoiceFilter(
        label=_("Reuse conditions"),
        field_name="reuse_conditions",
        choices=ReuseConditions.choices,
        distinct=False,
    )
    # Editors' facet: which entries can be exported as publiccode.yml, and what the others lack.
    publiccode = django_filters.MultipleChoiceFilter(
        label=_("publiccode.yml"),
        choices=completeness.FILTER_CHOICES,
        method="filter_publiccode",
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"), choices=Sort.CHOICES, method="filter_noop", empty_label=None
    )
    # Issue 13: reuse as institutions declare it (published declarations) and as measured
    # projects state it; a value selects components with that kind of reuse.
    reused = django_filters.MultipleChoiceFilter(
        label=_("Reused"), choices=ReusedEvidence.CHOICES, method="filter_reused"
    )

    # Facets shown beside the results, in this order.
    FACETS = (
        "kind", "category", "owner", "technology", "lifecycle", "licence", "reuse", "publiccode",
        "reused",
    )  # fmt: skip

    class Meta:
        model = Component
        fields = [
            "q", "complete", "kind", "category", "owner", "technology", "lifecycle", "licence",
            "reuse", "publiccode", "reused",
        ]  # fmt: skip

    def filter_reused(self, queryset, name, value):
        wanted = Q(pk__in=[])
        for key in value:
            wanted |= ReusedEvidence.condition(key)
        return queryset.filter(wanted)

    def filter_search(self, queryset, name, value):
        # Matches only: counts and facet counts need no relevance; the results are ranked in
        # filter_queryset, when they are sorted by relevance.
        return matching_components(queryset, value, plan=self.search_plan)

    def filter_complete(self, queryset, name, value):
        # Read by search_plan: it changes how ``q`` is understood, not the rows by itself.
        return queryset

    @property
    def search_plan(self):
        """The plan of the query (engine.SearchPlan; None without a query), made once per
        request: the page's results, every facet count and the highlighting share it."""
        query = self.cleaned.get("q")
        if not query:
            return None
        complete = bool(self.cleaned.get("complete"))
        if getattr(self, "_plan_for", None) != (query, complete):
            self._plan = plan_search(query, for_queryset(self.queryset), complete_last=complete)
            self._plan_for = (query, complete)
        return self._plan

    def filter_publiccode(self, queryset, name, value):
        return completeness.filter_by(queryset, value)

    def filter_noop(self, queryset, name, value):
        # Ordering is applied once, after every filter (see filter_queryset).
        return queryset

    @property
    def cleaned(self):
        self.errors  # noqa: B018 (validates the form)
        return getattr(self.form, "cleaned_data", {})

    def narrowed(self, exclude=()):
        """The queryset narrowed by every valid filter but those named in ``exclude``.

        Unordered and without annotations: facet counts are computed from it.
        """
        queryset = self.queryset.all()
        for name, value in self.cleaned.items():
            if name == "sort" or name in exclude:
                continue
            queryset = self.filters[name].filter(queryset, value)
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset).with_reuse_evidence()
        sort = self.sort_key
        if sort == Sort.RELEVANCE:
            queryset = rank_components(queryset, self.search_plan)
        return order_components(queryset, sort)

    @property
    def sort_key(self):
        sort = self.cleaned.get("sort")
        query = self.cleaned.get("q")
        if not sort:
            return Sort.RELEVANCE if query else Sort.NAME
        if sort == Sort.RELEVANCE and not query:
            return Sort.NAME
        return sort


def order_components(queryset, sort):
    # Names are ordered ignoring case and accents ("Déclaration" before "Dimona", "eBox"
    # among the E's) by their stored key, which an index serves: a page sorted by name reads
    # its 20 rows, where a collation sorted every published component.
    name = "sort_name"
    if sort == Sort.RELEVANCE:
        return queryset.order_by(F("relevance").desc(), name, "pk")
    if sort == Sort.NEWEST:
        return queryset.order_by("-created", name, "pk")
    if sort == Sort.MOST_REUSED:
        # Published declarations plus projects reusing it (ComponentQuerySet.with_reuse_evidence).
        return queryset.order_by(F("reuse_score").desc(), name, "pk")
    return queryset.order_by(name, "pk")


class ProjectFilterSet(BlankMeansAnyFilterSet):
    q = QueryFilter(label=_("Search"), field_name="name", lookup_expr="icontains")
    year = YearFilter(label=_("Year"))
    client = SlugMultipleChoiceFilter(
        label=_("Client institution"),
        field_name="clients__slug",
        queryset=Institution.objects.all(),
    )
    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=ProjectStatus.choices)
    component = SlugMultipleChoiceFilter(
        label=_("Reuses component"),
        field_name="components__slug",
        queryset=Component.objects.published(),
    )

    class Meta:
        model = Project
        fields = ["q", "year", "client", "status", "component"]


class InstitutionFilterSet(BlankMeansAnyFilterSet):
    q = QueryFilter(label=_("Search"), method="filter_search")
    member_category = django_filters.ChoiceFilter(
        label=_("Member category"),
        choices=Institution._meta.get_field("member_category").choices,
        widget=forms.Select,
    )

    class Meta:
        model = Institution
        fields = ["q", "member_category"]

    def filter_search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(acronym__icontains=value))


class CaseStudyFilterSet(BlankMeansAnyFilterSet):
    q = QueryFilter(label=_("Search"), field_name="title", lookup_expr="icontains")
    institution = SlugMultipleChoiceFilter(
        label=_("Institution"), field_name="institution__slug", queryset=Institution.objects.all()
    )
    component = SlugMultipleChoiceFilter(
        label=_("Reuses component"),
        field_name="components__slug",
        queryset=Component.objects.published(),
    )

    class Meta:
        model = CaseStudy
        fields = ["q", "institution", "component"]


# ---- news and events (issue 14) -------------------------------------------------------------
# The search engine (engine.py) indexes components only; news and events are few and short, so
# ``q`` is a plain match: every word of the query must occur (case-insensitive) in the title or
# the summary, in any of the languages the entry has.


def _text_match(queryset, value, fields):
    from catalogue.models.multilingual import language_codes

    for word in value.split()[:8]:
        condition = Q()
        for field in fields:
            for code in language_codes():
                condition |= Q(**{f"{field}_{code}__icontains": word})
        queryset = queryset.filter(condition)
    return queryset


@extend_schema_field(OpenApiTypes.STR)
class SlugChoiceFilter(django_filters.ModelChoiceFilter):
    """Filter by one slug of a related model (an unknown slug is a 400 / form error)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        super().__init__(*args, **kwargs)


class AnnouncementFilterSet(BlankMeansAnyFilterSet):
    q = QueryFilter(label=_("Search"), method="filter_search")
    institution = SlugChoiceFilter(
        label=_("Institution"),
        queryset=Institution.objects.all(),
        method="filter_institution",
        help_text=_("Slug of the publishing or a related institution."),
    )
    component = SlugMultipleChoiceFilter(
        label=_("Related component"),
        field_name="components__slug",
        queryset=Component.objects.published(),
    )

    def filter_search(self, queryset, name, value):
        return _text_match(queryset, value, ("title", "summary"))

    def filter_institution(self, queryset, name, value):
        return queryset.about_institution(value)


class NewsFilterSet(AnnouncementFilterSet):
    class Meta:
        model = NewsItem
        fields = ["q", "institution", "component"]


class EventWhen:
    UPCOMING = "upcoming"
    PAST = "past"
    CHOICES = [(UPCOMING, _("Upcoming (soonest first)")), (PAST, _("Past (latest first)"))]


class EventFilterSet(AnnouncementFilterSet):
    when = django_filters.ChoiceFilter(
        label=_("When"),
        choices=EventWhen.CHOICES,
        method="filter_when",
        help_text=_("Upcoming events (not over yet) or the archive; any when absent."),
    )

    class Meta:
        model = Event
        fields = ["q", "when", "institution", "component"]

    def filter_when(self, queryset, name, value):
        return queryset.upcoming() if value == EventWhen.UPCOMING else queryset.past()
