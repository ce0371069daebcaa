# The shared cache's table (when the cache is the database, the default) and the one row of the
# catalogue's public state. Written to still work after the migrations are renumbered: it
# depends only on the migration before it.

from django.core.management import call_command
from django.db import migrations
from django.utils import timezone


def create_cache_table(apps, schema_editor):
    # A no-op when the cache is Redis, or when the table exists.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def create_public_state(apps, schema_editor):
    CatalogueState = apps.get_model("catalogue", "CatalogueState")
    CatalogueState.objects.using(schema_editor.connection.alias).get_or_create(
        pk=1, defaults={"version": 0, "changed": timezone.now()}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0014_versions_public_state_and_pending_change_bases"),
    ]

    operations = [
        migrations.RunPython(create_cache_table, migrations.RunPython.noop),
        migrations.RunPython(create_public_state, migrations.RunPython.noop),
    ]
