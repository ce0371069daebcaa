"""Admin of the harvester: editors register sources for any institution, an institution's
members for their own only (enforced on the server: querysets, object permissions, the
institution field's choices, and again on save); runs and logs are read-only."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from catalogue.admin_guards import GuardedAdminMixin
from catalogue.models import HarvestLog, HarvestRun, HarvestSource, Institution
from catalogue.review import roles
from catalogue.review.scoping import EditorsOnlyAdmin


def _own(request, institution_id) -> bool:
    return roles.is_editor(request.user) or institution_id in roles.institution_ids(request.user)


class ReadOnlyLogInline(GuardedAdminMixin, admin.TabularInline):
    model = HarvestLog
    fk_name = "source"
    extra = 0
    max_num = 0
    can_delete = False
    fields = readonly_fields = ["time", "status", "message", "problems", "component"]
    ordering = ["-time", "-pk"]
    verbose_name_plural = _("harvest logs (latest first)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("component")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(HarvestSource)
class HarvestSourceAdmin(GuardedAdminMixin, admin.ModelAdmin):
    list_display = ["url", "institution", "active", "last_status", "flagged", "last_checked"]
    list_filter = ["last_status", "flagged", "active"]
    search_fields = ["url", "institution__name", "institution__acronym"]
    list_select_related = ["institution", "component"]
    fields = [
        "institution", "url", "active", "last_status", "flagged", "last_checked",
        "last_message", "component",
    ]  # fmt: skip
    readonly_fields = ["last_status", "flagged", "last_checked", "last_message", "component"]
    inlines = [ReadOnlyLogInline]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if roles.is_editor(request.user):
            return queryset
        return queryset.filter(institution__in=roles.institution_ids(request.user))

    def _may(self, request, obj) -> bool:
        return obj is None or _own(request, obj.institution_id)

    def has_module_permission(self, request):
        return super().has_module_permission(request) and (
            roles.is_editor(request.user) or bool(roles.institution_ids(request.user))
        )

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._may(request, obj)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and (
            roles.is_editor(request.user) or bool(roles.institution_ids(request.user))
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "institution":
            # The choices are the rule: a crafted id outside them is "Select a valid choice".
            kwargs["queryset"] = (
                Institution.objects.order_by("name")
                if roles.is_editor(request.user)
                else roles.institutions(request.user)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not _own(request, obj.institution_id):
            raise PermissionDenied
        super().save_model(request, obj, form, change)


@admin.register(HarvestLog)
class HarvestLogAdmin(GuardedAdminMixin, admin.ModelAdmin):
    list_display = ["time", "source", "status", "message", "component"]
    list_filter = ["status"]
    search_fields = ["source__url", "message"]
    list_select_related = ["source", "component"]
    readonly_fields = ["run", "source", "time", "status", "message", "problems", "report",
                       "component"]  # fmt: skip

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if roles.is_editor(request.user):
            return queryset
        return queryset.filter(source__institution__in=roles.institution_ids(request.user))

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and (
            obj is None or _own(request, obj.source.institution_id)
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return roles.is_editor(request.user) and super().has_delete_permission(request, obj)


@admin.register(HarvestRun)
class HarvestRunAdmin(EditorsOnlyAdmin):
    list_display = ["started", "finished", "institution"]
    readonly_fields = ["started", "finished", "institution"]

    def has_add_permission(self, request):
        return False
