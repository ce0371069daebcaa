"""The review workflow in the admin: the actions and review handling of entries with a
publication state, the editors' queue, pending changes (with their differences and their effect
on the published figures), memberships."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from catalogue.models import Component, Membership, PendingChange, Publication
from catalogue.models.pending import PendingStatus
from catalogue.review import changes, effects, roles, workflow
from catalogue.review.scoping import EditorsOnlyAdmin
from catalogue.savings import formats


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
    description=gettext_lazy("Publish selected entries (applies pending changes)"),
    done=lambda n: ngettext("%d entry published.", "%d entries published.", n),
)


def _unpublish(entry, request):
    if not entry.is_published:
        raise workflow.WorkflowError(_("Only published entries can be unpublished."))
    workflow.unpublish(entry, by=request.user, request=request)


unpublish = workflow_action(
    _unpublish,
    name="unpublish",
    description=gettext_lazy("Unpublish selected entries (back to draft)"),
    done=lambda n: ngettext("%d entry unpublished.", "%d entries unpublished.", n),
)
submit_for_review = workflow_action(
    lambda entry, request: workflow.submit(entry, by=request.user, request=request),
    name="submit_for_review",
    description=gettext_lazy("Submit selected entries for review"),
    done=lambda n: ngettext("%d entry submitted.", "%d entries submitted.", n),
)


class AwaitingReviewFilter(admin.SimpleListFilter):
    """The editors' review queue: submitted entries and published ones with a pending change."""

    title = gettext_lazy("review")
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
        if obj is not None and obj.publication == Publication.REJECTED and obj.review_note:
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


approve = workflow_action(
    lambda pending, request: workflow.approve(pending, by=request.user, request=request),
    name="approve",
    description=gettext_lazy("Approve and apply the selected changes"),
    done=lambda n: ngettext("%d change approved.", "%d changes approved.", n),
)


def _label(model, name) -> str:
    if name == changes.REUSES:
        return _("reuse rows (function points supplied)")
    field = changes.model_field(model, name)
    return str(field.verbose_name) if field is not None else name


def _names(model, ids) -> str:
    objects = model._base_manager.in_bulk(ids)
    return ", ".join(sorted(str(objects[pk]) for pk in ids if pk in objects)) or "—"


def _shown(model, name, value) -> str:
    """A stored JSON value as an editor reads it."""
    if value is None or value == "" or value == []:
        return "—"
    if name == changes.REUSES:
        components = Component._base_manager.in_bulk([row["component"] for row in value])
        return "; ".join(
            f"{components.get(row['component'], row['component'])}: {row['fp'] or '—'} FP"
            + (f" (RCR {row['relative_cost']})" if row.get("relative_cost") else "")
            for row in value
        )
    field = changes.model_field(model, name)
    if field is not None and field.related_model is not None:
        return _names(field.related_model, value if field.many_to_many else [value])
    return Truncator(str(value)).chars(400)


@admin.register(PendingChange)
class PendingChangeAdmin(EditorsOnlyAdmin):
    list_display = ["__str__", "content_type", "submitted_by", "status", "updated"]
    list_filter = ["status", "content_type"]
    fields = ["entry_link", "submitted_by", "status", "review_note", "differences", "effect"]
    readonly_fields = ["entry_link", "submitted_by", "differences", "effect"]
    actions = [approve]
    change_form_template = "admin/catalogue/pendingchange/change_form.html"

    def has_add_permission(self, request):
        return False  # proposed by submitters' edits, never written by hand

    @admin.display(description=gettext_lazy("entry"))
    def entry_link(self, obj):
        entry = obj.entry
        if entry is None:
            return _("new entry, created on approval") if obj.is_new_entry else "—"
        return format_html('<a href="{}">{}</a>', admin_change_url(entry), entry)

    @admin.display(description=gettext_lazy("proposed changes"))
    def differences(self, obj):
        model = obj.content_type.model_class()
        entry = obj.entry
        if entry is None and not obj.is_new_entry:
            return "—"
        rows = []
        for name, proposed in obj.data.items():
            now = changes.current_value(entry, name) if entry is not None else None
            based_on = obj.base.get(name, now)
            stale = entry is not None and name in obj.base and now != based_on
            rows.append(
                (
                    _label(model, name),
                    _shown(model, name, based_on),
                    _shown(model, name, now) if entry is not None else "—",
                    _shown(model, name, proposed),
                    _("changed since the proposal") if stale else "",
                )
            )
        if not rows:
            return _("No difference with the published version.")
        head = format_html(
            "<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th></th></tr>",
            _("field"), _("when proposed"), _("now"), _("proposed"),
        )  # fmt: skip
        body = format_html_join(
            "",
            "<tr><th scope='row'>{}</th><td><del>{}</del></td><td>{}</td><td><ins>{}</ins></td>"
            "<td><strong>{}</strong></td></tr>",
            rows,
        )
        return format_html("<table>{}{}</table>", head, body)

    @admin.display(description=gettext_lazy("effect on the published figures"))
    def effect(self, obj):
        if obj.status != PendingStatus.SUBMITTED:
            return "—"
        year_effects, problems = effects.figures_effect(obj)
        if not year_effects and not problems:
            return _("None: the change does not touch a measured year's figures.")
        rows = [
            (
                effect.year,
                formats.percent(effect.before.reuse_share),
                formats.percent(effect.after.reuse_share) if effect.after else "?",
                formats.euros(effect.before.cost_avoided_eur),
                formats.euros(effect.after.cost_avoided_eur) if effect.after else "?",
                formats.percent(effect.before.roi),
                formats.percent(effect.after.roi) if effect.after else "?",
            )
            for effect in year_effects
        ]
        head = format_html(
            "<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
            _("year"), _("reuse share"), _("cost avoided"), _("ROI"),
        )  # fmt: skip
        body = format_html_join(
            "",
            "<tr><th scope='row'>{}</th><td>{} → {}</td><td>{} → {}</td><td>{} → {}</td></tr>",
            rows,
        )
        notes = format_html_join("", "<p class='errornote'>{}</p>", ((p,) for p in problems))
        return format_html("<table>{}{}</table>{}", head, body, notes)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and "_approve" in request.POST and object_id:
            return self._approve_view(request, object_id)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _approve_view(self, request, object_id):
        pending = self.get_object(request, unquote(object_id))
        if pending is None:
            raise Http404
        if not self.has_change_permission(request, pending):
            raise PermissionDenied
        try:
            entry = workflow.approve(pending, by=request.user, request=request)
        except workflow.WorkflowError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())
        self.message_user(
            request,
            _("Change approved: %(entry)s is updated.") % {"entry": entry},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:catalogue_pendingchange_changelist"))

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data and obj.status == PendingStatus.REJECTED:
            try:
                workflow.reject_change(
                    obj, by=request.user, reason=obj.review_note, request=request
                )
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
