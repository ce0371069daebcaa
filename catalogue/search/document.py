"""What the index holds for one component: every language variant of every field it searches.

Fields, in the order they weigh in ranking: name, short description, long description, tags
(technologies, categories), owner. Every language variant is indexed at once, so a search in
any interface language finds an entry written in another. Variants are read defensively
(``<field>_<code>`` for each language of settings.LANGUAGES, as django-modeltranslation names
them, plus the field itself), so this works with and without translated columns.
"""

from dataclasses import dataclass

from django.conf import settings

from .analysis import ALL_LANGUAGES, analyse, words

MAX_WORD_LENGTH = 64  # longer "words" (hashes, URLs) are indexed but not in the vocabulary


def variants(obj, field: str) -> list[tuple[str, tuple[str, ...]]]:
    """(text, languages to stem it in) for each distinct non-empty variant of ``field``.

    Every text is stemmed in every language: a French description holds English technical
    words, and a word then yields the same keys wherever it stands, so the field it stands in,
    not which language's stem it happens to share with the query, decides its rank."""
    found: dict[str, tuple[str, ...]] = {}
    for code, _name in settings.LANGUAGES:
        text = getattr(obj, f"{field}_{code}", None)
        if text and isinstance(text, str):
            found.setdefault(text, ALL_LANGUAGES)
    base = getattr(obj, field, None)
    if base and isinstance(base, str) and base not in found:
        found[base] = ALL_LANGUAGES
    return list(found.items())


@dataclass
class Document:
    name: str
    short: str
    long: str
    tags: str
    owner: str
    words: set[str]

    FIELDS = ("name", "short", "long", "tags", "owner")

    def as_fields(self) -> dict[str, str]:
        fields = {name: getattr(self, name) for name in self.FIELDS}
        fields["words"] = " ".join(sorted(self.words))
        return fields


def _field(texts: list[tuple[str, tuple[str, ...]]], seen_words: set[str]) -> str:
    keys: dict[str, None] = {}
    for text, languages in texts:
        seen_words.update(word for word in words(text) if len(word) <= MAX_WORD_LENGTH)
        for key in analyse(text, languages):
            keys.setdefault(key, None)
    return " ".join(keys)


def build_document(component, technologies=None, categories=None) -> Document:
    """The document of ``component``; its tags are read from ``technologies`` and
    ``categories`` when given (prefetched lists), else from the database."""
    technologies = component.technologies.all() if technologies is None else technologies
    categories = component.categories.all() if categories is None else categories
    seen: set[str] = set()
    tags = [pair for tech in technologies for pair in variants(tech, "name")]
    tags += [pair for category in categories for pair in variants(category, "name")]
    owner = component.owner
    owner_texts = variants(owner, "name") + variants(owner, "acronym") if owner else []
    return Document(
        name=_field(variants(component, "name"), seen),
        short=_field(variants(component, "short_description"), seen),
        long=_field(variants(component, "long_description"), seen),
        tags=_field(tags, seen),
        owner=_field(owner_texts, seen),
        words=seen,
    )
