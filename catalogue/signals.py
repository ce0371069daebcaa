"""Side effects of writes.

* The search index in step with everything it includes (catalogue/search/index.py): a
  component's document holds its own fields, its technologies' and categories' names and its
  owner's name and acronym, so any change to one of those refreshes the documents that include
  it. Publishing and withdrawing are saves of the component: the document appears or goes in the
  same transaction.
* The catalogue's public state moved on by every public change (conditional GET validators).
* Versions of entries whose forms show a relation changed from the other side; pending changes
  removed with their entry.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from catalogue.models import (
    CaseStudy,
    CatalogueState,
    Category,
    Component,
    ComponentReuse,
    ContactRequest,
    Delivery,
    Event,
    HarvestLog,
    HarvestRun,
    HarvestSource,
    Institution,
    Membership,
    NewsItem,
    NewsletterIssue,
    PendingChange,
    PostgresSearchRow,
    Project,
    ReuseDeclaration,
    ReuseYear,
    SearchDocument,
    SearchTerm,
    SqliteSearchRow,
    Subscriber,
    Technology,
)
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


# -- the catalogue's public state (conditional GET validators) --------------------------------

# Models whose writes the public never sees.
PRIVATE_MODELS = {
    CatalogueState,
    Membership,
    PendingChange,
    # Visitors' messages and the newsletter's records are never shown on public pages.
    ContactRequest,
    Delivery,
    NewsletterIssue,
    Subscriber,
    # Harvesting records: shown to the institution's members only.
    HarvestLog,
    HarvestRun,
    HarvestSource,
    # The search index follows the entries it indexes; their own saves move the state.
    PostgresSearchRow,
    SearchDocument,
    SearchTerm,
    SqliteSearchRow,
}


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
    if sender in (Component, Project, CaseStudy, ReuseYear, ReuseDeclaration, NewsItem, Event):
        PendingChange.objects.filter(
            content_type=ContentType.objects.get_for_model(sender), object_id=instance.pk
        ).delete()
