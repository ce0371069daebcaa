"""The languages an entry's text is written in, for exports that label text by language."""

from __future__ import annotations


def language_variants(obj, field: str) -> dict[str, str]:
    """{language: text} for every language the field has text in, the entry's own language
    first (catalogue.models.multilingual). An object whose field is not translated (a
    technology) has none."""
    if not hasattr(obj, "variants"):
        return {}
    own = obj.original_language
    return dict(sorted(obj.variants(field).items(), key=lambda item: item[0] != own))
