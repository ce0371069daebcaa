"""Editing texts in every language, and finding the missing translations.

``TranslatedEntryAdmin`` is django-modeltranslation's ``TranslationAdmin`` (one input per
language for each translated field, grouped per field; no JavaScript, so nothing is loaded from
elsewhere) with a "missing translations" column and filter, and admin search over every
language. Put it last among an admin's bases: the catalogue's own rules (which fields a
submitter may change, ...) come first and call it through ``super()``.
"""

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from catalogue.models.multilingual import language_codes, language_name, missing_translation_q


class MissingTranslationFilter(admin.SimpleListFilter):
    """Entries lacking, in a language, a text they have in their own language."""

    title = _("missing translations")
    parameter_name = "missing_translation"

    def lookups(self, request, model_admin):
        return [("any", _("In any language"))] + [
            (code, _("In %(language)s") % {"language": name}) for code, name in settings.LANGUAGES
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "any":
            condition = Q(pk__in=[])
            for code in language_codes():
                condition |= missing_translation_q(queryset.model, code)
            return queryset.filter(condition)
        if value in language_codes():
            return queryset.filter(missing_translation_q(queryset.model, value))
        return queryset


class TranslatedEntryAdmin(TranslationAdmin):
    # Admins without their own fieldsets show each translated field's languages together.
    group_fieldsets = True

    def patch_translation_field(self, db_field, field, request, **kwargs):
        super().patch_translation_field(db_field, field, request, **kwargs)
        if hasattr(db_field, "translated_field"):
            # modeltranslation requires the default language (English); the catalogue requires
            # the entry's own language, which the model checks (clean_translations).
            field.required = False

    @admin.display(description=_("missing translations"))
    def missing_translations(self, obj):
        return ", ".join(language_name(code) for code in obj.missing_languages()) or "—"

    def get_search_fields(self, request):
        """Each translated field searched in every language (``name`` -> ``name_fr``...)."""
        fields = []
        for name in super().get_search_fields(request):
            fields.append(name)
            *path, last = name.lstrip("^=@").split("__")
            model = self.model
            try:
                for step in path:
                    model = model._meta.get_field(step).related_model
            except (FieldDoesNotExist, AttributeError):  # an unusual lookup: searched as written
                continue
            if last in getattr(model, "translated_fields", ()):
                fields += [f"{name}_{code}" for code in language_codes()]
        return fields
