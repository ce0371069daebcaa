"""Keep the search index in step with everything it includes (catalogue/search/index.py).

A component's document holds its own fields, its technologies' and categories' names and its
owner's name and acronym, so any change to one of those refreshes the documents that include
it. Publishing and withdrawing are saves of the component: the document appears or goes in the
same transaction.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from catalogue.models import Category, Component, Institution, Technology
from catalogue.search import index


@receiver(post_save, sender=Component)
def component_saved(sender, instance, **kwargs):
    index.refresh([instance.pk])


@receiver(pre_delete, sender=Component)
def component_deleted(sender, instance, **kwargs):
    index.remove([instance.pk])


@receiver(m2m_changed, sender=Component.categories.through)
@receiver(m2m_changed, sender=Component.technologies.through)
def tags_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not reverse:  # instance is a component
        if action in ("post_add", "post_remove", "post_clear"):
            index.refresh([instance.pk])
    elif action in ("post_add", "post_remove"):  # instance is a tag, pk_set its components
        index.refresh(pk_set or [])
    elif action == "pre_clear":  # which components lose the tag is unknown after the clear
        instance._search_cleared = list(instance.components.values_list("pk", flat=True))
    elif action == "post_clear":
        index.refresh(getattr(instance, "_search_cleared", []))


@receiver(post_save, sender=Category)
@receiver(post_save, sender=Technology)
def tag_saved(sender, instance, created, **kwargs):
    if not created:
        index.refresh(instance.components.values_list("pk", flat=True))


@receiver(pre_delete, sender=Category)
@receiver(pre_delete, sender=Technology)
def tag_deleting(sender, instance, **kwargs):
    # Deleting a tag deletes its links without m2m signals: refresh its components after.
    instance._search_components = list(instance.components.values_list("pk", flat=True))


@receiver(post_delete, sender=Category)
@receiver(post_delete, sender=Technology)
def tag_deleted(sender, instance, **kwargs):
    index.refresh(getattr(instance, "_search_components", []))


@receiver(post_save, sender=Institution)
def institution_saved(sender, instance, created, **kwargs):
    if not created:
        index.refresh(instance.owned_components.values_list("pk", flat=True))
