"""Move the existing texts into the per-language columns added by the previous migration.

Until now every text was French (the report's language), except categories, named in English
with their French and Dutch names in ``name_fr`` and ``name_nl`` (kept where they are). The
untranslated columns keep their values: they hold each entry's text in its own language.
Historical versions are moved too, so restoring one keeps its texts.
"""

from django.db import migrations
from django.db.models import F

# model -> (translated fields, original language of the existing rows)
EXISTING = {
    "institution": (("name", "acronym", "description"), "fr"),
    "component": (("name", "short_description", "long_description"), "fr"),
    "project": (("name", "summary"), "fr"),
    "casestudy": (("title", "summary", "body", "benefits"), "fr"),
    "category": (("name", "description"), "en"),
}


def _models(apps, name):
    yield apps.get_model("catalogue", name)
    if name != "category":
        yield apps.get_model("catalogue", f"historical{name}")


def texts_into_language_columns(apps, schema_editor):
    for name, (fields, language) in EXISTING.items():
        for model in _models(apps, name):
            rows = model.objects.all()
            rows.update(**{f"{field}_{language}": F(field) for field in fields})
            for field in fields:
                # A missing text is NULL in the language columns, never "".
                rows.filter(**{f"{field}_{language}": ""}).update(**{f"{field}_{language}": None})
            if name != "category":
                rows.update(language=language)
    category = apps.get_model("catalogue", "category")
    for code in ("fr", "nl"):
        category.objects.filter(**{f"name_{code}": ""}).update(**{f"name_{code}": None})


def language_columns_into_texts(apps, schema_editor):
    # Backwards: the untranslated columns still hold the texts; only the categories' French and
    # Dutch names go back to "" for missing, as their plain columns had it.
    category = apps.get_model("catalogue", "category")
    for code in ("fr", "nl"):
        category.objects.filter(**{f"name_{code}__isnull": True}).update(**{f"name_{code}": ""})


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0008_content_in_three_languages"),
    ]

    operations = [
        migrations.RunPython(texts_into_language_columns, language_columns_into_texts),
    ]
