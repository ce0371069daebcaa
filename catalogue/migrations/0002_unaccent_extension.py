# The search folds accents with unaccent() on PostgreSQL (catalogue/search.py). The operation
# does nothing on other databases.
from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]

    operations = [UnaccentExtension()]
