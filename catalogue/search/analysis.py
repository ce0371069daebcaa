"""The text analyser shared by both search back ends (pure Python, no database).

Text and queries go through the same steps, so that the index and a query meet on the same
keys whatever the database:

1. fold: lower case, accents removed ("Sécurité" -> "securite");
2. split into words at anything that is not a letter or a digit ("l'archivage" -> "l",
   "archivage"); parts joined by "-", ".", "@" or "/" also give the joined word
   ("G-Cloud" -> "g", "cloud", "gcloud"), so both spellings find it;
3. each word's keys: the word itself and its Snowball stems in the text's language, or in
   French, Dutch and English when the language is unknown (a query's always is). These are
   the same Snowball algorithms PostgreSQL's text-search configurations use.

Words are matched whole ("eid" never matches "identifiant"); stemming makes "formulaires"
meet "formulaire" and "declarations" meet "déclaration". Bridging between languages
("authentication" / "authentification") is the thesaurus' work (thesaurus.py), typos the
vocabulary's (engine.py).
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

# Interface language code -> Snowball algorithm.
STEMMERS = {"fr": "french", "nl": "dutch", "en": "english"}
ALL_LANGUAGES = tuple(STEMMERS)

# Words shorter than this are not stemmed (stems of two-letter words are noise).
MIN_STEM_LENGTH = 4

_WORD = re.compile(r"[^\W_]+")
# A run of word parts joined by -, ., @, / or ' without spaces: "g-cloud", "node.js".
_COMPOUND = re.compile(r"[^\W_]+(?:[-.@/][^\W_]+)+")

# Words left out of queries (when the query has other words): articles, prepositions and
# conjunctions of the three languages, and the elided forms of French ("l'", "d'", "qu'").
STOP_WORDS = frozenset(
    """
    a an and are as at be by for from in into is it its of on or the to with without
    au aux avec c ce ces d dans de des du en est et l la le les leur m n ne par pas pour qu
    que qui s sa se ses son sur t un une
    aan als bij de den der des die dit door een en het in is met naar of om op over te tot
    uit van voor
    """.split()  # noqa: SIM905 (three languages' lists read better as text)
)


def fold(value) -> str | None:
    """Lower case without accents: what every comparison in search works on."""
    if value is None:
        return None
    decomposed = unicodedata.normalize("NFKD", str(value))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


SORT_NAME_LENGTH = 255


def sort_name(name) -> str:
    """The key names are listed by: case and accents ignored ("Déclaration" before "Dimona",
    "eBox" among the E's), stored beside the name so the order walks an index."""
    return (fold(name) or "").strip()[:SORT_NAME_LENGTH]


def text_length(text) -> int:
    """A text's length as completeness rules read it: trimmed, composed characters."""
    return len(unicodedata.normalize("NFC", (text or "").strip()))


def words(text: str) -> list[str]:
    """The folded words of ``text``, in order, each joined compound after its parts."""
    folded = fold(text or "")
    found = _WORD.findall(folded)
    for compound in _COMPOUND.findall(folded):
        found.append("".join(_WORD.findall(compound)))
    return found


@lru_cache(maxsize=8)
def _stemmer(language):
    return snowballstemmer.stemmer(STEMMERS[language])


@lru_cache(maxsize=200_000)
def _stem(word: str, language: str) -> str:
    return _stemmer(language).stemWord(word)


def keys(word: str, languages=ALL_LANGUAGES) -> set[str]:
    """The index keys of one folded word: itself and its stems in ``languages``."""
    return set(_sorted_keys(word, tuple(languages)))


@lru_cache(maxsize=200_000)
def _sorted_keys(word: str, languages: tuple[str, ...]) -> tuple[str, ...]:
    found = {word}
    if len(word) >= MIN_STEM_LENGTH and not word.isdigit():
        for language in languages:
            stem = _stem(word, language)
            if len(stem) >= 2:
                found.add(stem)
    return tuple(sorted(found))


def analyse(text: str, languages=ALL_LANGUAGES) -> list[str]:
    """Every key of every word of ``text`` (duplicates removed, first occurrence kept): the
    content of one field of the index."""
    languages = tuple(languages)
    seen = {}
    for word in words(text):
        for key in _sorted_keys(word, languages):
            seen.setdefault(key, None)
    return list(seen)


def query_words(query: str, limit: int) -> list[str]:
    """The words of a query, stop words left out unless nothing else is left, duplicates
    removed, at most ``limit``."""
    found = list(dict.fromkeys(_WORD.findall(fold(query or ""))))
    meaningful = [word for word in found if word not in STOP_WORDS]
    return (meaningful or found)[:limit]
