"""Facets of the component listing as people use them: checkboxes, several values per facet,
selected values kept and removable, bounded long facets, constant query counts."""

from http import HTTPStatus
from urllib.parse import parse_qs, urlencode

import pytest
from django.db import connection
from django.http import QueryDict

from catalogue.models import Component
from catalogue.search.facets import TOP_VALUES, build_facets
from catalogue.search.filters import ComponentFilterSet
from tests import factories
from tests.pagetext import (
    facet_values,
    main,
    parse,
    result_names,
    results_heading,
    selected_facets,
)

pytestmark = pytest.mark.django_db


def get(client, query=""):
    response = client.get(f"/components/?{query}")
    assert response.status_code == HTTPStatus.OK, query
    return response.content.decode()


def submitted(html, **typed):
    """What the search form sends: its own fields and every checkbox tied to it (form=),
    with the fields in ``typed`` changed as a visitor would type them."""
    page = parse(html)
    form = page.find("form", id="catalogue-search")
    fields = []
    for element in page.iter():
        inside = element in form.iter() or element.attrs.get("form") == "catalogue-search"
        name = element.attrs.get("name")
        if not inside or not name:
            continue
        if element.tag == "select":
            chosen = [o for o in element.find_all("option") if "selected" in o.attrs]
            fields.append((name, (chosen or element.find_all("option"))[0].attrs["value"]))
        elif element.attrs.get("type") == "checkbox":
            if "checked" in element.attrs:
                fields.append((name, element.attrs["value"]))
        elif element.tag == "input":
            fields.append((name, element.attrs.get("value", "")))
    fields = [(name, typed.get(name, value)) for name, value in fields]
    return parse_qs(urlencode(fields))


@pytest.fixture
def catalogue():
    smals = factories.institution(name="Smals", acronym="Smals", slug="smals")
    onss = factories.institution(name="ONSS", acronym="ONSS", slug="onss")
    health = factories.category(name="Health", slug="health")
    security = factories.category(name="Security", slug="security")
    java = factories.technology(name="Java", slug="java")
    return {
        "printing": factories.component(
            name="Printing", slug="printing", kind="service", owner=smals, categories=[health]
        ),
        "api-gateway": factories.component(
            name="API gateway",
            slug="api-gateway",
            kind="system",
            owner=onss,
            short_description="An API gateway.",
            categories=[security],
            technologies=[java],
        ),
        "flux": factories.component(
            name="Flux", slug="flux", kind="component", owner=smals, categories=[security]
        ),
    }


def test_a_new_query_keeps_every_selected_value_even_at_zero(client, catalogue):
    html = get(client, "kind=service&category=health&owner=smals")
    assert results_heading(html) == "1 component"
    params = submitted(html, q="api")
    assert params["kind"] == ["service"]
    assert params["category"] == ["health"]
    assert params["owner"] == ["smals"]
    assert params["q"] == ["api"]
    assert params["sort"] != ["name"]  # relevance, not a pinned name order

    html = get(client, urlencode(params, doseq=True))
    assert results_heading(html) == "0 components"
    # Nothing matches: the three selected values stay ticked and shown as chips, at 0.
    assert facet_values(html, "kind")["service"] == ("Service (0)", True)
    assert facet_values(html, "category")["health"] == ("Health (0)", True)
    assert facet_values(html, "owner")["smals"][1] is True
    assert set(selected_facets(html)) == {"Kind: Service", "Category: Health", "Owner: Smals"}
    # ...and the form still sends them with the next query.
    params = submitted(html, q="gateway")
    assert (params["kind"], params["category"], params["owner"]) == (
        ["service"],
        ["health"],
        ["smals"],
    )


def test_several_values_of_one_facet_are_ored_and_facets_anded(client, catalogue):
    html = get(client, "kind=service&kind=system")
    assert result_names(html) == ["API gateway", "Printing"]
    # A facet's own selection does not narrow its counts: the other kinds stay offered.
    assert facet_values(html, "kind") == {
        "service": ("Service (1)", True),
        "system": ("System (1)", True),
        "component": ("Software component (1)", False),
    }
    html = get(client, "kind=service&kind=system&owner=smals")
    assert result_names(html) == ["Printing"]
    # Each chip removes its value only.
    chips = selected_facets(html)
    assert QueryDict(chips["Kind: System"][0].lstrip("?")).dict() == {
        "kind": "service",
        "owner": "smals",
    }
    assert QueryDict(chips["Kind: Service"][0].lstrip("?")).getlist("kind") == ["system"]
    assert QueryDict(chips["Owner: Smals"][0].lstrip("?")).getlist("kind") == [
        "service",
        "system",
    ]


def test_the_api_reads_the_same_parameters(client, catalogue):
    rows = client.get("/api/components/?kind=service&kind=system&owner=smals").json()["results"]
    assert [row["slug"] for row in rows] == ["printing"]


def test_skip_link_and_focus_target(client, catalogue):
    html = get(client)
    skip = parse(html).find("a", cls="skip-link", href="#results-title")
    assert skip.text == "Skip to results"
    assert main(html).find(id="results-title").attrs["tabindex"] == "-1"
    assert '<script src="/static/js/facets.js" defer></script>' in html
    # Without JavaScript the filters are applied by a button of the search form.
    button = main(html).find("button", cls="apply-filters")
    assert button.attrs["form"] == "catalogue-search"


def test_empty_result_shows_no_stray_heading_and_one_clear_link(client, catalogue):
    html = get(client, "q=nothingmatchesthis")
    page = main(html)
    assert [link.text for link in page.find_all("a", href="/components/")] == [
        "Clear the search and all filters"
    ]
    assert not page.find_all(id="facets-title")  # no facet has a value: no "Narrow" heading


@pytest.mark.parametrize("query", ["!!", "-", "kind=service&q=%3F%3F"])
def test_a_query_without_words_finds_nothing_and_keeps_the_selection(client, catalogue, query):
    html = get(client, query if "=" in query else f"q={query}")
    assert results_heading(html) == "0 components"
    if "kind" in query:
        assert facet_values(html, "kind")["service"] == ("Service (0)", True)


def test_sort_menu_defaults_to_relevance(client, catalogue):
    html = get(client, "q=gateway")
    select = main(html).find("select", id="id_sort")
    assert [o.attrs["value"] for o in select.find_all("option") if "selected" in o.attrs] == [
        "relevance"
    ]


@factories.without_history
def test_long_facets_list_their_top_values_and_keep_the_selected(client):
    owner = factories.institution(slug="owner")
    technologies = [
        factories.technology(name=f"Tech {n:02}", slug=f"tech-{n:02}") for n in range(15)
    ]
    # tech-00 on 15 components, tech-01 on 14, ... tech-14 on 1.
    for index in range(15):
        factories.component(owner=owner, technologies=technologies[: index + 1])
    limit = TOP_VALUES["technology"]
    html = get(client, "technology=tech-14")
    values = facet_values(html, "technology")
    # The top values, and the selected rare one although it is not among them.
    assert len(values) == limit + 1
    assert values["tech-14"] == ("Tech 14 (1)", True)
    assert list(values)[:3] == ["tech-14", "tech-00", "tech-01"]  # selected first, then top
    assert "tech-13" not in values
    more = main(html).find("p", cls="facet-more").find("a")
    assert more.text == "Show all 15 values of Technology"
    html = get(client, more.attrs["href"].lstrip("?"))
    assert len(facet_values(html, "technology")) == 15
    # The page keeps "more" in its form, so the next search still lists them all.
    assert submitted(html)["more"] == ["technology"]
    # A filter box for long facets (shown by facets.js).
    assert main(html).find("div", cls="facet-filter").attrs["data-facet-filter"] == (
        "facet-technology-values"
    )


def test_facet_counts_take_one_query_whatever_the_selection(
    catalogue, django_assert_max_num_queries
):
    data = QueryDict("q=gateway&kind=system&kind=service&category=security&owner=onss")
    filterset = ComponentFilterSet(data, queryset=Component.objects.published())
    filterset.is_valid()  # validation reads the selected slugs once
    # One statement for every facet's counts, one per related model for the labels.
    with django_assert_max_num_queries(4):
        facets = build_facets(filterset, data)
    counts = {f.name: {v.key: v.count for v in f.values} for f in facets}
    assert counts["kind"] == {"system": 1, "service": 0}
    assert counts["category"] == {"security": 1}
    assert counts["owner"] == {"onss": 1}
    assert counts["technology"] == {"java": 1}


@factories.without_history
def _populate(count):
    owners = [factories.institution() for _ in range(12)]
    categories = [factories.category() for _ in range(4)]
    technologies = [factories.technology() for _ in range(12)]
    for index in range(count):
        factories.component(
            kind=("service", "system", "component")[index % 3],
            owner=owners[index % 12],
            categories=categories[: index % 4 + 1],
            technologies=technologies[index % 12 : index % 12 + 3],
        )
    if connection.vendor == "postgresql":
        # Planner statistics for the rows just written, as a live catalogue has them (without,
        # PostgreSQL may choose a plan made for empty tables and take minutes).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return owners, categories, technologies


@pytest.mark.parametrize("count", [10, 300])
def test_page_query_count_does_not_grow_with_the_catalogue_or_the_selection(
    client, django_assert_max_num_queries, count
):
    owners, categories, technologies = _populate(count)
    query = urlencode(
        [
            ("q", "thing"),
            ("kind", "service"),
            ("kind", "system"),
            ("owner", owners[0].slug),
            ("owner", owners[1].slug),
            ("category", categories[0].slug),
            ("technology", technologies[0].slug),
            ("technology", technologies[1].slug),
        ]
    )
    with django_assert_max_num_queries(13):
        html = get(client, query)
    expected = ComponentFilterSet(QueryDict(query), queryset=Component.objects.published()).qs
    assert results_heading(html).split()[0] == str(expected.count())
    with django_assert_max_num_queries(9):
        get(client)
