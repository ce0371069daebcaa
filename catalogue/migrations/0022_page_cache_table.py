# The page cache's table (settings.CACHES["pages"], when the cache is the database, the
# default). Written to still work after the migrations are renumbered: it depends only on the
# migration before it.

from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    # A no-op for Redis caches and for tables that exist.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0021_publiccode_facts_and_harvester"),
    ]

    operations = [
        migrations.RunPython(create_cache_tables, migrations.RunPython.noop),
    ]
