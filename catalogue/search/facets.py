"""Facet counts for the component search.

A facet value's count is the number of results with that value, every *other* facet's
selection applied (values of one facet are OR-ed, so a facet's own selection does not narrow
its counts: "disjunctive" facets). Its ``url`` leads to exactly those results (that facet set to
that value alone, every other parameter kept).

How it scales (one SQL statement for every facet, whatever the catalogue's size):

- the search runs once: the components matching the query (published, ``q``) are materialised
  in a common table expression, with one 0/1 column per facet telling whether the row passes
  that facet's selection;
- rows failing two or more selections count in no facet and are dropped there, so nothing that
  the filters exclude is grouped;
- each facet groups the rows passing every other selection (a UNION ALL of GROUP BYs; the join
  tables of categories and technologies are read for those rows only);
- a window function keeps the top values of each facet (long facets are bounded; selected
  values are always kept), and the number of distinct values for "show all".

Labels of the related values come from one query per related model, for the kept ids only.
"""

from dataclasses import dataclass, field

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When
from django.http import QueryDict

from catalogue.models import (
    Category,
    Component,
    Institution,
    Kind,
    Lifecycle,
    ReuseConditions,
    Technology,
)
from catalogue.publiccode import completeness
from catalogue.search.filters import ComponentFilterSet, ReusedEvidence

# Facets whose values are the component's own column.
COLUMN_FACETS = {
    "kind": "kind",
    "lifecycle": "lifecycle",
    "licence": "licence",
    "reuse": "reuse_conditions",
    "owner": "owner_id",
}
# Facets through a join table: (through model, its column pointing at the value).
JOIN_FACETS = {
    "category": (Component.categories.through, "category_id"),
    "technology": (Component.technologies.through, "technology_id"),
}
RELATED_MODELS = {"category": Category, "technology": Technology, "owner": Institution}
CHOICES = {
    "kind": Kind.choices,
    "lifecycle": Lifecycle.choices,
    "reuse": ReuseConditions.choices,
    "publiccode": completeness.FILTER_CHOICES,
    "reused": ReusedEvidence.CHOICES,
}
# Facets whose values are conditions (a row may pass several): one 0/1 column per value.
CONDITION_FACETS = {
    "publiccode": (completeness.FILTER_CHOICES, completeness.condition),
    "reused": (ReusedEvidence.CHOICES, ReusedEvidence.condition),
}

# How many values a facet shows (the most frequent first; selected values always). A visitor
# can ask for more with ?more=<facet>: still bounded.
TOP_VALUES = {"category": 20, "owner": 10, "technology": 10, "licence": 10}
MORE_VALUES = 200
# Facets long enough to get a filter box.
LONG_FACETS = ("owner", "technology")


@dataclass
class FacetValue:
    key: str
    label: object
    count: int
    selected: bool
    url: str  # this facet set to this value alone: the count's results
    remove_url: str = ""  # the current search without this value (for selected values)


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue] = field(default_factory=list)
    clear_url: str = ""
    total: int = 0  # distinct values with results (may exceed len(values))
    more_url: str = ""  # the same page listing more of this facet's values, when cut
    long: bool = False

    @property
    def selected(self):
        return [value for value in self.values if value.selected]


def _url(query: QueryDict) -> str:
    query = query.copy()
    query.pop("page", None)
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


def _url_with(params: QueryDict, name: str, values: list[str] | None) -> str:
    query = params.copy()
    if values:
        query.setlist(name, values)
    else:
        query.pop(name, None)
    return _url(query)


def _selection_condition(filterset, name, value):
    """The condition (as a 0/1 expression) that a row passes facet ``name``'s selection."""
    if name in JOIN_FACETS:
        through, column = JOIN_FACETS[name]
        condition = Exists(
            through.objects.filter(
                component_id=OuterRef("pk"), **{f"{column}__in": [obj.pk for obj in value]}
            )
        )
    elif name == "owner":
        condition = Q(owner_id__in=[obj.pk for obj in value])
    elif name in CONDITION_FACETS:
        _choices, condition_of = CONDITION_FACETS[name]
        condition = Q(pk__in=[])
        for key in value:
            condition |= condition_of(key)
    else:
        condition = Q(**{f"{COLUMN_FACETS[name]}__in": list(value)})
    return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())


def _selected_keys(filterset, name) -> list[str]:
    value = filterset.cleaned.get(name) or []
    if name in RELATED_MODELS:
        return [obj.slug for obj in value]
    return [str(item) for item in value]


def count_values(filterset: ComponentFilterSet, limits: dict[str, int]):
    """{facet: (rows, total)}: rows are (value, count) pairs, the top ``limits[facet]`` (and
    every selected value with results); values are column values (ids for related facets)."""
    facets = filterset.FACETS
    selection = {name: filterset.cleaned.get(name) for name in facets}
    selection = {name: value for name, value in selection.items() if value}

    base = completeness.with_lengths(filterset.narrowed(exclude=set(facets)).order_by())
    flags = {f"f_{name}": _selection_condition(filterset, name, v) for name, v in selection.items()}
    value_flags = {
        f"v_{name}_{index}": Case(
            When(condition_of(key), then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
        for name, (choices, condition_of) in CONDITION_FACETS.items()
        if name in facets
        for index, (key, _label) in enumerate(choices)
    }
    base = base.annotate(**flags, **value_flags)
    if len(selection) > 1:
        # A row failing two selections counts in no facet.
        passed = sum((flag for flag in flags.values()), Value(0))
        base = base.alias(passed=passed).filter(passed__gte=len(selection) - 1)
    base = base.values("id", *COLUMN_FACETS.values(), *flags, *value_flags)
    result = {name: ([], 0) for name in facets}
    try:
        base_sql, base_params = base.query.get_compiler(using=base.db).as_sql()
    except EmptyResultSet:  # a query without any word matches nothing: nothing to count
        return result

    def others(name):
        return " AND ".join(f"m.f_{other} = 1" for other in selection if other != name) or "1 = 1"

    parts, params = [], []
    for name in facets:
        if name in COLUMN_FACETS:
            column = COLUMN_FACETS[name]
            extra = " AND m.licence <> ''" if name == "licence" else ""
            parts.append(
                # Identifiers come from the constants above; every value is a parameter.
                f"SELECT %s AS facet, CAST(m.{column} AS TEXT) AS value, COUNT(*) AS n "  # noqa: S608
                f"FROM m WHERE {others(name)}{extra} GROUP BY m.{column}"
            )
            params.append(name)
        elif name in JOIN_FACETS:
            through, column = JOIN_FACETS[name]
            parts.append(
                f"SELECT %s AS facet, CAST(t.{column} AS TEXT) AS value, COUNT(*) AS n "  # noqa: S608
                f"FROM m JOIN {through._meta.db_table} t ON t.component_id = m.id "
                f"WHERE {others(name)} GROUP BY t.{column}"
            )
            params.append(name)
        else:  # a condition facet: one conditional count per value
            choices, _condition_of = CONDITION_FACETS[name]
            for index, (key, _label) in enumerate(choices):
                parts.append(
                    f"SELECT %s AS facet, %s AS value, COUNT(*) AS n "  # noqa: S608
                    f"FROM m WHERE {others(name)} AND m.v_{name}_{index} = 1"
                )
                params.extend([name, key])

    keep, keep_params = [], []
    for name in facets:
        limit = limits.get(name, 1000)
        kept = [str(pk) for pk in _selected_values(selection.get(name), name)]
        clause = "r <= %s" + (f" OR value IN ({', '.join(['%s'] * len(kept))})" if kept else "")
        keep.append(f"(facet = %s AND ({clause}))")
        keep_params.extend([name, limit, *kept])

    materialized = "MATERIALIZED " if _supports_materialized(filterset) else ""
    sql = (
        f"WITH m AS {materialized}({base_sql}) "  # noqa: S608 (the ORM's SQL, parameters apart)
        "SELECT facet, value, n, total FROM ("
        " SELECT facet, value, n,"
        "  ROW_NUMBER() OVER (PARTITION BY facet ORDER BY n DESC, value) AS r,"
        "  COUNT(*) OVER (PARTITION BY facet) AS total"
        f" FROM ({' UNION ALL '.join(parts)}) AS counts WHERE n > 0"
        f") AS ranked WHERE {' OR '.join(keep)}"
    )
    with connections[filterset.queryset.db].cursor() as cursor:
        cursor.execute(sql, [*base_params, *params, *keep_params])
        for facet, value, count, total in cursor.fetchall():
            result[facet][0].append((value, count))
            result[facet] = (result[facet][0], total)
    return result


def _selected_values(value, name):
    """The column values of a facet's selection (ids for related facets)."""
    if not value:
        return []
    if name in RELATED_MODELS:
        return [obj.pk for obj in value]
    return list(value)


def _supports_materialized(filterset):
    # PostgreSQL 12+ and SQLite 3.35+ read "AS MATERIALIZED": the search runs once.
    connection = connections[filterset.queryset.db]
    if connection.vendor == "sqlite":
        import sqlite3

        return sqlite3.sqlite_version_info >= (3, 35, 0)
    return connection.vendor == "postgresql"


def _label_of(name):
    if name == "owner":
        # In the visitor's language, with the language it is in (pages mark fallbacks).
        return lambda obj: obj.localized("display_name")
    if name == "category":
        return lambda obj: obj.localized("name")
    return str


def build_facets(
    filterset: ComponentFilterSet, params: QueryDict, more: frozenset[str] = frozenset()
) -> list[Facet]:
    """Every facet of the search, ready for the page: at most the top values of each (more of
    those named in ``more``), selected values always (with their count, even 0)."""
    limits = {name: (MORE_VALUES if name in more else limit) for name, limit in TOP_VALUES.items()}
    counts = count_values(filterset, limits)
    facets = []
    for name in filterset.FACETS:
        rows, total = counts[name]
        selected_keys = _selected_keys(filterset, name)
        by_value = dict(rows)
        if name in RELATED_MODELS:
            selected_objects = {obj.pk: obj for obj in filterset.cleaned.get(name) or []}
            ids = {int(value) for value in by_value} - set(selected_objects)
            objects = {**RELATED_MODELS[name].objects.in_bulk(ids), **selected_objects}
            label_of = _label_of(name)
            entries = [
                (obj.slug, label_of(obj), by_value.get(str(pk), 0)) for pk, obj in objects.items()
            ]
            # Selected values first (a long list scrolls), then the most frequent.
            entries.sort(
                key=lambda entry: (
                    entry[0] not in selected_keys,
                    -entry[2],
                    str(entry[1]).casefold(),
                )
            )
        elif name in CHOICES:
            entries = [(key, label, by_value.get(str(key), 0)) for key, label in CHOICES[name]]
        else:  # licence: the values themselves
            keys = dict.fromkeys([*by_value, *selected_keys])
            entries = sorted((key, key, by_value.get(key, 0)) for key in keys)
        facet = Facet(
            name=name,
            label=str(filterset.filters[name].label),
            clear_url=_url_with(params, name, None),
            total=total,
            long=name in LONG_FACETS,
        )
        current = [key for key in params.getlist(name) if key]
        for key, label, count in entries:
            selected = key in selected_keys
            if count == 0 and not selected:
                continue
            facet.values.append(
                FacetValue(
                    key=key,
                    label=label,
                    count=count,
                    selected=selected,
                    url=_url_with(params, name, [key]),
                    remove_url=_url_with(params, name, [k for k in current if k != key])
                    if selected
                    else "",
                )
            )
        shown = sum(1 for value in facet.values if value.count)
        if total > shown and name not in more and name in TOP_VALUES:
            query = params.copy()
            query.appendlist("more", name)
            facet.more_url = _url(query)
        facets.append(facet)
    return facets
