from functools import partial

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from catalogue.admin.publiccode import import_view
from catalogue.models import (
    CaseStudy,
    Category,
    Component,
    ComponentReuse,
    Institution,
    Project,
    Publication,
    Technology,
)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "component_count"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_component_count=Count("components"))

    @admin.display(description=_("components"), ordering="_component_count")
    def component_count(self, obj):
        return obj._component_count


@admin.register(Technology)
class TechnologyAdmin(CategoryAdmin):
    pass


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "member_category", "component_count", "website"]
    list_filter = ["member_category"]
    search_fields = ["name", "acronym", "slug"]
    prepopulated_fields = {"slug": ["acronym"]}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(_component_count=Count("owned_components", distinct=True))
        )

    @admin.display(description=_("components owned"), ordering="_component_count")
    def component_count(self, obj):
        return obj._component_count


class ReuseFormSet(BaseInlineFormSet):
    """The project's reused function points, all rows together, may not exceed its size."""

    def clean(self):
        super().clean()
        new_fp = self.instance.new_fp
        if new_fp is None:
            return
        total = sum(
            (form.cleaned_data.get("fp") or 0)
            for form in self.forms
            if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
        )
        if total > new_fp:
            raise ValidationError(
                _(
                    "The reused function points add up to %(total)s, more than the project's "
                    "new functionality (%(new)s)."
                )
                % {"total": total, "new": new_fp}
            )


class ComponentReuseInline(admin.TabularInline):
    model = ComponentReuse
    formset = ReuseFormSet
    extra = 0
    autocomplete_fields = ["component"]
    fields = ["component", "fp", "relative_cost", "note"]


class ReuseByProjectInline(admin.TabularInline):
    model = ComponentReuse
    extra = 0
    autocomplete_fields = ["project"]
    fields = ["project", "fp", "relative_cost", "note"]
    verbose_name = _("reuse by a project")
    verbose_name_plural = _("reuses by projects")


@admin.action(description=_("Publish selected entries"))
def publish(modeladmin, request, queryset):
    updated = queryset.exclude(publication=Publication.PUBLISHED).update(
        publication=Publication.PUBLISHED
    )
    modeladmin.message_user(
        request,
        ngettext("%d entry published.", "%d entries published.", updated) % updated,
        messages.SUCCESS,
    )


@admin.action(description=_("Unpublish selected entries (back to draft)"))
def unpublish(modeladmin, request, queryset):
    updated = queryset.filter(publication=Publication.PUBLISHED).update(
        publication=Publication.DRAFT
    )
    modeladmin.message_user(
        request,
        ngettext("%d entry unpublished.", "%d entries unpublished.", updated) % updated,
        messages.SUCCESS,
    )


@admin.register(Component)
class ComponentAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "owner", "lifecycle", "publication", "updated"]
    list_filter = ["publication", "kind", "lifecycle", "reuse_conditions", "categories", "owner"]
    list_select_related = ["owner"]
    search_fields = ["name", "slug", "short_description", "owner__name", "owner__acronym"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = [
        "owner", "contributors", "categories", "technologies", "depends_on", "related",
    ]  # fmt: skip
    readonly_fields = ["created", "updated"]
    actions = [publish, unpublish]
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
        return Institution.objects.order_by("name")

    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "publication"]}),
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
        (_("Provenance"), {"fields": ["source", "created", "updated"]}),
    ]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["name", "year", "status", "client_list", "new_fp", "reuse_count"]
    list_filter = ["year", "status", "clients"]
    search_fields = ["name", "slug", "clients__name", "clients__acronym"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["clients", "technologies"]
    inlines = [ComponentReuseInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("clients")
            .annotate(_reuse_count=Count("reuses", distinct=True))
        )

    @admin.display(description=_("clients"))
    def client_list(self, obj):
        return ", ".join(str(client) for client in obj.clients.all())

    @admin.display(description=_("reuses"), ordering="_reuse_count")
    def reuse_count(self, obj):
        return obj._reuse_count


@admin.register(CaseStudy)
class CaseStudyAdmin(admin.ModelAdmin):
    list_display = ["title", "institution", "date", "publication"]
    list_filter = ["publication", "institution"]
    list_select_related = ["institution"]
    search_fields = ["title", "summary", "institution__name", "institution__acronym"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["institution", "project", "components"]
    date_hierarchy = "date"
    actions = [publish, unpublish]


@admin.register(ComponentReuse)
class ComponentReuseAdmin(admin.ModelAdmin):
    list_display = ["component", "project", "fp", "relative_cost"]
    list_select_related = ["component", "project"]
    list_filter = ["project__year"]
    search_fields = ["component__name", "project__name"]
    autocomplete_fields = ["component", "project"]
