"""News items and events in the admin (issue 14): the case studies' rules. A submitter sees,
writes and submits their institutions' items; editors review and publish them."""

from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext_lazy as _

from catalogue.models import CaseStudy, Component, Event, NewsItem, Publication
from catalogue.review import roles
from catalogue.review.admin import AwaitingReviewFilter, WorkflowAdminMixin
from catalogue.review.scoping import InstitutionScopedAdmin

from .translations import MissingTranslationFilter, TranslatedEntryAdmin


class AnnouncementAdmin(WorkflowAdminMixin, InstitutionScopedAdmin, TranslatedEntryAdmin):
    institution_lookup = "institution"
    own_institution_fields = ("institution",)
    plain_institution_fields = ("institution", "institutions")
    list_select_related = ["institution"]
    search_fields = ["title", "summary", "institution__name", "institution__acronym"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["institution", "components", "case_studies", "institutions"]
    readonly_fields = ["created", "updated"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        # A submitter may relate published entries, or their own drafts, never another
        # institution's drafts (the choices are checked on the server: a crafted POST fails).
        if not roles.is_editor(request.user):
            own = roles.institution_ids(request.user)
            if db_field.name == "components":
                kwargs["queryset"] = Component.objects.filter(
                    Q(publication=Publication.PUBLISHED) | Q(owner__in=own)
                )
            elif db_field.name == "case_studies":
                kwargs["queryset"] = CaseStudy.objects.filter(
                    Q(publication=Publication.PUBLISHED) | Q(institution__in=own)
                )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        # A submitter's edit of a published item is kept as JSON for review: an uploaded image
        # is stored now and proposed by its name (the published item keeps its own meanwhile).
        image = form.cleaned_data.get("image")
        if isinstance(image, UploadedFile):
            field = obj._meta.get_field("image")
            form.cleaned_data["image"] = field.storage.save(
                field.generate_filename(obj, image.name), image
            )
            obj.image = form.cleaned_data["image"]
        elif isinstance(image, FieldFile):
            form.cleaned_data["image"] = image.name
        elif image is False:  # "clear" ticked
            form.cleaned_data["image"] = ""
        super().save_model(request, obj, form, change)


TEXT_FIELDS = ["summary", "body", "image", "image_alt"]
RELATION_FIELDS = ["institution", "institutions", "components", "case_studies"]


@admin.register(NewsItem)
class NewsItemAdmin(AnnouncementAdmin):
    list_display = ["title", "institution", "date", "publication", "missing_translations"]
    list_filter = [AwaitingReviewFilter, "publication", "institution", MissingTranslationFilter]
    date_hierarchy = "date"
    fieldsets = [
        (None, {"fields": ["language", "title", "slug", "date", "publication", "review_note"]}),
        (_("Text and image"), {"fields": TEXT_FIELDS}),
        (_("Publisher and related entries"), {"fields": RELATION_FIELDS}),
        (_("Provenance"), {"fields": ["source", "created", "updated"]}),
    ]


@admin.register(Event)
class EventAdmin(AnnouncementAdmin):
    list_display = [
        "title", "institution", "start_date", "end_date", "publication", "missing_translations",
    ]  # fmt: skip
    list_filter = [AwaitingReviewFilter, "publication", "institution", MissingTranslationFilter]
    date_hierarchy = "start_date"
    fieldsets = [
        (None, {"fields": ["language", "title", "slug", "publication", "review_note"]}),
        (
            _("When and where"),
            {
                "fields": [
                    ("start_date", "start_time"),
                    ("end_date", "end_time"),
                    "place",
                    "online_url",
                    "registration_url",
                ]
            },
        ),
        (_("Text and image"), {"fields": TEXT_FIELDS}),
        (_("Publisher and related entries"), {"fields": RELATION_FIELDS}),
        (_("Provenance"), {"fields": ["source", "created", "updated"]}),
    ]
