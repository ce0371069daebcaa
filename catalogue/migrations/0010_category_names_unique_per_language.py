from django.db import migrations, models


class Migration(migrations.Migration):
    """A category's name is unique in each language (missing names are NULL since the
    previous migration)."""

    dependencies = [
        ("catalogue", "0009_existing_texts_into_language_columns"),
    ]

    operations = [
        migrations.AlterField(
            model_name="category",
            name="name_fr",
            field=models.CharField(max_length=100, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AlterField(
            model_name="category",
            name="name_nl",
            field=models.CharField(max_length=100, null=True, unique=True, verbose_name="name"),
        ),
    ]
