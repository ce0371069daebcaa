"""The review workflow in the admin: the actions and review handling of entries with a
publication state, the editors' queue, pending changes to published entries, memberships."""

from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from catalogue.models import Membership, PendingChange, Publication
from catalogue.models.pending import PendingStatus
from catalogue.review import roles, workflow
from catalogue.review.scoping import EditorsOnlyAdmin


def admin_change_url(entry) -> str:
    opts = entry._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[entry.pk])


def workflow_action(move, *, name, description, done):
    """An admin action applying ``move(entry, request)`` to each selected entry; a workflow
    rule it breaks becomes an error message naming the entry, never a 500."""

    def action(modeladmin, request, queryset):
        count = 0
        for entry in queryset:
            try:
                move(entry, request)
            except workflow.WorkflowError as error:
                modeladmin.message_user(
                    request, f"{entry}: {' '.join(error.messages)}", messages.ERROR
                )
            else:
                count += 1
        modeladmin.message_user(request, done(count) % count, messages.SUCCESS)

    action.__name__ = name
    return admin.action(description=description)(action)


publish = workflow_action(
    lambda entry, request: workflow.publish(entry, by=request.user, request=request),
    name="publish",
    description=_("Publish selected entries (applies pending changes)"),
    done=lambda n: ngettext("%d entry published.", "%d entries published.", n),
)


def _unpublish(entry, request):
    if not entry.is_published:
        raise workflow.WorkflowError(_("Only published entries can be unpublished."))
    workflow.unpublish(entry, by=request.user)


unpublish = workflow_action(
    _unpublish,
    name="unpublish",
    description=_("Unpublish selected entries (back to draft)"),
    done=lambda n: ngettext("%d entry unpublished.", "%d entries unpublished.", n),
)
submit_for_review = workflow_action(
    lambda entry, request: workflow.submit(entry, by=request.user, request=request),
    name="submit_for_review",
    description=_("Submit selected entries for review"),
    done=lambda n: ngettext("%d entry submitted.", "%d entries submitted.", n),
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

    actions = [publish, unpublish, submit_for_review]

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
        new_state, note = obj.publication, obj.review_note
        previous = type(obj).objects.get(pk=obj.pk)
        obj.publication, obj.review_note = previous.publication, previous.review_note
        super().save_model(request, obj, form, True)
        try:
            workflow.transition(obj, new_state, by=request.user, note=note, request=request)
        except workflow.WorkflowError as error:
            # The form checked the move; the entry changed state since (another editor).
            self.message_user(request, " ".join(error.messages), messages.ERROR)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if not roles.is_editor(request.user):
            return form

        class ReviewForm(form):
            def clean(self):
                data = super().clean()
                state = data.get("publication")
                if self.instance.pk and state and state != self.instance.publication:
                    try:
                        workflow.check_transition(
                            self.instance, state, note=data.get("review_note", "")
                        )
                    except workflow.WorkflowError as error:
                        self.add_error(error.field, error.messages)
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


@admin.register(Membership)
class MembershipAdmin(EditorsOnlyAdmin):
    list_display = ["user", "institution"]
    list_select_related = ["user", "institution"]
    list_filter = ["institution"]
    search_fields = ["user__username", "user__email", "institution__name", "institution__acronym"]
    autocomplete_fields = ["user", "institution"]


def _approve(pending, request):
    if pending.entry is not None:
        workflow.publish(pending.entry, by=request.user, request=request)


approve = workflow_action(
    _approve,
    name="approve",
    description=_("Approve and publish the selected changes"),
    done=lambda n: ngettext("%d change approved.", "%d changes approved.", n),
)


@admin.register(PendingChange)
class PendingChangeAdmin(EditorsOnlyAdmin):
    list_display = ["__str__", "content_type", "submitted_by", "status", "updated"]
    list_filter = ["status", "content_type"]
    fields = ["entry_link", "submitted_by", "status", "review_note", "differences"]
    readonly_fields = ["entry_link", "submitted_by", "differences"]
    actions = [approve]

    def has_add_permission(self, request):
        return False  # proposed by submitters' edits, never written by hand

    @admin.display(description=_("entry"))
    def entry_link(self, obj):
        entry = obj.entry
        if entry is None:
            return "—"
        return format_html('<a href="{}">{}</a>', admin_change_url(entry), entry)

    @admin.display(description=_("proposed changes"))
    def differences(self, obj):
        entry = obj.entry
        if entry is None:
            return "—"
        rows = []
        current = workflow.form_data(
            {
                name: getattr(entry, name, None)
                for name in obj.data
                if not self._is_many(entry, name)
            }
        )
        for name, proposed in obj.data.items():
            if self._is_many(entry, name):
                now = sorted(getattr(entry, name).values_list("pk", flat=True))
            else:
                now = current.get(name)
                field = entry._meta.get_field(name)
                if field.many_to_one:
                    now = getattr(entry, field.attname)
            if now != proposed:
                rows.append((name, now, proposed))
        if not rows:
            return _("No difference with the published version.")
        return format_html_join(
            "",
            "<p><strong>{}</strong>: <del>{}</del> → <ins>{}</ins></p>",
            rows,
        )

    @staticmethod
    def _is_many(entry, name):
        try:
            return entry._meta.get_field(name).many_to_many
        except FieldDoesNotExist:  # a field removed since the proposal
            return False

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data and obj.status == PendingStatus.REJECTED:
            try:
                workflow.reject(obj.entry, by=request.user, reason=obj.review_note, request=request)
            except workflow.WorkflowError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            return
        super().save_model(request, obj, form, change)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)

        class ReviewForm(form):
            def clean(self):
                data = super().clean()
                if (
                    data.get("status") == PendingStatus.REJECTED
                    and not (data.get("review_note") or "").strip()
                ):
                    self.add_error("review_note", _("Say why the change is rejected."))
                return data

        return ReviewForm
