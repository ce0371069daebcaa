"""Facet counts for the component search.

For each facet, the count next to a value is the number of results its link leads to: the
link keeps every other parameter and sets that facet to that value alone, so the count is
computed with every other filter applied and this facet's own filter left out
(one aggregate query per facet, whatever the catalogue's size).
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.http import QueryDict

from catalogue.models import Category, Institution, Kind, Lifecycle, ReuseConditions, Technology
from catalogue.publiccode import completeness
from catalogue.search.filters import ComponentFilterSet


@dataclass
class FacetValue:
    key: str
    label: str
    count: int
    selected: bool
    url: str


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue] = field(default_factory=list)
    clear_url: str = ""

    @property
    def selected(self):
        return [value for value in self.values if value.selected]


def _url_with(params: QueryDict, name: str, value: str | None) -> str:
    query = params.copy()
    query.pop("page", None)
    if value is None:
        query.pop(name, None)
    else:
        query.setlist(name, [value])
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


def _choice_counts(queryset, field_name, choices):
    rows = queryset.order_by().values(field_name).annotate(n=Count("pk", distinct=True))
    counts = {row[field_name]: row["n"] for row in rows}
    return [(key, str(label), counts.get(key, 0)) for key, label in choices]


def _related_counts(model, related_name, queryset, label_of):
    rows = (
        model.objects.annotate(
            n=Count(
                related_name,
                filter=Q(**{f"{related_name}__in": queryset.values("pk")}),
                distinct=True,
            )
        )
        .filter(n__gt=0)
        .order_by("-n", "name")
    )
    return [(obj.slug, label_of(obj), obj.n) for obj in rows]


def _publiccode_counts(queryset):
    # One aggregate query: a conditional count per value of the publiccode facet.
    annotated = completeness.with_lengths(queryset.order_by())
    counts = annotated.aggregate(
        **{
            f"n{index}": Count("pk", filter=completeness.condition(key), distinct=True)
            for index, (key, _label) in enumerate(completeness.FILTER_CHOICES)
        }
    )
    return [
        (key, str(label), counts[f"n{index}"])
        for index, (key, label) in enumerate(completeness.FILTER_CHOICES)
    ]


def build_facets(filterset: ComponentFilterSet, params: QueryDict) -> list[Facet]:
    selected = {name: set(params.getlist(name)) for name in filterset.FACETS}
    facets = []
    for name in filterset.FACETS:
        narrowed = filterset.narrowed(exclude={name})
        if name == "kind":
            values = _choice_counts(narrowed, "kind", Kind.choices)
        elif name == "lifecycle":
            values = _choice_counts(narrowed, "lifecycle", Lifecycle.choices)
        elif name == "reuse":
            values = _choice_counts(narrowed, "reuse_conditions", ReuseConditions.choices)
        elif name == "licence":
            rows = (
                narrowed.exclude(licence="")
                .order_by()
                .values("licence")
                .annotate(n=Count("pk", distinct=True))
                .order_by("licence")
            )
            values = [(row["licence"], row["licence"], row["n"]) for row in rows]
        elif name == "category":
            values = _related_counts(
                Category, "components", narrowed, lambda obj: obj.localized("name")
            )
        elif name == "publiccode":
            values = _publiccode_counts(narrowed)
        elif hasattr(filterset, f"facet_{name}"):  # a facet that counts itself (filters.py)
            values = getattr(filterset, f"facet_{name}")(narrowed)
        elif name == "technology":
            values = _related_counts(Technology, "components", narrowed, str)
        else:  # owner
            values = _related_counts(
                # In the visitor's language, with the language it is in (pages mark fallbacks).
                Institution,
                "owned_components",
                narrowed,
                lambda obj: obj.localized("display_name"),
            )
        facet = Facet(
            name=name,
            label=str(filterset.filters[name].label),
            clear_url=_url_with(params, name, None),
        )
        for key, label, count in values:
            if count == 0 and key not in selected[name]:
                continue
            facet.values.append(
                FacetValue(
                    key=key,
                    label=label,
                    count=count,
                    selected=key in selected[name],
                    url=_url_with(params, name, key),
                )
            )
        facets.append(facet)
    return facets
