"""Requests in the admin: editors see all of them; an institution's users see only those about
their own components, read-only except their status. The count of requests per component is a
demand signal for editors and owners (DemandSignalAdminMixin, on the component admin)."""

from django.contrib import admin
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from catalogue.models import ContactRequest, RequestStatus
from catalogue.review import roles

VISITOR_FIELDS = [
    "created", "kind", "component", "name", "institution", "email", "message", "language",
    "routed_to",
]  # fmt: skip


@admin.register(ContactRequest)
class ContactRequestAdmin(admin.ModelAdmin):
    list_display = ["created", "kind", "component", "name", "institution", "status", "routed_to"]
    list_filter = ["status", "kind", "routed_to"]
    list_select_related = ["component"]
    search_fields = ["name", "institution", "email", "message", "component__name"]
    date_hierarchy = "created"
    # What visitors wrote is a record, for everyone: only the status changes.
    readonly_fields = VISITOR_FIELDS
    fields = [*VISITOR_FIELDS, "status"]
    actions = ["mark_handled", "mark_open"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if roles.is_editor(request.user):
            return queryset
        return queryset.about_institutions(roles.institution_ids(request.user))

    def _may_read(self, request, obj) -> bool:
        if roles.is_editor(request.user):
            return True
        own = roles.institution_ids(request.user)
        if not own:
            return False
        return obj is None or (obj.component_id is not None and obj.component.owner_id in own)

    def has_module_permission(self, request):
        return super().has_module_permission(request) and self._may_read(request, None)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._may_read(request, obj)

    def has_change_permission(self, request, obj=None):
        # Changing is marking handled or open (every other field is read-only).
        return super().has_change_permission(request, obj) and self._may_read(request, obj)

    def has_add_permission(self, request):
        return False  # requests come from the public forms only

    def has_delete_permission(self, request, obj=None):
        return roles.is_editor(request.user) and super().has_delete_permission(request, obj)

    @admin.action(description=_("Mark as handled"), permissions=["change"])
    def mark_handled(self, request, queryset):
        self._set_status(request, queryset, RequestStatus.HANDLED)

    @admin.action(description=_("Mark as open"), permissions=["change"])
    def mark_open(self, request, queryset):
        self._set_status(request, queryset, RequestStatus.OPEN)

    def _set_status(self, request, queryset, status):
        # The queryset is this user's (get_queryset): a crafted id outside it is not touched.
        count = queryset.update(status=status)
        self.message_user(
            request,
            ngettext("%(count)d request updated.", "%(count)d requests updated.", count)
            % {"count": count},
        )


def request_count_subquery(status=None):
    requests = ContactRequest.objects.filter(component=OuterRef("pk"))
    if status:
        requests = requests.filter(status=status)
    counted = requests.order_by().values("component").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


class DemandSignalAdminMixin:
    """Adds to a component admin the number of reuse requests and questions received: a list
    column and, on the change page, a line linking to them. (Not shown on public pages: a count
    anyone can inflate with messages would be read as popularity.)"""

    demand_fieldset = (_("Demand"), {"fields": ["demand_signal"]})

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                request_count=request_count_subquery(),
                open_request_count=request_count_subquery(RequestStatus.OPEN),
            )
        )

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "demand_signal"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None:
            fieldsets.append(self.demand_fieldset)
        return fieldsets

    def _requests_url(self, obj):
        return (
            reverse("admin:catalogue_contactrequest_changelist") + f"?component__id__exact={obj.pk}"
        )

    @admin.display(description=_("requests"), ordering="request_count")
    def reuse_requests(self, obj):
        count = getattr(obj, "request_count", 0)
        if not count:
            return 0
        return format_html('<a href="{}">{}</a>', self._requests_url(obj), count)

    @admin.display(description=_("reuse requests and questions"))
    def demand_signal(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        count = getattr(obj, "request_count", None)
        if count is None:
            count = obj.contact_requests.count()
        open_count = getattr(obj, "open_request_count", None)
        if open_count is None:
            open_count = obj.contact_requests.filter(Q(status=RequestStatus.OPEN)).count()
        if not count:
            return _("None received yet.")
        summary = ngettext(
            "%(count)d received, %(open)d open", "%(count)d received, %(open)d open", count
        ) % {"count": count, "open": open_count}
        return format_html(
            '{} · <a href="{}">{}</a>', summary, self._requests_url(obj), _("read them")
        )


from .newsletter import admin as newsletter_admin  # noqa: E402, F401 (registers the newsletter's)
