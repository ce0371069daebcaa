"""What an issue presents: a small registry of sources, one per topic.

Each source says which published entries it offers, by which date they count as new, and
which fields make their title and summary. A feature adds itself with one ``register(...)``
line (news and events: see the end of this module).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.functional import Promise

from catalogue.models import CaseStudy, Component, Event, NewsItem, Topic

# At most this many entries of a source in one issue (the rest: "see the catalogue").
ISSUE_SECTION_SIZE = 20


@dataclass(frozen=True)
class Source:
    topic: str  # a Topic value: subscribers choose sources by topic
    label: Promise | str
    published: Callable[[], QuerySet]  # the entries visitors may see
    title_field: str
    summary_field: str
    # When an entry counts as new. Components and case studies have no publication date:
    # "updated" includes the publication, and entries already in an issue are left out.
    date_field: str = "updated"


SOURCES: dict[str, Source] = {}


def register(source: Source) -> None:
    SOURCES[source.topic] = source


def collect(since, until, already_sent: dict[str, set[int]]) -> dict[str, list[int]]:
    """{topic: [pk, ...]}: each source's entries new in [since, until), not in an earlier
    issue, oldest first."""
    selection = {}
    for topic, source in SOURCES.items():
        dated = {f"{source.date_field}__gte": since, f"{source.date_field}__lt": until}
        pks = list(
            source.published()
            .filter(**dated)
            .exclude(pk__in=already_sent.get(topic, ()))
            .order_by(source.date_field, "pk")
            .values_list("pk", flat=True)[:ISSUE_SECTION_SIZE]
        )
        if pks:
            selection[topic] = pks
    return selection


register(
    Source(
        Topic.COMPONENTS,
        Topic.COMPONENTS.label,
        lambda: Component.objects.published(),
        "name",
        "short_description",
    )
)
register(
    Source(
        Topic.CASE_STUDIES,
        Topic.CASE_STUDIES.label,
        lambda: CaseStudy.objects.published(),
        "title",
        "summary",
    )
)
register(
    Source(Topic.NEWS, Topic.NEWS.label, lambda: NewsItem.objects.published(), "title", "summary")
)
# Events: those still to come, announced once they are published or changed.
register(
    Source(
        Topic.EVENTS,
        Topic.EVENTS.label,
        lambda: Event.objects.published().upcoming(),
        "title",
        "summary",
    )
)
