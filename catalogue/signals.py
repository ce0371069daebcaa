"""Keep Component.search_text in step with the relations it includes."""

from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from catalogue.models import Category, Component, Technology


def refresh_search_text(components):
    for component in components:
        Component.objects.filter(pk=component.pk).update(search_text=component.build_search_text())


@receiver(m2m_changed, sender=Component.categories.through)
@receiver(m2m_changed, sender=Component.technologies.through)
def tags_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        refresh_search_text([instance])
    else:
        refresh_search_text(instance.components.all())


@receiver(post_save, sender=Category)
@receiver(post_save, sender=Technology)
def tag_renamed(sender, instance, created, **kwargs):
    if not created:
        refresh_search_text(instance.components.all())
