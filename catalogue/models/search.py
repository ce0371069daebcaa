"""The search index: one analysed document per published component, and its vocabulary.

Written only by catalogue.search.index (kept in step by catalogue.signals). Each back end
indexes the documents its own way, set up by migration 0007:

- SQLite: an FTS5 table over the documents (external content, kept in step by triggers),
  read through ``SqliteSearchRow``;
- PostgreSQL: a generated, weighted ``tsvector`` column on the documents with a GIN index,
  read through ``PostgresSearchRow``; a trigram (pg_trgm) GIN index on the vocabulary.

The two row models are unmanaged views of those structures, so that searches are ordinary
joins Django writes and aliases itself (also inside the facet counts' subqueries).
"""

from django.db import models
from django.db.models import Lookup

SQLITE_FTS_TABLE = "catalogue_search_fts"


class SearchDocument(models.Model):
    """The analysed text (index keys, see search/analysis.py) of one published component,
    field by field, and the distinct words it contains."""

    component = models.OneToOneField(
        "catalogue.Component",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
    )
    name = models.TextField(blank=True, default="")
    short = models.TextField(blank=True, default="")
    long = models.TextField(blank=True, default="")
    tags = models.TextField(blank=True, default="")  # technologies and categories
    owner = models.TextField(blank=True, default="")
    words = models.TextField(blank=True, default="")  # for the vocabulary's counts

    class Meta:
        verbose_name = "search document"

    def __str__(self):
        return f"search document of component {self.pk}"


class SearchTerm(models.Model):
    """A word of the published catalogue and the number of documents containing it: where
    typo tolerance and "did you mean" look for corrections."""

    term = models.CharField(max_length=64, primary_key=True)
    documents = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "search term"

    def __str__(self):
        return self.term


class FtsTableColumn(models.TextField):
    """The hidden column of an FTS5 table that carries its name: ``table MATCH 'query'``."""


@FtsTableColumn.register_lookup
class FtsMatch(Lookup):
    lookup_name = "fts_match"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", [*lhs_params, *rhs_params]


class SqliteSearchRow(models.Model):
    """A row of the SQLite FTS5 index (its component_id column is the component's id; see
    migration 0007 for why the join does not use the rowid)."""

    component = models.OneToOneField(
        "catalogue.Component",
        on_delete=models.DO_NOTHING,
        primary_key=True,
        db_column="component_id",
        related_name="sqlite_search",
        db_constraint=False,
    )
    match = FtsTableColumn(db_column=SQLITE_FTS_TABLE)
    # bm25 with the field weights configured by the migration (lower is better).
    rank = models.FloatField()

    class Meta:
        managed = False
        db_table = SQLITE_FTS_TABLE

    def __str__(self):
        return f"FTS5 row of component {self.pk}"


class TsVectorField(models.Field):
    def db_type(self, connection):
        return "tsvector"


@TsVectorField.register_lookup
class TsMatch(Lookup):
    lookup_name = "ts_match"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} @@ to_tsquery('simple', {rhs})", [*lhs_params, *rhs_params]


class PostgresSearchRow(models.Model):
    """The weighted tsvector of a search document (PostgreSQL only)."""

    component = models.OneToOneField(
        "catalogue.Component",
        on_delete=models.DO_NOTHING,
        primary_key=True,
        related_name="postgres_search",
        db_constraint=False,
    )
    vector = TsVectorField()

    class Meta:
        managed = False
        db_table = "catalogue_searchdocument"

    def __str__(self):
        return f"search vector of component {self.pk}"
