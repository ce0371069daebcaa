"""The published catalogue as ADMS-AP (DCAT, for Joinup).

The builder takes published components (already loaded with their relations) and absolute URLs;
views only gather and serialise.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rdflib import RDF, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, SKOS

from catalogue.models import Component, Lifecycle
from catalogue.models.component import RESTRICTED_LICENCE
from catalogue.opendata.iri import safe_iri, safe_mailto

ADMS = Namespace("http://www.w3.org/ns/adms#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
ADMS_STATUS = Namespace("http://purl.org/adms/status/")
SPDX_LICENCES = "http://spdx.org/licenses/"
ADMS_ASSET_TYPE = URIRef("http://purl.org/adms/assettype/SoftwareComponent")

# Catalogue lifecycle -> ADMS status vocabulary.
LIFECYCLE_STATUS = {
    Lifecycle.CONCEPT: ADMS_STATUS.UnderDevelopment,
    Lifecycle.DEVELOPMENT: ADMS_STATUS.UnderDevelopment,
    Lifecycle.PILOT: ADMS_STATUS.UnderDevelopment,
    Lifecycle.PRODUCTION: ADMS_STATUS.Completed,
    Lifecycle.DEPRECATED: ADMS_STATUS.Deprecated,
    Lifecycle.RETIRED: ADMS_STATUS.Withdrawn,
}

Url = Callable[[str], str]  # turns a site path into an absolute URL


def adms_graph(components: Iterable[Component], *, absolute: Url, title: str) -> Graph:
    """An ADMS-AP catalogue: one dcat:Catalog, one adms:Asset per published component."""
    graph = Graph()
    graph.bind("adms", ADMS)
    graph.bind("dcat", DCAT)
    graph.bind("dct", DCTERMS)
    graph.bind("foaf", FOAF)
    graph.bind("skos", SKOS)
    graph.bind("vcard", VCARD)
    catalogue = URIRef(absolute("/catalogue.ttl#catalogue"))
    graph.add((catalogue, RDF.type, DCAT.Catalog))
    graph.add((catalogue, DCTERMS.title, Literal(title, lang="en")))
    graph.add(
        (
            catalogue,
            DCTERMS.description,
            Literal("Reusable software of public administrations.", lang="en"),
        )
    )
    graph.add((catalogue, FOAF.homepage, URIRef(absolute("/"))))
    agents = {}
    themes = {}
    for component in components:
        asset = safe_iri(absolute(component.get_absolute_url()))
        if asset is None:
            continue
        graph.add((catalogue, DCAT.dataset, asset))
        graph.add((asset, RDF.type, ADMS.Asset))
        graph.add((asset, DCTERMS.type, ADMS_ASSET_TYPE))
        graph.add((asset, DCTERMS.identifier, Literal(component.slug)))
        graph.add((asset, DCTERMS.title, Literal(component.name, lang="fr")))
        graph.add((asset, DCTERMS.description, Literal(component.short_description, lang="fr")))
        graph.add((asset, DCAT.landingPage, asset))
        graph.add((asset, ADMS.status, LIFECYCLE_STATUS[component.lifecycle]))
        graph.add(
            (asset, DCTERMS.issued, Literal(component.created.isoformat(), datatype=XSD.dateTime))
        )
        graph.add(
            (asset, DCTERMS.modified, Literal(component.updated.isoformat(), datatype=XSD.dateTime))
        )
        owner = component.owner
        if owner.pk not in agents:
            agent = URIRef(absolute(owner.get_absolute_url()))
            graph.add((agent, RDF.type, FOAF.Agent))
            graph.add((agent, FOAF.name, Literal(owner.name)))
            agents[owner.pk] = agent
        graph.add((asset, DCTERMS.publisher, agents[owner.pk]))
        for category in component.categories.all():
            if category.pk not in themes:
                theme = safe_iri(absolute(f"/components/?category={category.slug}"))
                if theme is None:
                    continue
                graph.add((theme, RDF.type, SKOS.Concept))
                for language, label in category.names.items():
                    graph.add((theme, SKOS.prefLabel, Literal(label, lang=language)))
                themes[category.pk] = theme
            graph.add((asset, DCAT.theme, themes[category.pk]))
        for technology in component.technologies.all():
            graph.add((asset, DCAT.keyword, Literal(technology.name)))
        for dependency in component.depends_on.all():
            required = safe_iri(absolute(dependency.get_absolute_url()))
            if required is not None:
                graph.add((asset, DCTERMS.requires, required))
        if component.has_support_contact:
            contact = BNode()
            graph.add((contact, RDF.type, VCARD.Kind))
            if component.support_name:
                graph.add((contact, VCARD.fn, Literal(component.support_name)))
            if safe_mailto(component.support_email):
                graph.add((contact, VCARD.hasEmail, safe_mailto(component.support_email)))
            if safe_iri(component.support_url):
                graph.add((contact, VCARD.hasURL, safe_iri(component.support_url)))
            graph.add((asset, DCAT.contactPoint, contact))
        distribution = safe_iri(absolute(f"/components/{component.slug}/publiccode.yml"))
        if distribution is None:
            continue
        graph.add((asset, DCAT.distribution, distribution))
        graph.add((distribution, RDF.type, ADMS.AssetDistribution))
        graph.add(
            (
                distribution,
                DCAT.accessURL,
                safe_iri(component.source_code_url) or asset,
            )
        )
        licence = safe_iri(SPDX_LICENCES + component.licence)
        if (
            component.licence
            and component.licence != RESTRICTED_LICENCE
            and " " not in component.licence
            and licence is not None
        ):
            graph.add((licence, RDF.type, DCTERMS.LicenseDocument))
            graph.add((distribution, DCTERMS.license, licence))
    return graph
