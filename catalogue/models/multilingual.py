"""Content in several languages: which text a visitor sees, and in which language it is.

django-modeltranslation stores each translated field in one column per language
(``name_en``, ``name_fr``, ``name_nl``; registered in ``catalogue/translation.py``). This module
adds the catalogue's rules on top of it:

- an entry is written in one language (its ``language``), its fallback;
- a visitor sees the text in their language when it exists, else in the entry's own language,
  else in any language (``resolution_order``);
- the untranslated column (``name``) keeps the text in the entry's own language, so queries,
  ordering and search on ``name`` read the same text whatever the visitor's language
  (modeltranslation's rewriting of such lookups to the active language is switched off);
- ``localized()`` returns the text with its language, so pages can mark a fallback with
  ``lang`` and a notice (see ``catalogue/templatetags/multilingual.py``); ``variants()`` returns
  every language's text, for the API, feeds and exports.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modeltranslation.manager import MultilingualQuerySet

# Every translated attribute read resolves languages (a year of 10,000 projects reads 100,000
# names): the codes are worked out once per LANGUAGES setting (tests may override it).
_codes_of: tuple = (None, ())


def _codes() -> tuple[str, ...]:
    global _codes_of
    languages = settings.LANGUAGES
    if _codes_of[0] is not languages:
        _codes_of = (languages, tuple(code for code, _name in languages))
    return _codes_of[1]


def language_codes() -> list[str]:
    return list(_codes())


def supported_language(code: str | None) -> str | None:
    """``code`` (or its base language, "fr" for "fr-be") if the catalogue has it, else None."""
    if not code:
        return None
    codes = _codes()
    if code in codes:
        return code
    code = code.lower()
    if code in codes:
        return code
    base = code.split("-")[0]
    return base if base in codes else None


def active_language() -> str:
    return supported_language(translation.get_language()) or settings.LANGUAGE_CODE


def resolution_order(requested: str | None, original: str | None) -> list[str]:
    """The visitor's language, then the entry's own, then the others in LANGUAGES order."""
    order = []
    for code in (supported_language(requested), supported_language(original), *_codes()):
        if code and code not in order:
            order.append(code)
    return order


def language_name(code: str) -> str:
    """The language's name in the active interface language ("French", "Frans", ...)."""
    return str(dict(settings.LANGUAGES).get(code, code))


class LocalizedText(str):
    """A text with the language it is written in. ``is_fallback`` when that language is not
    the one asked for: pages then mark it with ``lang`` and say so."""

    def __new__(cls, text: str = "", language: str = "", requested: str = ""):
        obj = super().__new__(cls, text or "")
        obj.language = language or requested
        obj.requested = requested or language
        return obj

    def __reduce__(self):
        return (LocalizedText, (str(self), self.language, self.requested))

    @property
    def is_fallback(self) -> bool:
        return bool(self) and self.language != self.requested


def content_language_default() -> str:
    """New entries are written in the language their author works in (the active one)."""
    return active_language()


def language_field():
    """The ``language`` field of an entry: the language it was written in."""
    return models.CharField(
        _("original language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=content_language_default,
        help_text=_(
            "The language this entry was written in. Visitors see it when the text is not "
            "available in their language."
        ),
    )


def _has_text(value) -> bool:
    return value is not None and str(value).strip() != ""


class MultilingualEntry:
    """Reading and checking translated fields (a mixin for models registered with
    modeltranslation). ``translated_fields`` lists the model's translated fields,
    ``required_translated_fields`` those that must be filled in the entry's own language."""

    translated_fields: tuple[str, ...] = ()
    required_translated_fields: tuple[str, ...] = ()

    @property
    def original_language(self) -> str:
        return supported_language(getattr(self, "language", None)) or settings.LANGUAGE_CODE

    def text_in(self, field: str, language: str) -> str:
        """The field's text in exactly that language ("" when missing)."""
        value = getattr(self, f"{field}_{language}", None)
        return value if _has_text(value) else ""

    def localized(self, field: str, language: str | None = None) -> LocalizedText:
        """The field's text for a visitor of ``language`` (default: the active one), with the
        language it is actually in."""
        requested = supported_language(language) or active_language()
        for code in resolution_order(requested, self.original_language):
            text = self.text_in(field, code)
            if text:
                return LocalizedText(text, code, requested)
        return LocalizedText("", requested, requested)

    def original(self, field: str) -> LocalizedText:
        """The field's text in the entry's own language (or its nearest fallback)."""
        return self.localized(field, self.original_language)

    def variants(self, field: str) -> dict[str, str]:
        """Every language's text of the field, by language code, only those present."""
        texts = {code: self.text_in(field, code) for code in language_codes()}
        return {code: text for code, text in texts.items() if text}

    def translations(self) -> dict[str, dict[str, str]]:
        """Every translated field's ``variants()``."""
        return {field: self.variants(field) for field in self.translated_fields}

    def missing_languages(self) -> list[str]:
        """The languages in which a text the entry has in its own language is missing."""
        written = [f for f in self.translated_fields if self.text_in(f, self.original_language)]
        return [
            code
            for code in language_codes()
            if code != self.original_language
            and any(not self.text_in(field, code) for field in written)
        ]

    def clean_translations(self):
        """The required texts must exist in the entry's own language."""
        errors = {}
        language = self.original_language
        for field in self.required_translated_fields:
            if not self.text_in(field, language):
                errors[f"{field}_{language}"] = _(
                    "Fill this in %(language)s, the language of the entry (or change its "
                    "original language)."
                ) % {"language": language_name(language)}
        if errors:
            raise ValidationError(errors)

    def save_in_original_language(self, save, *args, **kwargs):
        # While saving, the untranslated column reads through modeltranslation's descriptor:
        # with the entry's language active it holds the entry's own text.
        with translation.override(self.original_language):
            return save(*args, **kwargs)


def missing_translation_q(model, language: str) -> models.Q:
    """Entries lacking, in ``language``, a text they have in their own language (database
    form of ``MultilingualEntry.missing_languages``)."""

    def empty(field, code):
        return models.Q(**{f"{field}_{code}__isnull": True}) | models.Q(**{f"{field}_{code}": ""})

    has_language = any(f.name == "language" for f in model._meta.fields)
    originals = language_codes() if has_language else [settings.LANGUAGE_CODE]
    condition = models.Q(pk__in=[])
    for original in originals:
        if original == language:
            continue
        lacking = models.Q(pk__in=[])
        for field in model.translated_fields:
            lacking |= ~empty(field, original) & empty(field, language)
        condition |= (models.Q(language=original) if has_language else models.Q()) & lacking
    return condition


class OriginalLanguageQuerySet(MultilingualQuerySet):
    """A QuerySet of a translated model whose lookups on a translated field's own name
    (``name``, ``short_description``...) read the untranslated column, the entry's own text,
    as they did before translations existed. Read a language's text with ``name_fr``."""

    def _post_init(self):
        self._rewrite = False
        self._populate = None

    def _rewrite_applied_operations(self):
        if self._rewrite:
            super()._rewrite_applied_operations()
