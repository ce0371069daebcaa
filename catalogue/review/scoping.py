"""Admin rules shared by the entries institutions maintain: editors see and edit everything; a
submitter sees, creates and changes only their institutions' entries, cannot publish, links only
published entries or their own (catalogue.review.visibility), never removes what they cannot see,
and proposes changes to anything public (pending changes) instead of writing them."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from catalogue.admin_guards import GuardedAdminMixin
from catalogue.models import Component, ComponentReuse, Institution, Project, Publication
from catalogue.models.pending import PendingStatus
from catalogue.models.project import reuse_exceeds_message
from catalogue.review import changes, roles, visibility, workflow
from catalogue.review.locking import VERSION_FIELD, VersionedAdminMixin
from catalogue.savings import roi


class GuardedHistoryAdmin(GuardedAdminMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    """History for everyone who may read an entry; restoring a version only for those allowed
    to change its history. (The library hides the Revert button but still accepts the POST.)"""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST" and not self.has_change_history_permission(request):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class EditorsOnlyAdmin(GuardedAdminMixin, VersionedAdminMixin, admin.ModelAdmin):
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


class SubmitterFormMixin:
    """A submitter's entry form: links only what the submitter may link, and keeps the links
    they cannot see (another institution's draft in ``related``, the other clients of a shared
    project) whatever the form posts."""

    scope: visibility.Scope = frozenset()
    own_institution_fields: tuple = ()

    def clean(self):
        data = super().clean()
        for name, field in self.fields.items():
            if name not in data:
                continue
            model = getattr(getattr(field, "queryset", None), "model", None)
            if model is Component:
                self._check_components(name, data)
            if isinstance(field, forms.ModelMultipleChoiceField) and name in data:
                hidden = self._hidden(name, model)
                if hidden:
                    data[name] = [*data[name], *model._base_manager.filter(pk__in=hidden)]
                if name in self.own_institution_fields and not data[name]:
                    # The entry must stay one of the submitter's institutions'.
                    self.add_error(name, _("Choose at least one of your institutions."))
        return data

    def _check_components(self, name, data):
        value = data[name]
        items = value if isinstance(self.fields[name], forms.ModelMultipleChoiceField) else [value]
        try:
            visibility.check_components(
                self.scope, [item.pk for item in items if item is not None], field=name
            )
        except ValidationError as error:
            self.add_error(None, error)

    def _hidden(self, name, model) -> set[int]:
        if self.instance.pk is None:
            return set()
        current = set(getattr(self.instance, name).values_list("pk", flat=True))
        if model is Component:
            return visibility.hidden_components(self.scope, current)
        if model is Institution and name in self.own_institution_fields:
            return current - set(self.scope)
        return set()


class ReuseFormSet(BaseInlineFormSet):
    """A project's reuse rows: all rows together, those the form shows and those it does not
    (another institution's unpublished component), may not exceed the project's size."""

    def hidden_rows(self):
        if self.instance.pk is None:
            return ComponentReuse.objects.none()
        return ComponentReuse.objects.filter(project=self.instance).exclude(
            pk__in=self.get_queryset().values("pk")
        )

    def clean(self):
        super().clean()
        new_fp = self.instance.new_fp
        if new_fp is None:
            return
        fps = [
            form.cleaned_data["fp"]
            for form in self.forms
            if getattr(form, "cleaned_data", None)
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("fp") is not None
        ]
        fps += [reuse.fp for reuse in self.hidden_rows() if reuse.fp is not None]
        # Reuse of components the source does not name counts against the same size.
        if self.instance.unnamed_reused_fp is not None:
            fps.append(self.instance.unnamed_reused_fp)
        try:
            roi.check_reuse_fits(new_fp, fps)
        except roi.RoiInputError:
            raise ValidationError(reuse_exceeds_message(new_fp, fps)) from None


class ScopedReuseInlineMixin(GuardedAdminMixin):
    """Reuse rows in a submitter's form: only rows of components they may see, and only those
    components offered."""

    formset = ReuseFormSet

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if roles.is_editor(request.user):
            return queryset
        scope = visibility.scope_of(request.user)
        return queryset.filter(component__in=visibility.linkable_components(scope))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Component and not roles.is_editor(request.user):
            kwargs["queryset"] = visibility.linkable_components(visibility.scope_of(request.user))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class InstitutionScopedAdmin(GuardedHistoryAdmin):
    # The model's path to the institution(s) an entry belongs to.
    institution_lookup = "owner"
    # Relations to Institution that a submitter may only set to their own institutions.
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
        if _is_autocomplete(request) and self.model is Component:
            # What a submitter may link: published components and their own.
            scope = visibility.scope_of(request.user)
            return queryset.filter(pk__in=visibility.linkable_components(scope).values("pk"))
        own = queryset.filter(
            **{f"{self.institution_lookup}__in": roles.institution_ids(request.user)}
        )
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
        if roles.is_editor(request.user):
            return True
        if self.model is Project:
            # Public from the start, often shared by several institutions: an editor's decision.
            return False
        # A submitter removes their unpublished work only: removing published content is a
        # decision for an editor.
        return obj is None or getattr(obj, "publication", None) != Publication.PUBLISHED

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        if not roles.is_editor(request.user) and self.model is Component:
            # Removing a component removes its reuse rows: the measurement behind the published
            # savings. An editor decides that.
            reuses = ComponentReuse.objects.filter(component__in=list(objs)).select_related(
                "component", "project"
            )
            protected = [*protected, *(str(reuse) for reuse in reuses)]
        return deleted, counts, perms_needed, protected

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

    def _restrict(self, db_field, request, kwargs):
        if roles.is_editor(request.user):
            return
        if db_field.name in self.own_institution_fields:
            kwargs["queryset"] = roles.institutions(request.user)
        elif db_field.related_model is Component:
            kwargs["queryset"] = visibility.linkable_components(visibility.scope_of(request.user))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        self._restrict(db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        self._restrict(db_field, request, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if roles.is_editor(request.user):
            return form
        return type(
            form.__name__,
            (SubmitterFormMixin, form),
            {
                "scope": visibility.scope_of(request.user),
                "own_institution_fields": self.own_institution_fields,
            },
        )

    # -- saving -------------------------------------------------------------------------------
    def proposes(self, request, obj, change) -> bool:
        """A submitter's save that becomes a pending change: any change to a published entry,
        and any change to a project or new project (public from the start)."""
        if roles.is_editor(request.user):
            return False
        if self.model is Project:
            return True
        return change and self._is_published(obj)

    def save_model(self, request, obj, form, change):
        if self.proposes(request, obj, change):
            request._reuse_proposal = True  # written in save_related, with the inlines
            return
        if not roles.is_editor(request.user) and not change and hasattr(obj, "publication"):
            obj.publication = Publication.DRAFT
        super().save_model(request, obj, form, change)

    def _is_published(self, obj) -> bool:
        if not hasattr(obj, "publication"):
            return False
        stored = type(obj).objects.filter(pk=obj.pk).values_list("publication", flat=True).first()
        return stored == Publication.PUBLISHED

    def save_related(self, request, form, formsets, change):
        if getattr(request, "_reuse_proposal", False):
            self._propose(request, form, formsets, change)
            return
        super().save_related(request, form, formsets, change)

    def _propose(self, request, form, formsets, change):
        proposed = changes.values_from_form(self.model, form.cleaned_data)
        reuse_formset = next((fs for fs in formsets if fs.model is ComponentReuse), None)
        if not change:
            if reuse_formset is not None:
                proposed[changes.REUSES] = changes.rows_from_formset(reuse_formset, [])
            workflow.propose_new(self.model, data=proposed, by=request.user, request=request)
            request._reuse_proposal_message = _(
                "Your new entry was submitted for review. It appears once an editor approves it."
            )
            return
        stored = self.model._base_manager.get(pk=form.instance.pk)
        if reuse_formset is not None:
            kept = changes.rows_of(reuse_formset.hidden_rows())
            proposed[changes.REUSES] = changes.rows_from_formset(reuse_formset, kept)
        pending = workflow.propose_differences(
            stored,
            proposed,
            base_version=form.cleaned_data.get(VERSION_FIELD),
            by=request.user,
            request=request,
        )
        if pending is None:
            request._reuse_proposal_message = _("Nothing was changed.")
            return
        request._reuse_proposal_message = _(
            "Your change was submitted for review. The published version stays online until an "
            "editor approves it."
        )

    def construct_change_message(self, request, form, formsets, add=False):
        if getattr(request, "_reuse_proposal", False):
            return []  # nothing was saved: the pending change is the record
        return super().construct_change_message(request, form, formsets, add)

    def log_addition(self, request, obj, message):
        if not getattr(request, "_reuse_proposal", False):
            return super().log_addition(request, obj, message)
        return None

    def log_change(self, request, obj, message):
        if not getattr(request, "_reuse_proposal", False):
            return super().log_change(request, obj, message)
        return None

    def response_add(self, request, obj, post_url_continue=None):
        if getattr(request, "_reuse_proposal", False):
            self.message_user(request, request._reuse_proposal_message, messages.INFO)
            return self.response_post_save_add(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if getattr(request, "_reuse_proposal", False):
            self.message_user(request, request._reuse_proposal_message, messages.INFO)
            return self.response_post_save_change(request, obj)
        return super().response_change(request, obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            pending = workflow.pending_change(obj)
            if pending is not None and pending.status == PendingStatus.REJECTED:
                self.message_user(
                    request,
                    _("Your proposed change was not accepted: %(note)s")
                    % {"note": pending.review_note},
                    messages.WARNING,
                )
            elif pending is not None:
                context["pending_change"] = pending
                self.message_user(
                    request,
                    _("A change to this entry is waiting for review."),
                    messages.INFO,
                )
        return super().render_change_form(request, context, add, change, form_url, obj)
