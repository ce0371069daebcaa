"""Accent- and case-insensitive search over the catalogue.

Users type "systeme flux" or "ARCHIVAGE"; entries say "Système Flux" and "archivage". Both
sides are folded (lower case, accents removed) before comparison. On PostgreSQL the folding is
``lower(unaccent(...))`` (the unaccent extension is created by a migration); on SQLite a Python
function of the same meaning is registered on every new connection.
"""

import unicodedata

from django.db.backends.signals import connection_created
from django.db.models import Case, Func, IntegerField, Q, TextField, Value, When

MAX_TERMS = 8


def fold(value):
    if value is None:
        return None
    decomposed = unicodedata.normalize("NFKD", str(value))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def _register_sqlite_fold(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function("reuse_fold", 1, fold, deterministic=True)


connection_created.connect(_register_sqlite_fold, dispatch_uid="catalogue.search.fold")


class Fold(Func):
    """Case- and accent-folded text of an expression."""

    function = "reuse_fold"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, template="lower(unaccent(%(expressions)s))", **extra_context
        )


def search_terms(query: str) -> list[str]:
    return [fold(term) for term in query.split()][:MAX_TERMS]


def search_components(queryset, query: str):
    """Components whose search text (name, descriptions, technologies, categories) contains
    every term of ``query``, annotated with a ``relevance`` score: a match in the name counts
    most, then the short description, then anywhere."""
    terms = search_terms(query)
    if not terms:
        return queryset.annotate(relevance=Value(0, output_field=IntegerField()))
    for term in terms:
        queryset = queryset.filter(search_text__contains=term)
    queryset = queryset.annotate(_fold_name=Fold("name"), _fold_short=Fold("short_description"))
    relevance = Value(0, output_field=IntegerField())
    for term in terms:
        relevance = (
            relevance
            + Case(
                When(Q(_fold_name__contains=term), then=Value(10)),
                default=Value(0),
                output_field=IntegerField(),
            )
            + Case(
                When(Q(_fold_short__contains=term), then=Value(4)),
                default=Value(0),
                output_field=IntegerField(),
            )
            + Value(1, output_field=IntegerField())
        )
    return queryset.annotate(relevance=relevance)


__all__ = ["Fold", "fold", "search_components", "search_terms"]
