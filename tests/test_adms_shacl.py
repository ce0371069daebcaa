"""ADMS-AP against the official DCAT-AP 3.0.0 SHACL shapes (pyshacl): no violation on the demo
catalogue, nor on a catalogue of publiccode.yml files imported from real repositories; typed as
Joinup harvests solutions; nothing invented where a fact is unknown."""

import pytest
from pyshacl import validate as shacl_validate
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, SH

from catalogue.models import Component, Publication
from catalogue.opendata.adms import ADMS, EIRA, VCARD
from catalogue.publiccode.importer import import_publiccode
from tests import factories
from tests.pagetext import content
from tests.shared import shared_path

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def shapes():
    return Graph().parse(shared_path("adms", "dcat-ap-3.0.0-SHACL.ttl"))


def catalogue_graph(client) -> Graph:
    response = client.get("/catalogue.ttl")
    assert response.status_code == 200
    return Graph().parse(data=content(response), format="turtle")


def violations(graph, shapes):
    conforms, results, _text = shacl_validate(
        graph, shacl_graph=shapes, inference="rdfs", allow_warnings=True
    )
    found = [
        (str(results.value(result, SH.focusNode)), str(results.value(result, SH.resultPath)),
         str(results.value(result, SH.resultMessage)))
        for result in results.subjects(SH.resultSeverity, SH.Violation)
    ]  # fmt: skip
    return conforms, found


def test_the_demo_catalogue_has_no_violation(client, demo, shapes):
    graph = catalogue_graph(client)
    conforms, found = violations(graph, shapes)
    assert found == [] and conforms
    assets = set(graph.subjects(RDF.type, ADMS.Asset))
    assert len(assets) == Component.objects.published().count()


def relabelled_in_a_catalogue_language(path):
    from tests.test_publiccode_fixed_point import _in_a_catalogue_language

    return _in_a_catalogue_language(path)


def test_a_catalogue_of_real_publiccode_files_has_no_violation(client, shapes):
    owner = factories.institution()
    folder = shared_path("publiccode", "realworld")
    imported = 0
    for path in sorted(folder.glob("*.yml")):
        # Files with no English, French or Dutch text are refused by the import (issue 11):
        # relabelled English, they still bring their real repositories, licences and contacts.
        text = relabelled_in_a_catalogue_language(path)
        result = import_publiccode(text, institution=owner, source=path.name)
        if result.ok:
            imported += 1
    assert imported >= 14
    Component.objects.update(publication=Publication.PUBLISHED)
    graph = catalogue_graph(client)
    conforms, found = violations(graph, shapes)
    assert found == [] and conforms
    # Real files give repositories and licences: distributions carry them.
    distributions = set(graph.subjects(RDF.type, DCAT.Distribution))
    assert len(distributions) == imported
    assert len({d for d in distributions if graph.value(d, DCTERMS.license)}) >= imported - 2


def test_joinup_typing_publisher_contacts_and_licences(client, db):
    owner = factories.institution(name="Office National de Sécurité Sociale", acronym="ONSS")
    owner.contact_email = "info@onss.example"
    owner.save()
    known = factories.component(
        name="Known", slug="known", owner=owner, licence="EUPL-1.2",
        source_code_url="https://github.com/onss/known", support_name="Jane Doe",
        support_email="jane@onss.example",
    )  # fmt: skip
    bare = factories.component(name="Bare", slug="bare", owner=factories.institution())
    graph = catalogue_graph(client)
    catalogue = next(graph.subjects(RDF.type, DCAT.Catalog))
    assert graph.value(catalogue, DCTERMS.publisher) is not None
    asset = URIRef(f"http://testserver/components/{known.slug}/")
    assert {DCAT.Dataset, ADMS.Asset} <= set(graph.objects(asset, RDF.type))
    assert graph.value(asset, DCTERMS.relation) == EIRA.DigitalSolution
    assert (asset, DCTERMS.type, None) not in graph  # the ADMS asset types have no software
    distribution = graph.value(asset, DCAT.distribution)
    assert {DCAT.Distribution, ADMS.AssetDistribution} <= set(graph.objects(distribution, RDF.type))
    assert graph.value(distribution, DCAT.accessURL) == URIRef("https://github.com/onss/known")
    assert graph.value(distribution, DCTERMS.license) == URIRef("http://spdx.org/licenses/EUPL-1.2")
    contact = graph.value(asset, DCAT.contactPoint)
    assert VCARD.Kind in set(graph.objects(contact, RDF.type))
    assert graph.value(contact, VCARD.hasEmail) == URIRef("mailto:jane@onss.example")
    assert graph.value(asset, DCTERMS.title) == Literal("Known", lang=known.language)
    # The bare entry: no repository, licence or contact known, so none is written.
    bare_asset = URIRef(f"http://testserver/components/{bare.slug}/")
    assert graph.value(bare_asset, DCAT.distribution) is None
    assert graph.value(bare_asset, DCAT.contactPoint) is None
    publisher = graph.value(bare_asset, DCTERMS.publisher)
    assert graph.value(publisher, FOAF.name) is not None


def test_the_owner_institutions_address_is_the_contact_when_no_support_is_known(client, db):
    owner = factories.institution(name="eHealth")
    owner.contact_email = "info@ehealth.example"
    owner.save()
    component = factories.component(slug="ehealth-thing", owner=owner)
    graph = catalogue_graph(client)
    contact = graph.value(URIRef(f"http://testserver/components/{component.slug}/"),
                          DCAT.contactPoint)  # fmt: skip
    assert VCARD.Organization in set(graph.objects(contact, RDF.type))
    assert graph.value(contact, VCARD.hasEmail) == URIRef("mailto:info@ehealth.example")


def test_a_stored_malformed_url_is_left_out_not_a_server_error(client, db):
    component = factories.component(slug="odd", licence="MIT")
    Component.objects.filter(pk=component.pk).update(
        source_code_url="https://exa mple.org/<repo>", website_url="javascript:alert(1)",
        support_email="not an address",
    )  # fmt: skip
    graph = catalogue_graph(client)
    asset = URIRef("http://testserver/components/odd/")
    assert graph.value(asset, DCAT.distribution) is None
    assert graph.value(asset, FOAF.homepage) is None


def test_text_in_every_language_variant_gets_its_own_literal(db):
    from catalogue.opendata.adms import language_literals

    entry = factories.component(language="nl", name_nl="Naam", name_en="Name", name_fr=None)
    literals = language_literals(entry, "name")
    # The entry's own language first, then the others it has; none for a missing one.
    assert literals == [Literal("Naam", lang="nl"), Literal("Name", lang="en")]
