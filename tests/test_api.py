"""The read API: same filters as the pages, 400s naming the parameter, published content only,
nested summaries, conditional requests, throttling, constant query counts."""

import datetime
from http import HTTPStatus

import pytest
from django.utils import timezone

from catalogue.models import CatalogueState, Component
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    onss = factories.institution(
        name="Office National de Sécurité Sociale", acronym="ONSS", slug="onss"
    )
    security = factories.category(name="Security", name_fr="Sécurité", slug="security")
    aaas = factories.component(
        name="Archiving-as-a-Service", slug="aaas", kind="service", owner=onss,
        short_description="Archivage électronique.", categories=[security],
    )  # fmt: skip
    factories.component(name="Système Flux", slug="flux", kind="system", owner=onss)
    draft = factories.draft_component(
        name="Hidden", slug="hidden", owner=onss, categories=[security]
    )
    aaas.depends_on.set([draft])
    aaas.related.set([draft])
    project = factories.project(name="Check report", slug="check-report", clients=[onss])
    factories.reuse(project, aaas, fp=10)
    factories.reuse(project, draft, fp=5)
    factories.case_study(title="Story", slug="story", institution=onss, components=[aaas, draft])
    factories.case_study(
        title="Draft story", slug="draft-story", institution=onss, publication="draft"
    )
    return aaas


def test_component_list_uses_the_pages_filters(client, catalogue):
    data = client.get("/api/components/", {"owner": "onss", "kind": "service"}).json()
    assert data["count"] == 1
    assert data["results"][0]["slug"] == "aaas"
    assert data["results"][0]["owner"]["slug"] == "onss"
    assert data["results"][0]["owner"]["url"].endswith("/api/institutions/onss/")
    assert client.get("/api/components/", {"q": "archivage"}).json()["count"] == 1
    names = [c["slug"] for c in client.get("/api/components/", {"sort": "name"}).json()["results"]]
    assert names == ["aaas", "flux"]


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"owner": "nosuch"}, "owner"),
        ({"kind": "planet"}, "kind"),
        ({"sort": "sideways"}, "sort"),
        ({"q": "x" * 201}, "q"),
        ({"page": "abc"}, "page"),
        ({"page": "0"}, "page"),
        ({"page_size": "1000"}, "page_size"),
        ({"category": "nope"}, "category"),
    ],
)
def test_bad_parameters_answer_400_naming_the_parameter(client, catalogue, params, name):
    response = client.get("/api/components/", params)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert name in response.json()


def test_other_listings_validate_their_parameters(client, catalogue):
    assert client.get("/api/projects/", {"year": "soon"}).status_code == HTTPStatus.BAD_REQUEST
    assert (
        client.get("/api/case-studies/", {"institution": "x"}).status_code == HTTPStatus.BAD_REQUEST
    )
    assert client.get("/api/projects/", {"client": "onss"}).json()["count"] == 1


def test_unpublished_content_never_appears(client, catalogue):
    assert client.get("/api/components/hidden/").status_code == HTTPStatus.NOT_FOUND
    assert client.get("/api/case-studies/draft-story/").status_code == HTTPStatus.NOT_FOUND
    bodies = [
        client.get(url).content.decode()
        for url in ["/api/components/", "/api/components/aaas/", "/api/institutions/onss/",
                    "/api/projects/check-report/", "/api/case-studies/", "/api/case-studies/story/",
                    "/api/categories/", "/api/components/?category=security"]
    ]  # fmt: skip
    for body in bodies:
        assert "hidden" not in body.lower() and "Draft story" not in body
    categories = client.get("/api/categories/").json()["results"]
    assert categories[0]["component_count"] == 1
    # The reference name stays English whatever the language; every translation is listed.
    assert categories[0]["name"] == "Security"
    assert categories[0]["names"] == {"en": "Security", "fr": "Sécurité"}


def test_component_detail_has_nested_summaries_and_links(client, catalogue):
    data = client.get("/api/components/aaas/").json()
    assert data["reused_by"][0]["project"]["slug"] == "check-report"
    assert data["reused_by"][0]["fp"] == 10
    assert data["case_studies"][0]["slug"] == "story"
    assert data["html_url"].endswith("/components/aaas/")
    # No repository, licence, contact, platforms or long description: no publiccode.yml, and it
    # says why.
    assert data["publiccode_url"] is None
    assert data["publiccode"]["missing"] == [
        "repository", "licence", "contact", "platforms", "description",
    ]  # fmt: skip
    assert data["depends_on"] == [] and data["related"] == []


def test_conditional_requests(client, catalogue):
    # Last-Modified is sent once the last change is at least a second old (whole seconds).
    past = timezone.now() - datetime.timedelta(minutes=1)
    Component.objects.update(updated=past)
    CatalogueState.objects.update(changed=past)
    response = client.get("/api/components/aaas/")
    assert response["ETag"] and response["Last-Modified"]
    again = client.get("/api/components/aaas/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == HTTPStatus.NOT_MODIFIED
    since = client.get("/api/components/aaas/", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert since.status_code == HTTPStatus.NOT_MODIFIED


def test_anonymous_clients_are_throttled(client, catalogue, monkeypatch):
    from rest_framework.throttling import SimpleRateThrottle

    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/minute", "roi-calculate": "3/minute"}
    )
    codes = [client.get("/api/components/").status_code for _ in range(5)]
    assert codes[:3] == [200, 200, 200] and codes[-1] == HTTPStatus.TOO_MANY_REQUESTS


@pytest.mark.parametrize(
    "path", ["/api/no/such/thing", "/api/case-studies/.x%0Ay/", "/api/components/a.b/"]
)
def test_unknown_api_path_is_a_json_404(client, db, path):
    response = client.get(path)
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize("count", [10, 300])
def test_api_query_counts_stay_constant(client, django_assert_max_num_queries, count):
    owner = factories.institution()
    category = factories.category()
    with factories.without_history:
        for _ in range(count):
            factories.component(owner=owner, categories=[category])
    slug = Component.objects.first().slug
    # Each request also reads and writes its throttle count in the shared (database) cache, in
    # one transaction: 6 queries; a detail reads the catalogue's public state: 1.
    throttle, state = 6, 1
    with django_assert_max_num_queries(8 + throttle):
        assert client.get("/api/components/", {"page_size": 100}).status_code == 200
    with django_assert_max_num_queries(14 + throttle + state):
        assert client.get(f"/api/components/{slug}/").status_code == 200
    with django_assert_max_num_queries(8 + throttle + state):
        assert client.get(f"/api/institutions/{owner.slug}/").status_code == 200
