"""Measured years in the admin (editors only): record a year (or import it from the dashboard's
projects CSV), preview its figures, publish it. A published year's parameters change through a
pending change; its investment lines are read-only while it is published."""

from functools import partial

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalogue.admin_guards import GuardedAdminMixin
from catalogue.models import BuildItem, ProgrammeCost, Project, Publication, ReuseYear
from catalogue.review import changes, roles, workflow
from catalogue.review.locking import VERSION_FIELD
from catalogue.review.scoping import EditorsOnlyAdmin, GuardedHistoryAdmin
from catalogue.savings import recording


class PublishedYearReadOnlyInline:
    """Investment lines of a published year are read-only (unpublish the year to correct
    them: the change then shows in the preview before the year is published again)."""

    def _editable(self, obj) -> bool:
        return obj is None or not obj.is_published

    def has_add_permission(self, request, obj=None):
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(obj) and super().has_delete_permission(request, obj)


class BuildItemInline(PublishedYearReadOnlyInline, GuardedAdminMixin, admin.TabularInline):
    model = BuildItem
    extra = 0
    autocomplete_fields = ["component", "project"]


class ProgrammeCostInline(PublishedYearReadOnlyInline, GuardedAdminMixin, admin.TabularInline):
    model = ProgrammeCost
    extra = 0


class YearImportForm(forms.Form):
    year = forms.TypedChoiceField(
        label=gettext_lazy("year"),
        coerce=int,
        choices=[(number, number) for number in range(1990, 2101)],
    )
    unit_cost_eur = ReuseYear._meta.get_field("unit_cost_eur").formfield()
    rcr = ReuseYear._meta.get_field("rcr").formfield()
    rcwr = ReuseYear._meta.get_field("rcwr").formfield()
    file = forms.FileField(
        label=gettext_lazy("projects CSV"),
        help_text=gettext_lazy(
            "The columns of the dashboard's projects CSV download. Computed columns may be "
            "left empty; when given they must match the figures computed from the row."
        ),
    )


@admin.register(ReuseYear)
class ReuseYearAdmin(EditorsOnlyAdmin, GuardedHistoryAdmin):
    list_display = ["year", "publication", "unit_cost_eur", "rcr", "rcwr", "illustrative"]
    list_filter = ["publication"]
    readonly_fields = ["publication"]
    inlines = [BuildItemInline, ProgrammeCostInline]
    change_form_template = "admin/catalogue/reuseyear/change_form.html"
    change_list_template = "admin/catalogue/reuseyear/change_list.html"
    actions = ["unpublish_years"]

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "import-csv/",
                view(partial(import_view, self)),
                name="catalogue_reuseyear_import",
            ),
            path(
                "<path:object_id>/preview/",
                view(partial(preview_view, self)),
                name="catalogue_reuseyear_preview",
            ),
            *super().get_urls(),
        ]

    @admin.action(description=gettext_lazy("Unpublish selected years (back to draft)"))
    def unpublish_years(self, request, queryset):
        for reuse_year in queryset:
            try:
                recording.unpublish_year(reuse_year, by=request.user)
            except recording.PublicationRefused as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(request, _("%(year)s is a draft again.") % {"year": reuse_year})

    # -- a published year's parameters: a pending change ---------------------------------------
    def _proposes(self, request, obj, change) -> bool:
        if not change:
            return False
        stored = ReuseYear.objects.filter(pk=obj.pk).values_list("publication", flat=True).first()
        return stored == Publication.PUBLISHED

    def save_model(self, request, obj, form, change):
        if self._proposes(request, obj, change):
            request._reuse_proposal = True
            self._propose(request, form)
            return
        obj._history_user = request.user
        super().save_model(request, obj, form, change)

    def _propose(self, request, form):
        stored = ReuseYear.objects.get(pk=form.instance.pk)
        proposed = changes.values_from_form(ReuseYear, form.cleaned_data)
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
            "%(year)s is published: your change waits for review in pending changes, where its "
            "effect on the figures is shown. The published figures stay until it is approved."
        ) % {"year": stored}

    def save_related(self, request, form, formsets, change):
        if getattr(request, "_reuse_proposal", False):
            return  # inlines of a published year are read-only; nothing was saved
        super().save_related(request, form, formsets, change)

    def construct_change_message(self, request, form, formsets, add=False):
        if getattr(request, "_reuse_proposal", False):
            return []
        return super().construct_change_message(request, form, formsets, add)

    def log_change(self, request, obj, message):
        if not getattr(request, "_reuse_proposal", False):
            return super().log_change(request, obj, message)
        return None

    def response_change(self, request, obj):
        if getattr(request, "_reuse_proposal", False):
            self.message_user(request, request._reuse_proposal_message, messages.INFO)
            return self.response_post_save_change(request, obj)
        return super().response_change(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        reuse_year = self.get_object(request, unquote(object_id))
        extra = dict(extra_context or {})
        if reuse_year is not None:
            extra["year_projects"] = Project.objects.filter(year=reuse_year.year).order_by("name")
            extra["pending_change"] = workflow.pending_change(reuse_year)
        return super().change_view(request, object_id, form_url, extra)


def import_view(model_admin, request):
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    form = YearImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data["file"]
        parameters = recording.YearParameters(
            data["year"], data["unit_cost_eur"], data["rcr"], data["rcwr"]
        )
        try:
            result = recording.import_year(
                parameters, upload.read(), by=request.user, source=upload.name
            )
        except recording.CsvImportError as error:
            problems = error.problems
            form.add_error("file", _("Nothing was written: correct the file and send it again."))
        else:
            messages.success(
                request,
                _(
                    "%(year)s recorded as a draft: %(created)s projects created, %(updated)s "
                    "updated. Check its figures, then publish it."
                )
                % {
                    "year": result.year,
                    "created": len(result.created),
                    "updated": len(result.updated),
                },
            )
            return redirect("admin:catalogue_reuseyear_preview", result.year.pk)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Import a measured year from a projects CSV"),
        "form": form,
        "problems": problems,
        "columns": recording.CSV_COLUMNS,
    }
    return TemplateResponse(request, "admin/catalogue/reuseyear/import_csv.html", context)


def preview_view(model_admin, request, object_id):
    reuse_year = model_admin.get_object(request, unquote(object_id))
    if reuse_year is None:
        raise Http404
    if not model_admin.has_view_permission(request, reuse_year):
        raise PermissionDenied
    if request.method == "POST":
        if not model_admin.has_change_permission(request, reuse_year):
            raise PermissionDenied
        try:
            version = int(request.POST.get(VERSION_FIELD, ""))
        except ValueError:
            version = -1  # a publication must name the version it previewed
        try:
            recording.publish_year(reuse_year, by=request.user, based_on_version=version)
        except recording.PublicationRefused as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("%(year)s is published: the dashboard shows it.") % {"year": reuse_year}
            )
            return redirect("admin:catalogue_reuseyear_change", reuse_year.pk)
        return redirect("admin:catalogue_reuseyear_preview", reuse_year.pk)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "original": reuse_year,
        "title": _("Figures of %(year)s") % {"year": reuse_year},
        "preview": recording.preview(reuse_year),
        "version_field": VERSION_FIELD,
        "may_publish": roles.is_editor(request.user) and not reuse_year.is_published,
        "pending_url": reverse("admin:catalogue_pendingchange_changelist"),
    }
    return TemplateResponse(request, "admin/catalogue/reuseyear/preview.html", context)
