"""The two search back ends: the same plan (engine.SearchPlan), run on each database's index.

A back end turns a plan into a filter and a relevance score on a Component queryset, and finds
vocabulary words close to a misspelt one. Chosen by the database's vendor (``for_vendor``).
"""

from django.db import connections
from django.db.models import F, FloatField, Func, Q, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length

from catalogue.models.search import SQLITE_FTS_TABLE, SearchTerm


def fts5_expression(clauses) -> str:
    """FTS5 query: terms AND-ed; a term's alternatives OR-ed; an alternative's words AND-ed;
    a word's keys OR-ed. Every key is quoted (a key is never an operator)."""

    def word(keys):
        return "(" + " OR ".join(f'"{key}"' for key in sorted(keys)) + ")"

    def term(alternatives):
        return "(" + " OR ".join(" AND ".join(map(word, alt)) for alt in alternatives) + ")"

    return " AND ".join(term(alternatives) for alternatives in clauses)


def tsquery_expression(clauses, joiner=" & ") -> str:
    """The same query in PostgreSQL's to_tsquery syntax (terms joined by ``joiner``)."""

    def word(keys):
        return "(" + " | ".join(f"'{key}'" for key in sorted(keys)) + ")"

    def term(alternatives):
        return "(" + " | ".join(" & ".join(map(word, alt)) for alt in alternatives) + ")"

    return joiner.join(term(alternatives) for alternatives in clauses)


class SqliteBackend:
    """FTS5 over the search documents; relevance is bm25 with the field weights set by the
    migration (name 10, short description 5, long description 2, tags 1.5, owner 1)."""

    vendor = "sqlite"

    def search(self, queryset, clauses):
        return queryset.filter(sqlite_search__match__fts_match=fts5_expression(clauses)).annotate(
            relevance=-F("sqlite_search__rank")
        )

    def matching(self, queryset, clauses):
        # The index's row id is the component's id: reading it costs nothing, where the join
        # of ``search`` (on component_id, for its plan: see migration 0013) reads each match's
        # stored document (300 ms for 65,000 matches at 100,000 components; this: 35 ms).
        # The table's name is a constant; the query is a parameter.
        rowids = RawSQL(  # noqa: S611
            f"SELECT rowid FROM {SQLITE_FTS_TABLE} WHERE {SQLITE_FTS_TABLE} MATCH %s",  # noqa: S608
            [fts5_expression(clauses)],
        )
        return queryset.filter(pk__in=rowids)

    def candidates(self, words, spread):
        """Vocabulary words that begin with a word's first or second letter (a typo rarely
        changes both) and whose length is within ``spread`` of the word's: ranges of the
        vocabulary's key, so a large vocabulary is never read whole. The caller keeps the
        close ones (edit distance, trigram similarity)."""
        if not words:
            return []
        ranges = Q()
        for word in words:
            for letter in set(word[:2]):
                ranges |= Q(term__gte=letter, term__lt=chr(ord(letter) + 1))
        shortest = min(map(len, words)) - spread
        longest = max(map(len, words)) + spread
        return list(
            SearchTerm.objects.filter(ranges)
            .annotate(length=Length("term"))
            .filter(length__range=(shortest, longest))
            .values_list("term", "documents")
        )


class ToTsQuery(Func):
    template = "to_tsquery('simple', %(expressions)s)"


class TsRank(Func):
    # Weights of D (tags, owner), C (long description), B (short description), A (name).
    template = "ts_rank('{0.1, 0.2, 0.5, 1.0}'::float4[], %(expressions)s)"
    output_field = FloatField()


class PostgresBackend:
    """A weighted tsvector (generated column, GIN index) over the search documents;
    relevance is ts_rank with weights name > short description > long description > tags
    and owner. Typos: pg_trgm similarity on the vocabulary (GIN trigram index)."""

    vendor = "postgresql"
    CANDIDATES_PER_WORD = 30

    def matching(self, queryset, clauses):
        return queryset.filter(postgres_search__vector__ts_match=tsquery_expression(clauses))

    def search(self, queryset, clauses):
        # Ranked against the terms OR-ed: ts_rank then adds up the weight of every matching
        # term (for an AND query it would rank by the terms' proximity instead).
        every_term = tsquery_expression(clauses)
        any_term = tsquery_expression(clauses, joiner=" | ")
        return queryset.filter(postgres_search__vector__ts_match=every_term).annotate(
            relevance=TsRank(F("postgres_search__vector"), ToTsQuery(Value(any_term)))
        )

    def candidates(self, words, spread):
        if not words:
            return []
        sql = (
            "SELECT DISTINCT t.term, t.documents FROM unnest(%s::text[]) AS q(word) "
            "CROSS JOIN LATERAL (SELECT term, documents FROM catalogue_searchterm "
            "WHERE term %% q.word ORDER BY similarity(term, q.word) DESC LIMIT %s) AS t"
        )
        with connections[SearchTerm.objects.db].cursor() as cursor:
            cursor.execute(sql, [list(words), self.CANDIDATES_PER_WORD])
            return list(cursor.fetchall())


BACKENDS = {backend.vendor: backend for backend in (SqliteBackend(), PostgresBackend())}


def for_vendor(vendor: str):
    try:
        return BACKENDS[vendor]
    except KeyError:
        raise NotImplementedError(f"No search back end for {vendor}") from None


def for_queryset(queryset):
    return for_vendor(connections[queryset.db].vendor)
