"""Reuse declarations in the admin (issue 13): a submitter declares their institution's use of
a component (a draft, submitted for review); editors publish. Scoped like every institution's
entry (catalogue.review.scoping): a submitter sees and writes only their institutions'
declarations, names only components they may link and only their institutions' measured
projects; a change to a published declaration waits for review."""

from django.contrib import admin

from catalogue.models import Project, ReuseDeclaration
from catalogue.review import roles
from catalogue.review.admin import AwaitingReviewFilter, WorkflowAdminMixin
from catalogue.review.scoping import InstitutionScopedAdmin


@admin.register(ReuseDeclaration)
class ReuseDeclarationAdmin(WorkflowAdminMixin, InstitutionScopedAdmin):
    institution_lookup = "institution"
    own_institution_fields = ("institution",)
    plain_institution_fields = ("institution", "project")
    list_display = ["component", "institution", "release", "since", "publication"]
    list_filter = [AwaitingReviewFilter, "publication", "institution"]
    list_select_related = ["component", "institution"]
    search_fields = ["component__name", "institution__name", "institution__acronym"]
    autocomplete_fields = ["institution", "component", "project"]
    fields = [
        "institution", "component", "release", "since", "use_case", "instance_url", "contact",
        "project", "publication", "review_note",
    ]  # fmt: skip

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "project" and not roles.is_editor(request.user):
            # The server's rule, not only the form's offer: the queryset validates the choice.
            kwargs["queryset"] = (
                Project.objects.filter(
                    clients__in=roles.institution_ids(request.user), new_fp__isnull=False
                )
                .distinct()
                .order_by("-year", "name")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
