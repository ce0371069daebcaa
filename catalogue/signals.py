"""Side effects of writes: Component.search_text in step with the relations it includes; the
catalogue's public state moved on by every public change; versions of entries whose forms show
a relation changed from the other side; pending changes removed with their entry.

Fixture loading and restores (``raw`` saves) change nothing here: they bring their own values.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from catalogue.models import (
    CaseStudy,
    CatalogueState,
    Category,
    Component,
    ComponentReuse,
    Membership,
    PendingChange,
    Project,
    Technology,
)


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
def tag_renamed(sender, instance, created, raw=False, **kwargs):
    if not created and not raw:
        refresh_search_text(instance.components.all())


# -- the catalogue's public state (conditional GET validators) --------------------------------

# Models whose writes the public never sees.
PRIVATE_MODELS = {CatalogueState, Membership, PendingChange}


def _is_public(model) -> bool:
    return (
        model._meta.app_label == "catalogue"
        and model not in PRIVATE_MODELS
        and not model.__name__.startswith("Historical")
    )


def _bump_state():
    CatalogueState.bump()


def schedule_state_bump(using="default"):
    """Move the public state on once the transaction commits (once per transaction): after the
    commit, so a reader never pairs the new validator with old content, and outside it, so the
    one state row is never a lock that writers wait on or deadlock over."""
    connection = transaction.get_connection(using)
    if connection.in_atomic_block and any(
        callback is _bump_state for _sids, callback, _robust in connection.run_on_commit
    ):
        return
    transaction.on_commit(_bump_state, using=using, robust=True)


@receiver(post_save)
@receiver(post_delete)
def public_write(sender, raw=False, using="default", **kwargs):
    if not raw and _is_public(sender):
        schedule_state_bump(using)


@receiver(m2m_changed)
def public_relation_changed(sender, action, using="default", **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and _is_public(sender):
        schedule_state_bump(using)


# -- versions of entries changed from the other side --------------------------------------------


@receiver(m2m_changed, sender=Component.related.through)
def related_changed(sender, instance, action, reverse, pk_set, **kwargs):
    # Symmetrical: linking A to B changes B's form too.
    if action in ("post_add", "post_remove") and pk_set:
        Component.bump_versions(pk_set - {instance.pk})


@receiver(post_save, sender=ComponentReuse)
@receiver(post_delete, sender=ComponentReuse)
def reuse_row_changed(sender, instance, raw=False, **kwargs):
    # A project's reuse rows are part of its form (and its pending changes' bases).
    if not raw and instance.project_id:
        Project.bump_versions([instance.project_id])


@receiver(post_delete)
def entry_deleted(sender, instance, **kwargs):
    if sender in (Component, Project, CaseStudy):
        PendingChange.objects.filter(
            content_type=ContentType.objects.get_for_model(sender), object_id=instance.pk
        ).delete()
