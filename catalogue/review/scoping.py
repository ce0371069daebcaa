"""Admin rules shared by the entries institutions maintain: editors see everything; a
submitter sees, creates and changes only their institutions' entries, and cannot publish."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from catalogue.models import Component, Publication
from catalogue.review import roles, workflow


class GuardedHistoryAdmin(SimpleHistoryAdmin):
    """History for everyone who may read an entry; restoring a version only for those allowed
    to change its history. (The library hides the Revert button but still accepts the POST.)"""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST" and not self.has_change_history_permission(request):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class EditorsOnlyAdmin(admin.ModelAdmin):
    """Managed by catalogue editors only. Submitters may at most read the model's entries, and
    only when ``submitters_may_view`` is set (taxonomies, which their forms' autocompletes
    need). Combine with GuardedHistoryAdmin for models with a history."""

    submitters_may_view = False

    def has_module_permission(self, request):
        if roles.is_editor(request.user):
            return super().has_module_permission(request)
        return self.submitters_may_view and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        if roles.is_editor(request.user):
            return super().has_view_permission(request, obj)
        return self.submitters_may_view and super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return roles.is_editor(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return roles.is_editor(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return roles.is_editor(request.user) and super().has_delete_permission(request, obj)

    def has_change_history_permission(self, request, obj=None):
        return roles.is_editor(request.user)


def _is_autocomplete(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return bool(match and match.url_name == "autocomplete")


class InstitutionScopedAdmin(GuardedHistoryAdmin):
    # The model's path to the institution(s) an entry belongs to.
    institution_lookup = "owner"
    # Foreign keys to Institution that a submitter may only set to their own institutions.
    own_institution_fields = ("owner",)
    # Relations to Institution offered to submitters as plain lists, not autocomplete (the
    # autocomplete endpoint needs access to the institutions' admin, which is editors' only).
    plain_institution_fields = ("owner",)
    # Fields only editors may set.
    editor_fields = ("publication", "review_note")

    # -- what a user may see ------------------------------------------------------------------
    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if roles.is_editor(request.user):
            return queryset
        own = queryset.filter(
            **{f"{self.institution_lookup}__in": roles.institution_ids(request.user)}
        )
        if _is_autocomplete(request) and self.model is Component:
            # Submitters may link to any published component (public anyway), never to drafts.
            return (own | queryset.filter(publication=Publication.PUBLISHED)).distinct()
        return own.distinct()

    def owning_institution_ids(self, obj) -> set[int]:
        return {getattr(obj, f"{self.institution_lookup}_id")}

    def is_own(self, request, obj) -> bool:
        if obj is None or roles.is_editor(request.user):
            return True
        return bool(self.owning_institution_ids(obj) & roles.institution_ids(request.user))

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self.is_own(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.is_own(request, obj)

    def has_add_permission(self, request):
        if not super().has_add_permission(request):
            return False
        return roles.is_editor(request.user) or bool(roles.institution_ids(request.user))

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj) or not self.is_own(request, obj):
            return False
        if roles.is_editor(request.user) or obj is None:
            return True
        # A submitter removes their unpublished work only: removing published content is a
        # decision for an editor.
        return getattr(obj, "publication", Publication.DRAFT) != Publication.PUBLISHED

    def has_change_history_permission(self, request, obj=None):
        # Restoring an earlier version bypasses review: editors only.
        return roles.is_editor(request.user) and super().has_change_history_permission(request, obj)

    # -- what a user may enter --------------------------------------------------------------
    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not roles.is_editor(request.user):
            fields += [name for name in self.editor_fields if name not in fields]
        return fields

    def get_autocomplete_fields(self, request):
        fields = list(super().get_autocomplete_fields(request))
        if roles.is_editor(request.user):
            return fields
        return [name for name in fields if name not in self.plain_institution_fields]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.own_institution_fields and not roles.is_editor(request.user):
            kwargs["queryset"] = roles.institutions(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.own_institution_fields and not roles.is_editor(request.user):
            kwargs["queryset"] = roles.institutions(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    # -- saving -------------------------------------------------------------------------------
    def save_model(self, request, obj, form, change):
        editor = roles.is_editor(request.user)
        if not editor and change and self._is_published(obj):
            # Keep the published version online: the edit waits for review.
            workflow.propose_change(
                obj, data=workflow.form_data(form.cleaned_data), by=request.user, request=request
            )
            request._reuse_change_proposed = True
            return
        if not editor and not change and hasattr(obj, "publication"):
            obj.publication = Publication.DRAFT
        super().save_model(request, obj, form, change)

    def _is_published(self, obj) -> bool:
        if not hasattr(obj, "publication"):
            return False
        stored = type(obj).objects.filter(pk=obj.pk).values_list("publication", flat=True).first()
        return stored == Publication.PUBLISHED

    def save_related(self, request, form, formsets, change):
        if getattr(request, "_reuse_change_proposed", False):
            return
        super().save_related(request, form, formsets, change)

    def response_change(self, request, obj):
        if getattr(request, "_reuse_change_proposed", False):
            self.message_user(
                request,
                _(
                    "Your change was submitted for review. The published version stays online "
                    "until an editor approves it."
                ),
                messages.INFO,
            )
            return self.response_post_save_change(request, obj)
        return super().response_change(request, obj)
