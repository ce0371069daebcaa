"""Tiny factories: each builds one valid object with sensible defaults, overridable by keyword."""

import datetime
import itertools
from decimal import Decimal

from django.test import override_settings

from catalogue.models import (
    CaseStudy,
    Category,
    Component,
    ComponentReuse,
    Institution,
    Project,
    Publication,
    ReuseYear,
    Technology,
)

_sequence = itertools.count(1)

# For catalogues of hundreds of entries built only to be read (query-count tests): recording
# each entry's history is three quarters of the time it takes to build them.
without_history = override_settings(SIMPLE_HISTORY_ENABLED=False)


def _n():
    return next(_sequence)


def institution(**fields):
    n = _n()
    fields.setdefault("name", f"Institution {n}")
    fields.setdefault("acronym", f"I{n}")
    fields.setdefault("slug", f"institution-{n}")
    return Institution.objects.create(**fields)


def category(**fields):
    n = _n()
    fields.setdefault("name", f"Category {n}")
    fields.setdefault("slug", f"category-{n}")
    return Category.objects.create(**fields)


def technology(**fields):
    n = _n()
    fields.setdefault("name", f"Technology {n}")
    fields.setdefault("slug", f"technology-{n}")
    return Technology.objects.create(**fields)


def component(*, categories=(), technologies=(), **fields):
    n = _n()
    fields.setdefault("name", f"Component {n}")
    fields.setdefault("slug", f"component-{n}")
    fields.setdefault("kind", "component")
    fields.setdefault("short_description", f"Does thing number {n}.")
    fields.setdefault("lifecycle", "production")
    fields.setdefault("publication", Publication.PUBLISHED)
    if "owner" not in fields:
        fields["owner"] = institution()
    obj = Component.objects.create(**fields)
    obj.categories.set(categories)
    obj.technologies.set(technologies)
    return obj


def draft_component(**fields):
    fields["publication"] = Publication.DRAFT
    return component(**fields)


def project(*, clients=(), **fields):
    n = _n()
    fields.setdefault("name", f"Project {n}")
    fields.setdefault("slug", f"project-{n}")
    fields.setdefault("year", 2020)
    obj = Project.objects.create(**fields)
    obj.clients.set(clients)
    return obj


def reuse(project_obj, component_obj, **fields):
    return ComponentReuse.objects.create(project=project_obj, component=component_obj, **fields)


def case_study(*, components=(), **fields):
    n = _n()
    fields.setdefault("title", f"Case study {n}")
    fields.setdefault("slug", f"case-study-{n}")
    fields.setdefault("summary", f"How reuse helped, story {n}.")
    fields.setdefault("publication", Publication.PUBLISHED)
    if "institution" not in fields:
        fields["institution"] = institution()
    obj = CaseStudy.objects.create(**fields)
    obj.components.set(components)
    return obj


def reuse_year(**fields):
    fields.setdefault("year", 2020)
    fields.setdefault("unit_cost_eur", Decimal(1000))
    fields.setdefault("publication", Publication.PUBLISHED)
    return ReuseYear.objects.create(**fields)


# ---- news and events (issue 14) -------------------------------------------------------------


def _in_own_language(model, fields):
    """Unsuffixed texts (``title``) are the entry's own language's (``title_fr``)."""
    for name in model.translated_fields:
        if name in fields:
            fields.setdefault(f"{name}_{fields['language']}", fields.pop(name))
    return fields


def news_item(*, components=(), institutions=(), case_studies=(), **fields):
    from catalogue.models import NewsItem

    n = _n()
    fields.setdefault("title", f"News {n}")
    fields.setdefault("slug", f"news-{n}")
    fields.setdefault("summary", f"Something happened, item {n}.")
    fields.setdefault("date", datetime.date(2021, 1, 1) + datetime.timedelta(days=n))
    fields.setdefault("publication", Publication.PUBLISHED)
    fields.setdefault("language", "en")
    if "institution" not in fields:
        fields["institution"] = institution()
    obj = NewsItem.objects.create(**_in_own_language(NewsItem, fields))
    obj.components.set(components)
    obj.institutions.set(institutions)
    obj.case_studies.set(case_studies)
    return obj


def event(*, components=(), institutions=(), days_from_today=10, **fields):
    from django.utils import timezone

    from catalogue.models import Event

    n = _n()
    start = timezone.localdate() + datetime.timedelta(days=days_from_today)
    fields.setdefault("title", f"Event {n}")
    fields.setdefault("slug", f"event-{n}")
    fields.setdefault("summary", f"A meeting about reuse, number {n}.")
    fields.setdefault("start_date", start)
    fields.setdefault("end_date", fields["start_date"])
    fields.setdefault("place", "Brussels")
    fields.setdefault("publication", Publication.PUBLISHED)
    fields.setdefault("language", "en")
    if "institution" not in fields:
        fields["institution"] = institution()
    obj = Event.objects.create(**_in_own_language(Event, fields))
    obj.components.set(components)
    obj.institutions.set(institutions)
    return obj
