"""No page grows with the catalogue: cursor pagination in the API, bounded nested lists,
paginated institution and project pages, with the same number of queries at any size."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.utils import timezone

from catalogue.api.serializers import NESTED_LIMIT
from catalogue.models import Component
from catalogue.views.listing import SECTION_SIZE
from tests import factories

pytestmark = pytest.mark.django_db


# An API request also reads and writes its throttle count in the shared (database) cache
# (7 queries at most) and a detail reads the catalogue's public state (1).
API_OVERHEAD = 8


@pytest.fixture
def owner_with(request):
    """An institution owning ``n`` published components (and a draft), client of ``n``
    projects that each reuse one of them."""

    def build(n):
        owner = factories.institution(slug="big-owner")
        category = factories.category()
        now = timezone.now()
        components = []
        for index in range(n):
            component = factories.component(
                owner=owner, name=f"Entry {index:03d}", categories=[category]
            )
            # Distinct creation dates and some equal names: the cursor must order ties.
            Component.objects.filter(pk=component.pk).update(
                created=now - timedelta(hours=index % 7), name=f"Entry {index % 40:03d}"
            )
            components.append(component)
        factories.draft_component(owner=owner, name="Entry draft")
        for index, component in enumerate(components):
            project = factories.project(clients=[owner], name=f"Project {index:03d}")
            factories.reuse(project, component)
        return owner

    return build


def walk(client, params):
    """Every slug of a cursor walk, and the number of requests it took."""
    response = client.get("/api/components/", {**params, "cursor": ""})
    slugs, requests = [], 0
    while True:
        requests += 1
        assert response.status_code == HTTPStatus.OK, response.content
        body = response.json()
        assert "count" not in body and body["previous"] is None
        slugs += [row["slug"] for row in body["results"]]
        if body["next"] is None:
            return slugs, requests
        response = client.get(body["next"])


def numbered(client, params):
    slugs, page = [], 1
    while True:
        body = client.get("/api/components/", {**params, "page": page}).json()
        slugs += [row["slug"] for row in body["results"]]
        if body["next"] is None:
            return slugs
        page += 1


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"sort": "newest"},
        {"sort": "most-reused"},
        {"q": "entry", "sort": "relevance"},
        {"kind": "component", "sort": "name"},
    ],
)
def test_a_cursor_walk_gives_the_same_rows_as_page_numbers(client, owner_with, params):
    owner_with(57)
    params = {**params, "page_size": 10}
    slugs, requests = walk(client, params)
    assert slugs == numbered(client, params)
    assert len(slugs) == len(set(slugs)) == 57 and requests == 6


def test_cursor_pages_cost_the_same_queries_at_any_depth(
    client, owner_with, django_assert_max_num_queries
):
    owner_with(45)
    first = client.get("/api/components/", {"cursor": "", "page_size": 5}).json()
    with django_assert_max_num_queries(4 + API_OVERHEAD):
        deep = client.get(first["next"])
    assert deep.status_code == HTTPStatus.OK


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"cursor": "not-a-cursor"}, "not valid"),
        ({"cursor": "WzEsMiwzXQ"}, "not valid"),  # valid base64 JSON, wrong shape
        ({"cursor": "", "page": "2"}, "not both"),
    ],
)
def test_malformed_cursors_answer_400_naming_the_parameter(client, params, message):
    factories.component()
    response = client.get("/api/components/", params)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert message in response.json()["cursor"][0]


def test_lists_without_a_keyset_order_refuse_the_cursor(client):
    factories.case_study()
    response = client.get("/api/case-studies/", {"cursor": ""})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "page numbers" in response.json()["cursor"][0]


def test_the_schema_documents_the_cursor(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    parameters = schema["paths"]["/api/components/"]["get"]["parameters"]
    assert "cursor" in {parameter["name"] for parameter in parameters}


def test_taxonomy_lists_are_paginated_with_published_counts(client):
    category = factories.category(slug="alpha")
    factories.component(categories=[category])
    factories.draft_component(categories=[category])
    for _ in range(25):
        factories.technology()
    body = client.get("/api/technologies/").json()
    assert body["count"] == 25 and len(body["results"]) == 20
    (row,) = client.get("/api/categories/").json()["results"]
    assert row["slug"] == "alpha" and row["component_count"] == 1


def test_institution_api_detail_cuts_its_nested_lists(client, owner_with):
    owner_with(NESTED_LIMIT + 5)
    body = client.get("/api/institutions/big-owner/").json()
    assert len(body["components"]) == len(body["projects"]) == NESTED_LIMIT
    assert body["component_count"] == NESTED_LIMIT + 5
    assert body["project_count"] == NESTED_LIMIT + 5
    listed = client.get(body["components_url"]).json()
    assert listed["count"] == NESTED_LIMIT + 5
    assert client.get(body["projects_url"]).json()["count"] == NESTED_LIMIT + 5


@pytest.mark.parametrize("count", [3, 70])
def test_institution_page_paginates_at_a_constant_query_count(
    client, owner_with, django_assert_max_num_queries, count
):
    owner_with(count)
    with django_assert_max_num_queries(12):
        response = client.get("/institutions/big-owner/")
    html = response.content.decode()
    assert html.count('<li><a href="/components/component-') == min(count, 20)
    assert "Entry draft" not in html
    if count > SECTION_SIZE:
        assert f"All {count} projects" in html and "/projects/?client=big-owner" in html
        assert "Page 1 of 4" in html
        second = client.get("/institutions/big-owner/", {"page": 2}).content.decode()
        assert "Page 2 of 4" in second
    with django_assert_max_num_queries(12 + API_OVERHEAD):
        assert client.get("/api/institutions/big-owner/").status_code == HTTPStatus.OK


@pytest.mark.parametrize("count", [3, 45])
def test_project_page_paginates_its_components(client, django_assert_max_num_queries, count):
    project = factories.project(slug="big-project")
    for index in range(count):
        factories.reuse(project, factories.component(name=f"Reused {index:03d}"))
    factories.reuse(project, factories.draft_component(name="Reused draft"))
    with django_assert_max_num_queries(10):
        html = client.get("/projects/big-project/").content.decode()
    assert html.count("Reused 0") == min(count, 20)
    assert "Reused draft" not in html
    if count > 20:
        assert "Page 1 of 3" in html
    with django_assert_max_num_queries(10 + API_OVERHEAD):
        body = client.get("/api/projects/big-project/").json()
    assert len(body["reuses"]) == count


def test_component_page_cuts_the_projects_that_reuse_it(client, django_assert_max_num_queries):
    component = factories.component(slug="popular")
    for index in range(SECTION_SIZE + 4):
        factories.reuse(factories.project(name=f"Reuser {index:03d}"), component)
    with django_assert_max_num_queries(16):
        html = client.get("/components/popular/").content.decode()
    assert html.count("Reuser 0") == SECTION_SIZE
    assert f"All {SECTION_SIZE + 4} projects that reuse it" in html
    assert "/projects/?component=popular" in html


def test_component_api_detail_cuts_the_projects_that_reuse_it(client):
    from catalogue.models.component import REUSES_LIMIT

    component = factories.component(slug="popular")
    for index in range(REUSES_LIMIT + 3):
        factories.reuse(factories.project(name=f"Reuser {index:03d}", year=2020), component)
    newest = factories.project(name="Newest reuser", year=2024)
    factories.reuse(newest, component, inferred=True)
    body = client.get("/api/components/popular/").json()
    assert len(body["reused_by"]) == REUSES_LIMIT
    assert body["reused_by"][0]["project"]["name"] == "Newest reuser"  # newest first
    assert body["reused_by_count"] == REUSES_LIMIT + 4  # inferred links included, as listed
    assert body["reused_by_url"].endswith("/api/projects/?component=popular")
    listed = client.get(body["reused_by_url"]).json()
    assert listed["count"] == REUSES_LIMIT + 4
