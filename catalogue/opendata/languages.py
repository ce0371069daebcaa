"""The languages an entry's text is written in, for exports that label text by language.

Translated fields have one column per language (`name_en`, `name_fr`, `name_nl`) once the
translations are in place; before that, a field holds the text in the entry's own language
(`language`, French for the demo content of the report). Both are read defensively, so the
exports work with and without the translation columns.
"""

from __future__ import annotations

from django.conf import settings

DEFAULT_CONTENT_LANGUAGE = "fr"  # the language of the demo content (the report is in French)


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def entry_language(obj) -> str:
    """The language the entry was written in (its own `language`, else the default)."""
    language = getattr(obj, "language", "") or ""
    return language if language in language_codes() else DEFAULT_CONTENT_LANGUAGE


def language_variants(obj, field: str) -> dict[str, str]:
    """{language: text} for every language variant of ``field`` that has text, the entry's
    own language first. Without translation columns, the field's text in the entry's language.
    """
    own = entry_language(obj)
    variants = {}
    for code in [own, *[c for c in language_codes() if c != own]]:
        value = getattr(obj, f"{field}_{code}", None)
        if isinstance(value, str) and value.strip():
            variants[code] = value
    if not variants:
        value = getattr(obj, field, None)
        if isinstance(value, str) and value.strip():
            variants[own] = value
    return variants
