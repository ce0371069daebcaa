"""Which fields are translated (django-modeltranslation finds this module by its name).

Each field below gets one column per language (``name_en``, ``name_fr``, ``name_nl``); the rules
for reading them are in ``catalogue/models/multilingual.py``.

History (django-simple-history) is registered here, after the translations, rather than on the
model classes: a historical model copies its model's fields when it is created, and it must see
the translation columns, or restoring an old version would erase the translations.
"""

from modeltranslation.fields import TranslationField, TranslationFieldDescriptor
from modeltranslation.translator import TranslationOptions, translator
from simple_history import register as register_history

from catalogue.models import CaseStudy, Category, Component, Event, Institution, NewsItem, Project


class EntryLanguageDescriptor(TranslationFieldDescriptor):
    """``entry.name`` is the text in the active language, else in the entry's own language,
    else in any language (modeltranslation's own fallback order is the same for every entry)."""

    def __get__(self, instance, owner):
        if instance is None:
            return self
        return str(instance.localized(self.field.name))


TRANSLATED_MODELS = [Institution, Category, Component, Project, CaseStudy, NewsItem, Event]

for model in TRANSLATED_MODELS:
    options = type(
        f"{model.__name__}Translation",
        (TranslationOptions,),
        # A missing translation is NULL (never ""), so per-language unique names stay possible.
        {"fields": model.translated_fields, "empty_values": None},
    )
    translator.register(model, options)
    for field_name in model.translated_fields:
        descriptor = model.__dict__[field_name]
        setattr(
            model,
            field_name,
            EntryLanguageDescriptor(
                descriptor.field,
                fallback_languages=descriptor.fallback_languages,
                fallback_value=descriptor.fallback_value,
                fallback_undefined=descriptor.fallback_undefined,
            ),
        )

register_history(Institution)
register_history(
    Component,
    m2m_fields=["categories", "technologies", "contributors"],
    excluded_fields=["updated"],
)
register_history(Project, app="catalogue", m2m_fields=["clients", "technologies"])
register_history(CaseStudy, app="catalogue", m2m_fields=["components"], excluded_fields=["updated"])
# News and events (issue 14).
for model in (NewsItem, Event):
    register_history(
        model,
        app="catalogue",
        m2m_fields=["components", "case_studies", "institutions"],
        excluded_fields=["updated"],
    )


def _plain_indexes_in_history(model):
    # simple_history makes a historical model's unique fields plain indexes (a name recurs in
    # its versions), but a translation field describes itself (deconstruct) from the original
    # field, unique: say it again for the copies in the historical model.
    for field in model.history.model._meta.fields:
        if isinstance(field, TranslationField) and field.translated_field.unique:
            field._field_options_kwargs = {
                **getattr(field, "_field_options_kwargs", {}),
                "unique": False,
                "db_index": True,
            }


for model in (Institution, Component, Project, CaseStudy):
    _plain_indexes_in_history(model)
