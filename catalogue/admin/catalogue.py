from functools import partial

from django.contrib import admin
from django.db.models import Count
from django.urls import path
from django.utils.translation import gettext_lazy as _

from catalogue.admin_guards import GuardedAdminMixin
from catalogue.community.admin import DemandSignalAdminMixin
from catalogue.models import (
    CaseStudy,
    Category,
    Component,
    ComponentReuse,
    Institution,
    Membership,
    Project,
    Technology,
)
from catalogue.publiccode.admin import import_view
from catalogue.review import roles
from catalogue.review.admin import AwaitingReviewFilter, WorkflowAdminMixin
from catalogue.review.scoping import (
    EditorsOnlyAdmin,
    GuardedHistoryAdmin,
    InstitutionScopedAdmin,
    ScopedReuseInlineMixin,
)

from .translations import MissingTranslationFilter, TranslatedEntryAdmin


class TaxonomyAdmin(EditorsOnlyAdmin):
    submitters_may_view = True  # their forms' autocompletes read the taxonomy
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_component_count=Count("components"))

    @admin.display(description=_("components"), ordering="_component_count")
    def component_count(self, obj):
        return obj._component_count


@admin.register(Category)
class CategoryAdmin(TaxonomyAdmin, TranslatedEntryAdmin):
    list_display = ["name_en", "name_fr", "name_nl", "slug", "component_count"]
    list_filter = [MissingTranslationFilter]
    search_fields = ["name", "slug"]


@admin.register(Technology)
class TechnologyAdmin(TaxonomyAdmin):
    list_display = ["name", "slug", "component_count"]
    search_fields = ["name", "slug"]


class MembershipInline(GuardedAdminMixin, admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Institution)
class InstitutionAdmin(EditorsOnlyAdmin, GuardedHistoryAdmin, TranslatedEntryAdmin):
    inlines = [MembershipInline]
    list_display = [
        "name", "acronym", "member_category", "component_count", "website", "missing_translations",
    ]  # fmt: skip
    list_filter = ["member_category", MissingTranslationFilter]
    search_fields = ["name", "acronym", "slug"]
    prepopulated_fields = {"slug": ["acronym"]}
    fieldsets = [
        (None, {"fields": ["language", "name", "acronym", "slug", "member_category"]}),
        (_("Description and contact"), {"fields": ["description", "website", "contact_email"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(_component_count=Count("owned_components", distinct=True))
        )

    @admin.display(description=_("components owned"), ordering="_component_count")
    def component_count(self, obj):
        return obj._component_count


class ComponentReuseInline(ScopedReuseInlineMixin, admin.TabularInline):
    model = ComponentReuse
    extra = 0
    autocomplete_fields = ["component"]
    fields = ["component", "fp", "relative_cost", "inferred", "note"]


class ReuseByProjectInline(GuardedAdminMixin, admin.TabularInline):
    model = ComponentReuse
    extra = 0
    autocomplete_fields = ["project"]
    fields = ["project", "fp", "relative_cost", "inferred", "note"]
    verbose_name = _("reuse by a project")
    verbose_name_plural = _("reuses by projects")


@admin.register(Component)
class ComponentAdmin(
    DemandSignalAdminMixin, WorkflowAdminMixin, InstitutionScopedAdmin, TranslatedEntryAdmin
):
    # reuse_requests, and the "Demand" section: DemandSignalAdminMixin (catalogue/community/).
    list_display = [
        "name", "kind", "owner", "lifecycle", "publication", "updated", "missing_translations",
        "reuse_requests",
    ]  # fmt: skip
    list_filter = [
        AwaitingReviewFilter, "publication", "kind", "lifecycle", "reuse_conditions",
        "categories", "owner", MissingTranslationFilter,
    ]  # fmt: skip
    plain_institution_fields = ("owner", "contributors")
    list_select_related = ["owner"]
    search_fields = ["name", "slug", "short_description", "owner__name", "owner__acronym"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = [
        "owner", "contributors", "categories", "technologies", "depends_on", "related",
    ]  # fmt: skip
    readonly_fields = ["created", "updated"]
    inlines = [ReuseByProjectInline]
    date_hierarchy = "created"

    def get_urls(self):
        custom = [
            path(
                "import-publiccode/",
                self.admin_site.admin_view(partial(import_view, self)),
                name="catalogue_component_import_publiccode",
            )
        ]
        return custom + super().get_urls()

    def importable_institutions(self, request):
        if roles.is_editor(request.user):
            return Institution.objects.order_by("name")
        return roles.institutions(request.user)

    def get_inlines(self, request, obj):
        # Submitters record reuses on their projects; this inline spans other institutions'.
        return self.inlines if roles.is_editor(request.user) else []

    fieldsets = [
        (None, {"fields": ["language", "name", "slug", "kind", "publication", "review_note"]}),
        (_("Description"), {"fields": ["short_description", "long_description"]}),
        (
            _("Ownership and classification"),
            {"fields": ["owner", "contributors", "categories", "technologies", "lifecycle"]},
        ),
        (_("Reuse"), {"fields": ["licence", "reuse_conditions", "relative_cost"]}),
        (
            _("Links and support"),
            {
                "fields": [
                    "website_url",
                    "documentation_url",
                    "source_code_url",
                    "support_name",
                    "support_email",
                    "support_url",
                ]
            },
        ),
        (_("Relations"), {"fields": ["depends_on", "related"]}),
        # publiccode.yml facts (models/software.py, issue 11).
        (
            _("Software (publiccode.yml)"),
            {
                "classes": ["collapse"],
                "fields": [
                    "software_type",
                    "platforms",
                    "maintenance_type",
                    "contractors",
                    "external_dependencies",
                    "releases",
                    "available_languages",
                    "localisation_ready",
                ],
            },
        ),
        (_("Provenance"), {"fields": ["source", "created", "updated"]}),
    ]


@admin.register(Project)
class ProjectAdmin(InstitutionScopedAdmin, TranslatedEntryAdmin):
    institution_lookup = "clients"
    own_institution_fields = ("clients",)
    plain_institution_fields = ("clients",)
    editor_fields = ()

    list_display = [
        "name", "year", "status", "client_list", "new_fp", "reuse_count", "missing_translations",
    ]  # fmt: skip
    # Explicit: the reuse-count annotation's GROUP BY would drop Meta.ordering (autocomplete).
    ordering = ["-year", "name"]
    list_filter = ["year", "status", "clients", MissingTranslationFilter]
    search_fields = ["name", "slug", "clients__name", "clients__acronym"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["clients", "technologies"]
    fieldsets = [
        (None, {"fields": ["language", "name", "slug", "year", "clients", "status"]}),
        (_("Description"), {"fields": ["summary", "technologies", "website_url"]}),
        (_("Reuse measurement"), {"fields": ["new_fp", "unit_cost_eur", "unnamed_reused_fp"]}),
        (_("Provenance"), {"fields": ["source"]}),
    ]
    inlines = [ComponentReuseInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("clients")
            .annotate(_reuse_count=Count("reuses", distinct=True))
        )

    def owning_institution_ids(self, obj):
        return set(obj.clients.values_list("pk", flat=True))

    @admin.display(description=_("clients"))
    def client_list(self, obj):
        return ", ".join(str(client) for client in obj.clients.all())

    @admin.display(description=_("reuses"), ordering="_reuse_count")
    def reuse_count(self, obj):
        return obj._reuse_count


@admin.register(CaseStudy)
class CaseStudyAdmin(WorkflowAdminMixin, InstitutionScopedAdmin, TranslatedEntryAdmin):
    institution_lookup = "institution"
    own_institution_fields = ("institution",)
    plain_institution_fields = ("institution",)
    list_display = ["title", "institution", "date", "publication", "missing_translations"]
    list_filter = [AwaitingReviewFilter, "publication", "institution", MissingTranslationFilter]
    list_select_related = ["institution"]
    search_fields = ["title", "summary", "institution__name", "institution__acronym"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["institution", "project", "components"]
    fieldsets = [
        (None, {"fields": ["language", "title", "slug", "publication", "review_note"]}),
        (_("Context"), {"fields": ["date", "institution", "project", "components"]}),
        (_("Story"), {"fields": ["summary", "body", "benefits", "days_to_production"]}),
        (_("Provenance"), {"fields": ["source"]}),
    ]
    date_hierarchy = "date"


@admin.register(ComponentReuse)
class ComponentReuseAdmin(EditorsOnlyAdmin, GuardedHistoryAdmin):  # history: issue 13
    # Spans every institution's projects and components: editors only. Submitters record
    # reuses through their own projects.
    list_display = ["component", "project", "fp", "relative_cost", "inferred"]
    list_select_related = ["component", "project"]
    list_filter = ["project__year", "inferred"]
    search_fields = ["component__name", "project__name"]
    autocomplete_fields = ["component", "project"]
