"""Component search: one interface, two back ends (backends.py), the same analyser.

A query becomes a ``SearchPlan``: its words (stop words left out, at most MAX_TERMS), each with
the alternatives that also satisfy it:

- its stems in French, Dutch and English (analysis.py);
- the thesaurus' synonyms and narrower terms (thesaurus.yaml), across the three languages;
- when the word is in no published entry, the vocabulary's words within a small edit distance
  (1 edit from 4 letters, 2 from 8) that are also trigram-similar (pg_trgm's measure, >= 0.3),
  and the thesaurus' words likewise: "autentification" finds "authentification".

Every word must match (through one of its alternatives) somewhere in the entry; the back end
ranks by the field that matches (name, short description, long description, tags, owner) and
by how many terms match. "Did you mean" proposes, for an empty result, the query with each
unknown word replaced by the closest vocabulary word (looser distance). The vocabulary holds
published entries' words only, so neither a correction nor a suggestion reveals a draft.
"""

from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Value
from django.utils.html import escape
from django.utils.safestring import mark_safe
from rapidfuzz import process
from rapidfuzz.distance import OSA

from . import analysis
from .analysis import fold, keys, query_words
from .backends import for_queryset
from .thesaurus import thesaurus

MAX_TERMS = 8
# As-you-type search: the last word may be the start of up to this many vocabulary words.
MAX_COMPLETIONS = 30
TRIGRAM_THRESHOLD = 0.3  # pg_trgm's default similarity threshold


# ---- typo tolerance ------------------------------------------------------------------------


def trigrams(word: str) -> set[str]:
    """pg_trgm's trigrams of one word (padded with two spaces before, one after)."""
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def trigram_similarity(a: str, b: str) -> float:
    left, right = trigrams(a), trigrams(b)
    return len(left & right) / len(left | right) if left and right else 0.0


def max_edits(word: str) -> int:
    """Edits tolerated when correcting silently."""
    if len(word) < 4:
        return 0
    return 1 if len(word) < 8 else 2


def max_suggestion_edits(word: str) -> int:
    """Edits tolerated when proposing "did you mean"."""
    if len(word) < 3:
        return 0
    if len(word) < 5:
        return 1
    return 2 if len(word) < 10 else 3


def close_words(word, candidates, limit):
    """(distance, -documents, candidate) of the candidates within ``limit`` edits and
    trigram-similar to ``word``, best first."""
    if limit <= 0 or not candidates:
        return []
    documents = dict(candidates)
    # Edit distance first, in C over the whole pool; the trigram measure on the few left.
    near = process.extract(
        word, list(documents), scorer=OSA.distance, score_cutoff=limit, limit=None
    )
    found = [
        (distance, -documents[candidate], candidate)
        for candidate, distance, _ in near
        if candidate != word and trigram_similarity(word, candidate) >= TRIGRAM_THRESHOLD
    ]
    return sorted(found)


# ---- the plan ------------------------------------------------------------------------------


@dataclass
class Term:
    word: str
    alternatives: list[tuple[str, ...]]  # phrases; the first is the word itself
    known: bool  # the word itself occurs in a published entry
    reachable: bool = True  # it, or a thesaurus alternative, occurs in a published entry
    corrections: list[str] = field(default_factory=list)  # vocabulary words used for a typo
    candidates: list[tuple[str, int]] = field(default_factory=list)

    def clause(self):
        """Alternatives as lists of key sets, for the back ends."""
        return [[keys(word) for word in phrase] for phrase in self.alternatives]


@dataclass
class SearchPlan:
    query: str
    terms: list[Term]

    def __bool__(self):
        return bool(self.terms)

    @property
    def clauses(self):
        return [term.clause() for term in self.terms]

    @cached_property
    def keys(self) -> frozenset[str]:
        """Every key a match can be on: what highlighting marks."""
        return frozenset(
            key for term in self.terms for phrase in term.alternatives for w in phrase
            for key in keys(w)
        )  # fmt: skip

    @cached_property
    def suggestion(self) -> str | None:
        """The query with each unknown word replaced by its closest published word, if any
        word was replaced."""
        replaced = False
        words = []
        for term in self.terms:
            best = None
            if not term.known:
                close = close_words(term.word, term.candidates, max_suggestion_edits(term.word))
                best = close[0][2] if close else None
            words.append(best or term.word)
            replaced = replaced or best is not None
        return " ".join(words) if replaced else None


def plan_search(query: str, backend, *, complete_last: bool = False) -> SearchPlan:
    """The plan of ``query``: 1 query to the vocabulary, 1 more if a word is unknown.

    ``complete_last`` (a picker searching as the user types): the last word also matches the
    published words it starts ("keyc" finds Keycloak), 1 query more."""
    from catalogue.models.search import SearchTerm

    words = query_words(query, MAX_TERMS)
    if not words:
        return SearchPlan(query=query, terms=[])
    book = thesaurus()
    expansions = {word: book.expansions(word) for word in words}
    if complete_last:
        last = words[-1]
        completions = (
            SearchTerm.objects.filter(term__startswith=last, documents__gt=0)
            .exclude(term=last)
            .order_by("-documents", "term")
            .values_list("term", flat=True)[:MAX_COMPLETIONS]
        )
        expansions[last] = [*expansions[last], *((word,) for word in completions)]
    asked = set(words) | {w for found in expansions.values() for p in found for w in p}
    known = set(SearchTerm.objects.filter(term__in=asked).values_list("term", flat=True))
    terms = []
    for word in words:
        alternatives = [(word,), *expansions[word]]
        reachable = word in known or any(all(w in known for w in p) for p in expansions[word])
        terms.append(
            Term(word=word, alternatives=alternatives, known=word in known, reachable=reachable)
        )
    unknown = [term for term in terms if not term.reachable and len(term.word) >= 3]
    if unknown:
        pool = backend.candidates([term.word for term in unknown], spread=3)
        thesaurus_pool = [(word, 0) for word in book.words]
        for term in unknown:
            term.candidates = pool
            limit = max_edits(term.word)
            close = [c for _, _, c in close_words(term.word, pool, limit)]
            close += [c for _, _, c in close_words(term.word, thesaurus_pool, limit)]
            for correction in dict.fromkeys(close):
                term.corrections.append(correction)
                term.alternatives.append((correction,))
                term.alternatives.extend(book.expansions(correction))
            term.alternatives = list(dict.fromkeys(term.alternatives))
    return SearchPlan(query=query, terms=terms)


def search_components(queryset, query: str, plan: SearchPlan | None = None):
    """Published components matching every word of ``query``, annotated with ``relevance``
    (higher is better). A query without any word matches nothing."""
    backend = for_queryset(queryset)
    plan = plan if plan is not None else plan_search(query, backend)
    if not plan:
        return queryset.none().annotate(relevance=Value(0.0))
    return backend.search(queryset, plan.clauses)


def matching_components(queryset, query: str, plan: SearchPlan | None = None):
    """The components of ``queryset`` matching every word of ``query``, without relevance:
    what a count and the facet counts need (on SQLite, a filter on the index's row ids that
    reads no stored document; see ``SqliteBackend.matching``)."""
    backend = for_queryset(queryset)
    plan = plan if plan is not None else plan_search(query, backend)
    if not plan:
        return queryset.none()
    return backend.matching(queryset, plan.clauses)


def rank_components(queryset, plan: SearchPlan | None):
    """``queryset`` (already narrowed to the matches) annotated with ``relevance``."""
    if not plan:
        return queryset.annotate(relevance=Value(0.0))
    return for_queryset(queryset).search(queryset, plan.clauses)


# ---- highlighting --------------------------------------------------------------------------


def highlight(text, plan: SearchPlan | None):
    """``text`` escaped, with the words a search matched wrapped in <mark>."""
    text = "" if text is None else str(text)
    if not plan:
        return escape(text)
    wanted = plan.keys
    parts = []
    position = 0
    for match in analysis._WORD.finditer(text):
        word = fold(match.group())
        if not (keys(word) & wanted):
            continue
        parts.append(escape(text[position : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 (every piece of text above is escaped)


__all__ = [
    "SearchPlan",
    "fold",
    "highlight",
    "matching_components",
    "plan_search",
    "rank_components",
    "search_components",
]
