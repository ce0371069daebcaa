"""The demo catalogue for tests, loaded through the real loader once per session.

``catalogue.demo.load_demo`` validates every entry and records its history: about two seconds
each time. Tests that need the catalogue get the same rows, so the session loads it once (in a
transaction that is rolled back), keeps the rows it inserted, and each test that asks for the
demo inserts those rows again in its own transaction (or, for a live-server test, in the
database that is flushed after it). Every test still starts from an empty catalogue and sees
exactly what ``load_demo`` writes.

When the catalogue tables already hold rows (a test made entries before asking for the demo),
the rows could collide with the snapshot's keys or be updated by the loader's upserts: the real
loader runs instead.
"""

import copy

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction

_snapshot = None


def _tables():
    """(model, table, pk column, columns) of every concrete table, m2m and history included."""
    seen = set()
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.db_table in seen:
            continue
        seen.add(meta.db_table)
        columns = [field.column for field in meta.concrete_fields]
        yield model, meta.db_table, meta.pk.column, columns


def _quote(name):
    return connection.ops.quote_name(name)


def _primary_keys(cursor, table, pk):
    cursor.execute(f"SELECT {_quote(pk)} FROM {_quote(table)}")  # noqa: S608 (our identifiers)
    return {row[0] for row in cursor.fetchall()}


def _capture():
    from catalogue.demo import load_demo

    tables = list(_tables())
    rows = []
    with transaction.atomic(), connection.cursor() as cursor:
        before = {table: _primary_keys(cursor, table, pk) for _, table, pk, _ in tables}
        summary = load_demo()
        for model, table, pk, columns in tables:
            listed = ", ".join(_quote(column) for column in columns)
            cursor.execute(f"SELECT {listed} FROM {_quote(table)}")  # noqa: S608
            index = columns.index(pk)
            new = [row for row in cursor.fetchall() if row[index] not in before[table]]
            if new:
                rows.append((model, table, columns, new))
        transaction.set_rollback(True)
    return summary, rows


def _is_empty(cursor, table):
    cursor.execute(f"SELECT 1 FROM {_quote(table)} LIMIT 1")  # noqa: S608
    return cursor.fetchone() is None


def capture():
    """Load the demo once, in a transaction rolled back, and keep the rows it wrote."""
    global _snapshot
    if _snapshot is None:
        _snapshot = _capture()


def restore():
    """Write the demo catalogue into the current database; returns load_demo's summary."""
    from catalogue.demo import load_demo

    capture()
    summary, rows = _snapshot
    with transaction.atomic(), connection.cursor() as cursor:
        if not all(_is_empty(cursor, table) for _, table, _, _ in rows):
            return load_demo()
        for _, table, columns, values in rows:
            listed = ", ".join(_quote(column) for column in columns)
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(
                f"INSERT INTO {_quote(table)} ({listed}) VALUES ({marks})",  # noqa: S608
                values,
            )
        # PostgreSQL's sequences do not follow explicit keys: move them past the inserted rows.
        for statement in connection.ops.sequence_reset_sql(no_style(), [m for m, *_ in rows]):
            cursor.execute(statement)
    return copy.copy(summary)
