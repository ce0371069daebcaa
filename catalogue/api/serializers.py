"""Output serializers of the read API. Read-only by construction: no field can be written."""

from urllib.parse import urlencode

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from catalogue.models import (
    CaseStudy,
    Category,
    Component,
    Event,
    Institution,
    NewsItem,
    Project,
    ReuseDeclaration,
    ReuseYear,
    Technology,
)
from catalogue.models.component import REUSES_LIMIT
from catalogue.publiccode import completeness
from catalogue.publiccode.serializers import SoftwareSerializer

from .languages import original_language_field, translations_field


@extend_schema_field(OpenApiTypes.URI)
class HtmlUrlField(serializers.Field):
    """The public page of an object (absolute URL)."""

    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        request = self.context.get("request")
        url = value.get_absolute_url()
        return request.build_absolute_uri(url) if request else url


class ApiUrlField(serializers.HyperlinkedIdentityField):
    def __init__(self, view_name, **kwargs):
        super().__init__(view_name=view_name, lookup_field="slug", **kwargs)


class CategorySerializer(serializers.ModelSerializer):
    component_count = serializers.IntegerField(read_only=True)
    names = serializers.DictField(
        child=serializers.CharField(),
        read_only=True,
        help_text=(
            "The category's name by language code (en, fr, nl); `name` is the one in the "
            "requested language."
        ),
    )
    language = original_language_field()
    translations = translations_field(Category)

    class Meta:
        model = Category
        fields = [
            "slug", "name", "names", "description", "component_count", "language", "translations",
        ]  # fmt: skip


class TechnologySerializer(serializers.ModelSerializer):
    component_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Technology
        fields = ["slug", "name", "component_count"]


class TagSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)


class InstitutionSummarySerializer(serializers.ModelSerializer):
    url = ApiUrlField("api:institution-detail")
    html_url = HtmlUrlField()

    class Meta:
        model = Institution
        fields = ["slug", "name", "acronym", "url", "html_url"]


class ComponentSummarySerializer(serializers.ModelSerializer):
    url = ApiUrlField("api:component-detail")
    html_url = HtmlUrlField()

    class Meta:
        model = Component
        fields = ["slug", "name", "kind", "short_description", "url", "html_url"]


class ProjectSummarySerializer(serializers.ModelSerializer):
    url = ApiUrlField("api:project-detail")
    html_url = HtmlUrlField()

    class Meta:
        model = Project
        fields = ["slug", "name", "year", "url", "html_url"]


class CaseStudySummarySerializer(serializers.ModelSerializer):
    url = ApiUrlField("api:casestudy-detail")
    html_url = HtmlUrlField()

    class Meta:
        model = CaseStudy
        fields = ["slug", "title", "date", "url", "html_url"]


def illustrative_years(context) -> set[int]:
    """Years whose per-project figures are assumptions, read once per response (the context
    is shared by a serializer and all its nested ones)."""
    if "illustrative_years" not in context:
        context["illustrative_years"] = set(
            ReuseYear.objects.filter(illustrative=True).values_list("year", flat=True)
        )
    return context["illustrative_years"]


ILLUSTRATIVE_HELP = (
    "True when the function points beside it are assumptions (illustrative), not published "
    "measurements."
)


class ReuseLinkSerializer(serializers.Serializer):
    """One reuse of a component by a project: its function points and what supports it."""

    fp = serializers.DecimalField(
        max_digits=12, decimal_places=2, read_only=True, coerce_to_string=False, allow_null=True
    )
    illustrative = serializers.SerializerMethodField(help_text=ILLUSTRATIVE_HELP)
    inferred = serializers.BooleanField(
        read_only=True,
        help_text="True when the source does not state this reuse: the link is an inference.",
    )
    note = serializers.CharField(read_only=True, help_text="The basis of the link.")

    def get_illustrative(self, reuse) -> bool:
        return reuse.fp is not None and reuse.project.year in illustrative_years(self.context)


class SupportSerializer(serializers.Serializer):
    name = serializers.CharField(source="support_name", read_only=True)
    email = serializers.CharField(source="support_email", read_only=True)
    url = serializers.CharField(source="support_url", read_only=True)


class PublicCodeReadinessSerializer(serializers.Serializer):
    ready = serializers.BooleanField(
        help_text="True when the component's publiccode.yml can be downloaded."
    )
    software = serializers.BooleanField(
        help_text="False for knowledge and processes, which have no publiccode.yml."
    )
    missing = serializers.ListField(
        child=serializers.ChoiceField([fact.key for fact in completeness.FACTS]),
        help_text="Facts the publiccode.yml standard requires that the entry lacks.",
    )
    ask_owner_for = serializers.ListField(
        child=serializers.CharField(),
        help_text="What to ask the owner institution for, one line per missing fact.",
    )


@extend_schema_field(PublicCodeReadinessSerializer)
class PublicCodeReadinessField(serializers.Field):
    """Whether the entry can be exported as publiccode.yml, and which facts it lacks."""

    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return completeness.readiness(value).as_data()


class ComponentListSerializer(serializers.ModelSerializer):
    url = ApiUrlField("api:component-detail")
    html_url = HtmlUrlField()
    owner = InstitutionSummarySerializer(read_only=True)
    categories = TagSerializer(many=True, read_only=True)
    technologies = TagSerializer(many=True, read_only=True)
    reuse_count = serializers.IntegerField(read_only=True)
    publiccode = PublicCodeReadinessField(
        help_text="Completeness for publiccode.yml: whether it can be exported, and if not, "
        "which facts to ask the owner for."
    )
    language = original_language_field()
    translations = translations_field(Component, ("name", "short_description"))

    class Meta:
        model = Component
        fields = [
            "slug", "name", "kind", "short_description", "owner", "categories", "technologies",
            "lifecycle", "licence", "reuse_conditions", "reuse_count", "updated", "url",
            "html_url", "publiccode", "language", "translations",
        ]  # fmt: skip


class ReuseByProjectSerializer(ReuseLinkSerializer):
    project = ProjectSummarySerializer(read_only=True)


# -- reuse declarations (issue 13): published ones only, from ``for_detail``'s prefetch ----------
class DeclarationSerializer(serializers.ModelSerializer):
    institution = InstitutionSummarySerializer(read_only=True)
    project = ProjectSummarySerializer(read_only=True, allow_null=True)
    contact = serializers.EmailField(read_only=True, allow_blank=True)

    class Meta:
        model = ReuseDeclaration
        fields = ["institution", "release", "since", "use_case", "instance_url", "contact",
                  "project"]  # fmt: skip


class ComponentDetailSerializer(ComponentListSerializer):
    translations = translations_field(Component)
    long_description_html = serializers.CharField(read_only=True)
    contributors = InstitutionSummarySerializer(many=True, read_only=True)
    support = SupportSerializer(source="*", read_only=True)
    depends_on = ComponentSummarySerializer(many=True, read_only=True)
    dependents = ComponentSummarySerializer(many=True, read_only=True)
    related = ComponentSummarySerializer(many=True, read_only=True)
    reused_by = ReuseByProjectSerializer(
        source="latest_reuses",
        many=True,
        read_only=True,
        help_text=f"The projects that reuse it, newest first, at most {REUSES_LIMIT}; all: "
        "`reused_by_url`.",
    )
    reused_by_count = serializers.IntegerField(
        source="reuse_total",
        read_only=True,
        help_text="How many projects reuse it (inferred links included, as in `reused_by`).",
    )
    reused_by_url = serializers.SerializerMethodField(
        help_text="Every project that reuses it (paginated)."
    )
    case_studies = CaseStudySummarySerializer(many=True, read_only=True)
    publiccode_url = serializers.SerializerMethodField()
    declarations = DeclarationSerializer(
        source="published_declarations",
        many=True,
        read_only=True,
        help_text="Its use as institutions declare it (reviewed; at most 50, newest first), "
        "apart from the measured reuse in `reused_by`.",
    )
    # publiccode.yml facts (catalogue/publiccode/serializers.py, issue 11).
    software = SoftwareSerializer(source="*", read_only=True)

    class Meta(ComponentListSerializer.Meta):
        fields = [
            *ComponentListSerializer.Meta.fields,
            "long_description", "long_description_html", "contributors", "website_url",
            "documentation_url", "source_code_url", "support", "depends_on", "dependents",
            "related", "reused_by", "reused_by_count", "reused_by_url", "case_studies", "source",
            "created", "publiccode_url", "declarations",
            "software",
        ]  # fmt: skip

    def get_reused_by_url(self, component) -> str:
        url = reverse("api:project-list", request=self.context.get("request"))
        return f"{url}?{urlencode({'component': component.slug})}"

    def get_publiccode_url(self, component) -> str | None:
        """The publiccode.yml's address; null when the entry is not ready for export."""
        if not completeness.readiness(component).ready:
            return None
        return reverse(
            "api:component-publiccode", args=[component.slug], request=self.context.get("request")
        )


class InstitutionListSerializer(InstitutionSummarySerializer):
    component_count = serializers.IntegerField(read_only=True)
    language = original_language_field()
    translations = translations_field(Institution)

    class Meta(InstitutionSummarySerializer.Meta):
        fields = [
            *InstitutionSummarySerializer.Meta.fields,
            "member_category", "website", "component_count", "language", "translations",
        ]  # fmt: skip


# Nested lists of a detail are cut at this length; the full list is one paginated request
# away (the ``*_url`` links), so no response grows with the catalogue.
NESTED_LIMIT = 50


class InstitutionDetailSerializer(InstitutionListSerializer):
    project_count = serializers.IntegerField(read_only=True)
    components = serializers.SerializerMethodField(
        help_text=f"Its first {NESTED_LIMIT} published components by name; all: `components_url`."
    )
    components_url = serializers.SerializerMethodField(
        help_text="Every published component it owns (paginated)."
    )
    projects = serializers.SerializerMethodField(
        help_text=f"Its {NESTED_LIMIT} latest projects as a client; all: `projects_url`."
    )
    projects_url = serializers.SerializerMethodField(
        help_text="Every project it commissioned (paginated)."
    )
    case_studies = serializers.SerializerMethodField(
        help_text=f"Its first {NESTED_LIMIT} published case studies."
    )

    class Meta(InstitutionListSerializer.Meta):
        fields = [
            *InstitutionListSerializer.Meta.fields,
            "project_count", "description", "contact_email", "components", "components_url",
            "projects", "projects_url", "case_studies",
        ]  # fmt: skip

    def _nested(self, serializer_class, queryset):
        return serializer_class(queryset[:NESTED_LIMIT], many=True, context=self.context).data

    @extend_schema_field(ComponentSummarySerializer(many=True))
    def get_components(self, institution):
        return self._nested(ComponentSummarySerializer, institution.published_components())

    @extend_schema_field(ProjectSummarySerializer(many=True))
    def get_projects(self, institution):
        return self._nested(ProjectSummarySerializer, institution.commissioned_projects())

    @extend_schema_field(CaseStudySummarySerializer(many=True))
    def get_case_studies(self, institution):
        return self._nested(CaseStudySummarySerializer, institution.published_case_studies())

    def _list_url(self, name, parameter, institution) -> str:
        url = reverse(name, request=self.context.get("request"))
        return f"{url}?{urlencode({parameter: institution.slug})}"

    def get_components_url(self, institution) -> str:
        return self._list_url("api:component-list", "owner", institution)

    def get_projects_url(self, institution) -> str:
        return self._list_url("api:project-list", "client", institution)


class ProjectListSerializer(ProjectSummarySerializer):
    clients = InstitutionSummarySerializer(many=True, read_only=True)
    language = original_language_field()
    translations = translations_field(Project)

    class Meta(ProjectSummarySerializer.Meta):
        fields = [
            *ProjectSummarySerializer.Meta.fields, "status", "clients", "language", "translations",
        ]  # fmt: skip


class ReuseOfComponentSerializer(ReuseLinkSerializer):
    component = ComponentSummarySerializer(read_only=True)


class ProjectDetailSerializer(ProjectListSerializer):
    technologies = TagSerializer(many=True, read_only=True)
    reuses = ReuseOfComponentSerializer(source="published_reuses", many=True, read_only=True)
    case_studies = CaseStudySummarySerializer(
        source="published_case_studies", many=True, read_only=True
    )
    new_fp = serializers.DecimalField(
        max_digits=12, decimal_places=2, read_only=True, coerce_to_string=False, allow_null=True
    )
    unnamed_reused_fp = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        read_only=True,
        coerce_to_string=False,
        allow_null=True,
        help_text="Function points reused from components the source does not name.",
    )
    illustrative = serializers.SerializerMethodField(help_text=ILLUSTRATIVE_HELP)

    class Meta(ProjectListSerializer.Meta):
        fields = [
            *ProjectListSerializer.Meta.fields,
            "summary", "website_url", "technologies", "new_fp", "unnamed_reused_fp",
            "illustrative", "reuses", "case_studies", "source",
        ]  # fmt: skip

    def get_illustrative(self, project) -> bool:
        return project.is_measured and project.year in illustrative_years(self.context)


class CaseStudyListSerializer(CaseStudySummarySerializer):
    institution = InstitutionSummarySerializer(read_only=True)
    language = original_language_field()
    translations = translations_field(CaseStudy)

    class Meta(CaseStudySummarySerializer.Meta):
        fields = [
            *CaseStudySummarySerializer.Meta.fields, "summary", "institution", "language",
            "translations",
        ]  # fmt: skip


class CaseStudyDetailSerializer(CaseStudyListSerializer):
    project = ProjectSummarySerializer(read_only=True, allow_null=True)
    components = ComponentSummarySerializer(many=True, read_only=True)
    body_html = serializers.CharField(read_only=True)

    class Meta(CaseStudyListSerializer.Meta):
        fields = [
            *CaseStudyListSerializer.Meta.fields,
            "project", "body", "body_html", "components", "benefits", "days_to_production",
            "source", "updated",
        ]  # fmt: skip


# ---- news and events (issue 14) -------------------------------------------------------------


class ImageSerializer(serializers.Serializer):
    url = serializers.SerializerMethodField()
    alt = serializers.SerializerMethodField(help_text="The text alternative, in `lang`.")

    def get_url(self, entry) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(entry.image.url) if request else entry.image.url

    def get_alt(self, entry) -> str:
        return str(entry.localized("image_alt"))


@extend_schema_field(ImageSerializer(allow_null=True))
class ImageField(serializers.Field):
    """The entry's image with its text alternative, or null."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, entry):
        if not entry.image:
            return None
        return ImageSerializer(entry, context=self.context).data


class NewsListSerializer(serializers.ModelSerializer):
    url = ApiUrlField("api:news-detail")
    html_url = HtmlUrlField()
    institution = InstitutionSummarySerializer(read_only=True)
    image = ImageField()
    language = original_language_field()
    translations = translations_field(NewsItem, ("title", "summary"))

    class Meta:
        model = NewsItem
        fields = [
            "slug", "title", "date", "summary", "image", "institution", "url", "html_url",
            "language", "translations",
        ]  # fmt: skip


class AnnouncementDetailMixin(serializers.Serializer):
    body_html = serializers.CharField(read_only=True)
    components = ComponentSummarySerializer(many=True, read_only=True)
    case_studies = CaseStudySummarySerializer(many=True, read_only=True)
    institutions = InstitutionSummarySerializer(many=True, read_only=True)

    DETAIL_FIELDS = [
        "body", "body_html", "components", "case_studies", "institutions", "source", "updated",
    ]  # fmt: skip


class NewsDetailSerializer(AnnouncementDetailMixin, NewsListSerializer):
    translations = translations_field(NewsItem)

    class Meta(NewsListSerializer.Meta):
        fields = [*NewsListSerializer.Meta.fields, *AnnouncementDetailMixin.DETAIL_FIELDS]


class EventListSerializer(serializers.ModelSerializer):
    url = ApiUrlField("api:event-detail")
    html_url = HtmlUrlField()
    ical_url = serializers.SerializerMethodField()
    institution = InstitutionSummarySerializer(read_only=True)
    image = ImageField()
    all_day = serializers.BooleanField(read_only=True)
    language = original_language_field()
    translations = translations_field(Event, ("title", "summary", "place"))

    class Meta:
        model = Event
        fields = [
            "slug", "title", "start_date", "start_time", "end_date", "end_time", "all_day",
            "place", "online_url", "registration_url", "summary", "image", "institution",
            "url", "html_url", "ical_url", "language", "translations",
        ]  # fmt: skip

    def get_ical_url(self, event) -> str:
        request = self.context.get("request")
        url = event.get_ical_url()
        return request.build_absolute_uri(url) if request else url


class EventDetailSerializer(AnnouncementDetailMixin, EventListSerializer):
    translations = translations_field(Event)

    class Meta(EventListSerializer.Meta):
        fields = [*EventListSerializer.Meta.fields, *AnnouncementDetailMixin.DETAIL_FIELDS]
