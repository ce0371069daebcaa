"""Index upkeep: one document per published component, and the vocabulary's counts.

``refresh(ids)`` brings the documents of those components in line with the database: a
published component gets its document rebuilt, any other (draft, withdrawn, deleted) loses
it, so search never sees an unpublished entry. catalogue.signals calls it on every change of a
component, its tags, categories or owner. ``rebuild()`` starts over (command
``rebuild_search_index``; also run after ``migrate`` when the index is empty).

The back ends' own structures (FTS5 rows, tsvector column) follow the documents by themselves
(triggers, generated column), see catalogue/models/search.py.
"""

from collections import Counter

from django.db import transaction
from django.db.models import F

from catalogue.models import Component, Publication
from catalogue.models.search import SearchDocument, SearchTerm

from .document import build_document

BATCH = 500


def _components(ids):
    return (
        Component.objects.filter(pk__in=ids, publication=Publication.PUBLISHED)
        .select_related("owner")
        .prefetch_related("technologies", "categories")
    )


def _document_of(component):
    return build_document(
        component,
        technologies=list(component.technologies.all()),
        categories=list(component.categories.all()),
    )


@transaction.atomic
def refresh(ids) -> None:
    ids = {int(pk) for pk in ids}
    if not ids:
        return
    old = {
        doc.pk: doc
        for doc in SearchDocument.objects.select_for_update().filter(pk__in=ids).only("words")
    }
    delta: Counter = Counter()
    keep = set()
    for component in _components(ids):
        document = _document_of(component)
        keep.add(component.pk)
        fields = document.as_fields()
        previous = old.get(component.pk)
        if previous is None:
            SearchDocument.objects.create(component_id=component.pk, **fields)
        else:
            SearchDocument.objects.filter(pk=component.pk).update(**fields)
            delta.subtract(set(previous.words.split()))
        delta.update(document.words)
    gone = set(old) - keep
    for pk in gone:
        delta.subtract(set(old[pk].words.split()))
    if gone:
        SearchDocument.objects.filter(pk__in=gone).delete()
    _apply(delta)


def remove(ids) -> None:
    """Forget these components (before they are deleted)."""
    ids = {int(pk) for pk in ids}
    with transaction.atomic():
        docs = list(SearchDocument.objects.select_for_update().filter(pk__in=ids).only("words"))
        delta: Counter = Counter()
        for doc in docs:
            delta.subtract(set(doc.words.split()))
        SearchDocument.objects.filter(pk__in=ids).delete()
        _apply(delta)


def _apply(delta: Counter) -> None:
    """Add ``delta`` to the vocabulary's document counts, in a few statements whatever its
    size; words no document contains any more are dropped."""
    by_change: dict[int, list[str]] = {}
    for word, change in delta.items():
        if change:
            by_change.setdefault(change, []).append(word)
    if not by_change:
        return
    added = [word for change, found in by_change.items() if change > 0 for word in found]
    SearchTerm.objects.bulk_create(
        [SearchTerm(term=word, documents=0) for word in added],
        ignore_conflicts=True,
        batch_size=BATCH,
    )
    for change, found in by_change.items():
        for start in range(0, len(found), BATCH):
            SearchTerm.objects.filter(term__in=found[start : start + BATCH]).update(
                documents=F("documents") + change
            )
    removed = [word for change, found in by_change.items() if change < 0 for word in found]
    for start in range(0, len(removed), BATCH):
        batch = removed[start : start + BATCH]
        SearchTerm.objects.filter(term__in=batch, documents__lte=0).delete()


@transaction.atomic
def rebuild() -> int:
    """Index every published component from scratch; returns how many."""
    SearchDocument.objects.all().delete()
    SearchTerm.objects.all().delete()
    counts: Counter = Counter()
    ids = list(
        Component.objects.filter(publication=Publication.PUBLISHED)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for start in range(0, len(ids), BATCH):
        documents = []
        for component in _components(ids[start : start + BATCH]):
            document = _document_of(component)
            counts.update(document.words)
            documents.append(SearchDocument(component_id=component.pk, **document.as_fields()))
        SearchDocument.objects.bulk_create(documents)
    SearchTerm.objects.bulk_create(
        [SearchTerm(term=word, documents=n) for word, n in counts.items()], batch_size=BATCH
    )
    return len(ids)


def ensure_built(using="default", **kwargs) -> None:
    """After migrate: fill an empty index of a catalogue that has published entries (a
    database migrated from before the index existed). Nothing when migrated backwards."""
    from django.db import connections

    if SearchDocument._meta.db_table not in connections[using].introspection.table_names():
        return
    documents = SearchDocument.objects.using(using)
    published = Component.objects.using(using).filter(publication=Publication.PUBLISHED)
    if not documents.exists() and published.exists():
        rebuild()
