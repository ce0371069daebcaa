"""Admin upload of publiccode.yml files."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalogue.models import Institution
from catalogue.publiccode.importer import import_publiccode
from catalogue.publiccode.repository import RemoteRepository
from catalogue.publiccode.validator import MAX_FILE_BYTES


class PublicCodeUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("publiccode.yml file"),
        help_text=gettext_lazy("Versions 0.2 to 0.7 of the standard are accepted."),
    )
    institution = forms.ModelChoiceField(
        label=gettext_lazy("Owner institution"), queryset=Institution.objects.none()
    )
    repository = forms.URLField(
        label=gettext_lazy("Repository"),
        required=False,
        assume_scheme="https",
        help_text=gettext_lazy(
            "Optional: the software's repository (for example https://github.com/owner/name), "
            "to check the logo and screenshots the file names by relative path. Without it, "
            "they are reported as warnings."
        ),
    )

    def __init__(self, *args, institutions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = institutions

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("The file is larger than 1 MB."))
        return upload


def import_view(model_admin, request):
    """Validate an uploaded publiccode.yml and create or update a draft component (or propose
    a change to a published one)."""
    if not model_admin.has_add_permission(request):
        return redirect("admin:index")
    institutions = model_admin.importable_institutions(request)
    form = PublicCodeUploadForm(
        request.POST or None, request.FILES or None, institutions=institutions
    )
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        repository_url = form.cleaned_data["repository"]
        result = import_publiccode(
            upload.read(),
            institution=form.cleaned_data["institution"],
            source=upload.name,
            repository=RemoteRepository(repository_url) if repository_url else None,
            by=request.user,
        )
        report = result.report
        if result.ok:
            if result.proposed:
                message = _(
                    "%(name)s is published: the changes from %(file)s were submitted for "
                    "review; the published version stays online until an editor approves them."
                )
            elif (
                result.component is not None
                and not result.created
                and result.component.is_published
            ):
                message = _("%(name)s: %(file)s changes nothing.")
            elif result.created:
                message = _("%(name)s: draft created from %(file)s.")
            else:
                message = _("%(name)s: draft updated from %(file)s.")
            messages.success(
                request, message % {"name": result.component.name, "file": upload.name}
            )
            for warning in report.warnings:
                messages.warning(request, str(warning))
            for note in result.notes:
                messages.info(request, note)
            for line in result.report_lines():  # kept / mapped / dropped, per key
                messages.info(request, line)
            return redirect("admin:catalogue_component_change", result.component.pk)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Import a publiccode.yml file"),
        "form": form,
        "report": report,
    }
    return TemplateResponse(request, "admin/catalogue/component/import_publiccode.html", context)
