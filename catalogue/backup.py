"""Backup and restore of the whole catalogue, exact and independent of the database engine.

``manage.py backup_catalogue FILE`` writes every row (entries, relations, reuse measurement,
history, pending changes, users, groups, memberships, the admin log) as JSON Lines, with
timestamps to the microsecond; ``manage.py restore_catalogue FILE`` loads it into a migrated,
empty database (``--flush`` empties it first). The round trip is exact: primary keys, history
and timestamps come back as they were. Rows are written raw, relations inserted directly, so no
signal adds history or sends mail.

Left out, because the application rebuilds them: content types and permissions (``migrate``
creates them; rows refer to them by natural key), sessions, login-failure records, the shared
cache, the search index (derived from the entries: rebuilt once the rows are in) and the
catalogue's public state (moved on after a restore, so clients revalidate).
"""

from __future__ import annotations

import datetime
import gzip
import io
import json
from pathlib import Path

from django.apps import apps
from django.contrib.auth.models import Group
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.base import deserialize_fk_value
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder

FORMAT = "reuse-backup"
FORMAT_VERSION = 1
EXCLUDED_APPS = {"contenttypes", "sessions", "axes"}
EXCLUDED_MODELS = {
    "auth.permission",
    "catalogue.cataloguestate",
    "catalogue.searchdocument",
    "catalogue.searchterm",
}


class BackupError(Exception):
    pass


class ExactEncoder(DjangoJSONEncoder):
    """Django's encoder cuts datetimes to milliseconds; a backup keeps microseconds."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def backed_up_models() -> list[type[models.Model]]:
    app_list = [
        (config, None)
        for config in apps.get_app_configs()
        if config.label not in EXCLUDED_APPS and config.models_module is not None
    ]
    return [
        model
        for model in serializers.sort_dependencies(app_list, allow_cycles=True)
        if model._meta.label_lower not in EXCLUDED_MODELS
        and not model._meta.proxy
        and model._meta.managed
    ]


def _open(path: Path, mode: str):
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, mode + "b"), encoding="utf-8")
    return path.open(mode, encoding="utf-8")


def _migrations(using: str) -> list[str]:
    recorder = MigrationRecorder(connections[using])
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def backup(path: Path, *, using: str = DEFAULT_DB_ALIAS) -> int:
    """Write the catalogue to ``path`` (gzip-compressed when it ends in .gz); returns the
    number of rows."""
    count = 0
    with transaction.atomic(using=using), _open(path, "w") as stream:
        # One transaction: a consistent snapshot while people keep editing.
        header = {"format": FORMAT, "version": FORMAT_VERSION, "migrations": _migrations(using)}
        stream.write(json.dumps(header) + "\n")
        for model in backed_up_models():
            rows = model._base_manager.using(using).order_by(model._meta.pk.name)
            serializers.serialize(
                "jsonl",
                rows.iterator(chunk_size=500),
                stream=stream,
                cls=ExactEncoder,
                use_natural_foreign_keys=True,
            )
            count += rows.count()
    return count


def _is_empty(using: str) -> bool:
    from django.contrib.auth import get_user_model

    from catalogue.models import Component, Institution

    return not any(
        model._base_manager.using(using).exists()
        for model in (Institution, Component, get_user_model())
    )


def _insert_relations(obj, m2m_data: dict, using: str) -> None:
    """Many-to-many rows inserted as they were stored (no m2m_changed signal: no history
    record, no search-text refresh)."""
    for name, values in m2m_data.items():
        field = obj._meta.get_field(name)
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        rows = through._base_manager.using(using)
        rows.filter(**{source: obj.pk}).delete()
        rows.bulk_create(
            [through(**{f"{source}_id": obj.pk, f"{target}_id": value}) for value in values]
        )


def restore(path: Path, *, using: str = DEFAULT_DB_ALIAS) -> int:
    """Load a backup into an empty, migrated database; returns the number of rows."""
    from catalogue.models import CatalogueState
    from catalogue.search import index

    with _open(path, "r") as stream:
        header = json.loads(stream.readline() or "{}")
        if header.get("format") != FORMAT or header.get("version") != FORMAT_VERSION:
            raise BackupError(f"{path}: not a {FORMAT} file of version {FORMAT_VERSION}")
        if header.get("migrations") != _migrations(using):
            raise BackupError(
                f"{path} was made with other migrations applied than this database's: restore "
                "it with the code version that made it (then migrate)"
            )
        if not _is_empty(using):
            raise BackupError("the database holds data: restore into an empty one (or --flush)")
        count = 0
        connection = connections[using]
        with transaction.atomic(using=using), connection.constraint_checks_disabled():
            # The role groups migrate created come back from the backup, with their own keys.
            Group.objects.using(using).all().delete()
            deferred = []
            loaded_models = set()
            for item in serializers.deserialize(
                "jsonl", stream, using=using, handle_forward_references=True
            ):
                models.Model.save_base(item.object, using=using, raw=True)
                _insert_relations(item.object, item.m2m_data or {}, using)
                loaded_models.add(type(item.object))
                if item.deferred_fields:
                    deferred.append(item)
                count += 1
            for item in deferred:
                m2m = {}
                for field, value in item.deferred_fields.items():
                    if field.many_to_many:
                        m2m[field.name] = [
                            field.remote_field.model._default_manager.db_manager(using)
                            .get_by_natural_key(*key)
                            .pk
                            for key in value
                        ]
                    else:
                        setattr(
                            item.object,
                            field.attname,
                            deserialize_fk_value(field, value, using, False),
                        )
                models.Model.save_base(item.object, using=using, raw=True)
                _insert_relations(item.object, m2m, using)
            table_names = [model._meta.db_table for model in loaded_models]
            connection.check_constraints(table_names=table_names)
            for sql in connection.ops.sequence_reset_sql(no_style(), list(loaded_models)):
                with connection.cursor() as cursor:
                    cursor.execute(sql)
    index.rebuild()  # the search index of the default database, the one restored in practice
    CatalogueState.bump()
    return count
