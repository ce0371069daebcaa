"""The editors' side of the workflow: pending changes to published entries, and memberships."""

from django.contrib import admin, messages
from django.core.exceptions import FieldDoesNotExist
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from catalogue import roles, workflow
from catalogue.models import Membership, PendingChange
from catalogue.models.pending import PendingStatus


class EditorsOnly:
    def has_module_permission(self, request):
        return roles.is_editor(request.user)

    def has_view_permission(self, request, obj=None):
        return roles.is_editor(request.user)

    def has_change_permission(self, request, obj=None):
        return roles.is_editor(request.user)

    def has_add_permission(self, request):
        return roles.is_editor(request.user) and self.model is Membership

    def has_delete_permission(self, request, obj=None):
        return roles.is_editor(request.user)


@admin.register(Membership)
class MembershipAdmin(EditorsOnly, admin.ModelAdmin):
    list_display = ["user", "institution"]
    list_select_related = ["user", "institution"]
    list_filter = ["institution"]
    search_fields = ["user__username", "user__email", "institution__name", "institution__acronym"]
    autocomplete_fields = ["user", "institution"]


@admin.action(description=_("Approve and publish the selected changes"))
def approve(modeladmin, request, queryset):
    count = 0
    for pending in queryset.select_related("content_type"):
        entry = pending.entry
        if entry is not None:
            workflow.publish(entry, by=request.user, request=request)
            count += 1
    modeladmin.message_user(
        request,
        ngettext("%d change approved.", "%d changes approved.", count) % count,
        messages.SUCCESS,
    )


@admin.register(PendingChange)
class PendingChangeAdmin(EditorsOnly, admin.ModelAdmin):
    list_display = ["__str__", "content_type", "submitted_by", "status", "updated"]
    list_filter = ["status", "content_type"]
    fields = ["entry_link", "submitted_by", "status", "review_note", "differences"]
    readonly_fields = ["entry_link", "submitted_by", "differences"]
    actions = [approve]

    @admin.display(description=_("entry"))
    def entry_link(self, obj):
        entry = obj.entry
        if entry is None:
            return "—"
        return format_html_join(
            "",
            '<a href="../../../{}/{}/change/">{}</a>',
            [(entry._meta.model_name, entry.pk, entry)],
        )

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
            workflow.reject(obj.entry, by=request.user, reason=obj.review_note, request=request)
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
