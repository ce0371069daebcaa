"""Exports that scale: the sitemap is an index of bounded pages; code.json and ADMS-AP stream
in batches with a fixed number of queries per batch, and say the same as one whole document."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rdflib import RDF, Graph

from catalogue.opendata import sitemaps, views
from catalogue.opendata.adms import ADMS
from tests import factories
from tests.pagetext import content

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    owner = factories.institution()
    category, technology = factories.category(), factories.technology()
    entries = [
        factories.component(owner=owner, categories=[category], technologies=[technology])
        for _ in range(7)
    ]
    entries[0].depends_on.add(entries[1])
    factories.reuse(factories.project(clients=[owner]), entries[0], fp=3)
    factories.draft_component(name="Secret draft", slug="secret-draft", owner=owner)
    return entries


def locations(xml: str) -> list[str]:
    return re.findall(r"<loc>http://testserver(/[^<]*)</loc>", xml)


def test_the_sitemap_is_an_index_of_bounded_pages(client, catalogue, monkeypatch):
    monkeypatch.setattr(sitemaps, "ENTRIES_PER_PAGE", 3)
    index = client.get("/sitemap.xml")
    assert index.status_code == 200 and "<sitemapindex" in index.content.decode()
    pages = [path.replace("&amp;", "&") for path in locations(index.content.decode())]
    component_pages = [path for path in pages if path.startswith("/sitemap-components.xml")]
    assert len(component_pages) == 3  # 7 published components, 3 a page
    listed = []
    for path in component_pages:
        xml = client.get(path).content.decode()
        urls = locations(xml)
        assert len(urls) <= 3 * 3  # three languages each
        listed += urls
    for entry in catalogue:
        for prefix in ("", "/fr", "/nl"):
            assert listed.count(f"{prefix}/components/{entry.slug}/") == 1
    assert not any("secret-draft" in url for url in listed)
    assert client.get("/sitemap-components.xml?p=4").status_code == 404
    assert client.get("/sitemap-nosuch.xml").status_code == 404


def test_a_sitemap_page_reads_its_rows_only(client, catalogue, monkeypatch):
    monkeypatch.setattr(sitemaps, "ENTRIES_PER_PAGE", 2)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/sitemap-components.xml?p=2").status_code == 200
    reads = [q["sql"] for q in queries if "catalogue_component" in q["sql"]]
    assert any("LIMIT 2 OFFSET 2" in sql for sql in reads), reads
    assert not any("LIMIT" not in sql and "COUNT" not in sql for sql in reads), reads


@pytest.mark.parametrize("path", ["/code.json", "/catalogue.ttl", "/catalogue.jsonld"])
def test_exports_stream_in_batches_with_fixed_queries(client, catalogue, monkeypatch, path):
    def queries_with_batch(size):
        monkeypatch.setattr(views, "BATCH_SIZE", size)
        monkeypatch.setattr(views.published_in_batches, "__defaults__", (size,))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
            body = content(response)
        assert response.streaming
        return len(queries), body

    whole_queries, whole = queries_with_batch(100)
    batched_queries, batched = queries_with_batch(2)
    # 7 components: 1 batch and an empty read, or 4 batches and an empty read.
    per_batch = (batched_queries - whole_queries) // 3
    assert 0 < per_batch <= 6
    assert b"secret-draft" not in batched
    if path == "/code.json":
        releases = json.loads(batched)["releases"]
        assert sorted(r["name"] for r in releases) == sorted(e.name for e in catalogue)
        assert json.loads(batched) == json.loads(whole)
        reused = next(r for r in releases if r["name"] == catalogue[0].name)
        assert reused["reuseFrequency"] == {"reusingProjects": 1}
    else:
        fmt = "turtle" if path.endswith(".ttl") else "json-ld"
        graph, single = (
            Graph().parse(data=batched, format=fmt),
            Graph().parse(data=whole, format=fmt),
        )
        assert len(set(graph.subjects(RDF.type, ADMS.Asset))) == len(catalogue)
        assert graph.isomorphic(single)
