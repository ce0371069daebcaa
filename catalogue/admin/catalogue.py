from functools import partial

from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.forms.models import BaseInlineFormSet
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from catalogue import roles, workflow
from catalogue.admin.publiccode import import_view
from catalogue.admin.scoping import GuardedHistoryAdmin, InstitutionScopedAdmin
from catalogue.models import (
    CaseStudy,
    Category,
    Component,
    ComponentReuse,
    Institution,
    Membership,
    PendingChange,
    Project,
    Publication,
    Technology,
)
from catalogue.models.pending import PendingStatus


class EditorsOnlyAdmin(GuardedHistoryAdmin):
    """Managed by catalogue editors; submitters at most read it (taxonomies, for autocomplete)."""

    def has_add_permission(self, request):
        return roles.is_editor(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return roles.is_editor(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return roles.is_editor(request.user) and super().has_delete_permission(request, obj)

    def has_change_history_permission(self, request, obj=None):
        return roles.is_editor(request.user)


@admin.register(Category)
class CategoryAdmin(EditorsOnlyAdmin):
    list_display = ["name", "name_fr", "name_nl", "slug", "component_count"]
    search_fields = ["name", "name_fr", "name_nl", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_component_count=Count("components"))

    @admin.display(description=_("components"), ordering="_component_count")
    def component_count(self, obj):
        return obj._component_count


@admin.register(Technology)
class TechnologyAdmin(CategoryAdmin):
    list_display = ["name", "slug", "component_count"]
    search_fields = ["name", "slug"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Institution)
class InstitutionAdmin(EditorsOnlyAdmin):
    inlines = [MembershipInline]
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


@admin.action(description=_("Publish selected entries (applies pending changes)"))
def publish(modeladmin, request, queryset):
    count = 0
    for entry in queryset:
        workflow.publish(entry, by=request.user, request=request)
        count += 1
    modeladmin.message_user(
        request,
        ngettext("%d entry published.", "%d entries published.", count) % count,
        messages.SUCCESS,
    )


@admin.action(description=_("Unpublish selected entries (back to draft)"))
def unpublish(modeladmin, request, queryset):
    count = 0
    for entry in queryset.filter(publication=Publication.PUBLISHED):
        workflow.unpublish(entry, by=request.user)
        count += 1
    modeladmin.message_user(
        request,
        ngettext("%d entry unpublished.", "%d entries unpublished.", count) % count,
        messages.SUCCESS,
    )


@admin.action(description=_("Submit selected entries for review"))
def submit_for_review(modeladmin, request, queryset):
    submitted = skipped = 0
    for entry in queryset:
        if entry.publication in (Publication.DRAFT, Publication.REJECTED):
            workflow.submit(entry, by=request.user, request=request)
            submitted += 1
        else:
            skipped += 1
    modeladmin.message_user(
        request,
        ngettext("%d entry submitted.", "%d entries submitted.", submitted) % submitted,
        messages.SUCCESS,
    )
    if skipped:
        modeladmin.message_user(
            request,
            _("%d entries were skipped: only drafts and rejected entries can be submitted.")
            % skipped,
            messages.WARNING,
        )


class AwaitingReviewFilter(admin.SimpleListFilter):
    """The editors' review queue: submitted entries and published ones with a pending change."""

    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("waiting", _("Awaiting review"))]

    def queryset(self, request, queryset):
        if self.value() != "waiting":
            return queryset
        content_type = ContentType.objects.get_for_model(queryset.model)
        pending = PendingChange.objects.filter(
            content_type=content_type, status=PendingStatus.SUBMITTED
        ).values("object_id")
        return queryset.filter(Q(publication=Publication.SUBMITTED) | Q(pk__in=pending))


class WorkflowAdminMixin:
    """Actions and review handling for entries with a publication workflow."""

    def get_actions(self, request):
        actions = super().get_actions(request)
        if roles.is_editor(request.user):
            actions.pop("submit_for_review", None)
        else:
            actions.pop("publish", None)
            actions.pop("unpublish", None)
        return actions

    def save_model(self, request, obj, form, change):
        if roles.is_editor(request.user) and change and "publication" in form.changed_data:
            self._editor_decision(request, obj, form)
            return
        super().save_model(request, obj, form, change)

    def _editor_decision(self, request, obj, form):
        new_state = obj.publication
        note = obj.review_note
        previous = type(obj).objects.get(pk=obj.pk)
        obj.publication = previous.publication
        obj.review_note = previous.review_note
        super().save_model(request, obj, form, True)
        if new_state == Publication.PUBLISHED:
            workflow.publish(obj, by=request.user, request=request)
        elif new_state == Publication.REJECTED:
            workflow.reject(obj, by=request.user, reason=note, request=request)
        elif new_state == Publication.SUBMITTED:
            workflow.submit(obj, by=request.user, request=request)
        else:
            workflow.unpublish(obj, by=request.user)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if not roles.is_editor(request.user):
            return form

        class ReviewForm(form):
            def clean(self):
                data = super().clean()
                state = data.get("publication")
                current = self.instance.publication if self.instance.pk else None
                if state == Publication.REJECTED:
                    if not (data.get("review_note") or "").strip():
                        self.add_error(
                            "review_note",
                            _("Say why the entry is rejected: the submitter reads it."),
                        )
                    waiting = current == Publication.SUBMITTED or (
                        current == Publication.PUBLISHED
                        and workflow.pending_change(self.instance) is not None
                    )
                    if current != Publication.REJECTED and not waiting:
                        self.add_error(
                            "publication",
                            _("Only entries submitted for review can be rejected."),
                        )
                return data

        return ReviewForm

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            pending = workflow.pending_change(obj)
            if pending is not None:
                context["pending_change"] = pending
                if pending.status == PendingStatus.REJECTED:
                    self.message_user(
                        request,
                        _("Your proposed change was not accepted: %(note)s")
                        % {"note": pending.review_note},
                        messages.WARNING,
                    )
                else:
                    self.message_user(
                        request,
                        _("A change to this published entry is waiting for review."),
                        messages.INFO,
                    )
            if obj.publication == Publication.REJECTED and obj.review_note:
                self.message_user(
                    request,
                    _("Rejected by an editor: %(note)s") % {"note": obj.review_note},
                    messages.WARNING,
                )
        return super().render_change_form(request, context, add, change, form_url, obj)


@admin.register(Component)
class ComponentAdmin(WorkflowAdminMixin, InstitutionScopedAdmin):
    list_display = ["name", "kind", "owner", "lifecycle", "publication", "updated"]
    list_filter = [
        AwaitingReviewFilter, "publication", "kind", "lifecycle", "reuse_conditions",
        "categories", "owner",
    ]  # fmt: skip
    plain_institution_fields = ("owner", "contributors")
    list_select_related = ["owner"]
    search_fields = ["name", "slug", "short_description", "owner__name", "owner__acronym"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = [
        "owner", "contributors", "categories", "technologies", "depends_on", "related",
    ]  # fmt: skip
    readonly_fields = ["created", "updated"]
    actions = [publish, unpublish, submit_for_review]
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
        (None, {"fields": ["name", "slug", "kind", "publication", "review_note"]}),
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
class ProjectAdmin(InstitutionScopedAdmin):
    institution_lookup = "clients"
    own_institution_fields = ("clients",)
    plain_institution_fields = ("clients",)
    editor_fields = ()

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

    def owning_institution_ids(self, obj):
        return set(obj.clients.values_list("pk", flat=True))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not roles.is_editor(request.user) and not form.instance.clients.exists():
            # A submitter's project must stay one of their institutions'.
            form.instance.clients.set(roles.institutions(request.user)[:1])

    @admin.display(description=_("clients"))
    def client_list(self, obj):
        return ", ".join(str(client) for client in obj.clients.all())

    @admin.display(description=_("reuses"), ordering="_reuse_count")
    def reuse_count(self, obj):
        return obj._reuse_count


@admin.register(CaseStudy)
class CaseStudyAdmin(WorkflowAdminMixin, InstitutionScopedAdmin):
    institution_lookup = "institution"
    own_institution_fields = ("institution",)
    plain_institution_fields = ("institution",)
    list_display = ["title", "institution", "date", "publication"]
    list_filter = [AwaitingReviewFilter, "publication", "institution"]
    list_select_related = ["institution"]
    search_fields = ["title", "summary", "institution__name", "institution__acronym"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["institution", "project", "components"]
    date_hierarchy = "date"
    actions = [publish, unpublish, submit_for_review]


@admin.register(ComponentReuse)
class ComponentReuseAdmin(EditorsOnlyAdmin):
    # Spans every institution's projects and components: editors only. Submitters record
    # reuses through their own projects.
    def has_module_permission(self, request):
        return roles.is_editor(request.user)

    def has_view_permission(self, request, obj=None):
        return roles.is_editor(request.user) and super().has_view_permission(request, obj)

    list_display = ["component", "project", "fp", "relative_cost"]
    list_select_related = ["component", "project"]
    list_filter = ["project__year"]
    search_fields = ["component__name", "project__name"]
    autocomplete_fields = ["component", "project"]
