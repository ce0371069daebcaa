"""Accent- and case-insensitive search over the catalogue.

Users type "systeme flux" or "ARCHIVAGE"; entries say "Système Flux" and "archivage". Both
sides are folded (lower case, accents removed) before comparison. On PostgreSQL the folding is
``lower(unaccent(...))`` (the unaccent extension is created by a migration); on SQLite a Python
function of the same meaning is registered on every new connection.
"""

import unicodedata

from django.db.backends.signals import connection_created
from django.db.models import Case, Exists, Func, IntegerField, OuterRef, Q, TextField, Value, When

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
    """Components matching every term of ``query`` in name, descriptions, technologies or
    categories, annotated with a ``relevance`` score (name > short description > tags > text)."""
    from catalogue.models import Category, Technology

    terms = search_terms(query)
    if not terms:
        return queryset.annotate(relevance=Value(0, output_field=IntegerField()))
    queryset = queryset.annotate(
        _fold_name=Fold("name"),
        _fold_short=Fold("short_description"),
        _fold_long=Fold("long_description"),
    )
    relevance = Value(0, output_field=IntegerField())
    for term in terms:
        in_tags = Exists(
            Technology.objects.filter(components=OuterRef("pk"))
            .annotate(folded=Fold("name"))
            .filter(folded__contains=term)
        ) | Exists(
            Category.objects.filter(components=OuterRef("pk"))
            .annotate(folded=Fold("name"))
            .filter(folded__contains=term)
        )
        in_name = Q(_fold_name__contains=term)
        in_short = Q(_fold_short__contains=term)
        in_long = Q(_fold_long__contains=term)
        queryset = queryset.filter(in_name | in_short | in_long | in_tags)
        relevance = (
            relevance
            + Case(When(in_name, then=Value(10)), default=Value(0), output_field=IntegerField())
            + Case(When(in_short, then=Value(4)), default=Value(0), output_field=IntegerField())
            + Case(When(in_tags, then=Value(3)), default=Value(0), output_field=IntegerField())
            + Case(When(in_long, then=Value(1)), default=Value(0), output_field=IntegerField())
        )
    return queryset.annotate(relevance=relevance)


__all__ = ["Fold", "fold", "search_components", "search_terms"]
