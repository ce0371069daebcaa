"""ADMS-AP, code.json, feeds and sitemap: published entries only, and parseable."""

import json
from xml.etree import ElementTree

import jsonschema
import pytest
from rdflib import RDF, Graph
from rdflib.namespace import DCAT, DCTERMS, FOAF, SKOS

from catalogue.models import CaseStudy, Component
from catalogue.opendata.adms import ADMS
from tests import factories
from tests.pagetext import content, sitemap_text
from tests.shared import shared_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_draft(demo):
    owner = Component.objects.get(slug="archiving-as-a-service").owner
    return factories.draft_component(name="Secret draft thing", slug="secret-draft", owner=owner)


@pytest.mark.parametrize(
    ("url", "fmt"), [("/catalogue.ttl", "turtle"), ("/catalogue.jsonld", "json-ld")]
)
def test_adms_export_parses_back_with_the_catalogue_counts(client, with_draft, url, fmt):
    response = client.get(url)
    assert response.status_code == 200
    body = content(response).decode()
    graph = Graph().parse(data=body, format=fmt)
    assets = set(graph.subjects(RDF.type, ADMS.Asset))
    assert len(assets) == Component.objects.published().count()
    catalogues = list(graph.subjects(RDF.type, DCAT.Catalog))
    assert len(catalogues) == 1
    assert set(graph.objects(catalogues[0], DCAT.dataset)) == assets
    asset = next(a for a in assets if str(a).endswith("/components/archiving-as-a-service/"))
    assert str(graph.value(asset, DCTERMS.title)) == "Archiving-as-a-Service (AaaS)"
    publisher = graph.value(asset, DCTERMS.publisher)
    names = {str(name) for name in graph.objects(publisher, FOAF.name)}
    assert "Office National de Sécurité Sociale" in names  # and its Dutch and English names
    assert graph.value(asset, ADMS.status) is not None
    assert "secret-draft" not in body
    themes = set(graph.objects(asset, DCAT.theme))
    labels = {
        (label.language, str(label)) for t in themes for label in graph.objects(t, SKOS.prefLabel)
    }
    assert {
        ("en", "Infrastructure and cloud"),
        ("fr", "Infrastructure et cloud"),
        ("nl", "Infrastructuur en cloud"),
    } <= labels


def test_code_json_lists_published_components_only(client, with_draft):
    response = client.get("/code.json")
    assert response.status_code == 200
    body = content(response)
    records = json.loads(body)["releases"]
    names = {record["name"] for record in records}
    assert len(records) == len(names) == Component.objects.published().count()
    assert names == set(Component.objects.published().values_list("name", flat=True))
    assert "Secret draft thing" not in names
    assert b"secret-draft" not in body


def test_code_json_records_validate_against_the_2_0_0_schema(client, with_draft):
    schema = json.loads(shared_path("codejson", "schemas", "schema-2.0.0.json").read_text())
    records = json.loads(content(client.get("/code.json")))["releases"]
    assert len(records) == Component.objects.published().count()
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    for record in records:
        errors = list(validator.iter_errors(record))
        assert not errors, (record["name"], [e.message for e in errors[:3]])


def _feed_items(client, url):
    response = client.get(url)
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)  # noqa: S314 (our own feed)
    return [element for element in root.iter() if element.tag.endswith(("item", "entry"))], response


@pytest.mark.parametrize(
    "url",
    ["/feeds/components.rss", "/feeds/components.atom", "/institutions/onss/feeds/components.rss",
     "/institutions/onss/feeds/components.atom"],
)  # fmt: skip
def test_component_feeds_list_published_entries_only(client, with_draft, url):
    items, response = _feed_items(client, url)
    assert items
    assert b"Secret draft thing" not in response.content
    if "onss" in url:
        assert len(items) == Component.objects.published().filter(owner__slug="onss").count()


@pytest.mark.parametrize("url", ["/feeds/case-studies.rss", "/feeds/case-studies.atom"])
def test_case_study_feeds(client, demo, url):
    factories.case_study(title="Hidden case", publication="draft")
    items, response = _feed_items(client, url)
    assert len(items) == CaseStudy.objects.published().count()
    assert b"Hidden case" not in response.content


def test_feed_of_unknown_institution_is_404(client, db):
    assert client.get("/institutions/nosuch/feeds/components.rss").status_code == 404


def test_sitemap_lists_published_pages_only(client, with_draft):
    body = sitemap_text(client)
    assert "/components/archiving-as-a-service/" in body
    assert "/roi/" in body and "/institutions/onss/" in body
    assert "secret-draft" not in body
