"""The component FilterSet and its facet counts, shared by the HTML page and the API."""

from urllib.parse import urlencode

import pytest
from django.http import QueryDict

from catalogue.models import Component
from catalogue.search.facets import build_facets
from catalogue.search.filters import ComponentFilterSet
from tests import factories

pytestmark = pytest.mark.django_db


def search(query_string):
    data = QueryDict(query_string)
    filterset = ComponentFilterSet(data, queryset=Component.objects.published())
    return filterset, list(filterset.qs)


@pytest.fixture
def catalogue():
    onss = factories.institution(
        name="Office National de Sécurité Sociale", acronym="ONSS", slug="onss"
    )
    ehp = factories.institution(name="Plateforme eHealth", acronym="eHP", slug="ehealth")
    security = factories.category(
        name="Security", name_fr="Sécurité", name_nl="Beveiliging", slug="security"
    )
    web = factories.category(name="Web content", slug="web-content")
    java = factories.technology(name="Java", slug="java")
    php = factories.technology(name="PHP", slug="php")
    return {
        "aaas": factories.component(
            name="Archiving-as-a-Service",
            slug="aaas",
            kind="service",
            owner=onss,
            short_description="Archivage électronique à valeur probante.",
            categories=[security],
            technologies=[java],
            reuse_conditions="public-sector",
            licence="EUPL-1.2",
        ),
        "flux": factories.component(
            name="Système Flux",
            slug="flux",
            kind="system",
            owner=onss,
            short_description="Transmission contrôlée de fichiers.",
            categories=[security, web],
            technologies=[java, php],
            lifecycle="pilot",
        ),
        "cms": factories.component(
            name="Elasticms",
            slug="cms",
            kind="component",
            owner=ehp,
            long_description="A content management system, open source.",
            categories=[web],
            technologies=[php],
            reuse_conditions="open-source",
            licence="MIT",
        ),
        "draft": factories.draft_component(
            name="Secret archiving", slug="draft", kind="service", owner=onss, categories=[security]
        ),
    }


def slugs(components):
    return sorted(component.slug for component in components)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=service", ["aaas"]),
        ("kind=service&kind=system", ["aaas", "flux"]),
        ("category=web-content", ["cms", "flux"]),
        ("owner=onss", ["aaas", "flux"]),
        ("technology=php", ["cms", "flux"]),
        ("lifecycle=pilot", ["flux"]),
        ("licence=MIT", ["cms"]),
        ("reuse=open-source", ["cms"]),
        ("owner=onss&category=web-content", ["flux"]),
        ("owner=onss&kind=service&technology=java", ["aaas"]),
        ("owner=ehealth&kind=service", []),
    ],
)
def test_each_facet_and_their_combinations(catalogue, query, expected):
    filterset, results = search(query)
    assert filterset.is_valid()
    assert slugs(results) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("archiving", ["aaas"]),
        ("ARCHIVAGE", ["aaas"]),  # case-insensitive, in the description
        ("systeme flux", ["flux"]),  # accents folded; every term must match
        ("php", ["cms", "flux"]),  # technologies
        ("security", ["aaas", "flux"]),  # categories
        ("securite", ["aaas", "flux"]),  # ... in every interface language
        ("Beveiliging", ["aaas", "flux"]),
        ("open source", ["cms"]),  # long description
        ("archiving nothing-like-this", []),
        ("%", []),  # LIKE wildcards are literal
    ],
)
def test_search(catalogue, query, expected):
    _, results = search(urlencode({"q": query}))
    assert slugs(results) == expected


def test_translating_a_category_makes_it_searchable_in_that_language(catalogue):
    web = catalogue["cms"].categories.get()
    assert slugs(search("q=webinhoud")[1]) == []
    web.name_nl = "Webinhoud"
    web.save()
    assert slugs(search("q=webinhoud")[1]) == ["cms", "flux"]


def test_search_ranks_name_matches_first(catalogue):
    factories.component(
        name="Backup", slug="backup", short_description="Uses archiving as a backend."
    )
    _, results = search("q=archiving")
    assert [c.slug for c in results] == ["aaas", "backup"]


def test_drafts_never_match(catalogue):
    _, results = search("q=secret")
    assert results == []
    _, results = search("owner=onss&kind=service")
    assert "draft" not in slugs(results)


def test_unknown_values_are_errors_naming_the_parameter(catalogue):
    filterset, _ = search("owner=nosuch&kind=planet&kind=service")
    assert not filterset.is_valid()
    assert set(filterset.errors) == {"owner", "kind"}


def test_overlong_query_is_an_error(catalogue):
    filterset, _ = search("q=" + "a" * 5000)
    assert "q" in filterset.errors


@pytest.mark.parametrize(
    ("sort", "expected"),
    [("name", ["aaas", "cms", "flux"]), ("newest", ["cms", "flux", "aaas"])],
)
def test_sorting(catalogue, sort, expected):
    _, results = search(f"sort={sort}")
    assert [c.slug for c in results] == expected


def test_sort_by_most_reused(catalogue):
    project = factories.project()
    other = factories.project()
    factories.reuse(project, catalogue["cms"])
    factories.reuse(other, catalogue["cms"])
    factories.reuse(project, catalogue["flux"])
    _, results = search("sort=most-reused")
    assert [c.slug for c in results] == ["cms", "flux", "aaas"]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "owner=onss",
        "owner=onss&kind=service",
        "q=archiving",
        "category=security&technology=php",
    ],
)
def test_every_facet_count_matches_the_results_its_link_leads_to(catalogue, query):
    filterset, _ = search(query)
    facets = build_facets(filterset, QueryDict(query))
    checked = 0
    for facet in facets:
        for value in facet.values:
            _, results = search(value.url.lstrip("?"))
            assert value.count == len(results), (facet.name, value.key, value.url)
            checked += 1
    assert checked > 0


def test_facets_count_published_entries_only(catalogue):
    filterset, _ = search("")
    kinds = {v.key: v.count for v in build_facets(filterset, QueryDict(""))[0].values}
    assert kinds == {"service": 1, "system": 1, "component": 1}
