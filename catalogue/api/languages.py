"""The API's content language: ``?lang=`` or ``Accept-Language`` chooses the language of the
translated fields (``name``, ``short_description``...; a missing translation falls back to the
entry's own language); every response also carries ``language`` (the entry's own) and
``translations`` (every language's text of every translated field)."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from catalogue.models.multilingual import language_codes, supported_language


def requested_language(request) -> str:
    """``?lang=`` (a 400 if unknown), else the first supported language of Accept-Language,
    else the default language."""
    raw = request.query_params.get("lang")
    if raw is not None:
        code = supported_language(raw.strip())
        if code is None:
            raise ValidationError(
                {"lang": [_("Choose one of: %(codes)s.") % {"codes": ", ".join(language_codes())}]}
            )
        return code
    for accepted, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        code = supported_language(accepted) if accepted != "*" else None
        if code:
            return code
    return settings.LANGUAGE_CODE


class ContentLanguageMixin:
    """Activates the requested content language for the whole request (the response's
    Content-Language says which one)."""

    def initial(self, request, *args, **kwargs):
        translation.activate(requested_language(request))
        super().initial(request, *args, **kwargs)


LANGUAGE_PARAMETERS = [
    OpenApiParameter(
        "lang",
        OpenApiTypes.STR,
        enum=language_codes(),
        description=(
            "Language of the translated fields (`name`, `short_description`, ...). A text "
            "missing in that language is given in the entry's own language (`language`). "
            "Overrides Accept-Language."
        ),
    ),
    OpenApiParameter(
        "Accept-Language",
        OpenApiTypes.STR,
        location=OpenApiParameter.HEADER,
        description="Used when `lang` is absent; default: " + settings.LANGUAGE_CODE + ".",
    ),
]


def translations_field(model, fields=None):
    """A read-only ``translations`` field: ``{field: {language: text}}`` for each of
    ``fields`` (default: every translated field of ``model``), only the languages present.
    Lists name only the fields they show, so they never load the long texts."""
    fields = tuple(fields or model.translated_fields)
    per_language = {
        "type": "object",
        "properties": {code: {"type": "string"} for code in language_codes()},
    }
    schema = {
        "type": "object",
        "description": (
            "Every language's text of each translated field, by language code "
            "(only the languages the entry has)."
        ),
        "properties": dict.fromkeys(fields, per_language),
    }

    @extend_schema_field(schema)
    class TranslationsField(serializers.Field):
        def __init__(self, **kwargs):
            super().__init__(source="*", read_only=True, **kwargs)

        def to_representation(self, value):
            return {field: value.variants(field) for field in fields}

    return TranslationsField()


def original_language_field():
    """The entry's own language (the one its texts were written in)."""
    return serializers.ChoiceField(
        choices=settings.LANGUAGES,
        source="original_language",
        read_only=True,
        help_text="The language the entry was written in: the fallback of its translated fields.",
    )
