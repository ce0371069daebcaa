"""Finding 10: backup and restore (manage.py backup_catalogue / restore_catalogue) round-trip
the demo catalogue exactly: rows and keys, stored search text, history (no record added),
timestamps to the microsecond, users, memberships and pending changes."""

import io
import json

import pytest
from django.core import serializers
from django.core.management import CommandError, call_command

from catalogue.backup import ExactEncoder, backed_up_models
from catalogue.models import Component, PendingChange
from catalogue.review import workflow
from tests.admin_forms import make_user


def fingerprint() -> dict:
    """Every backed-up row, with its many-to-many sets, exactly as stored (a many-to-many
    relation has no order: the database lists it in whatever order its index gives)."""
    rows = {
        model._meta.label: json.loads(
            serializers.serialize(
                "json",
                model._base_manager.order_by("pk"),
                cls=ExactEncoder,
                use_natural_foreign_keys=True,
            )
        )
        for model in backed_up_models()
    }
    for model_rows in rows.values():
        for row in model_rows:
            for name, value in row["fields"].items():
                if isinstance(value, list):
                    row["fields"][name] = sorted(value, key=json.dumps)
    return rows


# Transactional: --flush empties the database in its own transaction (PostgreSQL's TRUNCATE
# cannot run inside the test's transaction).
@pytest.mark.django_db(transaction=True)
def test_round_trip_of_the_demo_catalogue_is_exact(client, demo, tmp_path):
    from catalogue.models import Institution

    onss = Institution.objects.get(slug="onss")
    submitter = make_user("sub-onss", institutions=[onss])
    make_user("editor", editor=True)
    entry = Component.objects.published().filter(owner=onss).first()
    workflow.propose_change(
        entry,
        data={"short_description_fr": "Proposed."},
        base={"short_description_fr": entry.short_description_fr},
        base_version=entry.version,
        by=submitter,
    )
    entry.name = entry.name + " (edited)"
    entry.save()
    before = fingerprint()
    history = Component.history.count()
    found = client.get("/api/components/", {"q": "security"}).json()["count"]
    assert found > 0
    stamps = list(Component.objects.values_list("created", flat=True))
    assert any(stamp.microsecond % 1000 for stamp in stamps)  # finer than milliseconds

    path = tmp_path / "catalogue.jsonl.gz"
    call_command("backup_catalogue", str(path), stdout=io.StringIO())
    with pytest.raises(CommandError):  # not into a database holding data
        call_command("restore_catalogue", str(path), stdout=io.StringIO())
    call_command("restore_catalogue", str(path), "--flush", stdout=io.StringIO())

    assert fingerprint() == before
    assert Component.history.count() == history
    assert sorted(Component.objects.values_list("created", flat=True)) == sorted(stamps)
    assert client.get("/api/components/", {"q": "security"}).json()["count"] == found
    assert PendingChange.objects.get().data == {"short_description_fr": "Proposed."}
    assert client.get("/api/roi/2020/").json()["cost_avoided_eur"] > 13_000_000


def test_a_backup_of_other_migrations_is_refused(db, tmp_path):
    path = tmp_path / "old.jsonl"
    path.write_text(json.dumps({"format": "reuse-backup", "version": 1, "migrations": []}) + "\n")
    with pytest.raises(CommandError, match="migrations"):
        call_command("restore_catalogue", str(path), "--flush", stdout=io.StringIO())
